// `eca-check plan --base` says when a change weakens an org's security (issue 22): per org, the
// audit posture before and after, compared. A real process on git repositories the test builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const P = 'src/policies';
const pol = (env: string) => `${P}/${env}/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`;
const policies = (refresh: string, ip = 'Enforce') => eca('ExtlClntAppOauthConfigurablePolicies',
  `    <externalClientApplication>Partner</externalClientApplication>\n    <ipRelaxationPolicyType>${ip}</ipRelaxationPolicyType>\n    <refreshTokenPolicyType>${refresh}</refreshTokenPolicyType>\n${refresh === 'SpecificInactivity' ? '    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n' : ''}`);
const global = (pkce: boolean) => eca('ExtlClntAppGlobalOauthSettings', `    <callbackUrl>https://app.example.com/cb</callbackUrl>\n    <externalClientApplication>Partner</externalClientApplication>\n    <isPkceRequired>${pkce}</isPkceRequired>\n`);

function git(root: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}
function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const plan = (root: string, args: string[]) => spawnSync(process.execPath, [CLI, 'plan', '--base', 'main', '--production-alias', 'prod', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: tempDir('eca-weak-home-') } });

function repo(): string {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'src/app', default: true }, { path: P, aliasfy: true }], sourceApiVersion: '66.0' }, null, 2),
    'src/app/externalClientApps/Partner.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Partner</label>\n'),
    'src/app/extlClntAppOauthSettings/Partner_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>Partner</externalClientApplication>\n'),
    'src/app/extlClntAppGlobalOauthSets/Partner_glbloauth.ecaGlblOauth-meta.xml': global(true),
    [pol('prod')]: policies('SpecificInactivity'),
    [pol('uat')]: policies('SpecificInactivity'),
    [pol('default')]: policies('SpecificInactivity'),
  }, 'eca-weak-');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
  return root;
}

test('prod: refresh tokens now never expire — named for prod only', () => {
  const root = repo();
  write(root, pol('prod'), policies('Infinite', 'Bypass'));
  const r = plan(root, []);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /! prod: Partner: refresh tokens now never expire/);
  assert.match(r.stdout, /! prod: Partner: IP restrictions now relaxed \(Bypass\)/);
  assert.doesNotMatch(r.stdout, /! (uat|default): /);
  const j = JSON.parse(plan(root, ['--format', 'json']).stdout) as { orgs: { org: string; weakens?: { eca: string; what: string }[] }[] };
  assert.deepEqual(j.orgs.find((o) => o.org === 'prod')?.weakens, [
    { eca: 'Partner', what: 'refresh tokens now never expire' },
    { eca: 'Partner', what: 'IP restrictions now relaxed (Bypass)' },
  ]);
  assert.match(plan(root, ['--format', 'markdown']).stdout, /weaker security: \*\*prod: Partner: refresh tokens now never expire\*\*/);
});

test('a global change weakens every org; a strengthening weakens none', () => {
  const root = repo();
  write(root, 'src/app/extlClntAppGlobalOauthSets/Partner_glbloauth.ecaGlblOauth-meta.xml', global(false));
  const text = plan(root, []).stdout;
  for (const org of ['prod', 'uat', 'default', 'every org']) assert.match(text, new RegExp(`! ${org}: Partner: PKCE no longer required`), org);

  const other = repo();
  write(other, pol('uat'), policies('Zero'));
  assert.doesNotMatch(plan(other, []).stdout, /^ {2}! /m);
});
