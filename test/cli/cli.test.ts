// The built CLI as a process: exit codes, the exact JSON shape, valid SARIF 2.1.0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { tempTree, eca, REPO } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

const bad = () => tempTree({
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
  'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packageable</distributionState>\n'),
  'force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>A</externalClientApplication>\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>3</refreshTokenValidityPeriod>\n'),
  'force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <externalClientApplication>A</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n'),
  'force-app/main/default/classes/Foo.cls-meta.xml': '<ApexClass/>',
  'node_modules/x/force-app/B.eca-meta.xml': 'garbage',
  // Directly in the project root, no folder deploys it: searched for credentials only (a folder
  // outside the package directories is a deploy unit of its own: test/cli/units.test.ts).
  'C.eca-meta.xml': 'not in a package directory',
});

test('json: exact shape, relative forward-slash paths, exit 1 on errors', () => {
  const root = bad();
  const r = run(['check', '--format', 'json'], root);
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['version', 'files', 'diagnostics']);
  assert.equal(j.version, 1);
  assert.equal(j.files, 3);
  assert.deepEqual(j.diagnostics.map((d: { file: string; code: string; severity: string }) => [d.file, d.code, d.severity]), [
    ['force-app/main/default/externalClientApps/A.eca-meta.xml', 'invalid-enum', 'error'],
    ['force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml', 'refresh-token-period', 'hint'],
  ]);
  const d = j.diagnostics[0];
  assert.deepEqual(Object.keys(d), ['file', 'range', 'severity', 'code', 'message']);
  assert.deepEqual(d.range, { start: { line: 2, character: 23 }, end: { line: 2, character: 34 } });
});

test('exit 0 when only warnings and below; paths relative to the cwd', () => {
  const root = bad();
  const r = run(['check', 'force-app/main/default/extlClntAppOauthPolicies', '--format=json'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).diagnostics[0].file, 'force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml');
});

test('disable and severity flags', () => {
  const root = bad();
  assert.equal(run(['check', '--disable', 'invalid-enum'], root).status, 0);
  assert.equal(run(['check', '--severity', 'invalid-enum=warning'], root).status, 0);
});

test('usage errors exit 2', () => {
  const root = bad();
  assert.equal(run(['check', '--format', 'xml'], root).status, 2);
  assert.equal(run(['bogus'], root).status, 2);
  assert.equal(run(['check', 'does-not-exist'], root).status, 2);
  assert.equal(run([], root).status, 2);
});

test('text format: file:line:col severity code message and a summary', () => {
  const r = run(['check'], bad());
  assert.match(r.stdout, /^force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml:3:24 error invalid-enum /m);
  assert.match(r.stdout, /1 error\(s\), 0 warning\(s\), 0 information, 1 hint\(s\) in 3 ECA file\(s\)/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when not a TTY');
});

test('sarif validates against the SARIF 2.1.0 schema', () => {
  const r = run(['check', '--format', 'sarif'], bad());
  assert.equal(r.status, 1);
  const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
  assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId), ['invalid-enum', 'refresh-token-period']);
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 3);
});

test('.forceignore is honoured', () => {
  const root = bad();
  require('node:fs').writeFileSync(`${root}/.forceignore`, '**/externalClientApps/**\n');
  const j = JSON.parse(run(['check', '--format', 'json'], root).stdout);
  assert.equal(j.files, 2);
});

test('rules <id>: the rule\'s section of docs/rules.md, as `ruff rule <id>` prints its doc; unknown ids exit 2 with a suggestion', () => {
  const docs = readFileSync(resolve(REPO, 'docs/rules.md'), 'utf8');
  const one = run(['rules', 'invalid-scope'], REPO);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /^### invalid-scope\n\n\*\*error\*\* · ExtlClntAppOauthSettings — /);
  assert.ok(docs.includes(`\n${one.stdout}\n`), 'the same text as the section of docs/rules.md');
  const two = run(['rules', 'pkce-disabled', 'unknown-eca'], REPO);
  assert.equal(two.status, 0, two.stderr);
  assert.deepEqual(two.stdout.split(/^### /m).filter(Boolean).map((s) => s.split('\n')[0]), ['pkce-disabled', 'unknown-eca']);
  const typo = run(['rules', 'invalid-scop'], REPO);
  assert.equal(typo.status, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, "eca-check: unknown rule 'invalid-scop' (did you mean 'invalid-scope'?); `eca-check rules` lists them\n");
  const list = run(['rules'], REPO);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /^xml-malformed\terror\t/);
});
