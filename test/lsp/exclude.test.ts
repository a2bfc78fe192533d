// Every ECA file of the workspace is checked, over the real LSP wire (dist/server.js --stdio): a
// folder outside packageDirectories (test/fixtures/units/loose-folder's eca-source/) is published
// as a deploy unit of its own at startup, and the setting eca.exclude (read through
// workspace/configuration, as eca.apiVersion is) silences it, at startup and when changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, uriOf, type Diag } from '../helpers/lspClient';
import { FIXTURES, tempDir } from '../helpers/fs';

const LOOSE_OAUTH = 'eca-source/extlClntAppOauthSettings/Loose_oauth.ecaOauth-meta.xml';
const LONE_POLICY = 'eca-source/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml';

const cleanup: (() => Promise<void>)[] = [];
after(async () => { for (const c of cleanup) await c(); });

/** The built server on a fresh copy of the fixture; resolves once the first full publication pass is done. */
async function serve(config: Record<string, unknown>): Promise<{ client: LspClient; p: (rel: string) => string }> {
  const root = tempDir().replace(/\\/g, '/');
  cpSync(join(FIXTURES, 'units/loose-folder'), root, { recursive: true });
  const client = new LspClient();
  client.config = config;
  await client.initialize(root);
  await client.waitForLog(/^workspace diagnostics /, 20000);
  cleanup.push(async () => { await client.shutdown(); rmSync(root, { recursive: true, force: true }); });
  return { client, p: (rel) => `${root}/${rel}` };
}

const codes = (d: Diag[]) => d.map((x) => `${x.range.start.line + 1} ${x.severity} ${x.code}`).sort();
const scopeErrors = (d: Diag[]) => d.filter((x) => x.code === 'invalid-scope' && x.severity === 1).length;

test('a folder outside packageDirectories is published: invalid-scope errors on their line, its cross-file finding a warning', async () => {
  const { client, p } = await serve({});
  const oauth = await client.waitForDiagnostics(p(LOOSE_OAUTH), (d) => scopeErrors(d) === 2);
  assert.deepEqual(codes(oauth), ['2 2 oauth-link-missing', '3 1 invalid-scope', '3 1 invalid-scope']);
  const policy = await client.waitForDiagnostics(p(LONE_POLICY), (d) => d.some((x) => x.code === 'policies-without-oauth'));
  assert.deepEqual(codes(policy), ['2 2 policies-without-oauth']);
  assert.match(policy[0].message, /the deploy may fail/);
});

test('eca.exclude silences the folder from the start; removing it publishes the folder, setting it again clears it', async () => {
  const { client, p } = await serve({ exclude: ['eca-source/'] });
  // After the first full publication pass, the excluded folder has no diagnostic.
  for (const rel of [LOOSE_OAUTH, LONE_POLICY]) assert.deepEqual(client.diagnostics.get(uriOf(p(rel)))?.diagnostics ?? [], [], rel);
  // Opened in the editor, an excluded file stays silent.
  client.open(p(LOOSE_OAUTH), '<?xml version="1.0"?>\n<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <commaSeparatedOauthScopes>api</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n');
  await client.waitForDiagnostics(p(LOOSE_OAUTH), (d) => d.length === 0);
  client.close(p(LOOSE_OAUTH));

  client.config = { exclude: [] };
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.waitForDiagnostics(p(LOOSE_OAUTH), (d) => scopeErrors(d) === 2);
  await client.waitForDiagnostics(p(LONE_POLICY), (d) => d.some((x) => x.code === 'policies-without-oauth' && x.severity === 2));

  client.config = { exclude: ['**/eca-source/**'] };
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.waitForDiagnostics(p(LOOSE_OAUTH), (d) => d.length === 0);
  await client.waitForDiagnostics(p(LONE_POLICY), (d) => d.length === 0);
});
