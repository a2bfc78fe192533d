// `eca-check verify` as a real process (dist/cli.js, which loads dist/sf-lib.js with the real
// @salesforce/core) against simulated orgs, on the held-out sfp project test/fixtures/verify/
// sfp-aliasfy (aliasfy folders uat/, default/, prod/). The orgs decide from the zip they receive
// what they refuse; the tests prove that each org is asked about exactly the files it receives,
// that only check-only deploys (testLevel NoTestRun) reach any org, that the project stays
// byte-identical, and that no token appears in any output.
import { HOME, REPO, childEnv, grepTree, hashTree, loginToSim } from '../helpers/retrieveHarness';
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrgSim, type OrgSim } from '../org-sim/server';
import { assertEvery } from '../helpers/assert';

const CLI = join(REPO, 'dist', 'cli.js');
const FIXTURE = join(REPO, 'test', 'fixtures', 'verify', 'sfp-aliasfy');
const DEVHUB_ID = '00DHUB000000001AAA';
const APP = 'Booking_Partner_API';
const cleanup: string[] = [];
const sims: OrgSim[] = [];
const outputs: string[] = [];
let devhub: OrgSim;
let uat: OrgSim;
let qa: OrgSim;
let prod: OrgSim;
let live: OrgSim;
let withApp: OrgSim;

const appHeader = {
  type: 'ExternalClientApplication',
  fullName: APP,
  xml: '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"><label>Booking Partner API</label></ExternalClientApplication>\n',
};

async function sim(alias: string, opts: Parameters<typeof startOrgSim>[0], login: { setDevHub?: boolean } = {}): Promise<OrgSim> {
  const s = await startOrgSim({ components: [], devHubOrgId: DEVHUB_ID, ...opts });
  sims.push(s);
  await loginToSim(s, alias, login);
  return s;
}

before(async () => {
  assert.ok(existsSync(CLI) && existsSync(join(REPO, 'dist', 'sf-lib.js')), 'dist/cli.js and dist/sf-lib.js must be built (npm run build)');
  devhub = await sim('devhub', { orgId: DEVHUB_ID, isDevHub: true }, { setDevHub: true });
  uat = await sim('uat', { orgKind: 'sandbox', users: [{ Username: 'integration.booking@acme.example.com.uat', IsActive: true }], permissionSets: ['Booking_Integration'] });
  qa = await sim('qa', { orgKind: 'sandbox', permissionSets: ['Booking_Integration'] });
  prod = await sim('prod', {
    orgKind: 'production',
    users: [{ Username: 'integration.booking@acme.example.com', IsActive: false }],
    permissionSets: ['Booking_Integration'],
  });
  live = await sim('live', { orgKind: 'production' });
  withApp = await sim('staging', { orgKind: 'sandbox', components: [appHeader], permissionSets: ['Booking_Integration'] });
});

after(async () => {
  for (const s of sims) await s.close();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'eca-verify-'));
  cpSync(FIXTURE, root, { recursive: true });
  cleanup.push(root);
  return root;
}

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], cwd: string, opts: { onSpawn?: (signal: () => void) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'verify', ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    opts.onSpawn?.(() => child.kill('SIGINT'));
  });
}

interface Json {
  version: number;
  files: number;
  diagnostics: { file: string; range: { start: { line: number; character: number } }; severity: string; code: string; message: string; source: string }[];
  verified: { file: string; type: string; fullName: string; how: string }[];
  org: { kind: string; environment: string };
  deploy?: { id: string; status: string; checkOnly: boolean };
}

/** The members of every deploy that reached `s` since `from`, and proof that all were check-only without tests. */
function deploysOf(s: OrgSim, from = 0): string[][] {
  const ds = s.deploys.slice(from);
  for (const d of ds) {
    assert.equal(d.options.checkOnly, 'true', 'a deploy that is not check-only reached the org');
    assert.equal(d.options.testLevel, 'NoTestRun');
  }
  const soapDeploys = s.requests.filter((r) => r.op === 'deploy');
  assertEvery(soapDeploys, (r) => /checkOnly=true/.test(r.detail ?? ''), 'every deploy request carries checkOnly=true');
  return ds.map((d) => d.evaluation.members);
}

const POL = 'extlClntAppOauthPolicies/Booking_Partner_API_oauthPlcy.ecaOauthPlcy-meta.xml';
const PLCY = 'extlClntAppPolicies/Booking_Partner_API_plcy.ecaPlcy-meta.xml';
const BASE = [
  'src/booking-eca/externalClientApps/Booking_Partner_API.eca-meta.xml',
  'src/booking-eca/extlClntAppOauthSettings/Booking_Partner_API_oauth.ecaOauth-meta.xml',
];
const SATELLITE_MEMBERS = [
  'ExtlClntAppConfigurablePolicies:Booking_Partner_API_plcy',
  'ExtlClntAppOauthConfigurablePolicies:Booking_Partner_API_oauthPlcy',
];
const ALL_MEMBERS = [...SATELLITE_MEMBERS, 'ExtlClntAppOauthSettings:Booking_Partner_API_oauth', 'ExternalClientApplication:Booking_Partner_API'].sort();

test('uat (sandbox with its own folder) accepts: exit 0, exactly uat/ plus the shared package, check-only', async () => {
  const root = project();
  const before = hashTree(root);
  const n = uat.deploys.length;
  const r = await run(['--target-org', 'uat', '--format', 'json'], root);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout) as Json;
  assert.equal(out.version, 1);
  assert.deepEqual(out.diagnostics, []);
  assert.equal(out.files, 4);
  assert.deepEqual(out.verified.map((v) => v.file).sort(), [...BASE, `src/booking-policies/uat/${POL}`, `src/booking-policies/uat/${PLCY}`].sort());
  assert.deepEqual(out.org, { ...out.org, kind: 'sandbox', environment: 'uat' });
  assert.equal(out.deploy?.checkOnly, true);
  assert.deepEqual(deploysOf(uat, n), [ALL_MEMBERS]);
  // The zip carried the uat/ file's bytes (its run-as user), not default/'s or prod/'s.
  assert.ok(uat.requests.some((q) => q.op === 'query' && /FROM User WHERE Username IN \('integration\.booking@acme\.example\.com\.uat'\)/.test(q.detail ?? '')));
  assert.equal(hashTree(root), before, 'the project changed');
});

test('prod refuses: the platform\'s own messages on prod/ lines, lookups beside them, nothing on uat/ or default/', async () => {
  const root = project();
  const before = hashTree(root);
  const n = prod.deploys.length;
  const r = await run(['--target-org', 'prod', '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout) as Json;
  const pol = `src/booking-policies/prod/${POL}`;
  assertEvery(out.diagnostics, (d) => d.file === pol, JSON.stringify(out.diagnostics, null, 1));
  assertEvery(out.diagnostics, (d) => d.source === 'org prod' && d.severity === 'error', 'out.diagnostics');
  const byCode = (c: string) => out.diagnostics.filter((d) => d.code === c);
  // The lookups.
  assert.equal(byCode('org-user-missing').length, 1);
  assert.match(byCode('org-user-missing')[0].message, /integration\.booking@acme\.example\.com' is not active in prod/);
  assert.equal(byCode('org-user-missing')[0].range.start.line, 2);
  assert.equal(byCode('org-permission-set-missing').length, 1);
  assert.match(byCode('org-permission-set-missing')[0].message, /'Booking_Audit'/);
  assert.doesNotMatch(byCode('org-permission-set-missing')[0].message, /'Booking_Integration'/);
  // The platform's answers, verbatim, at the line and column the org gave.
  const platform = byCode('org-deploy-check');
  assert.deepEqual(platform.map((d) => d.message).sort(), [
    'Enter a valid execution user for the OAuth client credentials flow.',
    "We couldn't find permission sets called Booking_Audit",
  ]);
  const userLine = readFileSync(join(root, pol), 'utf8').split('\n').findIndex((l) => l.includes('<clientCredentialsFlowUser>'));
  const psLine = readFileSync(join(root, pol), 'utf8').split('\n').findIndex((l) => l.includes('<commaSeparatedPermissionSet>'));
  assert.deepEqual(platform.find((d) => d.message.startsWith('Enter'))!.range.start, { line: userLine, character: 4 });
  assert.deepEqual(platform.find((d) => d.message.startsWith('We'))!.range.start, { line: psLine, character: 4 });
  assert.deepEqual(deploysOf(prod, n), [ALL_MEMBERS]);
  assertEvery(out.verified, (v) => !v.file.includes('/uat/') && !v.file.includes('/default/'), 'out.verified');
  assert.equal(hashTree(root), before);
});

test('qa (sandbox without a folder) gets default/; text and github formats', async () => {
  const root = project();
  const n = qa.deploys.length;
  const r = await run(['--target-org', 'qa'], root);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /0 error\(s\), 0 warning\(s\) from qa \(sandbox\) on 4 ECA file\(s\) \(check-only deploy 0Af\w+: Succeeded\)/);
  assert.match(r.stderr, /aliasfy package 'booking-policies': qa gets default\/ \(no folder of its own; a sandbox org falls back\)/);
  assert.deepEqual(deploysOf(qa, n), [ALL_MEMBERS]);
  // default/ has no run-as user: no User lookup was needed.
  assert.ok(!qa.requests.some((q) => q.op === 'query' && /FROM User /.test(q.detail ?? '')));
  const g = await run(['--target-org', 'prod', '--format', 'github'], root);
  assert.equal(g.code, 1);
  assert.match(g.stdout, /^::error file=src\/booking-policies\/prod\/extlClntAppOauthPolicies\/Booking_Partner_API_oauthPlcy\.ecaOauthPlcy-meta\.xml,line=3,col=5,.*title=org-deploy-check \(org prod\)::Enter a valid execution user/m);
});

test('a production org without its aliasfy folder is refused before anything reaches it: exit 2', async () => {
  const root = project();
  const before = live.requests.length;
  const r = await run(['--target-org', 'live', '--format', 'json'], root);
  assert.equal(r.code, 2, r.stderr + r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /live is a production org and the aliasfy package 'booking-policies' has no folder named 'live': sfp never falls back to default\/ for production/);
  assert.deepEqual(live.requests.slice(before).filter((q) => q.op === 'deploy'), []);
});

test('only satellites (a path): org-app-missing where the app is not installed, accepted where it is', async () => {
  const root = project();
  const n = uat.deploys.length;
  const r = await run(['--target-org', 'uat', '--format', 'json', 'src/booking-policies'], root);
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout) as Json;
  assert.equal(out.files, 2);
  const missing = out.diagnostics.filter((d) => d.code === 'org-app-missing');
  assert.deepEqual(missing.map((d) => d.file).sort(), [`src/booking-policies/uat/${POL}`, `src/booking-policies/uat/${PLCY}`]);
  assert.ok(out.diagnostics.some((d) => d.code === 'org-deploy-check' && /External client app is not installed in this org/.test(d.message)));
  assert.deepEqual(deploysOf(uat, n), [SATELLITE_MEMBERS]);
  const m = withApp.deploys.length;
  const ok = await run(['--target-org', 'staging', '--format', 'json', 'src/booking-policies'], root);
  assert.equal(ok.code, 0, ok.stderr + ok.stdout);
  assert.deepEqual((JSON.parse(ok.stdout) as Json).diagnostics, []);
  assert.deepEqual(deploysOf(withApp, m), [SATELLITE_MEMBERS]);
});

test('a path into another environment\'s folder: named as not received, never judged or deployed', async () => {
  const root = project();
  const n = uat.deploys.length;
  const r = await run(['--target-org', 'uat', 'src/booking-policies/prod'], root);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stderr, /prod\/extlClntAppOauthPolicies\/Booking_Partner_API_oauthPlcy\.ecaOauthPlcy-meta\.xml: not received by uat/);
  assert.match(r.stderr, /uat receives no ECA file under the given paths: nothing to verify/);
  assert.equal(uat.deploys.length, n, 'nothing was deployed');
});

test('an oauthLink to another org than the Dev Hub: org-oauth-link-mismatch and the platform refusal', async () => {
  const root = project();
  const f = join(root, 'src/booking-eca/extlClntAppOauthSettings/Booking_Partner_API_oauth.ecaOauth-meta.xml');
  writeFileSync(f, readFileSync(f, 'utf8').replace('00DHUB000000001:', '00DOTHER0000001:'));
  const before = hashTree(root);
  const r = await run(['--target-org', 'uat', '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout) as Json;
  const codes = out.diagnostics.map((d) => `${d.file.split('/').pop()} ${d.code}`).sort();
  assert.deepEqual(codes, ['Booking_Partner_API_oauth.ecaOauth-meta.xml org-deploy-check', 'Booking_Partner_API_oauth.ecaOauth-meta.xml org-oauth-link-mismatch']);
  assert.match(out.diagnostics.find((d) => d.code === 'org-oauth-link-mismatch')!.message, /points at org 00DOTHER0000001, but the Dev Hub 'devhub' is 00DHUB000000001/);
  assert.equal(hashTree(root), before);
});

test('usage and connection failures: exit 2 with what happened', async () => {
  const root = project();
  const noProject = mkdtempSync(join(tmpdir(), 'eca-verify-none-'));
  cleanup.push(noProject);
  const a = await run(['--target-org', 'uat'], noProject);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /No sfdx-project\.json/);
  const b = await run(['--target-org', 'uat', '--format', 'xml'], root);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /unknown format 'xml'/);
  const c = await run(['--target-org', 'nobody'], root);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /No Salesforce login found for 'nobody'/);
  // An org that is gone.
  const gone = await startOrgSim({ orgKind: 'sandbox' });
  await loginToSim(gone, 'gone');
  await gone.close();
  const d = await run(['--target-org', 'gone', '--format', 'json'], root);
  assert.equal(d.code, 2, d.stderr);
  assert.equal(d.stdout, '');
  assert.match(d.stderr, /Could not reach the org 'gone' while .*\(connection refused\)\. Nothing was deployed\./);
});

test('cancel (SIGINT) during the check-only deploy: cancelled in the org, exit 2, nothing written', async () => {
  const root = project();
  const before = hashTree(root);
  qa.deployPollsBeforeDone = 1000;
  try {
    const polled = new Promise<void>((resolve) => {
      const on = (q: { op: string }) => {
        if (q.op === 'checkDeployStatus') {
          qa.off('request', on);
          resolve();
        }
      };
      qa.on('request', on);
    });
    const r = await run(['--target-org', 'qa'], root, { onSpawn: (sigint) => void polled.then(sigint) });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Verify cancelled: the check-only deploy 0Af\w+ was cancelled in qa/);
    assert.ok(qa.requests.some((q) => q.op === 'cancelDeploy'));
    assert.equal(qa.deploys.at(-1)!.canceled, true);
  } finally {
    qa.deployPollsBeforeDone = 1;
  }
  assert.equal(hashTree(root), before);
});

test('no token of any org in any output, the project, or a log under HOME', () => {
  const tokens = sims.flatMap((s) => s.issuedTokens);
  assert.ok(tokens.length >= sims.length * 2);
  assert.ok(outputs.length > 10);
  for (const o of outputs) for (const t of tokens) assert.ok(!o.includes(t), 'a token appeared in CLI output');
  for (const d of cleanup) if (existsSync(d)) assert.deepEqual(grepTree(d, tokens), []);
  // sf's own auth files hold tokens (encrypted); nothing else under HOME may (no log files).
  const hits = grepTree(HOME, tokens);
  assert.deepEqual(hits, []);
});
