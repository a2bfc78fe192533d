// The built server over the real LSP wire (dist/server.js --stdio, JSON-RPC on stdio).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, uriOf, type Diag } from '../helpers/lspClient';
import { tempTree, eca } from '../helpers/fs';

const H = 'force-app/main/default/externalClientApps/MyApp.eca-meta.xml';
const O = 'force-app/main/default/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml';
const G = 'force-app/main/default/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml';
const P = 'force-app/main/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml';

const header = (state: string) => eca('ExternalClientApplication', `    <distributionState>${state}</distributionState>\n    <label>MyApp</label>\n`);
const oauthNoLink = eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n');

let root: string;
let client: LspClient;

before(async () => {
  root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    [H]: header('Local'),
    [G]: eca('ExtlClntAppGlobalOauthSettings', '    <externalClientApplication>MyApp</externalClientApplication>\n'),
    [O]: oauthNoLink,
  });
  client = new LspClient();
  const init = (await client.initialize(root)) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.codeActionProvider && init.capabilities.documentSymbolProvider);
  await client.indexed();
});
after(async () => { await client.shutdown(); });

const p = (rel: string) => `${root}/${rel}`;
const has = (code: string) => (d: Diag[]) => d.some((x) => x.code === code);

test('publishes diagnostics with source eca, code = rule id and exact range', async () => {
  const text = eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>True</isClientCredentialsFlowEnabled>\n');
  client.open(p(P), text);
  const diags = await client.waitForDiagnostics(p(P), has('invalid-boolean'));
  const d = diags.find((x) => x.code === 'invalid-boolean')!;
  assert.equal(d.source, 'eca');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.range, { start: { line: 3, character: 36 }, end: { line: 3, character: 40 } });
});

test('cross-file: flipping the header to Packaged re-checks the open global OAuth settings', async () => {
  const gText = eca('ExtlClntAppGlobalOauthSettings', '    <externalClientApplication>MyApp</externalClientApplication>\n');
  const globalIs = (sev: number) => (d: Diag[]) => d.some((x) => x.code === 'global-oauth-in-source' && x.severity === sev);
  client.open(p(G), gText);
  await client.waitForDiagnostics(p(G), globalIs(3));
  client.open(p(H), header('Local'));
  client.change(p(H), header('Packaged'), 2);
  // A Packaged app's global settings as plain source (the packaging org's own retrieve): a warning.
  await client.waitForDiagnostics(p(G), globalIs(2));
  client.change(p(H), header('Local'), 3);
  await client.waitForDiagnostics(p(G), globalIs(3));
  // Global settings deployed alongside from a source directory create the consumer, whatever the state.
  client.open(p(O), oauthNoLink);
  await client.waitForDiagnostics(p(O), (d) => !d.some((x) => x.code === 'oauth-link-missing'));
});

test('completion offers elements valid at the cursor, enum values and booleans', async () => {
  const text = eca('ExternalClientApplication', '    <distributionState></distributionState>\n    <\n');
  client.open(p('force-app/main/default/externalClientApps/Other.eca-meta.xml'), text);
  const uri = uriOf(p('force-app/main/default/externalClientApps/Other.eca-meta.xml'));
  const values = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 23 } });
  assert.deepEqual(values.map((v) => v.label).sort(), ['AutoInstalled', 'Local', 'Managed', 'Packaged']);
  const elements = await client.request<{ label: string; documentation?: { value: string } }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 5 } });
  const labels = elements.map((e) => e.label);
  assert.ok(labels.includes('contactEmail') && labels.includes('orgScopedExternalApp'));
  assert.ok(!labels.includes('distributionState'), 'a field already present is not offered again');
  assert.match(elements.find((e) => e.label === 'contactEmail')!.documentation!.value, /Email/);
});

test('completion of externalClientApplication offers the workspace ECAs', async () => {
  const path = p('force-app/main/default/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml');
  client.open(path, eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication></externalClientApplication>\n'));
  const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: uriOf(path) }, position: { line: 2, character: 31 } });
  // Other.eca-meta.xml was opened by an earlier test: open documents are part of the workspace.
  assert.deepEqual(items.map((i) => i.label), ['MyApp', 'Other']);
});

test('hover documents fields from the schema', async () => {
  const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uriOf(p(P)) }, position: { line: 3, character: 10 } });
  assert.match(h.contents.value, /isClientCredentialsFlowEnabled/);
  assert.match(h.contents.value, /boolean/);
});

test('document symbols list the elements', async () => {
  const s = await client.request<{ name: string; children: { name: string; detail: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(p(H)) } });
  assert.equal(s[0].name, 'ExternalClientApplication');
  assert.deepEqual(s[0].children.map((c) => [c.name, c.detail]), [['distributionState', 'Local'], ['label', 'MyApp']]);
});

test('code action edits fix the diagnostic', async () => {
  const diags = await client.waitForDiagnostics(p(P), has('invalid-boolean'));
  const d = diags.find((x) => x.code === 'invalid-boolean')!;
  const actions = await client.request<{ title: string; isPreferred?: boolean; edit: { documentChanges: { edits: { newText: string; range: unknown }[] }[] } }[]>('textDocument/codeAction', {
    textDocument: { uri: uriOf(p(P)) }, range: d.range, context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.isPreferred)!;
  assert.equal(fix.title, "Set to 'true'");
  assert.deepEqual(fix.edit.documentChanges[0].edits, [{ range: d.range, newText: 'true' }]);
});

test('oauth-link-missing offers the retrieve command', async () => {
  const path = p('force-app/main/default/extlClntAppOauthSettings/Other_oauth.ecaOauth-meta.xml');
  client.open(path, oauthNoLink.replace('>MyApp<', '>Other<'));
  const diags = await client.waitForDiagnostics(path, has('oauth-link-missing'));
  const d = diags.find((x) => x.code === 'oauth-link-missing')!;
  const actions = await client.request<{ command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => a.command?.command), ['eca.retrieveFromDevHub']);
  assert.deepEqual(actions[0].command!.arguments, [{ eca: 'Other' }]);
});

test('settings: severity overrides and disabled rules apply', async () => {
  client.config = { severityOverrides: { 'invalid-boolean': 'warning' }, disabledRules: ['global-oauth-in-source'] };
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.waitForDiagnostics(p(P), (d) => d.some((x) => x.code === 'invalid-boolean' && x.severity === 2));
  await client.waitForDiagnostics(p(G), (d) => !d.some((x) => x.code === 'global-oauth-in-source'));
  client.config = {};
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.waitForDiagnostics(p(P), (d) => d.some((x) => x.code === 'invalid-boolean' && x.severity === 1));
});

test('malformed documents keep the server serving', async () => {
  const path = p('force-app/main/default/externalClientApps/Broken.eca-meta.xml');
  client.open(path, '\u0000\u0001<<<>>>&&&<ExternalClientApplication');
  await client.waitForDiagnostics(path, has('xml-malformed'));
  const h = await client.request('textDocument/hover', { textDocument: { uri: uriOf(path) }, position: { line: 0, character: 5 } });
  assert.equal(h, null);
  client.change(path, header('Packageable'), 2);
  await client.waitForDiagnostics(path, has('invalid-enum'));
});

test('a Connected App in source: connected-app-new, whose code action runs the migration', async () => {
  const path = p('force-app/main/default/connectedApps/Legacy.connectedApp-meta.xml');
  client.open(path, '<?xml version="1.0" encoding="UTF-8"?>\n<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">\n    <contactEmail>a@example.com</contactEmail>\n    <label>Legacy</label>\n</ConnectedApp>\n');
  const diags = await client.waitForDiagnostics(path, has('connected-app-new'));
  const d = diags.find((x) => x.code === 'connected-app-new')!;
  assert.equal(d.severity, 2);
  const actions = await client.request<{ command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => a.command?.command), ['eca.migrateConnectedApp']);
  assert.deepEqual(actions[0].command!.arguments, [path]);
});
