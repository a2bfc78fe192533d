// The environments view over the real LSP wire (dist/server.js --stdio): eca/environments,
// eca/apps, eca/matrix, eca/copySetting, eca/scaffold and the eca/projectChanged notification, on
// the seed's fixture layouts (pattern 1, pattern 2, the prod/non-prod pair). sf org aliases come
// from real sf state files in a temporary HOME, as `sf org login` leaves them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LspClient, uriOf } from '../helpers/lspClient';
import { eca, tempTree } from '../helpers/fs';
import { sfHome, type Kind } from '../helpers/sfHome';
import { unmark } from '../helpers/engine';
import { PATTERN1, PATTERN2, PROD_NONPROD } from '../unit/projectCases';
import { LineIndex } from '../../server/src/engine/text';
import {
  ENV_METHODS, type AppsResult, type CopySettingResult, type EnvironmentsResult, type EnvTreeNode, type MatrixResult, type ScaffoldResult,
  type EnvironmentInfo, type EnvAppInfo, type ReceivedFile,
} from '../../server/src/lsp/environmentsProtocol';
import { assertEvery } from '../helpers/assert';

const PO = 'src/integrations/eca-policies';
const D = 'src/integrations/eca-definition';
const POL = (env: string, app = 'MyApp') => `${PO}/${env}/extlClntAppOauthPolicies/${app}_oauthPlcy.ecaOauthPlcy-meta.xml`;
const plain = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, unmark(v).text]));

interface Served { client: LspClient; root: string; p: (rel: string) => string; changed: () => Promise<string[]> }
const cleanup: (() => Promise<void>)[] = [];
after(async () => { for (const c of cleanup) await c(); });

/** Start the built server on a fresh copy of `files`; resolves once the first project publication reached the client. */
async function serve(files: Record<string, string>, opts: { orgs?: Record<string, Kind>; productionAliases?: string[] } = {}): Promise<Served> {
  const root = tempTree(plain(files));
  const home = sfHome(opts.orgs ?? {});
  const client = new LspClient({ ...process.env, HOME: home });
  client.config = { productionAliases: opts.productionAliases ?? [] };
  let waiters: ((roots: string[]) => void)[] = [];
  client.conn.onNotification(ENV_METHODS.projectChanged, (p: { roots: string[] }) => {
    const w = waiters;
    waiters = [];
    for (const f of w) f(p.roots);
  });
  const changed = () => new Promise<string[]>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no eca/projectChanged within 10 s')), 10_000);
    waiters.push((r) => { clearTimeout(t); resolve(r); });
  });
  const first = changed();
  await client.initialize(root);
  await first;
  cleanup.push(async () => { await client.shutdown(); rmSync(root, { recursive: true, force: true }); rmSync(home, { recursive: true, force: true }); });
  return { client, root, p: (rel) => `${root}/${rel}`, changed };
}

const envs = async (s: Served): Promise<EnvironmentInfo[]> =>
  (await s.client.request<EnvironmentsResult>(ENV_METHODS.environments, {})).nodes.map((n) => (n as Extract<EnvTreeNode, { kind: 'environment' }>).info);
const envApps = async (s: Served, env: string): Promise<EnvAppInfo[]> =>
  (await s.client.request<EnvironmentsResult>(ENV_METHODS.environments, { node: { kind: 'environment', root: s.root, env } })).nodes.map((n) => (n as Extract<EnvTreeNode, { kind: 'envApp' }>).info);
const files = async (s: Served, env: string, app = 'MyApp'): Promise<ReceivedFile[]> =>
  (await s.client.request<EnvironmentsResult>(ENV_METHODS.environments, { node: { kind: 'envApp', root: s.root, env, eca: app } })).nodes.map((n) => (n as Extract<EnvTreeNode, { kind: 'file' }>).info);

/** Apply LSP text edits to a text (last first), as an editor would. */
function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const li = new LineIndex(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => li.offset(b.range.start) - li.offset(a.range.start))) out = out.slice(0, li.offset(e.range.start)) + e.newText + out.slice(li.offset(e.range.end));
  return out;
}

const ORGS: Record<string, Kind> = { prod: 'production', uat: 'sandbox', qa: 'sandbox', dev1: 'scratch', hub: 'devhub', partner: 'unknown' };

test('environments: alias folders ∪ sf aliases ∪ default, each with its kind, production first', async () => {
  const s = await serve(PATTERN1, { orgs: ORGS });
  const list = await envs(s);
  assert.deepEqual(list.map((e) => [e.name, e.kind, e.sources.sort().join('+')]), [
    ['prod', 'production', 'folder+sf'],
    ['hub', 'devhub', 'sf'],
    ['qa', 'sandbox', 'sf'],
    ['uat', 'sandbox', 'folder+sf'],
    ['partner', 'unknown', 'sf'],
    ['dev1', 'scratch', 'sf'],
    ['default', 'default', 'default+folder'],
  ]);
  const by = Object.fromEntries(list.map((e) => [e.name, e]));
  assert.equal(by.prod.username, 'admin@prod.example.com');
  assert.deepEqual(by.prod.folders, [s.p(`${PO}/prod`)]);
  assert.deepEqual(by.default.fallbackOrgs, ['qa', 'dev1']);
  assert.equal(by.qa.counts.fallback, 1);
  assert.equal(by.dev1.counts.fallback, 1);
  assert.equal(by.hub.counts.missing, 1, 'a DevHub is a production org: no fallback');
  assert.equal(by.partner.counts['fallback-if-sandbox'], 1);
  assert.equal(by.uat.counts.own, 1);
  assert.match(by.prod.note, /never falls back/);
});

test('fallbacks: scratch orgs and sandboxes without a folder receive default/, with its settings', async () => {
  const s = await serve(PATTERN1, { orgs: ORGS });
  for (const env of ['qa', 'dev1']) {
    const [f] = await files(s, env);
    assert.equal(f.status, 'fallback', env);
    assert.equal(f.path, s.p(POL('default')));
    assert.equal(f.fromEnv, 'default');
    assert.equal(f.ownPath, s.p(POL(env)), 'where its own copy would go');
    assert.deepEqual(f.settings && [f.settings.isClientCredentialsFlowEnabled, f.settings.clientCredentialsFlowUser], ['false', undefined]);
    assert.match(f.reason, /falls back to default\//);
  }
  const [partner] = await files(s, 'partner');
  assert.equal(partner.status, 'fallback-if-sandbox');
  assert.match(partner.reason, /only if it is a sandbox or scratch org/);
  const [prod] = await files(s, 'prod');
  assert.equal(prod.status, 'own');
  assert.equal(prod.settings?.clientCredentialsFlowUser, 'integration-user@prod.example.com');
  assert.deepEqual(prod.peers.map((x) => x.env), ['default', 'uat']);
  const apps = await envApps(s, 'uat');
  assert.deepEqual(apps.map((a) => [a.eca, a.state, a.settings?.isClientCredentialsFlowEnabled, a.settingsFrom?.status]), [['MyApp', 'complete', 'true', 'own']]);
});

test('production with no folder gets nothing and never falls back (alias from sf and from the setting)', async () => {
  const s = await serve(PATTERN2, { orgs: { live: 'production', hub: 'devhub' }, productionAliases: ['production'] });
  const list = await envs(s);
  const by = Object.fromEntries(list.map((e) => [e.name, e]));
  assert.equal(by.production.kind, 'production');
  assert.deepEqual(by.production.sources, ['setting']);
  assert.equal(by.live.kind, 'production');
  for (const env of ['production', 'live', 'hub']) {
    const [f] = await files(s, env);
    assert.equal(f.status, 'missing', env);
    assert.equal(f.path, undefined);
    assert.match(f.reason, /never falls back to default\/ \(flxbl-io\/sfp#119\)/);
    assert.equal(by[env].counts.missing, 1);
  }
  const apps = await envApps(s, 'production');
  assert.equal(apps[0].state, 'missing');
});

test('merge mode: default/ is merged into alias folders; without it an alias folder lacking a file gets none', async () => {
  const plcy = eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n    <label>MyApp_plcy</label>\n');
  const extra = { [`${PO}/default/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml`]: plcy };
  const merge = JSON.parse(PATTERN1['sfdx-project.json']);
  merge.packageDirectories[1].aliasfyMergeMode = true;
  const withMerge = await serve({ ...PATTERN1, ...extra, 'sfdx-project.json': JSON.stringify(merge, null, 2) }, { orgs: { uat: 'sandbox', dev1: 'scratch' } });
  const uat = await files(withMerge, 'uat');
  assert.deepEqual(uat.map((f) => [f.type, f.status, f.fromEnv]), [
    ['ExtlClntAppConfigurablePolicies', 'merged', 'default'],
    ['ExtlClntAppOauthConfigurablePolicies', 'own', 'uat'],
  ]);
  assert.match(uat[0].reason, /Merge mode merges default\/ into uat\//);
  assert.deepEqual((await files(withMerge, 'dev1')).map((f) => f.status), ['fallback', 'fallback']);
  const without = await serve({ ...PATTERN1, ...extra }, { orgs: { uat: 'sandbox' } });
  const u2 = await files(without, 'uat');
  assert.deepEqual(u2.map((f) => f.status), ['missing', 'own']);
  assert.match(u2[0].reason, /without merge mode sfp deploys only that folder/);
});

test('apps: pattern from package type, distributionState, oauthLink and bootstrap; package and deploy order', async () => {
  const p1 = await serve(PATTERN1);
  const list1 = (await p1.client.request<AppsResult>(ENV_METHODS.apps, {})).nodes;
  assert.deepEqual(list1.map((n) => n.kind === 'app' && [n.info.eca, n.info.pattern, n.info.distributionState]), [['MyApp', 1, 'Packaged']]);
  const d1 = (await p1.client.request<AppsResult>(ENV_METHODS.apps, { node: { kind: 'app', root: p1.root, eca: 'MyApp' } })).detail!;
  assert.deepEqual(d1.evidence.map((e) => e.pattern), [1, 1, 1]);
  assert.equal(d1.header?.path, p1.p(`${D}/externalClientApps/MyApp.eca-meta.xml`));
  assert.deepEqual(d1.oauthSettings.map((o) => [o.scopes, o.linkOrgId]), [['Api, RefreshToken', '00Dbm000004ELiD']]);
  assert.deepEqual(d1.deployOrder.map((st) => [st.package.name, st.package.type, st.holds]), [
    ['eca-definition', 'unlocked', ['ECA header', 'OAuth settings']],
    ['eca-policies', 'source', ['policies per environment (aliasfy)']],
  ]);
  assert.deepEqual(d1.policies.map((x) => [x.env, x.files.map((f) => f.status)]), [['prod', ['own']], ['uat', ['own']], ['default', ['own']]]);
  assert.equal(d1.bootstrap, undefined);
  assert.ok(d1.notes.some((n) => /replicated to sandboxes on refresh/.test(n)));

  const p2 = await serve(PATTERN2);
  const d2 = (await p2.client.request<AppsResult>(ENV_METHODS.apps, { node: { kind: 'app', root: p2.root, eca: 'MyApp' } })).detail!;
  assert.equal(d2.pattern, 2);
  assert.deepEqual(d2.evidence.map((e) => e.pattern), [2, 2, 2]);
  assert.deepEqual(d2.bootstrap && [d2.bootstrap.script, d2.bootstrap.exists], ['scripts/bootstrap-eca-oauth.sh', true]);
  assert.deepEqual(d2.deployOrder[0].holds, ['ECA header', 'OAuth bootstrap (scripts/bootstrap-eca-oauth.sh)']);
  assert.ok(d2.notes.some((n) => /not replicated to sandboxes/.test(n)));

  const pair = await serve(PROD_NONPROD);
  const apps = (await pair.client.request<AppsResult>(ENV_METHODS.apps, {})).nodes;
  assert.deepEqual(apps.map((n) => n.kind === 'app' && [n.info.eca, n.info.pattern, n.info.header?.package?.name]), [
    ['MyApp', 1, 'eca-definition'], ['MyApp_NonProd', 1, 'eca-definition-nonprod'],
  ]);
  const bad = await pair.client.request(ENV_METHODS.apps, { node: { kind: 'app', root: pair.root, eca: 'Nope' } }).then(() => '', (e: Error) => e.message);
  assert.match(bad, /No External Client App named Nope/);
});

test('drift matrix: differences flagged per setting; run-as users vary by design; missing environments on the file row', async () => {
  const uat = POL('uat');
  const s = await serve({ ...PATTERN1, [uat]: PATTERN1[uat].replace('<ipRelaxationPolicyType>Enforce', '<ipRelaxationPolicyType>Bypass') }, { orgs: { prod: 'production', uat: 'sandbox' }, productionAliases: ['production'] });
  const [m] = (await s.client.request<MatrixResult>(ENV_METHODS.matrix, {})).matrices;
  assert.deepEqual(m.environments.map((e) => e.name), ['prod', 'production', 'uat', 'default']);
  const row = (setting: string) => m.rows.find((r) => r.setting === setting)!;
  const cells = (setting: string) => row(setting).cells.map((c) => [c.value ?? null, c.differs]);
  assert.equal(row('file').drift, 'drift');
  assert.deepEqual(row('file').cells.map((c) => c.status), ['own', 'missing', 'own', 'own']);
  assert.equal(row('ipRelaxationPolicyType').drift, 'drift');
  assert.deepEqual(cells('ipRelaxationPolicyType'), [['Enforce', false], [null, false], ['Bypass', true], ['Enforce', false]]);
  assert.equal(row('isClientCredentialsFlowEnabled').drift, 'drift');
  assert.deepEqual(cells('isClientCredentialsFlowEnabled'), [['true', true], [null, false], ['true', true], ['false', false]]);
  assert.equal(row('clientCredentialsFlowUser').drift, 'expected');
  assert.equal(row('refreshTokenPolicyType').drift, 'none');
  assertEvery(m.rows, (r) => r.eca === 'MyApp', 'm.rows');
});

test('problem counts come from file checks and project diagnostics', async () => {
  const prod = POL('prod');
  const s = await serve({ ...PATTERN1, [prod]: PATTERN1[prod].replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>True') }, { orgs: { prod: 'production' } });
  const [f] = await files(s, 'prod');
  assert.equal(f.problems.errors, 1, 'invalid-boolean');
  const by = Object.fromEntries((await envs(s)).map((e) => [e.name, e]));
  assert.equal(by.prod.problems.errors, 1);
  assert.equal(by.default.problems.errors, 0);
  // A project rule (client-credentials-user-shared) on two environment folders.
  const shared = await serve({ ...PATTERN1, [POL('uat')]: PATTERN1[POL('prod')] });
  const [u] = await files(shared, 'uat');
  assert.equal(u.problems.warnings, 1);
});

test('large trees answer one level per request: environments carry no files, files come per environment and app', async () => {
  const s = await serve(PROD_NONPROD, { orgs: { prod: 'production' } });
  const top = await s.client.request<EnvironmentsResult>(ENV_METHODS.environments, {});
  assertEvery(top.nodes, (n) => n.kind === 'environment', 'top.nodes');
  assert.equal(top.indexing, false);
  assert.ok(!JSON.stringify(top).includes('peers'), 'no file detail at the top level');
  const apps = await envApps(s, 'default');
  assert.deepEqual(apps.map((a) => a.eca), ['MyApp', 'MyApp_NonProd']);
  assert.ok(!JSON.stringify(apps).includes('peers'));
  assert.deepEqual((await files(s, 'prod', 'MyApp_NonProd')).map((f) => f.status), ['own']);
});

test('open documents win over disk and every change notifies eca/projectChanged', async () => {
  const s = await serve(PATTERN1, { orgs: { uat: 'sandbox' } });
  const uat = POL('uat');
  const text = readFileSync(s.p(uat), 'utf8');
  let note = s.changed();
  s.client.open(s.p(uat), text.replace('integration-user@prod.example.com.uat', 'someone-else@acme.com.uat'));
  assert.deepEqual(await note, [s.root]);
  assert.equal((await files(s, 'uat'))[0].settings?.clientCredentialsFlowUser, 'someone-else@acme.com.uat');
  // A file created on disk (watched-file event): the sandbox qa gets its own folder.
  note = s.changed();
  const qa = s.p(POL('qa'));
  mkdirSync(dirname(qa), { recursive: true });
  writeFileSync(qa, text);
  await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(qa), type: 1 }] });
  await note;
  const list = await envs(s);
  assert.ok(list.some((e) => e.name === 'qa' && e.sources.includes('folder') && e.counts.own === 1));
});

test('copySetting changes only the value bytes; inserts in alphabetical place; removes when the source lacks it; keeps default/ safe', async () => {
  const prod = POL('prod');
  const noIp = PATTERN1[prod].replace('    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n', '').replace(/\n/g, '\r\n');
  const s = await serve({ ...PATTERN1, [POL('uat')]: PATTERN1[POL('uat')].replace('<ipRelaxationPolicyType>Enforce', '<ipRelaxationPolicyType>Bypass'), [prod]: noIp });
  // Replace a value: one edit, exactly the value's range.
  const r1 = await s.client.request<CopySettingResult>(ENV_METHODS.copySetting, { source: s.p(POL('uat')), setting: 'ipRelaxationPolicyType', targets: [s.p(POL('default'))] });
  assert.deepEqual(r1.changed, [s.p(POL('default'))]);
  const e1 = r1.edit.documentChanges![0] as { textDocument: { uri: string }; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] };
  assert.equal(e1.textDocument.uri, uriOf(s.p(POL('default'))));
  const before = readFileSync(s.p(POL('default')), 'utf8');
  assert.equal(applyEdits(before, e1.edits), before.replace('<ipRelaxationPolicyType>Enforce', '<ipRelaxationPolicyType>Bypass'));
  assert.equal(e1.edits.length, 1);
  assert.equal(e1.edits[0].newText, 'Bypass');
  assert.deepEqual(r1.changes, [{ kind: 'edit', path: s.p(POL('default')), edits: e1.edits }]);
  assert.deepEqual(r1.versions, { [s.p(POL('default'))]: null });
  // Insert a missing element where it belongs alphabetically, with the file's indentation and CRLF.
  const r2 = await s.client.request<CopySettingResult>(ENV_METHODS.copySetting, { source: s.p(POL('uat')), setting: 'ipRelaxationPolicyType', targets: [s.p(prod)] });
  const e2 = r2.changes[0];
  assert.ok(e2.kind === 'edit');
  assert.equal(applyEdits(noIp, e2.edits), noIp.replace('    <isClientCredentialsFlowEnabled>', '    <ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>\r\n    <isClientCredentialsFlowEnabled>'));
  // Already equal: nothing to change.
  const r3 = await s.client.request<CopySettingResult>(ENV_METHODS.copySetting, { source: s.p(POL('prod')), setting: 'refreshTokenPolicyType', targets: [s.p(POL('uat'))] });
  assert.deepEqual([r3.changed, r3.unchanged], [[], [s.p(POL('uat'))]]);
  // Removing: default/ has no run-as user; copying that "unset" to uat removes the whole line.
  const r4 = await s.client.request<CopySettingResult>(ENV_METHODS.copySetting, { source: s.p(POL('default')), setting: 'clientCredentialsFlowUser', targets: [s.p(POL('uat'))] });
  const uatText = readFileSync(s.p(POL('uat')), 'utf8');
  const e4 = r4.changes[0];
  assert.ok(e4.kind === 'edit');
  assert.equal(applyEdits(uatText, e4.edits), uatText.replace(/ *<clientCredentialsFlowUser>[^\n]*\n/, ''));
  // Refusals: client credentials on in default/; a setting the type does not have; another app's file.
  const refused = (params: object) => s.client.request(ENV_METHODS.copySetting, params).then(() => '', (e: Error) => e.message);
  assert.match(await refused({ source: s.p(POL('uat')), setting: 'isClientCredentialsFlowEnabled', targets: [s.p(POL('default'))] }), /default\/ must keep client credentials off/);
  assert.match(await refused({ source: s.p(POL('uat')), setting: 'clientCredentialsFlowUser', targets: [s.p(POL('default'))] }), /default\/ must keep client credentials off/);
  assert.match(await refused({ source: s.p(POL('uat')), setting: 'noSuchThing', targets: [s.p(prod)] }), /not a single-valued setting/);
  assert.match(await refused({ source: s.p(POL('uat')), setting: 'label', targets: [s.p(`${D}/externalClientApps/MyApp.eca-meta.xml`)] }), /not the same kind of file/);
  // Nothing was written by any request.
  assert.equal(readFileSync(s.p(prod), 'utf8'), noIp);
});

test('scaffold: copies another environment into a missing folder, default/ with client credentials off, never over an existing file', async () => {
  const noDefault = { ...PATTERN1 };
  delete noDefault[POL('default')];
  const s = await serve(noDefault, { productionAliases: ['production', 'prod'] });
  const r = await s.client.request<ScaffoldResult>(ENV_METHODS.scaffold, { root: s.root, env: 'production', from: 'prod' });
  assert.deepEqual(r.files, [s.p(POL('production'))]);
  assert.deepEqual(r.changes, [{ kind: 'create', path: s.p(POL('production')), text: readFileSync(s.p(POL('prod')), 'utf8') }]);
  assert.deepEqual(r.edit.documentChanges![0], { kind: 'create', uri: uriOf(s.p(POL('production'))), options: { overwrite: false, ignoreIfExists: false } });
  const d = await s.client.request<ScaffoldResult>(ENV_METHODS.scaffold, { root: s.root, env: 'default', from: 'prod' });
  const text = (d.changes[0] as { text: string }).text;
  assert.match(text, /<isClientCredentialsFlowEnabled>false</);
  assert.doesNotMatch(text, /clientCredentialsFlowUser/);
  const refused = (params: object) => s.client.request(ENV_METHODS.scaffold, params).then(() => '', (e: Error) => e.message);
  assert.match(await refused({ root: s.root, env: 'uat' }), /Nothing to scaffold for uat: it has its own copy of every file/);
  assert.match(await refused({ root: s.root, env: 'nowhere' }), /No environment named nowhere/);
  assert.match(await refused({ root: s.root, env: 'production', from: 'qa' }), /qa has no copy to start from/);
});

test('several projects: the top level lists them, each expands to its environments', async () => {
  const root = tempTree({
    ...Object.fromEntries(Object.entries(plain(PATTERN1)).map(([k, v]) => [`a/${k}`, v])),
    ...Object.fromEntries(Object.entries(plain(PATTERN2)).map(([k, v]) => [`b/${k}`, v])),
  });
  const client = new LspClient({ ...process.env, HOME: sfHome({}) });
  const first = new Promise<void>((resolve) => client.conn.onNotification(ENV_METHODS.projectChanged, () => resolve()));
  await client.initialize(root);
  await first;
  cleanup.push(async () => { await client.shutdown(); rmSync(root, { recursive: true, force: true }); });
  const top = await client.request<EnvironmentsResult>(ENV_METHODS.environments, {});
  assert.deepEqual(top.nodes.map((n) => n.kind === 'project' && n.root), [`${root}/a`, `${root}/b`]);
  const a = await client.request<EnvironmentsResult>(ENV_METHODS.environments, { node: { kind: 'project', root: `${root}/a` } });
  assert.deepEqual(a.nodes.map((n) => n.kind === 'environment' && n.info.name), ['prod', 'uat', 'default']);
  const apps = await client.request<AppsResult>(ENV_METHODS.apps, { node: { kind: 'project', root: `${root}/b` } });
  assert.deepEqual(apps.nodes.map((n) => n.kind === 'app' && [n.info.eca, n.info.pattern]), [['MyApp', 2]]);
  const m = await client.request<MatrixResult>(ENV_METHODS.matrix, {});
  assert.equal(m.matrices.length, 2);
});

test('matrix over the wire: every component per org, what a missing file leaves the org with, invalid values as errors not drift', async () => {
  const prod = POL('prod');
  const uat = POL('uat');
  const GLOBAL = `${D}/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml`;
  const s = await serve({
    ...PATTERN1,
    [GLOBAL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://acme.example.com/callback</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <label>MyApp_glbloauth</label>\n'),
    [prod]: PATTERN1[prod].replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>True'),
    [uat]: PATTERN1[uat].replace('<ipRelaxationPolicyType>Enforce', '<ipRelaxationPolicyType>RelaxIPRestrictions'),
  }, { orgs: { prod: 'production', qa: 'sandbox' }, productionAliases: ['production'] });
  const [m] = (await s.client.request<MatrixResult>(ENV_METHODS.matrix, {})).matrices;
  assert.deepEqual(m.environments.map((e) => e.name), ['prod', 'production', 'qa', 'uat', 'default']);
  assert.deepEqual([...new Set(m.rows.map((r) => r.component))], ['header', 'oauthSettings', 'globalOAuth', 'oauthPolicies']);
  const row = (setting: string) => { const r = m.rows.find((x) => x.setting === setting); assert.ok(r, setting); return r; };
  assert.deepEqual(row('header.distributionState').cells.map((c) => [c.status, c.value]), Array(5).fill(['every-org', 'Packaged']));
  assert.deepEqual(row('oauthSettings.commaSeparatedOauthScopes').cells.map((c) => c.value), Array(5).fill('Api, RefreshToken'));
  assert.deepEqual(row('globalOAuth.callbackUrl').cells.map((c) => c.value), Array(5).fill('https://acme.example.com/callback'));
  // The OAuth policies file each org gets, and what it keeps without one.
  assert.deepEqual(row('file').cells.map((c) => [c.status, c.keeps ?? null]), [
    ['own', null],
    ['missing', "keeps the org's current OAuth policies (not deployed)"],
    ['fallback', 'default/ copy'],
    ['own', null],
    ['own', null],
  ]);
  assert.equal(row('requiredSessionLevel').cells[1].keeps, "org's current value (not deployed)");
  // Invalid values: errors, out of the comparison.
  const ip = row('ipRelaxationPolicyType');
  assert.deepEqual([ip.drift, ip.errors, ip.cells[3].differs], ['none', 1, false]);
  assert.match(ip.cells[3].error ?? '', /'RelaxIPRestrictions' is not a valid ExtlClntAppOauthConfigurablePolicies\.ipRelaxationPolicyType\. Valid values: Enforce, Bypass/);
  const cc = row('isClientCredentialsFlowEnabled');
  assert.equal(cc.errors, 1);
  assert.match(cc.cells[0].error ?? '', /isClientCredentialsFlowEnabled must be 'true' or 'false' \(lower case\), not 'True'/);
  assert.equal(cc.cells[0].differs, false);
  assert.equal(row('header.file').errors, 0);
});
