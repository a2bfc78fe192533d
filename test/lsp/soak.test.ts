// The server under load, over the real wire: thousands of rapid edits (stale versions are never
// published after newer ones), cancelled requests, a file deleted while being edited, a restart,
// and memory that does not grow per edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { LspClient, uriOf } from '../helpers/lspClient';
import { tempTree, eca } from '../helpers/fs';

const P = 'force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml';
const body = (v: number) => eca('ExtlClntAppOauthConfigurablePolicies', `    <externalClientApplication>A</externalClientApplication>\n    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>${v % 3 === 0 ? 'x' : v}</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n`);
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function workspace(): string {
  return tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n'),
    [P]: body(1),
  });
}

test('5,000 rapid didChange: the last version wins, stale ones are coalesced, memory stays bounded', async () => {
  const root = workspace();
  const client = new LspClient();
  await client.initialize(root);
  await client.indexed();
  const path = `${root}/${P}`;
  const published: number[] = [];
  client.onPublish.push((p) => { if (p.uri === uriOf(path) && p.version) published.push(p.version); });
  try {
  client.open(path, body(1), 1);
  // Warm up, then measure RSS growth across many more edits.
  for (let v = 2; v <= 1000; v++) client.change(path, body(v), v);
  await client.waitForDiagnostics(path, () => client.diagnostics.get(uriOf(path))?.version === 1000, 30000);
  const before = rssMb(client.proc.pid!);
  for (let v = 1001; v <= 5000; v++) client.change(path, body(v), v);
  const last = await client.waitForDiagnostics(path, () => client.diagnostics.get(uriOf(path))?.version === 5000, 30000);
  const after = rssMb(client.proc.pid!);
  // Versions are published in order, and far fewer times than edits were sent.
  for (let i = 1; i < published.length; i++) assert.ok(published[i] >= published[i - 1], `version ${published[i]} published after ${published[i - 1]}`);
  assert.ok(published.length < 5000, `every edit was validated (${published.length} publications): no coalescing`);
  // 5000 % 3 !== 0 → valid period: no refresh-token-period error on the final state.
  assert.ok(!last.some((d) => d.code === 'invalid-number'));
  assert.ok(after - before < 40, `RSS grew ${(after - before).toFixed(1)} MB over 4,000 edits`);
  } finally {
    await client.shutdown();
  }
});

test('cancelled requests, a deleted file and a restart keep the server serving', async () => {
  const root = workspace();
  let client = new LspClient();
  await client.initialize(root);
  await client.indexed();
  const path = `${root}/${P}`;
  client.open(path, body(1), 1);
  await client.waitForDiagnostics(path);
  // Fire completions and cancel them at once: each answers or reports cancellation, none hangs.
  const { CancellationTokenSource } = await import('vscode-jsonrpc');
  const results = await Promise.allSettled(Array.from({ length: 50 }, () => {
    const cts = new CancellationTokenSource();
    const p = client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(path) }, position: { line: 3, character: 5 } }, cts.token);
    cts.cancel();
    return p;
  }));
  assert.equal(results.length, 50);
  // Delete the file on disk while it is being edited.
  rmSync(path);
  void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 3 }] });
  for (let v = 2; v <= 200; v++) client.change(path, body(v), v);
  await client.waitForDiagnostics(path, () => client.diagnostics.get(uriOf(path))?.version === 200);
  client.close(path);
  await client.shutdown();
  // The client restarts the server: a new process on the same workspace answers as before.
  client = new LspClient();
  await client.initialize(root);
  await client.indexed();
  client.open(path, body(3), 1);
  const d = await client.waitForDiagnostics(path, (x) => x.some((y) => y.code === 'invalid-number'));
  assert.ok(d.length >= 1);
  await client.shutdown();
});

test('symlink loops and unreadable files are skipped with a log line; the rest is indexed', async () => {
  const { symlinkSync, mkdirSync } = await import('node:fs');
  const root = workspace();
  mkdirSync(`${root}/force-app/loop`, { recursive: true });
  symlinkSync(`${root}/force-app`, `${root}/force-app/loop/back`);
  symlinkSync(`${root}/does-not-exist.xml`, `${root}/force-app/main/default/externalClientApps/Dangling.eca-meta.xml`);
  const client = new LspClient();
  try {
    await client.initialize(root);
    await client.indexed();
    assert.ok(client.logs.some((l) => /scan: skipped .*loop\/back \(symbolic link not followed\)/.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => /scan: skipped .*Dangling\.eca-meta\.xml \(ENOENT\)/.test(l)), client.logs.join('\n'));
    // The real ECA header was indexed: its satellite resolves (no unknown-eca).
    const path = `${root}/${P}`;
    client.open(path, body(1), 1);
    const d = await client.waitForDiagnostics(path);
    assert.ok(!d.some((x) => x.code === 'unknown-eca'));
  } finally {
    await client.shutdown();
  }
});
