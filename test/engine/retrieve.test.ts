// The retrieval core against the org simulator, through the REAL @salesforce/core (auth files in
// an isolated HOME, token refresh, jsforce's SOAP client) — nothing of ours is stubbed.
import { HOME, grepTree, hashTree, listFiles, loginToSim, makeProject, simSecrets } from '../helpers/retrieveHarness';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOrgSim, type OrgSim, type OrgSimOptions } from '../org-sim/server';
import { applyRetrievePlan, listOrgEcas, listOrgLogins, prepareRetrieve } from '../../server/src/retrieve/retrieve';
import { isRetrieveError, type RetrieveErrorCode } from '../../server/src/retrieve/errors';
import { assertEvery } from '../helpers/assert';

const cleanup: string[] = [];
const sims: OrgSim[] = [];
after(async () => {
  for (const s of sims) await s.close();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

let aliasCounter = 0;
async function setup(opts: OrgSimOptions & { files?: Record<string, string>; refresh?: boolean } = {}) {
  const sim = await startOrgSim(opts);
  sims.push(sim);
  const alias = `hub${++aliasCounter}`;
  await loginToSim(sim, alias, { refresh: opts.refresh });
  const root = makeProject({ files: opts.files });
  cleanup.push(root);
  return { sim, alias, root };
}

function expectCode(code: RetrieveErrorCode) {
  return (e: unknown) => {
    assert.ok(isRetrieveError(e), `expected a RetrieveError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  };
}

const ECA_DIR = 'eca-pkg/main/default';

test('retrieves one app with its satellites into the unlocked package directory', async () => {
  const { sim, alias, root } = await setup();
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  assert.deepEqual(plan.targets, { Booking_Integration_API: 'eca-pkg' });
  const result = await applyRetrievePlan(plan);
  assert.equal(result.written.length, 4);
  const expected: [string, string, string][] = [
    ['ExternalClientApplication', 'Booking_Integration_API', `${ECA_DIR}/externalClientApps/Booking_Integration_API.eca-meta.xml`],
    ['ExtlClntAppOauthSettings', 'Booking_Integration_API_oauth', `${ECA_DIR}/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml`],
    ['ExtlClntAppOauthConfigurablePolicies', 'Booking_Integration_API_oauthPlcy', `${ECA_DIR}/extlClntAppOauthPolicies/Booking_Integration_API_oauthPlcy.ecaOauthPlcy-meta.xml`],
    ['ExtlClntAppConfigurablePolicies', 'Booking_Integration_API_plcy', `${ECA_DIR}/extlClntAppPolicies/Booking_Integration_API_plcy.ecaPlcy-meta.xml`],
  ];
  assert.deepEqual(listFiles(root), [...expected.map((e) => e[2]), 'sfdx-project.json'].sort());
  for (const [type, name, path] of expected) {
    // Source format of this family: the Metadata API bytes, unchanged.
    assert.equal(readFileSync(join(root, path), 'utf8'), sim.component(type, name)!.xml, path);
  }
  // The oauthLink, the reason to retrieve at all, arrived with the org's id.
  assert.match(readFileSync(join(root, expected[1][2]), 'utf8'), new RegExp(`<oauthLink>${sim.orgId.slice(0, 15)}:888`));
  assert.ok(sim.ops().includes('readMetadata'), 'satellites were found through readMetadata');
  assert.deepEqual(grepTree(root, simSecrets(sim)), []);
});

test('several apps in one retrieve; an app already in the project stays in its package directory', async () => {
  const { sim, alias, root } = await setup({
    files: {
      'force-app/main/default/externalClientApps/ecaViaMetadata.eca-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>old</label>\n</ExternalClientApplication>\n',
    },
  });
  const plan = await prepareRetrieve({
    targetOrg: alias,
    ecas: ['Booking_Integration_API', 'ecaViaMetadata', 'Field_Create_MDAPI'],
    projectRoot: root,
  });
  assert.deepEqual(plan.targets, { Booking_Integration_API: 'eca-pkg', ecaViaMetadata: 'force-app', Field_Create_MDAPI: 'eca-pkg' });
  assert.equal(sim.ops().filter((o) => o === 'retrieve').length, 1, 'one retrieve for all apps');
  const changed = plan.files.filter((f) => f.state === 'Changed');
  assert.deepEqual(changed.map((f) => f.path), ['force-app/main/default/externalClientApps/ecaViaMetadata.eca-meta.xml']);
  assert.match(changed[0].diff!, /^-    <label>old<\/label>$/m);
  await applyRetrievePlan(plan, { replace: true });
  const files = listFiles(root);
  for (const f of [
    'force-app/main/default/externalClientApps/ecaViaMetadata.eca-meta.xml',
    'force-app/main/default/extlClntAppOauthSettings/ecaViaMetadataSettings.ecaOauth-meta.xml',
    'force-app/main/default/extlClntAppOauthPolicies/ecaViaMetadataSettings_defaultPolicy.ecaOauthPlcy-meta.xml',
    `${ECA_DIR}/externalClientApps/Booking_Integration_API.eca-meta.xml`,
    `${ECA_DIR}/externalClientApps/Field_Create_MDAPI.eca-meta.xml`,
  ]) {
    assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  }
  assert.equal(files.length, 1 + 3 + 4 + 1);
  assert.equal(readFileSync(join(root, 'force-app/main/default/externalClientApps/ecaViaMetadata.eca-meta.xml'), 'utf8'), sim.component('ExternalClientApplication', 'ecaViaMetadata')!.xml);
});

test('OAuth settings named unlike the app are found by their externalClientApplication field, decoys are not', async () => {
  const { alias, root } = await setup();
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Orders_Sync'], projectRoot: root });
  assert.deepEqual(plan.satellites.Orders_Sync, [{ type: 'ExtlClntAppOauthSettings', fullName: 'OrdSync_Connect' }]);
  await applyRetrievePlan(plan);
  const files = listFiles(root);
  assert.ok(files.includes(`${ECA_DIR}/extlClntAppOauthSettings/OrdSync_Connect.ecaOauth-meta.xml`));
  // Orders_Sync_oauth looks like Orders_Sync's by name, but belongs to Orders_Sync_Legacy.
  assert.ok(!files.some((f) => f.includes('Orders_Sync_oauth')), files.join(', '));
  assert.match(readFileSync(join(root, `${ECA_DIR}/extlClntAppOauthSettings/OrdSync_Connect.ecaOauth-meta.xml`), 'utf8'), /<externalClientApplication>Orders_Sync<\/externalClientApplication>/);
});

test('global OAuth settings with a consumer secret in the org answer never reach the disk or the plan', async () => {
  const { sim, alias, root } = await setup();
  sim.answerAlsoWith = ['ExtlClntAppGlobalOauthSettings'];
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API', 'ecaViaMetadata'], projectRoot: root });
  assert.ok(plan.warnings.some((w) => /Left out ExtlClntAppGlobalOauthSettings Booking_Integration_API_glbloauth/.test(w)), plan.warnings.join('\n'));
  await applyRetrievePlan(plan);
  const secrets = simSecrets(sim);
  assert.equal(secrets.length, 6);
  assert.deepEqual(grepTree(root, secrets), []);
  assert.deepEqual(grepTree(HOME, secrets), []);
  assert.ok(!listFiles(root).some((f) => /GlblOauth|glbloauth/i.test(f)));
  const shown = JSON.stringify({ ...plan, files: plan.files.map((f) => ({ ...f, content: f.content.toString(), existing: f.existing?.toString() })) });
  for (const s of secrets) assert.ok(!shown.includes(s), 'secret in the plan');
});

test('a credential element inside a satellite is removed before writing', async () => {
  const leaky =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n' +
    '    <consumerSecret\n  >F00DFACE0123456789ABCDEF0123456789ABCDEF</consumerSecret>\n' +
    '    <externalClientApplication>Leaky</externalClientApplication>\n' +
    '    <label>Leaky_oauth</label>\n    <oauthLink>00D000000000001:888000000000001</oauthLink>\n</ExtlClntAppOauthSettings>\n';
  const { alias, root } = await setup({
    components: [
      { type: 'ExternalClientApplication', fullName: 'Leaky', xml: '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <distributionState>Local</distributionState>\n    <label>Leaky</label>\n</ExternalClientApplication>\n' },
      { type: 'ExtlClntAppOauthSettings', fullName: 'Leaky_oauth', xml: leaky },
    ],
  });
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Leaky'], projectRoot: root });
  assert.ok(plan.warnings.some((w) => /Removed consumerSecret from ExtlClntAppOauthSettings Leaky_oauth/.test(w)));
  await applyRetrievePlan(plan);
  const written = readFileSync(join(root, `${ECA_DIR}/extlClntAppOauthSettings/Leaky_oauth.ecaOauth-meta.xml`), 'utf8');
  assert.ok(!written.includes('F00DFACE0123456789ABCDEF'));
  assert.equal(written, leaky.replace('    <consumerSecret\n  >F00DFACE0123456789ABCDEF0123456789ABCDEF</consumerSecret>\n', ''));
});

test('an access token that expires mid-flow is refreshed and the call replayed', async () => {
  const { sim, alias, root } = await setup();
  // Expires when the org is asked for the retrieve status, i.e. after the retrieve started.
  sim.inject({ on: 'checkRetrieveStatus', kind: 'expireSession' });
  sim.inject({ on: 'readMetadata', kind: 'expireSession' });
  const refreshesAtLogin = sim.refreshCount;
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['ecaViaMetadata'], projectRoot: root });
  await applyRetrievePlan(plan);
  assert.equal(sim.refreshCount - refreshesAtLogin, 2, sim.ops().join(','));
  const ops = sim.ops();
  const firstStatus = ops.indexOf('checkRetrieveStatus');
  assert.equal(ops[firstStatus + 1], 'token', 'refresh right after the rejected call');
  assert.equal(listFiles(root).length, 1 + 3);
});

test('an expired login that cannot be refreshed says how to log in, and writes nothing', async () => {
  const { sim, alias, root } = await setup({ files: { 'eca-pkg/main/default/externalClientApps/Booking_Integration_API.eca-meta.xml': 'local\n' } });
  const before = hashTree(root);
  sim.expireAccessTokens();
  sim.revokeRefreshTokens();
  await assert.rejects(prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root }), (e: unknown) => {
    expectCode('SESSION_EXPIRED')(e);
    assert.match((e as Error).message, new RegExp(`sf org login web --alias ${alias}`));
    return true;
  });
  assert.equal(hashTree(root), before);
});

test('access-token-only login (no refresh token) that expired: SESSION_EXPIRED', async () => {
  const { sim, alias, root } = await setup({ refresh: false });
  sim.expireAccessTokens();
  await assert.rejects(prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root }), expectCode('SESSION_EXPIRED'));
});

test('no login for the org: the message gives the login command', async () => {
  const root = makeProject();
  cleanup.push(root);
  const before = hashTree(root);
  await assert.rejects(prepareRetrieve({ targetOrg: 'NoSuchHub', ecas: ['X'], projectRoot: root }), (e: unknown) => {
    expectCode('NO_LOGIN')(e);
    assert.match((e as Error).message, /sf org login web --alias NoSuchHub/);
    return true;
  });
  assert.equal(hashTree(root), before);
});

test('an app the org does not have: NOT_FOUND listing what it has', async () => {
  const { alias, root } = await setup();
  await assert.rejects(prepareRetrieve({ targetOrg: alias, ecas: ['Ghost_App'], projectRoot: root }), (e: unknown) => {
    expectCode('NOT_FOUND')(e);
    assert.match((e as Error).message, /Ghost_App .*Booking_Integration_API/);
    return true;
  });
});

const existingFiles = {
  'eca-pkg/main/default/externalClientApps/Booking_Integration_API.eca-meta.xml': '<?xml version="1.0"?>\n<ExternalClientApplication/>\n',
  'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml': 'local copy\n',
};

for (const [label, fault] of [
  ['HTTP 500 (SOAP UNKNOWN_EXCEPTION) on retrieve', { on: 'retrieve', kind: 'http500' }],
  ['HTTP 503 HTML page on listMetadata', { on: 'listMetadata', kind: 'html503' }],
  ['SOAP fault REQUEST_LIMIT_EXCEEDED on readMetadata', { on: 'readMetadata', kind: 'soapFault', faultCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
  ['SOAP fault on checkRetrieveStatus', { on: 'checkRetrieveStatus', kind: 'soapFault', faultCode: 'INVALID_ID_FIELD' }],
  ['a retrieve that ends Failed', { on: 'checkRetrieveStatus', kind: 'retrieveFailed', message: 'Unexpected error while packaging' }],
] as const) {
  test(`${label}: ORG_ERROR, workspace unchanged`, async () => {
    const { sim, alias, root } = await setup({ files: existingFiles });
    const before = hashTree(root);
    sim.inject({ ...fault });
    await assert.rejects(prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root }), (e: unknown) => {
      expectCode('ORG_ERROR')(e);
      if ('faultCode' in fault) assert.match((e as Error).message, new RegExp(fault.faultCode));
      return true;
    });
    assert.equal(hashTree(root), before);
    assert.deepEqual(grepTree(root, simSecrets(sim)), []);
  });
}

for (const mode of ['garbage', 'truncated', 'badCrc', 'noRoot'] as const) {
  test(`a malformed zip (${mode}): BAD_ZIP, workspace unchanged`, async () => {
    const { sim, alias, root } = await setup({ files: existingFiles });
    const before = hashTree(root);
    sim.zipMode = mode;
    await assert.rejects(prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root }), expectCode('BAD_ZIP'));
    assert.equal(hashTree(root), before);
  });
}

test('a slow answer, then cancel: CANCELLED at once, workspace unchanged', async () => {
  const { sim, alias, root } = await setup({ files: existingFiles });
  const before = hashTree(root);
  sim.inject({ on: 'checkRetrieveStatus', kind: 'slow' });
  const ac = new AbortController();
  const arrived = sim.waitFor('checkRetrieveStatus');
  const running = prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root, signal: ac.signal });
  await arrived;
  ac.abort();
  await assert.rejects(running, expectCode('CANCELLED'));
  assert.equal(hashTree(root), before);
  // The org never answered that call: the cancel did not wait for it.
  const pending = sim.requests.filter((r) => r.op === 'checkRetrieveStatus');
  assert.equal(pending[pending.length - 1].status, undefined);
});

test('cancel before the write: nothing written even though the org answered', async () => {
  const { alias, root } = await setup();
  const before = hashTree(root);
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(applyRetrievePlan(plan, { signal: ac.signal }), expectCode('CANCELLED'));
  assert.equal(hashTree(root), before);
});

test('local files that differ: CONFLICT without confirmation, replaced with it', async () => {
  const { sim, alias, root } = await setup({ files: existingFiles });
  const before = hashTree(root);
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  const changed = plan.files.filter((f) => f.state === 'Changed');
  assert.equal(changed.length, 2);
  assert.match(changed.find((f) => f.type === 'ExtlClntAppOauthSettings')!.diff!, /^-local copy$/m);
  await assert.rejects(applyRetrievePlan(plan), expectCode('CONFLICT'));
  assert.equal(hashTree(root), before);
  await applyRetrievePlan(plan, { replace: true });
  assert.equal(
    readFileSync(join(root, 'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml'), 'utf8'),
    sim.component('ExtlClntAppOauthSettings', 'Booking_Integration_API_oauth')!.xml,
  );
  // A second run finds everything identical: nothing to write.
  const again = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  assertEvery(again.files, (f) => f.state === 'Unchanged', 'again.files');
});

test('a file edited while the retrieve ran is not overwritten', async () => {
  const { alias, root } = await setup({ files: existingFiles });
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  writeFileSync(join(root, 'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml'), 'edited meanwhile\n');
  const before = hashTree(root);
  await assert.rejects(applyRetrievePlan(plan, { replace: true }), expectCode('CONFLICT'));
  assert.equal(hashTree(root), before);
});

test('a write that fails half-way is rolled back: workspace byte-for-byte unchanged', async () => {
  // A plain file sits where the extlClntAppPolicies folder must be created: the earlier files are
  // already copied into place under temporary names when creating that folder fails.
  const { alias, root } = await setup({
    files: { ...existingFiles, 'eca-pkg/main/default/extlClntAppPolicies': 'not a folder\n' },
  });
  const before = hashTree(root);
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  await assert.rejects(applyRetrievePlan(plan, { replace: true }), expectCode('WRITE_FAILED'));
  assert.equal(hashTree(root), before);
});

test('--output-dir style target and listing: logins (target-dev-hub first) and the org ECAs', async () => {
  const { sim, alias, root } = await setup();
  const other = await startOrgSim({ orgName: 'Other' });
  sims.push(other);
  await loginToSim(other, 'zz-devhub', { setDevHub: true });
  const logins = await listOrgLogins(root);
  assert.equal(logins.targetDevHub, 'zz-devhub');
  assert.equal(logins.logins[0].username, other.username);
  assert.ok(logins.logins[0].isTargetDevHub);
  assert.ok(logins.logins.some((l) => l.username === sim.username && l.aliases.includes(alias)));
  const listed = await listOrgEcas(alias, root);
  assert.deepEqual(
    listed.ecas.map((e) => e.fullName),
    ['Booking_Integration_API', 'ecaViaMetadata', 'Field_Create_MDAPI', 'Orders_Sync', 'Orders_Sync_Legacy'],
  );
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Field_Create_MDAPI'], projectRoot: root, outputDir: 'force-app' });
  await applyRetrievePlan(plan);
  assert.ok(listFiles(root).includes('force-app/main/default/externalClientApps/Field_Create_MDAPI.eca-meta.xml'));
});

test('a satellite type the org rejects as unknown is left out with a note, the rest is retrieved', async () => {
  // At API 66 the retrieval also looks for ExtlClntAppCanvasSettings, which this org does not know
  // (listMetadata answers INVALID_TYPE for the whole batch).
  const { sim, alias, root } = await setup({ maxApiVersion: 66 });
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  assert.ok(plan.warnings.some((w) => /does not know the type ExtlClntAppCanvasSettings/.test(w)), plan.warnings.join('\n'));
  assert.equal(plan.files.length, 4);
  assert.equal(plan.org.apiVersion, '66.0');
  assert.ok(sim.requests.some((r) => r.op === 'listMetadata' && r.status === 500));
});

test('a credential in a local file is masked in the diff, and replaced by the org version without it', async () => {
  const path = 'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml';
  const { alias, root } = await setup({ files: { [path]: '<ExtlClntAppOauthSettings>\n    <consumerKey>3MVG9LOCALKEYVALUE</consumerKey>\n</ExtlClntAppOauthSettings>\n' } });
  const plan = await prepareRetrieve({ targetOrg: alias, ecas: ['Booking_Integration_API'], projectRoot: root });
  const diff = plan.files.find((f) => f.path === path)!.diff!;
  assert.match(diff, /^-    <consumerKey>\[redacted\]<\/consumerKey>$/m);
  assert.ok(!diff.includes('3MVG9LOCALKEYVALUE'));
  await applyRetrievePlan(plan, { replace: true });
  assert.deepEqual(grepTree(root, ['3MVG9LOCALKEYVALUE']), []);
});
