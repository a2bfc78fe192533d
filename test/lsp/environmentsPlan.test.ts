// The Environments view's leftovers over the real LSP wire: per org, what the uncommitted changes
// would deploy differently (eca/uncommitted, the `eca-check plan --base HEAD` answer, in a real git
// repository); the words an environment whose kind is not known shows; and the one matrix column
// "every org" of a project without an aliasfy package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { LspClient } from '../helpers/lspClient';
import { eca, tempTree } from '../helpers/fs';
import { sfHome } from '../helpers/sfHome';
import { unmark } from '../helpers/engine';
import { PATTERN1 } from '../unit/projectCases';
import { ENV_METHODS, PROBLEMS_METHODS, type EnvironmentsResult, type EnvTreeNode, type MatrixResult, type UncommittedResult } from '../../server/src/lsp/protocol';

const plain = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, unmark(v).text]));
const UAT = 'src/integrations/eca-policies/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml';
const HEADER = 'src/integrations/eca-definition/externalClientApps/MyApp.eca-meta.xml';

async function serve(root: string, orgs: Parameters<typeof sfHome>[0] = {}): Promise<LspClient> {
  const client = new LspClient({ ...process.env, HOME: sfHome(orgs) });
  await client.initialize(root);
  await client.indexed();
  return client;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('eca/uncommitted: per org what the working tree deploys differently from HEAD; nothing when clean; a reason when there is no git', async () => {
  const root = tempTree(plain(PATTERN1));
  const client = await serve(root, { uat: 'sandbox', qa: 'sandbox' });
  try {
    const plan = () => client.request<UncommittedResult>(ENV_METHODS.uncommitted, { root });
    const none = await plan();
    assert.match(none.error ?? '', /not a git repository/i, 'no repository: no plan, and why');
    assert.deepEqual(none.orgs, []);

    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    assert.deepEqual((await plan()).orgs, [], 'a clean working tree changes nothing');

    // uat's own policies change; the header (every org receives it) changes too.
    const uat = readFileSync(`${root}/${UAT}`, 'utf8');
    assert.match(uat, /<isClientCredentialsFlowEnabled>true</);
    writeFileSync(`${root}/${UAT}`, uat.replace('<isClientCredentialsFlowEnabled>true<', '<isClientCredentialsFlowEnabled>false<'));
    writeFileSync(`${root}/${HEADER}`, readFileSync(`${root}/${HEADER}`, 'utf8').replace('<label>MyApp</label>', '<label>My App</label>'));
    const changed = await plan();
    assert.equal(changed.error, undefined);
    const byOrg = Object.fromEntries(changed.orgs.map((o) => [o.org, o.lines]));
    assert.deepEqual(Object.keys(byOrg).sort(), ['every org', 'uat']);
    assert.deepEqual(byOrg.uat, [
      'MyApp OAuth policies: isClientCredentialsFlowEnabled true → false',
      `+ hint client-credentials-user-unused ${UAT}:3 clientCredentialsFlowUser is set while the client credentials flow is disabled; it has no effect.`,
    ], 'the change, then the finding it introduces');
    assert.deepEqual(byOrg['every org'], ['MyApp header: label MyApp → My App']);
    assert.ok(changed.unchanged.includes('prod') && changed.unchanged.includes('qa'), changed.unchanged.join(', '));
  } finally {
    await client.shutdown();
  }
});

test('eca/uncommitted runs git without blocking the server: a request sent after it is answered first', async () => {
  const root = tempTree(plain(PATTERN1));
  const client = await serve(root);
  try {
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    const order: string[] = [];
    const plan = client.request<UncommittedResult>(ENV_METHODS.uncommitted, { root }).then((r) => { order.push('uncommitted'); return r; });
    const summary = client.request(PROBLEMS_METHODS.summary, {}).then(() => order.push('summary'));
    const [answer] = await Promise.all([plan, summary]);
    assert.equal(answer.error, undefined);
    // git is child processes the handler awaits: the summary is answered while they run.
    assert.deepEqual(order, ['summary', 'uncommitted']);
  } finally {
    await client.shutdown();
  }
});

test('words: an org of unknown kind is "not marked production (set eca.productionAliases)"; no aliasfy package: one matrix column, every org', async () => {
  const aliasfy = tempTree(plain(PATTERN1));
  const a = await serve(aliasfy, { partner: 'unknown' });
  try {
    const envs = (await a.request<EnvironmentsResult>(ENV_METHODS.environments, {})).nodes.map((n) => (n as Extract<EnvTreeNode, { kind: 'environment' }>).info);
    const partner = envs.find((e) => e.name === 'partner');
    assert.equal(partner?.kind, 'unknown');
    assert.match(partner!.note, /^Not marked production \(set eca\.productionAliases\)/);
    const [m] = (await a.request<MatrixResult>(ENV_METHODS.matrix, {})).matrices;
    assert.ok(m.environments.some((e) => e.name === 'default' && e.kind === 'default'), 'an aliasfy project keeps its default/ column');
  } finally {
    await a.shutdown();
  }

  const flat = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    'force-app/main/default/externalClientApps/Flat.eca-meta.xml': eca('ExternalClientApplication', '    <contactEmail>a@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Flat</label>\n'),
    'force-app/main/default/extlClntAppOauthPolicies/Flat_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Flat</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n'),
  });
  const f = await serve(flat, { uat: 'sandbox', prod: 'production' });
  try {
    const [m] = (await f.request<MatrixResult>(ENV_METHODS.matrix, {})).matrices;
    assert.deepEqual(m.environments, [{ name: 'every org', kind: 'every-org' }]);
    assert.ok(m.rows.length >= 3, JSON.stringify(m.rows.map((r) => r.setting)));
    for (const r of m.rows) assert.equal(r.cells.length, 1, r.setting);
    const file = m.rows.find((r) => r.setting === 'file')!;
    assert.deepEqual(file.cells.map((c) => [c.status, c.value]), [['every-org', 'every org']]);
    assert.deepEqual(m.rows.find((r) => r.setting === 'isClientCredentialsFlowEnabled')!.cells.map((c) => c.value), ['false']);
  } finally {
    await f.shutdown();
  }
});
