// The environments view in process, through the language service: environments from alias
// folders and sf aliases, app patterns, the drift matrix, and problem counts that are the
// workspace's diagnostics (the numbers the server publishes).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { EcaWorkspace, getLanguageService } from '../../../server/src/engine';
import { tempTree } from '../../helpers/fs';
import { sfHome } from '../../helpers/sfHome';
import { unmark } from '../../helpers/engine';
import { PATTERN1, PATTERN2 } from '../../unit/projectCases';

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
