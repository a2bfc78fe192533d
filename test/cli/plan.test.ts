// `eca-check plan --base <ref>` as a real process on git repositories the tests build (aliasfy
// trees of shapes the planner was not written against): several packages, a file added in one
// environment only, a default/ change that reaches orgs without a file of their own, production
// without a folder. Also: nothing is written, the renderers, usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';
import { planChange, type FileSet } from '../../server/src/plan';

const CLI = resolve(REPO, 'dist/cli.js');

const header = (name: string) => eca('ExternalClientApplication', `    <contactEmail>ops@acme.example</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>${name}</label>\n`);
const policies = (name: string, o: { cc?: boolean; user?: string; ip?: string } = {}) => eca('ExtlClntAppOauthConfigurablePolicies',
  `${o.user ? `    <clientCredentialsFlowUser>${o.user}</clientCredentialsFlowUser>\n` : ''}    <externalClientApplication>${name}</externalClientApplication>\n    <ipRelaxationPolicyType>${o.ip ?? 'Enforce'}</ipRelaxationPolicyType>\n    <isClientCredentialsFlowEnabled>${o.cc ? 'true' : 'false'}</isClientCredentialsFlowEnabled>\n    <label>${name}_oauthPlcy</label>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n`);
const pol = (pkg: string, env: string, name: string) => `${pkg}/${env}/extlClntAppOauthPolicies/${name}_oauthPlcy.ecaOauthPlcy-meta.xml`;

function git(root: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A git repository with `files` committed on `main`. */
function repo(files: Record<string, string>): string {
  const root = tempTree(files, 'eca-plan-');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
  return root;
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

/** A HOME where sf knows these aliases (kind: sandbox | production). */
function home(orgs: Record<string, 'sandbox' | 'production'>): string {
  const h = tempDir('eca-plan-home-');
  mkdirSync(join(h, '.sfdx'));
  writeFileSync(join(h, '.sfdx/alias.json'), JSON.stringify({ orgs: Object.fromEntries(Object.keys(orgs).map((a) => [a, `${a}@acme.example`])) }));
  for (const [a, kind] of Object.entries(orgs)) {
    writeFileSync(join(h, `.sfdx/${a}@acme.example.json`), JSON.stringify({ username: `${a}@acme.example`, isSandbox: kind === 'sandbox', instanceUrl: `https://acme--${a}.sandbox.my.salesforce.com` }));
  }
  return h;
}

function plan(root: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, 'plan', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: env.HOME ?? tempDir('eca-plan-nohome-'), ...env } });
}

const sfdx = (dirs: object[]) => JSON.stringify({ packageDirectories: dirs, sourceApiVersion: '64.0' }, null, 2);

test('several packages: the uat change is named for uat only, the header change for every org', () => {
  const root = repo({
    'sfdx-project.json': sfdx([
      { path: 'apps/core', package: 'core', versionNumber: '1.0.0.NEXT', type: 'source', default: true },
      { path: 'apps/ops-policies', package: 'ops-policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
      { path: 'apps/sync-policies', package: 'sync-policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
    ]),
    'apps/core/externalClientApps/Acme_Sync.eca-meta.xml': header('Acme_Sync'),
    'apps/core/externalClientApps/Ops_Bot.eca-meta.xml': header('Ops_Bot'),
    [pol('apps/sync-policies', 'default', 'Acme_Sync')]: policies('Acme_Sync'),
    [pol('apps/sync-policies', 'uat', 'Acme_Sync')]: policies('Acme_Sync'),
    [pol('apps/sync-policies', 'prod', 'Acme_Sync')]: policies('Acme_Sync', { cc: true, user: 'sync@acme.example' }),
    [pol('apps/ops-policies', 'default', 'Ops_Bot')]: policies('Ops_Bot'),
    [pol('apps/ops-policies', 'uat', 'Ops_Bot')]: policies('Ops_Bot'),
    [pol('apps/ops-policies', 'prod', 'Ops_Bot')]: policies('Ops_Bot'),
  });
  write(root, pol('apps/sync-policies', 'uat', 'Acme_Sync'), policies('Acme_Sync', { cc: true, user: 'sync@acme.example.uat' }));
  write(root, 'apps/core/externalClientApps/Ops_Bot.eca-meta.xml', header('Ops_Bot').replace('ops@acme.example', 'bots@acme.example'));
  const before = git(root, 'status', '--porcelain');
  const r = plan(root, ['--base', 'main']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /uat: Acme_Sync OAuth policies: isClientCredentialsFlowEnabled false → true, run-as user added \(sync@acme\.example\.uat\)/);
  assert.match(r.stdout, /every org[^\n]*:\n\s+Ops_Bot header: contactEmail ops@acme\.example → bots@acme\.example/);
  assert.doesNotMatch(r.stdout, /^prod/m, 'prod receives nothing different');
  assert.doesNotMatch(r.stdout, /uat: Ops_Bot/);
  assert.match(r.stdout, /Unchanged: .*prod/);
  assert.equal(git(root, 'status', '--porcelain'), before, 'plan writes nothing');

  const j = JSON.parse(plan(root, ['--base', 'main', '--format', 'json']).stdout);
  assert.equal(j.version, 1);
  const uat = j.orgs.find((o: { org: string }) => o.org === 'uat');
  assert.deepEqual(uat.changes.map((c: { eca: string; change: string }) => [c.eca, c.change]), [['Acme_Sync', 'changed']]);
  assert.deepEqual(uat.changes[0].settings.map((s: { name: string; change: string }) => [s.name, s.change]), [['isClientCredentialsFlowEnabled', 'changed'], ['clientCredentialsFlowUser', 'added']]);
  const md = plan(root, ['--base', 'main', '--format', 'markdown']).stdout;
  assert.match(md, /^## ECA changes per org/m);
  assert.match(md, /^### uat /m);
  // Paths limit the report.
  const only = plan(root, ['--base', 'main', '--format', 'json', 'apps/core']);
  assert.deepEqual(JSON.parse(only.stdout).orgs.map((o: { org: string }) => o.org), ['every org']);
});

test('a file added in one environment only: that org gets it, the others with a folder do not', () => {
  const P = 'force-app/env-policies';
  const root = repo({
    'sfdx-project.json': sfdx([{ path: 'force-app/base', default: true }, { path: P, package: 'env-policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true }]),
    'force-app/base/externalClientApps/Partner_Api.eca-meta.xml': header('Partner_Api'),
    [pol(P, 'default', 'Other')]: policies('Other'),
    [pol(P, 'sit', 'Other')]: policies('Other'),
    [pol(P, 'staging', 'Other')]: policies('Other'),
  });
  write(root, pol(P, 'sit', 'Partner_Api'), policies('Partner_Api'));
  const j = JSON.parse(plan(root, ['--base', 'main', '--format', 'json']).stdout);
  const by = (org: string) => j.orgs.find((o: { org: string }) => o.org === org)?.changes.map((c: { eca: string; change: string }) => `${c.eca} ${c.change}`);
  assert.deepEqual(by('sit'), ['Partner_Api added']);
  assert.deepEqual(by('staging'), ['Partner_Api not-received']);
  assert.deepEqual(by('default'), ['Partner_Api not-received']);
  const text = plan(root, ['--base', 'main']).stdout;
  assert.match(text, /staging: Partner_Api OAuth policies: new, but not received — staging\/ exists/);
});

test('a default/ change reaches the sandboxes without a folder of their own, not the orgs with one', () => {
  const P = 'pkgs/policies';
  const root = repo({
    'sfdx-project.json': sfdx([{ path: 'pkgs/app', default: true }, { path: P, package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true }]),
    'pkgs/app/externalClientApps/Field_App.eca-meta.xml': header('Field_App'),
    [pol(P, 'default', 'Field_App')]: policies('Field_App'),
    [pol(P, 'qa', 'Field_App')]: policies('Field_App'),
  });
  write(root, pol(P, 'default', 'Field_App'), policies('Field_App', { ip: 'Bypass_2factor' }));
  const h = home({ qa: 'sandbox', dev1: 'sandbox', dev2: 'sandbox' });
  const r = plan(root, ['--base', 'main', '--format', 'json'], { HOME: h });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const orgs = j.orgs.map((o: { org: string }) => o.org).sort();
  assert.deepEqual(orgs, ['default', 'dev1', 'dev2']);
  const dev1 = j.orgs.find((o: { org: string }) => o.org === 'dev1').changes[0];
  assert.equal(dev1.after.status, 'fallback');
  assert.deepEqual(dev1.settings, [{ name: 'ipRelaxationPolicyType', label: 'ipRelaxationPolicyType', change: 'changed', before: 'Enforce', after: 'Bypass_2factor' }]);
  assert.ok(j.unchanged.includes('qa'), 'qa has its own file');
  assert.match(plan(root, ['--base', 'main'], { HOME: h }).stdout, /dev2: Field_App OAuth policies: ipRelaxationPolicyType Enforce → Bypass_2factor/);
});

test('production without a folder: a new app only in default/ never reaches it, and the finding is introduced', () => {
  const P = 'src/policies';
  const root = repo({
    'sfdx-project.json': sfdx([{ path: 'src/app', default: true }, { path: P, package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true }]),
    '.vscode/settings.json': '{\n  // production orgs\n  "eca.productionAliases": ["live"],\n}\n',
    'src/app/externalClientApps/Old_App.eca-meta.xml': header('Old_App'),
    [pol(P, 'default', 'Old_App')]: policies('Old_App'),
    [pol(P, 'live', 'Old_App')]: policies('Old_App'),
  });
  rmSync(join(root, P, 'live'), { recursive: true });
  write(root, 'src/app/externalClientApps/New_App.eca-meta.xml', header('New_App'));
  write(root, pol(P, 'default', 'New_App'), policies('New_App'));
  const r = plan(root, ['--base', 'main', '--format', 'json']);
  const j = JSON.parse(r.stdout);
  const live = j.orgs.find((o: { org: string }) => o.org === 'live');
  assert.equal(live.kind, 'production');
  assert.deepEqual(live.changes.map((c: { eca: string; change: string }) => `${c.eca} ${c.change}`).sort(), ['New_App not-received', 'Old_App removed']);
  assert.ok(j.introduced.some((f: { code: string }) => /production/.test(f.code)), `a production finding: ${JSON.stringify(j.introduced)}`);
  assert.equal(r.status, j.introduced.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
  // And the fix: restore the folder; the finding is listed as fixed against the broken state.
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'broken');
  write(root, pol(P, 'live', 'Old_App'), policies('Old_App'));
  write(root, pol(P, 'live', 'New_App'), policies('New_App'));
  const fixed = JSON.parse(plan(root, ['--base', 'HEAD', '--format', 'json']).stdout);
  assert.ok(fixed.fixed.some((f: { code: string }) => /production/.test(f.code)), JSON.stringify(fixed.fixed));
  assert.ok(!fixed.introduced.some((f: { code: string }) => /production/.test(f.code)));
  assert.deepEqual(fixed.orgs.find((o: { org: string }) => o.org === 'live').changes.map((c: { eca: string; change: string }) => `${c.eca} ${c.change}`).sort(), ['New_App added', 'Old_App added']);
});

test('usage and git errors exit 2 with one line', () => {
  const root = repo({ 'sfdx-project.json': sfdx([{ path: 'force-app', default: true }]) });
  assert.equal(plan(root, []).status, 2);
  assert.equal(plan(root, ['--base', 'main', '--format', 'xml']).status, 2);
  const bad = plan(root, ['--base', 'no-such-ref']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^eca-check plan: /);
  const notGit = tempTree({ 'sfdx-project.json': '{}' });
  assert.equal(plan(notGit, ['--base', 'main']).status, 2);
  assert.equal(plan(root, ['--help']).status, 0);
});

test('planChange is pure: two in-memory file sets, no git, no disk', () => {
  const mk = (files: Record<string, string>): FileSet => ({ paths: Object.keys(files), text: (p) => files[p] });
  const s = sfdx([{ path: 'p', package: 'p', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true }]);
  const r = planChange(
    mk({ 'sfdx-project.json': s, [pol('p', 'uat', 'X')]: policies('X') }),
    mk({ 'sfdx-project.json': s, [pol('p', 'uat', 'X')]: policies('X', { cc: true, user: 'x@y.z' }) }),
    { root: '/nowhere/project' },
  );
  assert.deepEqual(r.orgs.map((o) => o.org), ['uat']);
  assert.equal(r.orgs[0].changes[0].settings[0].name, 'isClientCredentialsFlowEnabled');
});
