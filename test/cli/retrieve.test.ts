// The CLI as a real process: `node dist/cli.js retrieve …` (the bundle built by `npm run build`,
// which loads dist/sf-lib.js lazily) against the org simulator, with the isolated HOME of the
// harness. Also: the Salesforce bundle works alone, and nothing loads it before a retrieve.
import { HOME, REPO, childEnv, grepTree, hashTree, listFiles, loginToSim, makeProject, simSecrets } from '../helpers/retrieveHarness';
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOrgSim, type OrgSim } from '../org-sim/server';
import { tempDir } from '../helpers/fs';
import { assertEvery } from '../helpers/assert';

const CLI = join(REPO, 'dist', 'cli.js');
const SF_LIB = join(REPO, 'dist', 'sf-lib.js');
const cleanup: string[] = [];
let sim: OrgSim;
const ALIAS = 'CliHub';

before(async () => {
  assert.ok(existsSync(CLI) && existsSync(SF_LIB), 'dist/cli.js and dist/sf-lib.js must be built (npm run build)');
  sim = await startOrgSim();
  await loginToSim(sim, ALIAS, { setDevHub: true });
});
after(async () => {
  await sim?.close();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, opts: { onSpawn?: (kill: () => void) => void; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: opts.env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    opts.onSpawn?.(() => child.kill('SIGINT'));
  });
}

function project(files?: Record<string, string>): string {
  const root = makeProject({ files });
  cleanup.push(root);
  return root;
}

test('retrieve --json: exit 0, files placed, no secret in output, workspace or HOME', async () => {
  sim.answerAlsoWith = ['ExtlClntAppGlobalOauthSettings'];
  try {
    const root = project();
    const r = await run([CLI, 'retrieve', '--target-org', ALIAS, '--eca', 'Booking_Integration_API', '--eca', 'ecaViaMetadata', '--json'], root);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout) as { status: number; result: { files: { path: string; state: string }[]; warnings: string[] } };
    assert.equal(out.status, 0);
    assert.equal(out.result.files.length, 7);
    assertEvery(out.result.files, (f) => f.state === 'Created' && existsSync(join(root, f.path)), 'out.result.files');
    assert.ok(out.result.warnings.some((w) => w.includes('Left out ExtlClntAppGlobalOauthSettings')));
    for (const s of simSecrets(sim)) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'secret in CLI output');
    }
    assert.deepEqual(grepTree(root, simSecrets(sim)), []);
    assert.deepEqual(grepTree(HOME, simSecrets(sim)), []);
  } finally {
    sim.answerAlsoWith = [];
  }
});

test('retrieve without --target-org uses target-dev-hub; text output', async () => {
  const root = project();
  const r = await run([CLI, 'retrieve', '--eca', 'Orders_Sync'], root);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Created\s+eca-pkg\/main\/default\/extlClntAppOauthSettings\/OrdSync_Connect\.ecaOauth-meta\.xml$/m);
  assert.match(r.stdout, /Retrieved Orders_Sync from /);
});

test('local files that differ: diff shown, exit 1, nothing written; --force replaces', async () => {
  const path = 'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml';
  const root = project({ [path]: 'stale local copy\n' });
  const before = hashTree(root);
  const r = await run([CLI, 'retrieve', '-o', ALIAS, '-e', 'Booking_Integration_API'], root);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^-stale local copy$/m);
  assert.match(r.stdout, /^\+    <oauthLink>/m);
  assert.match(r.stderr, /--force/);
  assert.equal(hashTree(root), before);

  const j = await run([CLI, 'retrieve', '-o', ALIAS, '-e', 'Booking_Integration_API', '--json'], root);
  assert.equal(j.code, 1);
  const out = JSON.parse(j.stdout) as { status: number; files: { path: string; state: string; diff?: string }[] };
  assert.equal(out.status, 1);
  assert.ok(out.files.find((f) => f.path === path && f.state === 'Changed' && f.diff));
  assert.equal(hashTree(root), before);

  const f = await run([CLI, 'retrieve', '-o', ALIAS, '-e', 'Booking_Integration_API', '--force'], root);
  assert.equal(f.code, 0, f.stderr);
  assert.equal(readFileSync(join(root, path), 'utf8'), sim.component('ExtlClntAppOauthSettings', 'Booking_Integration_API_oauth')!.xml);
});

test('usage errors exit 2', async () => {
  const root = project();
  for (const args of [['retrieve', '-o', ALIAS], ['retrieve', '-o', ALIAS, '--eca', 'X', '--bogus'], ['retrieve', 'positional']]) {
    const r = await run([CLI, ...args], root);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /Usage: eca-check retrieve/);
  }
  const h = await run([CLI, 'retrieve', '--help'], root);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--target-org/);
});

test('an org without a login: exit 1 with the login command', async () => {
  const root = project();
  const before = hashTree(root);
  const r = await run([CLI, 'retrieve', '--target-org', 'NotLoggedIn', '--eca', 'X'], root);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /sf org login web --alias NotLoggedIn/);
  const j = await run([CLI, 'retrieve', '--target-org', 'NotLoggedIn', '--eca', 'X', '--json'], root);
  assert.equal(j.code, 1);
  assert.equal((JSON.parse(j.stdout) as { name: string }).name, 'NO_LOGIN');
  assert.equal(hashTree(root), before);
});

test('an org error (SOAP fault) exits 1 and leaves the workspace as it was', async () => {
  const root = project({ 'force-app/main/default/externalClientApps/Booking_Integration_API.eca-meta.xml': 'mine\n' });
  const before = hashTree(root);
  sim.inject({ on: 'retrieve', kind: 'soapFault', faultCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' });
  const r = await run([CLI, 'retrieve', '-o', ALIAS, '-e', 'Booking_Integration_API'], root);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /REQUEST_LIMIT_EXCEEDED/);
  assert.equal(hashTree(root), before);
});

test('Ctrl-C during a slow answer: the process ends, exit 1, nothing written', async () => {
  const root = project();
  const before = hashTree(root);
  sim.inject({ on: 'checkRetrieveStatus', kind: 'slow' });
  const arrived = sim.waitFor('checkRetrieveStatus');
  const r = await run([CLI, 'retrieve', '-o', ALIAS, '-e', 'Booking_Integration_API'], root, {
    onSpawn: (kill) => void arrived.then(kill),
  });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /cancelled/i);
  assert.equal(hashTree(root), before);
  sim.clearFaults();
});

test('dist/sf-lib.js works alone (copied into an empty folder) against the org', async () => {
  const dir = tempDir('eca-lone-');
  cleanup.push(dir);
  copyFileSync(SF_LIB, join(dir, 'sf-lib.js'));
  const script = join(dir, 'probe.js');
  writeFileSync(
    script,
    `const Module = require('node:module');
const resolved = [];
const orig = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const r = orig.call(this, request, ...rest);
  if (!Module.isBuiltin(request)) resolved.push(request);
  return r;
};
(async () => {
  const lib = require('./sf-lib.js');
  const logins = await lib.listLogins();
  const s = await lib.openOrg(${JSON.stringify(ALIAS)});
  const ecas = await s.listMetadata(['ExternalClientApplication']);
  const id = await s.startRetrieve([{ name: 'ExternalClientApplication', members: ['Orders_Sync'] }]);
  let st = await s.checkRetrieveStatus(id);
  while (!st.done) st = await s.checkRetrieveStatus(id);
  const files = await lib.unzip(Buffer.from(st.zipFile, 'base64'));
  console.log(JSON.stringify({ logins: logins.logins.map((l) => l.username), ecas: ecas.length, files: files.map((f) => f.path).sort(), resolved }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  const r = await run([script], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { logins: string[]; ecas: number; files: string[]; resolved: string[] };
  assert.ok(out.logins.includes(sim.username));
  assert.equal(out.ecas, 5);
  assert.deepEqual(out.files, ['unpackaged/externalClientApps/Orders_Sync.eca', 'unpackaged/package.xml']);
  // Nothing resolved from disk but the bundle itself (supports-color: optional, caught by debug).
  assert.deepEqual(out.resolved.filter((r) => r !== './sf-lib.js' && r !== 'supports-color'), []);
});

test('the Salesforce libraries load only when a retrieve runs', async () => {
  // Statically: none of the entry bundles carries the libraries.
  for (const f of ['cli.js', 'extension.js', 'server.js']) {
    const p = join(REPO, 'dist', f);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'utf8');
    assert.ok(!text.includes('listAllAuthorizations'), `${f} bundles @salesforce/core`);
  }
  // At run time: a check and `retrieve --help` never require dist/sf-lib.js.
  const preload = join(tempDir('eca-preload-'), 'watch.js');
  cleanup.push(join(preload, '..'));
  writeFileSync(
    preload,
    `process.on('exit', () => { const hit = Object.keys(require.cache).filter((k) => /sf-lib|@salesforce/.test(k)); process.stderr.write('LOADED:' + JSON.stringify(hit) + '\\n'); });`,
  );
  const root = project();
  for (const args of [['check', root], ['retrieve', '--help']]) {
    const r = await run(['--require', preload, CLI, ...args], root);
    const line = /LOADED:(.*)$/m.exec(r.stderr);
    assert.ok(line, r.stderr);
    assert.deepEqual(JSON.parse(line[1]), [], args.join(' '));
  }
  // And a retrieve does load it (the watcher works).
  const r = await run(['--require', preload, CLI, 'retrieve', '-o', ALIAS, '-e', 'Field_Create_MDAPI'], root);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /LOADED:\[".*sf-lib\.js"\]/);
  assert.ok(listFiles(root).includes('eca-pkg/main/default/externalClientApps/Field_Create_MDAPI.eca-meta.xml'));
});
