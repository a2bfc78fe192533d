// The environments view in process, through the language service: environments from alias
// folders and sf aliases, app patterns, the drift matrix, and problem counts that are the
// workspace's diagnostics (the numbers the server publishes).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { EcaWorkspace, getLanguageService } from '../../../server/src/engine';
import { eca, tempTree } from '../../helpers/fs';
import { sfHome } from '../../helpers/sfHome';
import { unmark } from '../../helpers/engine';
import { PATTERN1, PATTERN2 } from '../../unit/projectCases';
import { assertEvery } from '../../helpers/assert';

const PO = 'src/integrations/eca-policies';
const POL = (env: string) => `${PO}/${env}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;
const plain = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, unmark(v).text]));

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function service(files: Record<string, string>, orgs: Parameters<typeof sfHome>[0] = {}) {
  const root = tempTree(plain(files));
  const home = sfHome(orgs);
  dirs.push(root, home);
  const ws = new EcaWorkspace({ home });
  ws.addRoot(root);
  await ws.scan(root);
  const ls = getLanguageService(ws);
  return { ws, ls, root, view: ls.environmentsView(root)!, p: (rel: string) => `${root}/${rel}` };
}

test('environments: alias folders and sf aliases with their kinds, production first, default last', async () => {
  const { view } = await service(PATTERN1, { prod: 'production', qa: 'sandbox' });
  assert.deepEqual(view.environments().map((e) => [e.name, e.kind]), [['prod', 'production'], ['qa', 'sandbox'], ['uat', 'unknown'], ['default', 'default']]);
});

test('apps: the pattern follows the package type and distributionState', async () => {
  assert.deepEqual((await service(PATTERN1)).view.apps().map((a) => [a.eca, a.pattern]), [['MyApp', 1]]);
  assert.deepEqual((await service(PATTERN2)).view.apps().map((a) => [a.eca, a.pattern]), [['MyApp', 2]]);
});

test('matrix: one row per setting, run-as users vary by design', async () => {
  const { view } = await service(PATTERN1);
  const m = view.matrix();
  const user = m.rows.find((r) => r.setting === 'clientCredentialsFlowUser');
  assert.ok(user, JSON.stringify(m.rows.map((r) => r.setting)));
  assert.equal(user.drift, 'expected');
});

test('problem counts are the workspace diagnostics: editing a file in the editor changes both alike', async () => {
  const { ws, view, p } = await service(PATTERN1, { prod: 'production' });
  const prod = p(POL('prod'));
  const before = view.problemsOf(prod);
  assert.equal(before.errors, 0);
  ws.setDocument(prod, ws.textOf(prod)!.replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>True'), 1);
  const diags = ws.diagnostics(prod);
  const after = view.problemsOf(prod);
  assert.equal(after.errors, diags.filter((d) => d.severity === 'error').length);
  assert.equal(after.warnings, diags.filter((d) => d.severity === 'warning').length);
  assert.ok(after.errors >= 1);
});

// ---------------------------------------------------------------- the matrix a release engineer signs off from

const D = 'src/integrations/eca-definition';
const GLOBAL = `${D}/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml`;
const globalOauth = eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://acme.example.com/callback</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n    <label>MyApp_glbloauth</label>\n');
const policiesFile = eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n    <label>MyApp_plcy</label>\n');

test('matrix: every component an org receives, in deploy order: header, OAuth settings, global OAuth, policies, OAuth policies', async () => {
  const { view, p } = await service({ ...PATTERN1, [GLOBAL]: globalOauth, [`${PO}/default/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml`]: policiesFile }, { prod: 'production' });
  const m = view.matrix();
  assert.deepEqual([...new Set(m.rows.map((r) => r.component))], ['header', 'oauthSettings', 'globalOAuth', 'policies', 'oauthPolicies']);
  const row = (s: string) => { const r = m.rows.find((x) => x.setting === s); assert.ok(r, `${s} in ${m.rows.map((x) => x.setting).join(', ')}`); return r; };
  assert.deepEqual(m.environments.map((e) => e.name), ['prod', 'uat', 'default']);
  assert.deepEqual(row('header.file').cells.map((c) => [c.status, c.path]), Array(3).fill(['every-org', p(`${D}/externalClientApps/MyApp.eca-meta.xml`)]));
  assert.deepEqual(row('header.distributionState').cells.map((c) => c.value), ['Packaged', 'Packaged', 'Packaged']);
  assert.deepEqual(row('oauthSettings.commaSeparatedOauthScopes').cells.map((c) => c.value), Array(3).fill('Api, RefreshToken'));
  assert.deepEqual(row('globalOAuth.callbackUrl').cells.map((c) => c.value), Array(3).fill('https://acme.example.com/callback'));
  assert.equal(row('globalOAuth.isPkceRequired').drift, 'none');
  // Policies only in default/: prod (production) gets none and keeps what it has; uat has its own folder without it.
  assert.deepEqual(row('policies.file').cells.map((c) => [c.status, c.keeps ?? null]), [
    ['missing', "keeps the org's current policies (not deployed)"],
    ['missing', "keeps the org's current policies (not deployed)"],
    ['own', null],
  ]);
  assert.deepEqual(row('policies.isEnabled').cells.map((c) => [c.value ?? null, c.keeps ?? null]), [
    [null, "org's current value (not deployed)"], [null, "org's current value (not deployed)"], ['true', null],
  ]);
  // The OAuth policies rows keep their names (`file`, bare element names).
  assert.equal(row('file').component, 'oauthPolicies');
  assert.equal(row('file').label, 'OAuth policies');
});

test('matrix: a production org without a folder keeps its current policies; a sandbox without one gets the default/ copy', async () => {
  const { view } = await service(PATTERN1, { prod: 'production', live: 'production', qa: 'sandbox' });
  const m = view.matrix();
  const at = (name: string) => m.environments.findIndex((e) => e.name === name);
  const file = m.rows.find((r) => r.setting === 'file')!;
  assert.equal(file.cells[at('live')].status, 'missing');
  assert.equal(file.cells[at('live')].keeps, "keeps the org's current OAuth policies (not deployed)");
  assert.equal(file.cells[at('qa')].status, 'fallback');
  assert.equal(file.cells[at('qa')].keeps, 'default/ copy');
  assert.equal(file.cells[at('prod')].keeps, undefined);
  const cc = m.rows.find((r) => r.setting === 'isClientCredentialsFlowEnabled')!;
  assert.deepEqual([cc.cells[at('live')].value, cc.cells[at('live')].keeps], [undefined, "org's current value (not deployed)"]);
  assert.deepEqual([cc.cells[at('qa')].value, cc.cells[at('qa')].keeps], ['false', 'default/ copy']);
});

test('matrix: an app without OAuth policy files says every org keeps the platform defaults', async () => {
  const files = Object.fromEntries(Object.entries(PATTERN1).filter(([k]) => !k.startsWith(PO)));
  const m = (await service(files)).view.matrix();
  const file = m.rows.find((r) => r.component === 'oauthPolicies');
  assert.ok(file);
  assert.deepEqual(file.cells.map((c) => [c.status, c.keeps]), m.environments.map(() => ['none', 'platform defaults on install (client credentials off)']));
  assert.ok(m.rows.some((r) => r.setting === 'header.distributionState'), 'the header still shows');
});

test('matrix: invalid values are errors (the rules\' own messages), never drift, and are left out of the comparison', async () => {
  const prod = POL('prod');
  const uat = POL('uat');
  const { view } = await service({
    ...PATTERN1,
    [prod]: PATTERN1[prod].replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>True'),
    [uat]: PATTERN1[uat].replace('<ipRelaxationPolicyType>Enforce', '<ipRelaxationPolicyType>RelaxIPRestrictions').replace('<refreshTokenValidityPeriod>365', '<refreshTokenValidityPeriod>a year'),
    [`${D}/externalClientApps/MyApp.eca-meta.xml`]: PATTERN1[`${D}/externalClientApps/MyApp.eca-meta.xml`].replace('Packaged', 'Packageable'),
  }, { prod: 'production' });
  const m = view.matrix();
  const row = (s: string) => m.rows.find((r) => r.setting === s)!;
  // Only the invalid cell differs from default/ on IP relaxation: no drift, one error.
  const ip = row('ipRelaxationPolicyType');
  assert.deepEqual([ip.drift, ip.errors], ['none', 1]);
  assert.match(ip.cells[1].error ?? '', /'RelaxIPRestrictions' is not a valid ExtlClntAppOauthConfigurablePolicies\.ipRelaxationPolicyType/);
  assert.equal(ip.cells[1].differs, false);
  const period = row('refreshTokenValidityPeriod');
  assert.deepEqual([period.drift, period.errors], ['none', 1]);
  assert.match(period.cells[1].error ?? '', /refreshTokenValidityPeriod must be a whole number, not 'a year'/);
  // `True` is an error on prod; uat (true) still differs from default/ (false): drift among readable values only.
  const cc = row('isClientCredentialsFlowEnabled');
  assert.equal(cc.errors, 1);
  assert.match(cc.cells[0].error ?? '', /isClientCredentialsFlowEnabled must be 'true' or 'false' \(lower case\), not 'True'/);
  assert.deepEqual(cc.cells.map((c) => c.differs), [false, true, false]);
  const ds = row('header.distributionState');
  assert.deepEqual([ds.errors, ds.drift], [3, 'none']);
  assertEvery(ds.cells, (c) => /'Packageable' is not a valid ExternalClientApplication\.distributionState/.test(c.error ?? ''), 'ds.cells');
  assert.equal(row('clientCredentialsFlowUser').errors, 0);
});

test('matrix: a cell is invalid exactly when the one checker says so (a rule turned off turns the cell off too)', async () => {
  const prod = POL('prod');
  const { ws, view, p } = await service({ ...PATTERN1, [prod]: PATTERN1[prod].replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>True') }, { prod: 'production' });
  const cc = () => view.matrix().rows.find((r) => r.setting === 'isClientCredentialsFlowEnabled')!;
  const published = () => ws.fileDiagnostics(p(prod)).filter((d) => d.code === 'invalid-boolean' && d.severity === 'error');
  assert.equal(published().length, 1);
  assert.equal(cc().cells[0].error, published()[0].message, 'the cell shows the diagnostic the Problems panel shows');
  ws.configure({ checkOptions: { disabledRules: ['invalid-boolean'] } });
  assert.deepEqual(published(), []);
  assert.deepEqual([cc().errors, cc().cells[0].error], [0, undefined], 'no checker of the matrix\'s own');
});
