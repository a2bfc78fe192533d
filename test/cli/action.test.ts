// The GitHub Action's step (scripts/github-action.mjs, run by action.yml) as a process, with
// GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and GITHUB_WORKSPACE pointing at temp files: annotations on
// stdout, the summary (counts, findings table, the per-org review against the base ref), the
// outputs, SARIF, and the exit code that fails the job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';

const SCRIPT = resolve(REPO, 'scripts/github-action.mjs');

const policies = (cc: boolean) => eca('ExtlClntAppOauthConfigurablePolicies', `${cc ? '    <clientCredentialsFlowUser>sync@acme.example.uat</clientCredentialsFlowUser>\n' : ''}    <externalClientApplication>Acme_Sync</externalClientApplication>\n    <isClientCredentialsFlowEnabled>${cc}</isClientCredentialsFlowEnabled>\n    <label>Acme_Sync_oauthPlcy</label>\n`);

function workspace(): string {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'app', default: true }, { path: 'policies', package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true }] }),
    'app/externalClientApps/Acme_Sync.eca-meta.xml': eca('ExternalClientApplication', '    <contactEmail>a@acme.example</contactEmail>\n    <distributionState>Local</distributionState>\n    <label>Acme_Sync</label>\n'),
    'app/extlClntAppGlobalOauthSets/Acme_Sync_glbl.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://acme.example/cb</callbackUrl>\n    <externalClientApplication>Acme_Sync</externalClientApplication>\n    <label>g</label>\n'),
    'policies/default/extlClntAppOauthPolicies/Acme_Sync_oauthPlcy.ecaOauthPlcy-meta.xml': policies(false),
    'policies/uat/extlClntAppOauthPolicies/Acme_Sync_oauthPlcy.ecaOauthPlcy-meta.xml': policies(false),
  }, 'eca-action-');
  const git = (...a: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: root }).status, 0);
  git('init', '-q', '-b', 'main'); git('add', '-A'); git('commit', '-qm', 'base');
  return root;
}

function action(ws: string, inputs: Record<string, string>) {
  const dir = tempDir('eca-action-files-');
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '# earlier step\n');
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_WORKSPACE: ws, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_BASE_REF: '' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k}`] = v;
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8', env });
  return { ...r, summary: readFileSync(summary, 'utf8'), output: existsSync(output) ? readFileSync(output, 'utf8') : '' };
}

test('a clean project: exit 0, no annotation, summary and outputs written, plan against the base', () => {
  const ws = workspace();
  writeFileSync(join(ws, 'policies/uat/extlClntAppOauthPolicies/Acme_Sync_oauthPlcy.ecaOauthPlcy-meta.xml'), policies(true));
  const r = action(ws, { BASE_REF: 'main' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.doesNotMatch(r.stdout, /^::error/m);
  assert.match(r.summary, /^# earlier step\n/, 'appended, not overwritten');
  assert.match(r.summary, /^## ECA check$/m);
  assert.match(r.summary, /^\| ❌ error \| 0 \|$/m);
  assert.match(r.summary, /^## ECA changes per org$/m);
  assert.match(r.summary, /^### uat .*\n\n- Acme_Sync OAuth policies: isClientCredentialsFlowEnabled false → true, run-as user added \(sync@acme\.example\.uat\)$/m);
  assert.match(r.output, /^errors=0$/m);
  assert.match(r.output, /^sarif-file=$/m);
  // The security posture of the orgs the change touches: uat only (default/ is unchanged).
  assert.match(r.summary, /^## ECA security posture per org$/m);
  assert.match(r.summary, /^\| \| uat \(not marked production \(set eca\.productionAliases\)\) \|$/m);
  assert.match(r.summary, /^\| Client credentials flow \| .*run as sync@acme\.example\.uat.* \|$/m);
  assert.match(r.summary, /^\| Authorization code flow \| yes \|$/m);
});

test('errors: annotations, a findings table, SARIF written, exit 1; fail-on-error false keeps the job green', () => {
  const ws = workspace();
  writeFileSync(join(ws, 'app/externalClientApps/Acme_Sync.eca-meta.xml'), eca('ExternalClientApplication', '    <distributionState>Packageable</distributionState>\n    <label>Acme_Sync</label>\n'));
  const r = action(ws, { SARIF_FILE: 'reports/eca.sarif' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^::error file=app\/externalClientApps\/Acme_Sync\.eca-meta\.xml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=invalid-enum::/m);
  assert.match(r.summary, /^\| ❌ error \| `app\/externalClientApps\/Acme_Sync\.eca-meta\.xml` \| \d+ \| `invalid-enum` \|/m);
  assert.doesNotMatch(r.summary, /ECA changes per org/, 'no base ref: no plan');
  assert.match(r.output, /^errors=[1-9]\d*$/m);
  const sarif = JSON.parse(readFileSync(join(ws, 'reports/eca.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'invalid-enum'));
  assert.match(r.output, new RegExp(`^sarif-file=${join(ws, 'reports/eca.sarif').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.equal(action(ws, { FAIL_ON_ERROR: 'false' }).status, 0);
});

test('a base ref that is not there: a warning and a note in the summary, the check still decides', () => {
  const ws = workspace();
  const r = action(ws, { BASE_REF: 'origin/nope' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^::warning title=eca-check plan::/m);
  assert.match(r.summary, /Per-org review against `origin\/nope` unavailable/);
});

test('action.yml runs this script and declares the inputs it reads', () => {
  const yml = readFileSync(resolve(REPO, 'action.yml'), 'utf8');
  assert.match(yml, /using: composite/);
  assert.match(yml, /node "\$GITHUB_ACTION_PATH\/scripts\/github-action\.mjs"/);
  const script = readFileSync(SCRIPT, 'utf8');
  const read = [...script.matchAll(/input\('([A-Z_]+)'/g)].map((m) => m[1]).filter((n) => n !== 'CLI');
  for (const name of new Set(read)) {
    const input = name.toLowerCase().replace(/_/g, '-');
    assert.match(yml, new RegExp(`^  ${input}:$`, 'm'), `input ${input} declared`);
    assert.match(yml, new RegExp(`INPUT_${name}: \\$\\{\\{ inputs\\.${input} \\}\\}`), `INPUT_${name} passed`);
  }
});
