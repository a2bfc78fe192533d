// `node dist/cli.js migrate` as a process, on copies in temp directories: exit codes, the files
// written, the Connected App byte-identical afterwards, never an overwrite, and the result passing
// `node dist/cli.js check`. Needs `npm run build` first (npm test does it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { listFiles, realConnectedApps, REPO, REAL, tempTree } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
const SFDX = '{\n  "packageDirectories": [\n    {\n      "path": "force-app",\n      "default": true\n    }\n  ],\n  "sourceApiVersion": "64.0"\n}\n';
const CA_DIR = 'force-app/main/default/connectedApps';

const FILES = realConnectedApps();

/** A fresh SFDX project holding a byte-exact copy of one Connected App file. */
function projectWith(file: string): { root: string; rel: string } {
  const root = tempTree({ 'sfdx-project.json': SFDX }, 'eca-migrate-');
  mkdirSync(join(root, CA_DIR), { recursive: true });
  copyFileSync(file, join(root, CA_DIR, basename(file)));
  return { root, rel: `${CA_DIR}/${basename(file)}` };
}

const snapshot = (root: string) => new Map(listFiles(root).map((f) => [f, readFileSync(f)]));

function secretsOf(text: string): string[] {
  return [...text.matchAll(/<consumer(?:Key|Secret)\s*>([^<]*)</g)].map((m) => m[1].trim()).filter(Boolean);
}

test('the built CLI and the corpus are there', () => {
  assert.ok(existsSync(CLI), 'run npm run build first');
  assert.ok(FILES.length >= 30);
});

for (const file of FILES) {
  test(`cli migrate (local flow): ${file.slice(REAL.length + 1)}`, () => {
    const { root, rel } = projectWith(file);
    const before = readFileSync(join(root, rel));
    const r = run(['migrate', rel, '--report', 'migration.md', '--json'], root);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const j = JSON.parse(r.stdout);
    assert.equal(r.status, j.blockers.length ? 1 : 0, 'exit 1 exactly when there are blockers');
    assert.equal(j.written, true);
    assert.deepEqual(readFileSync(join(root, rel)), before, 'the Connected App is byte-identical');
    for (const f of j.files) assert.ok(existsSync(join(root, f.path)), `${f.path} written`);
    assert.ok(j.files.some((f: { role: string }) => f.role === 'header'));
    const secrets = secretsOf(before.toString('utf8'));
    for (const f of listFiles(root)) {
      if (f === join(root, rel)) continue;
      const t = readFileSync(f, 'utf8');
      for (const s of secrets) assert.ok(!t.includes(s), `a consumer key/secret reached ${f}`);
    }
    for (const s of secrets) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'no secret on stdout/stderr');
    // The result passes our own checks from the outside too.
    const check = run(['check', '--format', 'json'], root);
    const errors = JSON.parse(check.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    assert.deepEqual(errors, []);
    assert.equal(check.status, 0, check.stderr);
  });
}

const pick = (name: string) => {
  const f = FILES.find((x) => x.endsWith(name));
  assert.ok(f, name);
  return f;
};

test('pattern 2: header + bootstrap written, sfdx-project.json edited in place, the result checks clean', () => {
  const { root, rel } = projectWith(pick('Jenkins.connectedApp-meta.xml'));
  const r = run(['migrate', rel, '--pattern', '2', '--report', 'out/report.md'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created force-app\/main\/default\/externalClientApps\/Jenkins\.eca-meta\.xml/);
  assert.equal(readFileSync(join(root, 'sfdx-project.json'), 'utf8'), SFDX.replace('"default": true\n', '"default": true,\n      "postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\n'));
  const sh = join(root, 'scripts/bootstrap-eca-oauth.sh');
  assert.ok(statSync(sh).mode & 0o100, 'the script is executable');
  assert.ok(existsSync(join(root, 'scripts/bootstrap-eca-oauth.apex')));
  assert.ok(existsSync(join(root, 'out/report.md')));
  assert.ok(!existsSync(join(root, 'force-app/main/default/extlClntAppGlobalOauthSets')), 'no global OAuth settings file in pattern 2');
  assert.equal(run(['check'], root).status, 0);
});

test('pattern 2 names its script as New External Client App does: another app\'s bootstrap-eca-oauth.sh stays, this one is named after the app', () => {
  const { root, rel } = projectWith(pick('Broker_App.connectedApp-meta.xml'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts/bootstrap-eca-oauth.sh'), '#!/usr/bin/env bash\n');
  const r = run(['migrate', rel, '--json', '--dry-run', '--pattern', '2'], root);
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
  assert.deepEqual(files.filter((f: string) => f.startsWith('scripts/')), ['scripts/bootstrap-broker-app-oauth.sh', 'scripts/bootstrap-broker-app-oauth.apex']);
});

test('pattern 1: the Packaged header only; the report explains the missing OAuth settings', () => {
  const { root, rel } = projectWith(pick('PROD_KEY.connectedApp-meta.xml'));
  const r = run(['migrate', rel, '--pattern', '1', '--package-dir', 'src/eca-definition'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /## Pattern 1: why there is no OAuth settings file/);
  assert.match(r.stdout, /retrieve --target-org <devhub> --eca PROD_KEY/);
  const written = listFiles(join(root, 'src'));
  assert.deepEqual(written.map((f) => f.slice(root.length + 1)), ['src/eca-definition/externalClientApps/PROD_KEY.eca-meta.xml']);
  assert.match(readFileSync(written[0], 'utf8'), /<distributionState>Packaged<\/distributionState>/);
});

test('never overwrites: an existing target stops everything (exit 2), nothing else is written', () => {
  const { root, rel } = projectWith(pick('GitHub_Actions.connectedApp-meta.xml'));
  const existing = join(root, 'force-app/main/default/extlClntAppOauthPolicies/GitHub_Actions_oauthPlcy.ecaOauthPlcy-meta.xml');
  mkdirSync(join(existing, '..'), { recursive: true });
  writeFileSync(existing, 'MINE');
  const before = snapshot(root);
  const r = run(['migrate', rel], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nothing written: 1 target file\(s\) already exist/);
  assert.match(r.stderr, /GitHub_Actions_oauthPlcy\.ecaOauthPlcy-meta\.xml/);
  assert.deepEqual(snapshot(root), before, 'no file created or changed');
  // A second run after a successful one conflicts on every file and changes nothing either.
  const { root: root2, rel: rel2 } = projectWith(pick('GitHub_Actions.connectedApp-meta.xml'));
  assert.equal(run(['migrate', rel2, '--pattern', '2'], root2).status, 0);
  const after = snapshot(root2);
  const again = run(['migrate', rel2, '--pattern', '2'], root2);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /scripts\/bootstrap-eca-oauth\.sh/, 'the re-run meets its own bootstrap, never writes a second one');
  assert.deepEqual(snapshot(root2), after);
  // The report file counts as a target too.
  const { root: root3, rel: rel3 } = projectWith(pick('GitHub_Actions.connectedApp-meta.xml'));
  writeFileSync(join(root3, 'r.md'), 'keep');
  assert.equal(run(['migrate', rel3, '--report', 'r.md'], root3).status, 2);
  assert.equal(readFileSync(join(root3, 'r.md'), 'utf8'), 'keep');
});

test('--dry-run writes nothing and prints the report; blockers still give exit 1', () => {
  const { root, rel } = projectWith(pick('Thespis.connectedApp-meta.xml'));
  const before = snapshot(root);
  const r = run(['migrate', rel, '--dry-run'], root);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /## Blockers/);
  assert.match(r.stdout, /dry run: nothing was written/);
  assert.match(r.stderr, /blocker\(s\) found: unknown-scope/);
  assert.deepEqual(snapshot(root), before);
});

test('--json: the documented shape', () => {
  const { root, rel } = projectWith(pick('Broker_App.connectedApp-meta.xml'));
  const r = run(['migrate', rel, '--json', '--dry-run', '--pattern', '2'], root);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['version', 'source', 'name', 'pattern', 'packageDir', 'dryRun', 'written', 'files', 'conflicts', 'blockers', 'warnings', 'checks', 'steps', 'report']);
  assert.equal(j.version, 1);
  assert.equal(j.source, rel);
  assert.equal(j.packageDir, 'force-app/main/default');
  assert.equal(j.written, false);
  assert.deepEqual(j.files.map((f: { path: string; action: string }) => `${f.action} ${f.path}`), [
    'create force-app/main/default/externalClientApps/Broker_App.eca-meta.xml',
    'create scripts/bootstrap-eca-oauth.sh',
    'create scripts/bootstrap-eca-oauth.apex',
    'edit sfdx-project.json',
  ]);
});

test('a blocker the user declares: exit 1, files still written, the report says why', () => {
  const { root, rel } = projectWith(pick('Demo_User_App_dev.connectedApp-meta.xml'));
  const r = run(['migrate', rel, '--uses-password-flow', '--report', 'report.md'], root);
  assert.equal(r.status, 1);
  assert.match(readFileSync(join(root, 'report.md'), 'utf8'), /\*\*username-password-flow\*\*/);
  assert.ok(existsSync(join(root, 'force-app/main/default/externalClientApps/Demo_User_App_dev.eca-meta.xml')));
});

test('--run-as-user fills the client credentials user the Connected App lacks', () => {
  const { root, rel } = projectWith(pick('salesforce_broker/force-app/main/default/connectedApps/Postman.connectedApp-meta.xml'));
  assert.equal(run(['migrate', rel, '--run-as-user', 'integration@acme.com.uat', '--report', 'r.md'], root).status, 0);
  const op = readFileSync(join(root, 'force-app/main/default/extlClntAppOauthPolicies/Postman_oauthPlcy.ecaOauthPlcy-meta.xml'), 'utf8');
  assert.match(op, /<clientCredentialsFlowUser>integration@acme\.com\.uat<\/clientCredentialsFlowUser>/);
  assert.match(op, /<isClientCredentialsFlowEnabled>true<\/isClientCredentialsFlowEnabled>/);
});

test('a Connected App outside the project: --package-dir finds the project (sfdx-project.json above it)', () => {
  const proj = tempTree({ 'sfdx-project.json': SFDX }, 'eca-migrate-proj-');
  const elsewhere = tempTree({}, 'eca-migrate-ca-');
  copyFileSync(pick('DX_Pipeline_Deployment_Authentication.connectedApp-meta.xml'), join(elsewhere, 'DX.connectedApp-meta.xml'));
  const r = run(['migrate', join(elsewhere, 'DX.connectedApp-meta.xml'), '--pattern', '2', '--package-dir', join(proj, 'force-app/main/default'), '--json'], elsewhere);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(proj, 'force-app/main/default/externalClientApps/DX.eca-meta.xml')));
  assert.ok(existsSync(join(proj, 'scripts/bootstrap-eca-oauth.sh')), 'scripts go to the project root');
  assert.match(readFileSync(join(proj, 'sfdx-project.json'), 'utf8'), /"postDeploymentScript": "scripts\/bootstrap-eca-oauth\.sh"/);
});

test('usage errors and bad input exit 2 and write nothing', () => {
  const { root, rel } = projectWith(pick('Amigo.connectedApp-meta.xml'));
  writeFileSync(join(root, 'broken.connectedApp-meta.xml'), '<ConnectedApp><label>x</label>');
  writeFileSync(join(root, 'Other.connectedApp-meta.xml'), '<?xml version="1.0"?><Layout xmlns="http://soap.sforce.com/2006/04/metadata"/>');
  const before = snapshot(root);
  const cases: [string[], RegExp][] = [
    [['migrate'], /which Connected App file/],
    [['migrate', rel, '--pattern', '3'], /unknown pattern '3'/],
    [['migrate', rel, '--frobnicate'], /Unknown option/i],
    [['migrate', 'nope.connectedApp-meta.xml'], /no such file/],
    [['migrate', rel, rel], /exactly one/],
    [['migrate', 'broken.connectedApp-meta.xml'], /not well-formed XML \(line 1/],
    [['migrate', 'Other.connectedApp-meta.xml'], /holds <Layout>, not <ConnectedApp>/],
  ];
  for (const [args, re] of cases) {
    const r = run(args, root);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  assert.deepEqual(snapshot(root), before);
  assert.equal(run(['migrate', '--help'], root).status, 0);
});
