// Workspace diagnostics over the real LSP wire (dist/server.js --stdio): every ECA problem of the
// workspace is published at startup without opening a file (eca.validation.scope = workspace, the
// default), kept current through editor and disk changes (a checkout of many files included),
// kept when a file is closed; `openFiles` publishes open files only. eca/problemsSummary counts
// exactly what was published.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { LspClient, uriOf, type Diag } from '../../helpers/lspClient';
import { eca, tempTree } from '../../helpers/fs';
import { PROBLEMS_METHODS, type ProblemsSummary } from '../../../server/src/lsp/protocol';

const D = 'force-app/main/default';
const HEADER = `${D}/externalClientApps/MyApp.eca-meta.xml`;
const POLICY = `${D}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;
const PLCY = `${D}/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml`;
const IGNORED = `${D}/extlClntAppPolicies/Ignored_plcy.ecaPlcy-meta.xml`;
const OUTSIDE = `unpackaged/extlClntAppPolicies/Outside_plcy.ecaPlcy-meta.xml`;

const header = (state: string) => eca('ExternalClientApplication', `    <contactEmail>a@example.com</contactEmail>\n    <distributionState>${state}</distributionState>\n    <isProtected>false</isProtected>\n    <label>MyApp</label>\n`);
const policy = (flag: string) => eca('ExtlClntAppOauthConfigurablePolicies', `    <externalClientApplication>MyApp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>${flag}</isClientCredentialsFlowEnabled>\n    <label>MyApp_oauthPlcy</label>\n`);
const plcy = (flag: string, app = 'MyApp') => eca('ExtlClntAppConfigurablePolicies', `    <externalClientApplication>${app}</externalClientApplication>\n    <isEnabled>${flag}</isEnabled>\n    <label>${app}_plcy</label>\n    <startPage>None</startPage>\n`);

const FILES: Record<string, string> = {
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
  '.forceignore': `${IGNORED}\n`,
  [HEADER]: header('Local'),
  [POLICY]: policy('True'),
  [PLCY]: plcy('true'),
  [IGNORED]: plcy('Yes', 'Ignored'),
  [OUTSIDE]: plcy('Yes', 'Outside'),
};

const cleanup: (() => Promise<void>)[] = [];
after(async () => { for (const c of cleanup) await c(); });

interface Served { client: LspClient; root: string; p: (rel: string) => string; summaries: ProblemsSummary[] }

/** The built server on a fresh copy of FILES; resolves once the first full publication pass is done. */
async function serve(config: Record<string, unknown> = {}): Promise<Served> {
  const root = tempTree(FILES);
  const client = new LspClient();
  client.config = config;
  const summaries: ProblemsSummary[] = [];
  client.conn.onNotification(PROBLEMS_METHODS.summaryChanged, (s: ProblemsSummary) => { summaries.push(s); client.notify(); });
  await client.initialize(root);
  await logged(client, /^workspace diagnostics /);
  cleanup.push(async () => { await client.shutdown(); rmSync(root, { recursive: true, force: true }); });
  return { client, root, p: (rel) => `${root}/${rel}`, summaries };
}

/** Wait for a server log line (an event the server emits), never a fixed delay. */
function logged(client: LspClient, re: RegExp, timeoutMs = 20000): Promise<void> {
  return client.waitForLog(re, timeoutMs);
}

const has = (code: string) => (d: Diag[]) => d.some((x) => x.code === code);
const published = (s: Served, rel: string) => s.client.diagnostics.get(uriOf(s.p(rel)));

test('workspace scope: every ECA problem is published at startup, with no file opened', async () => {
  const s = await serve();
  await s.client.waitForDiagnostics(s.p(POLICY), has('invalid-boolean'));
  // .forceignore'd files get no file checks (as with the CLI); project-level findings on them are
  // published in every scope. A folder outside the package directories is a deploy unit of its own.
  assert.ok(!has('invalid-boolean')(published(s, IGNORED)?.diagnostics ?? []));
  assert.ok(has('invalid-boolean')(published(s, OUTSIDE)?.diagnostics ?? []));
  assert.ok(s.client.logs.some((l) => /^workspace diagnostics \(workspace\): \d+ files published/.test(l)));
});

test('eca/problemsSummary counts exactly the published diagnostics, per file and per app', async () => {
  const s = await serve();
  await s.client.waitForDiagnostics(s.p(POLICY), has('invalid-boolean'));
  const summary = await s.client.request<ProblemsSummary>(PROBLEMS_METHODS.summary, null);
  assert.equal(summary.scope, 'workspace');
  const fromWire = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  const filesWithDiags = [...s.client.diagnostics].filter(([, v]) => v.diagnostics.length);
  for (const [, v] of filesWithDiags) {
    for (const d of v.diagnostics) {
      if (d.severity === 1) fromWire.errors++; else if (d.severity === 2) fromWire.warnings++; else if (d.severity === 3) fromWire.infos++; else fromWire.hints++;
    }
  }
  assert.deepEqual(summary.total, fromWire);
  assert.deepEqual(summary.files.map((f) => f.uri).sort(), filesWithDiags.map(([u]) => u).sort());
  const app = summary.apps.find((a) => a.eca === 'MyApp')!;
  const appFiles = summary.files.filter((f) => f.eca === 'MyApp');
  assert.equal(app.files, appFiles.length);
  assert.equal(app.counts.errors, appFiles.reduce((n, f) => n + f.counts.errors, 0));
  assert.ok(app.counts.errors >= 1);
  // The same payload is pushed as a notification after publications.
  await s.client.until(
    () => s.summaries.some((x) => x.total.errors === summary.total.errors),
    `an eca/problemsSummaryChanged with ${summary.total.errors} errors`,
    10000,
    () => JSON.stringify(s.summaries.at(-1)),
  );
});

test('closing a file keeps its problems (read from disk again), unsaved fixes included', async () => {
  const s = await serve();
  const path = s.p(POLICY);
  await s.client.waitForDiagnostics(path, has('invalid-boolean'));
  s.client.open(path, policy('True'));
  s.client.change(path, policy('true'), 2);
  await s.client.waitForDiagnostics(path, (d) => !has('invalid-boolean')(d));
  s.client.close(path);
  // The fix was never saved: the disk still has True, and Problems says so.
  await s.client.waitForDiagnostics(path, has('invalid-boolean'));
});

test('disk changes keep Problems current: an edit, a deletion, and a checkout of many files in one event', async () => {
  const s = await serve();
  const watched = (changes: { rel: string; type: number }[]) => s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: uriOf(s.p(c.rel)), type: c.type })) });
  // An edit on disk of a file nobody opened.
  writeFileSync(s.p(PLCY), plcy('Maybe'));
  await watched([{ rel: PLCY, type: 2 }]);
  await s.client.waitForDiagnostics(s.p(PLCY), has('invalid-boolean'));
  // A checkout: 40 new apps' policies, half broken, reported in one event.
  const created = Array.from({ length: 40 }, (_, i) => `${D}/extlClntAppPolicies/App${i}_plcy.ecaPlcy-meta.xml`);
  created.forEach((rel, i) => writeFileSync(s.p(rel), plcy(i % 2 ? 'Yes' : 'true', `App${i}`)));
  await watched(created.map((rel) => ({ rel, type: 1 })));
  for (const [i, rel] of created.entries()) {
    await s.client.waitForDiagnostics(s.p(rel), (d) => (i % 2 ? has('invalid-boolean')(d) : !has('invalid-boolean')(d)) && has('unknown-eca')(d));
  }
  // Deleting the file clears its problems.
  rmSync(s.p(POLICY));
  await watched([{ rel: POLICY, type: 3 }]);
  await s.client.waitForDiagnostics(s.p(POLICY), (d) => d.length === 0);
  // A header created on disk resolves every satellite that named it.
  const h = `${D}/externalClientApps/App1.eca-meta.xml`;
  writeFileSync(s.p(h), header('Local').replace(/MyApp/g, 'App1'));
  await watched([{ rel: h, type: 1 }]);
  await s.client.waitForDiagnostics(s.p(created[1]), (d) => !has('unknown-eca')(d) && has('invalid-boolean')(d));
});

test('openFiles scope: only open files are published; closing clears their own problems', async () => {
  const s = await serve({ validation: { scope: 'openFiles' } });
  assert.ok(s.client.logs.some((l) => /^workspace diagnostics \(openFiles\)/.test(l)));
  // Project-level findings are published in every scope; an unopened file's own checks are not.
  assert.ok(!has('invalid-boolean')(published(s, POLICY)?.diagnostics ?? []), 'an unopened file gets no file checks');
  const path = s.p(POLICY);
  s.client.open(path, policy('True'));
  await s.client.waitForDiagnostics(path, has('invalid-boolean'));
  s.client.close(path);
  await s.client.waitForDiagnostics(path, (d) => !has('invalid-boolean')(d));
  const summary = await s.client.request<ProblemsSummary>(PROBLEMS_METHODS.summary, null);
  assert.equal(summary.scope, 'openFiles');
  assert.equal(summary.files.find((f) => f.path === path)?.counts.errors ?? 0, (published(s, POLICY)?.diagnostics ?? []).filter((d) => d.severity === 1).length);
  // Switching the setting to workspace publishes everything.
  s.client.config = { validation: { scope: 'workspace' } };
  await s.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await s.client.waitForDiagnostics(path, has('invalid-boolean'));
});
