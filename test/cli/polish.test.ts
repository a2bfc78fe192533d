// CLI polish as real processes: the top-level --help lists every subcommand of the dispatcher's
// table; a reader that closes the pipe early ends the CLI quietly with the right status;
// `--format github` annotations (escaping, severities, paths relative to GITHUB_WORKSPACE) and
// `--format markdown`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempTree, eca, REPO } from '../helpers/fs';
import { COMMANDS, escapeData, escapeProperty, VERSION } from '../../server/src/cli';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (args: string[], cwd: string, env: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

const project = () => tempTree({
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
  'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packageable</distributionState>\n'),
  'force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>A</externalClientApplication>\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>3</refreshTokenValidityPeriod>\n'),
  'force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <externalClientApplication>A</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n'),
});

test('--help lists every subcommand with one line each; every subcommand has its own --help', () => {
  const root = tempTree({});
  const r = run(['--help'], root);
  assert.equal(r.status, 0);
  for (const name of ['check', 'rules', 'plan', 'retrieve', 'migrate', 'flip', 'scaffold', 'new']) {
    assert.match(r.stdout, new RegExp(`^  ${name} +\\S.*$`, 'm'), `${name} listed`);
  }
  assert.deepEqual(COMMANDS.map((c) => c.name).filter((n) => !new RegExp(`^  ${n} `, 'm').test(r.stdout)), []);
  for (const c of COMMANDS) assert.equal(run([c.name, '--help'], root).status, 0, `${c.name} --help`);
  assert.equal(run(['--version'], root).stdout.trim(), VERSION);
  assert.equal(VERSION, JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')).version);
  // Flags before the command keep working.
  assert.equal(run(['--format', 'json', 'rules'], root).status, 0);
});

/** Runs the CLI with its stdout closed before it writes anything: a reader that went away. */
function closedPipe(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stderr }));
  });
}

test('a closed pipe ends quietly: status 0 for rules, the check exit code for check', async () => {
  const root = project();
  const rules = await closedPipe(['rules'], root);
  assert.deepEqual(rules, { code: 0, stderr: '' });
  const check = await closedPipe(['check', '--format', 'json'], root);
  assert.deepEqual(check, { code: 1, stderr: '' });
  const clean = tempTree({ 'sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}', 'force-app/.keep': '' });
  assert.deepEqual(await closedPipe(['check'], clean), { code: 0, stderr: '' });
  // Through a shell pipe too, as users type it.
  const sh = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" rules | head -1; echo "status=\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
  assert.match(sh.stdout, /^xml-malformed\t/);
  assert.match(sh.stdout, /status=0\n$/);
  assert.equal(sh.stderr, '');
});

test('--format github: one workflow command per finding, severities mapped, paths from GITHUB_WORKSPACE', () => {
  const root = project();
  const r = run(['check', '.', '--format', 'github'], `${root}/force-app`, { GITHUB_WORKSPACE: root });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], "::error file=force-app/main/default/externalClientApps/A.eca-meta.xml,line=3,col=24,endLine=3,endColumn=35,title=invalid-enum::" + escapeData(JSON.parse(run(['check', '--format', 'json'], root).stdout).diagnostics[0].message));
  assert.match(lines[1], /^::notice file=force-app\/main\/default\/extlClntAppOauthPolicies\/A_oauthPlcy\.ecaOauthPlcy-meta\.xml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=refresh-token-period::/);
  assert.equal(lines.length, 2);
  // Without GITHUB_WORKSPACE: relative to the current directory.
  const here = run(['check', '--format', 'github'], root, { GITHUB_WORKSPACE: '' });
  assert.match(here.stdout, /^::error file=force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml,/);
  assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
});

test('--format github escapes file names with commas and colons; --format markdown summarises', () => {
  const root = tempTree({ 'odd,na:me/X.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Nope</distributionState>\n') });
  const r = run(['check', '--format', 'github'], root, { GITHUB_WORKSPACE: '' });
  assert.match(r.stdout, /^::error file=odd%2Cna%3Ame\/X\.eca-meta\.xml,line=\d+,/m);
  const md = run(['check', '--format', 'markdown'], project());
  assert.equal(md.status, 1);
  assert.match(md.stdout, /^## ECA check$/m);
  assert.match(md.stdout, /^\| ❌ error \| 1 \|$/m);
  assert.match(md.stdout, /^\| ❌ error \| `force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml` \| 3 \| `invalid-enum` \| /m);
});
