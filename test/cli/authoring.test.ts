// `node dist/cli.js flip | scaffold | new` as real processes on real temp folders: exit codes,
// JSON shapes, bytes on disk (CRLF, BOM), refusals that leave the tree untouched, and the
// generated bootstrap script run by bash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFiles, REPO, tempTree, tempDir } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd, NO_COLOR: '1' } });
const NS = 'http://soap.sforce.com/2006/04/metadata';

function treeHash(root: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(root)) h.update(f).update(readFileSync(f));
  return h.digest('hex');
}

function emptyDir(): string {
  return tempDir('eca-authoring-cli-');
}

test('new → scaffold → check: a pattern 2 project from an empty folder checks clean; scaffold twice skips', () => {
  const dir = emptyDir();
  const n = run(['new', '--name', 'Erp_Sync', '--pattern', '2', '--contact-email', 'erp@acme.example.com', '--json'], dir);
  assert.equal(n.status, 0, n.stderr);
  const nj = JSON.parse(n.stdout);
  assert.deepEqual(Object.keys(nj), ['status', 'command', 'dryRun', 'eca', 'pattern', 'packageDir', 'packageName', 'packageEntryAdded', 'projectFileCreated', 'header', 'script', 'files', 'nextSteps']);
  assert.equal(nj.script, 'scripts/bootstrap-eca-oauth.sh');
  assert.ok(statSync(join(dir, 'scripts/bootstrap-eca-oauth.sh')).mode & 0o100, 'the script is executable');
  const s = run(['scaffold', '--eca', 'Erp_Sync', '--env', 'default', '--env', 'uat', '--env', 'prod', '--run-as-user', 'uat=erp@acme.com.uat', '--run-as-user', 'prod=erp@acme.com', '--plugin-policies'], dir);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /added the aliasfy package 'src\/integrations\/eca-policies' to sfdx-project\.json/);
  assert.match(s.stdout, /created src\/integrations\/eca-policies\/prod\/extlClntAppOauthPolicies\/Erp_Sync_oauthPlcy\.ecaOauthPlcy-meta\.xml \(client credentials on\)/);
  const check = run(['check', '--format', 'json', '--production-alias', 'prod'], dir);
  assert.equal(check.status, 0, check.stdout);
  assert.deepEqual(JSON.parse(check.stdout).diagnostics, []);
  const before = treeHash(dir);
  const again = run(['scaffold', '--eca', 'Erp_Sync', '--env', 'default,uat', '--json'], dir);
  assert.equal(again.status, 0, again.stderr);
  const aj = JSON.parse(again.stdout);
  assert.deepEqual(aj.files, []);
  assert.deepEqual(aj.skipped.map((x: { env: string; reason: string }) => `${x.env}: ${x.reason}`), ['default: the file exists', 'uat: the file exists']);
  assert.equal(treeHash(dir), before, 'nothing written');
});

test('flip by file path and by name; follow-ups only when asked; CRLF and a BOM survive', () => {
  const header = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<distributionState>Local</distributionState>\r\n</ExternalClientApplication>\r\n`;
  const sfdx = '{\r\n\t"packageDirectories": [\r\n\t\t{ "path": "force-app", "package": "app", "versionNumber": "1.0.0.NEXT", "type": "source", "default": true }\r\n\t]\r\n}\r\n';
  const dir = tempTree({ 'sfdx-project.json': sfdx, 'force-app/externalClientApps/App.eca-meta.xml': header, '.forceignore': '**/*.ecaGlblOauth-meta.xml\n' });
  const headerPath = join(dir, 'force-app/externalClientApps/App.eca-meta.xml');
  const only = run(['flip', 'force-app/externalClientApps/App.eca-meta.xml'], dir);
  assert.equal(only.status, 0, only.stderr);
  assert.match(only.stdout, /App: distributionState Local → Packaged \(pattern 1\)/);
  assert.match(only.stdout, /\[package-unlocked\] .* — apply with --follow-up package-unlocked/);
  assert.deepEqual(readFileSync(headerPath), Buffer.from(header.replace('>Local<', '>Packaged<'), 'utf8'), 'BOM and CRLF kept');
  assert.equal(readFileSync(join(dir, 'sfdx-project.json'), 'utf8'), sfdx, 'no follow-up without asking');
  const finish = run(['flip', 'App', '--to', 'Packaged', '--follow-up', 'package-unlocked', '--json'], dir);
  assert.equal(finish.status, 0, finish.stderr);
  const fj = JSON.parse(finish.stdout);
  assert.deepEqual(fj.files, [{ path: 'sfdx-project.json', change: 'edited' }]);
  assert.equal(readFileSync(join(dir, 'sfdx-project.json'), 'utf8'), sfdx.replace('"type": "source"', '"type": "unlocked"'));
  const back = run(['flip', 'App', '--with-follow-ups', '--dry-run', '--json'], dir);
  assert.equal(back.status, 0, back.stderr);
  const bj = JSON.parse(back.stdout);
  assert.equal(bj.dryRun, true);
  assert.deepEqual(bj.files.map((f: { path: string }) => f.path).sort(), ['force-app/externalClientApps/App.eca-meta.xml', 'scripts/bootstrap-eca-oauth.apex', 'scripts/bootstrap-eca-oauth.sh', 'sfdx-project.json']);
  assert.ok(!existsSync(join(dir, 'scripts')), 'a dry run writes nothing');
});

test('refusals exit 1 and leave the tree byte for byte; usage errors exit 2', () => {
  const dir = tempTree({
    'sfdx-project.json': '{ "packageDirectories": [ { "path": "force-app", "package": "app", "versionNumber": "1.0.0.NEXT" } ] }',
    'force-app/externalClientApps/App.eca-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>Packaged</distributionState>\n</ExternalClientApplication>\n`,
  });
  const before = treeHash(dir);
  const cases: [string[], number, RegExp][] = [
    [['new', '--name', 'App', '--pattern', '1'], 1, /named App exists already/],
    [['new', '--name', 'X', '--pattern', '2', '--package-dir', 'force-app'], 1, /'app' is an unlocked package; pattern 2 needs a source package/],
    [['flip', 'Nope'], 1, /No External Client App named Nope/],
    [['flip', 'force-app/missing.eca-meta.xml'], 1, /no such file/],
    [['scaffold', '--eca', 'Nope', '--env', 'default'], 1, /No External Client App named Nope/],
    [['new', '--name', 'X'], 2, /--pattern 1/],
    [['new', '--name', 'X', '--pattern', '3'], 2, /--pattern 1/],
    [['new', '--name', 'Bad Name', '--pattern', '1'], 2, /not a valid API name/],
    [['scaffold', '--env', 'default'], 2, /--eca/],
    [['scaffold', '--eca', 'App'], 2, /--env/],
    [['scaffold', '--eca', 'App', '--env', 'uat', '--run-as-user', 'uat'], 2, /<env>=<username>/],
    [['scaffold', '--eca', 'App', '--env', 'default', '--run-as-user', 'default=a@b.com'], 2, /default\/ never gets a run-as user/],
    [['flip', 'App', '--to', 'Distributed'], 2, /Local or Packaged/],
    [['flip'], 2, /one <file\|EcaName>/],
    [['flip', 'App', '--bogus'], 2, /bogus/],
  ];
  for (const [args, status, message] of cases) {
    const r = run(args, dir);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  const json = run(['flip', 'Nope', '--json'], dir);
  assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ['status', 'command', 'name', 'message']);
  assert.equal(JSON.parse(json.stdout).name, 'NOT_FOUND');
  // Malformed input: unparsable sfdx-project.json, broken header XML.
  writeFileSync(join(dir, 'sfdx-project.json'), '{ "packageDirectories": [ { "path": "force-app" } ');
  const broken = treeHash(dir);
  const r1 = run(['flip', 'App'], dir);
  assert.equal(r1.status, 1);
  assert.match(r1.stderr, /sfdx-project\.json cannot be parsed .*Nothing was changed/);
  assert.equal(treeHash(dir), broken);
  writeFileSync(join(dir, 'sfdx-project.json'), '{ "packageDirectories": [ { "path": "force-app" } ] }');
  writeFileSync(join(dir, 'force-app/externalClientApps/App.eca-meta.xml'), '<ExternalClientApplication><distributionState>Local</distributionState>');
  const brokenXml = treeHash(dir);
  const r2 = run(['flip', 'App'], dir);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /App\.eca-meta\.xml is not well-formed XML/);
  assert.equal(treeHash(dir), brokenXml);
  assert.notEqual(before, brokenXml);
});

test('the generated bootstrap script runs under bash: the Remote Site deployed first, then the Apex with every placeholder filled (& in the URL kept), sf called with the target org', () => {
  const dir = emptyDir();
  const n = run(['new', '--name', 'Erp', '--pattern', '2', '--callback-url', 'https://erp.acme.example.com/cb?a=1&b=2|x', '--scopes', 'Api, OpenID', '--client-credentials'], dir);
  assert.equal(n.status, 0, n.stderr);
  // `sf` is an external program: a stand-in on PATH records each call, answers `org display` as sf
  // does (pretty JSON), and keeps the Remote Site it was asked to deploy and the Apex it was given.
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'sf'), [
    '#!/usr/bin/env bash',
    'echo "$*" >> "$SF_CALLS"',
    'if [ "$1 $2" = "org display" ]; then printf \'{\\n  "status": 0,\\n  "result": {\\n    "instanceUrl": "https://acme--uat.sandbox.my.salesforce.com",\\n    "username": "u@acme.com.uat"\\n  }\\n}\\n\'; fi',
    'while [ $# -gt 0 ]; do case "$1" in --file) cp "$2" "$SF_APEX_OUT";; --metadata-dir) cp -r "$2" "$SF_RSS_OUT";; esac; shift; done',
    '',
  ].join('\n'));
  chmodSync(join(bin, 'sf'), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, SF_CALLS: join(dir, 'calls.txt'), SF_APEX_OUT: join(dir, 'apex.txt'), SF_RSS_OUT: join(dir, 'rss') };
  const r = spawnSync('bash', ['-e', 'scripts/bootstrap-eca-oauth.sh', 'eca-erp', 'uat', 'DevHub'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const calls = readFileSync(join(dir, 'calls.txt'), 'utf8').trim().split('\n');
  assert.deepEqual(calls.map((c) => c.split(' ').slice(0, 5).join(' ')), ['org display --target-org uat --json', 'project deploy start --metadata-dir ' + calls[1].split(' ')[4], 'apex run --target-org uat --file']);
  assert.match(readFileSync(join(dir, 'rss/remoteSiteSettings/ECA_Bootstrap_MetadataApi.remoteSite'), 'utf8'), /<url>https:\/\/acme--uat\.sandbox\.my\.salesforce\.com<\/url>/);
  assert.match(readFileSync(join(dir, 'rss/package.xml'), 'utf8'), /<version>64\.0<\/version>/);
  const apex = readFileSync(join(dir, 'apex.txt'), 'utf8');
  assert.doesNotMatch(apex, /__[A-Z_]+__/, 'every placeholder replaced');
  assert.ok(apex.includes("'<callbackUrl>https://erp.acme.example.com/cb?a=1&amp;b=2|x</callbackUrl>'"), 'sed specials survive');
  assert.ok(apex.includes("'<commaSeparatedOauthScopes>Api,OpenID</commaSeparatedOauthScopes>'"));
  assert.ok(apex.includes("'<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>'"));
  assert.ok(apex.includes('/services/Soap/m/64.0'));
  // An org that has its Remote Site already: ECA_SKIP_REMOTE_SITE=1 runs the Apex only.
  rmSync(join(dir, 'calls.txt'));
  const skip = spawnSync('bash', ['-e', 'scripts/bootstrap-eca-oauth.sh', 'eca-erp', 'uat'], { cwd: dir, env: { ...env, ECA_SKIP_REMOTE_SITE: '1' }, encoding: 'utf8' });
  assert.equal(skip.status, 0, skip.stderr);
  assert.deepEqual(readFileSync(join(dir, 'calls.txt'), 'utf8').trim().split('\n').map((c) => c.split(' ').slice(0, 2).join(' ')), ['apex run']);
  const usage = spawnSync('bash', ['scripts/bootstrap-eca-oauth.sh', 'only-one-arg'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /usage: .*<packageName> <targetOrg>/);
});
