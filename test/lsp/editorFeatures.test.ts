// What users expect of a first-class language server, over the real LSP wire (dist/server.js
// --stdio): Fix All (`source.fixAll.eca`, what editor.codeActionsOnSave asks for, and "Fix all
// <rule> problems in this file" beside a quick fix), workspace symbols (Ctrl+T to an app or a
// policy file, the environment in the detail), and the CodeLens atop each ECA file naming the orgs
// that receive it (the same sentence in the hover on the root element), refreshed after a change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, uriOf, type Diag } from '../helpers/lspClient';
import { resolve } from 'node:path';
import { eca, REPO, tempTree } from '../helpers/fs';
import { sfHome } from '../helpers/sfHome';
import { applyTextEdits } from '../../server/src/engine/authoring/source';

interface TextEdit { range: Diag['range']; newText: string }
interface Action { title: string; kind: string; edit?: { documentChanges: { textDocument: { uri: string; version: number }; edits: TextEdit[] }[] } }
interface Lens { range: Diag['range']; command: { title: string; command: string; arguments: unknown[] } }
interface Sym { name: string; kind: number; containerName: string; location: { uri: string } }

const D = 'force-app/main/default';
const OAUTH = `${D}/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml`;
const HEADER = `${D}/externalClientApps/Billing.eca-meta.xml`;
const ONE_PACKAGE = {
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
  [HEADER]: eca('ExternalClientApplication', '\t<contactEmail>a@example.com</contactEmail>\n\t<distributionState>Local</distributionState>\n\t<isProtected>false</isProtected>\n\t<label>Billing</label>\n'),
  [OAUTH]: eca('ExtlClntAppOauthSettings', '\t<commaSeparatedOauthScopes>Api, refresh_token, OpenID, web</commaSeparatedOauthScopes>\n\t<externalClientApplication>Billing</externalClientApplication>\n\t<scopes>Web</scopes>\n').replace(/\n/g, '\r\n'),
};

const codeActions = (c: LspClient, path: string, context: object) =>
  c.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context });

test('capabilities: source.fixAll.eca among the code action kinds, workspace symbols, code lenses', async () => {
  const c = new LspClient();
  try {
    const init = (await c.initialize(tempTree(ONE_PACKAGE))) as { capabilities: Record<string, { codeActionKinds?: string[] } | boolean> };
    const caps = init.capabilities;
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.eca']);
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.ok(caps.codeLensProvider);
  } finally {
    await c.shutdown();
  }
});

test('Fix All: source.fixAll (as codeActionsOnSave asks) clears every safely fixable problem in one edit; the rule\'s fix-all sits beside its quick fix', async () => {
  const root = tempTree(ONE_PACKAGE);
  const c = new LspClient();
  try {
    await c.initialize(root);
    await c.indexed();
    const path = `${root}/${OAUTH}`;
    const text = ONE_PACKAGE[OAUTH];
    c.open(path, text, 3);
    const before = await c.waitForDiagnostics(path, (ds) => ds.length > 0);
    assert.deepEqual(before.map((d) => d.code).sort(), ['invalid-scope', 'invalid-scope', 'oauth-link-missing', 'unknown-element']);
    // Each rule id links to its section of the docs/rules.md beside the server (the .vsix ships it): no network.
    assert.deepEqual(before.map((d) => (d as Diag & { codeDescription?: { href: string } }).codeDescription?.href),
      before.map((d) => `${uriOf(resolve(REPO, 'docs/rules.md'))}#${d.code}`));

    // The lightbulb (no `only`) gets quick fixes, never the source action.
    const scope = before.find((d) => d.code === 'invalid-scope')!;
    const quick = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range: scope.range, context: { diagnostics: [scope] } });
    assert.deepEqual(quick.map((a) => `${a.kind}: ${a.title}`), ["quickfix: Change to 'RefreshToken'", 'quickfix: Fix all invalid-scope problems in this file']);
    const ruleOnly = applyTextEdits(text, quick[1].edit!.documentChanges[0].edits);
    assert.equal(ruleOnly, text.replace('refresh_token', 'RefreshToken').replace(', web<', ', Web<'), 'the rule\'s fix-all: both scopes, nothing else');
    // A rule with a single problem gets no fix-all of its own.
    const stray = before.find((d) => d.code === 'unknown-element')!;
    const single = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range: stray.range, context: { diagnostics: [stray] } });
    assert.deepEqual(single.map((a) => a.title), ['Merge Web into <commaSeparatedOauthScopes>']);

    for (const only of [['source.fixAll'], ['source.fixAll.eca'], ['source']]) {
      const actions = await codeActions(c, path, { diagnostics: [], only });
      assert.deepEqual(actions.map((a) => `${a.kind}: ${a.title}`), ['source.fixAll.eca: Fix all auto-fixable ECA problems (3)'], `only ${only}`);
    }
    assert.deepEqual(await codeActions(c, path, { diagnostics: [], only: ['quickfix'] }), []);
    const [fixAll] = await codeActions(c, path, { diagnostics: [], only: ['source.fixAll'] });
    const change = fixAll.edit!.documentChanges[0];
    assert.deepEqual(change.textDocument, { uri: uriOf(path), version: 3 });
    const fixed = applyTextEdits(text, change.edits);
    assert.equal(fixed, text.replace('refresh_token', 'RefreshToken').replace(', web<', ', Web<').replace('\t<scopes>Web</scopes>\r\n', ''), 'CRLF, tabs and the rest kept');

    // Applied as the editor would: re-checked, only the problem without a safe fix is left.
    c.change(path, fixed, 4);
    const after = await c.waitForDiagnostics(path, (ds) => !ds.some((d) => d.code !== 'oauth-link-missing'));
    assert.deepEqual(after.map((d) => d.code), ['oauth-link-missing']);
    assert.deepEqual(await codeActions(c, path, { diagnostics: [], only: ['source.fixAll'] }), [], 'nothing left to fix: no action');
  } finally {
    await c.shutdown();
  }
});

const SFDX_ALIASFY = JSON.stringify({ packageDirectories: [
  { path: 'src/app', package: 'app', versionNumber: '1.0.0.NEXT', type: 'unlocked', default: true },
  { path: 'src/policies', package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
] }, null, 2);
const POL = (env: string) => `src/policies/${env}/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml`;
const policy = eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Portal</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n');
const ALIASFY = {
  'sfdx-project.json': SFDX_ALIASFY,
  'src/app/externalClientApps/Portal.eca-meta.xml': eca('ExternalClientApplication', '    <contactEmail>a@example.com</contactEmail>\n    <distributionState>Packaged</distributionState>\n    <isProtected>false</isProtected>\n    <label>Portal</label>\n'),
  'src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n'),
  [POL('default')]: policy,
  [POL('prod')]: policy,
  [POL('uat')]: policy,
};

test('workspace symbols: every app and component by name, the app, what it is and its environment as the container', async () => {
  const root = tempTree(ALIASFY);
  const c = new LspClient();
  try {
    await c.initialize(root);
    await c.indexed();
    const all = await c.request<Sym[]>('workspace/symbol', { query: '' });
    assert.deepEqual(all.map((s) => `${s.name} [${s.containerName}] ${s.location.uri.slice(uriOf(root).length + 1)}`), [
      'Portal [External Client App · 5 files] src/app/externalClientApps/Portal.eca-meta.xml',
      'Portal [Portal · ECA header] src/app/externalClientApps/Portal.eca-meta.xml',
      'Portal_oauth [Portal · OAuth settings] src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml',
      `Portal_oauthPlcy [Portal · OAuth policies · default/] ${POL('default')}`,
      `Portal_oauthPlcy [Portal · OAuth policies · prod/] ${POL('prod')}`,
      `Portal_oauthPlcy [Portal · OAuth policies · uat/] ${POL('uat')}`,
    ]);
    assert.equal(all[0].kind, 2, 'the app is a module');
    const typed = await c.request<Sym[]>('workspace/symbol', { query: 'poplcy' });
    assert.deepEqual(typed.map((s) => s.containerName), ['Portal · OAuth policies · default/', 'Portal · OAuth policies · prod/', 'Portal · OAuth policies · uat/'], 'the letters in order, as the picker matches');
    assert.deepEqual(await c.request<Sym[]>('workspace/symbol', { query: 'zzz' }), []);
  } finally {
    await c.shutdown();
  }
});

test('CodeLens and hover: which orgs receive each file, opening the matrix at its row; refreshed when the project changes; none in a one-package project', async () => {
  const root = tempTree(ALIASFY);
  const c = new LspClient({ ...process.env, HOME: sfHome({ prod: 'production', uat: 'sandbox', qa: 'sandbox', dev: 'scratch' }) });
  let refreshes = 0;
  c.conn.onRequest('workspace/codeLens/refresh', () => { refreshes++; c.notify(); return null; });
  try {
    c.config = { productionAliases: ['prod'] };
    await c.initialize(root, { codeLens: { refreshSupport: true } });
    await c.indexed();
    const lensOf = async (rel: string): Promise<Lens[]> => {
      c.open(`${root}/${rel}`, ALIASFY[rel as keyof typeof ALIASFY]);
      return c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(`${root}/${rel}`) } });
    };
    const expected: [string, string][] = [
      ['src/app/externalClientApps/Portal.eca-meta.xml', 'received by every org'],
      ['src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml', 'received by every org'],
      [POL('prod'), 'received by prod'],
      [POL('uat'), 'received by uat'],
      [POL('default'), 'received by qa, dev · default/ serves sandboxes and scratch orgs'],
    ];
    for (const [rel, title] of expected) {
      const lenses = await lensOf(rel);
      assert.deepEqual(lenses.map((l) => l.command.title), [title], rel);
      assert.equal(lenses[0].range.start.line, 1, 'atop the root element');
      assert.equal(lenses[0].command.command, 'eca.views.showMatrix');
    }
    const [defaultLens] = await lensOf(POL('default'));
    assert.deepEqual(defaultLens.command.arguments, [{ root, eca: 'Portal', component: 'oauthPolicies' }], 'the matrix row of the file');
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uriOf(`${root}/${POL('default')}`) }, position: { line: 1, character: 3 } });
    assert.match(hover.contents.value, /^\*\*Received by qa, dev · default\/ serves sandboxes and scratch orgs\*\*/);

    // qa gets its own folder: the default/ copy no longer reaches it, and the lenses are refreshed.
    const seen = refreshes;
    c.open(`${root}/${POL('qa')}`, policy);
    await c.until(() => refreshes > seen, 'a codeLens refresh request');
    const [after] = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(`${root}/${POL('default')}`) } });
    assert.equal(after.command.title, 'received by dev · default/ serves sandboxes and scratch orgs');
  } finally {
    await c.shutdown();
  }
  const single = tempTree(ONE_PACKAGE);
  const one = new LspClient();
  try {
    await one.initialize(single);
    await one.indexed();
    one.open(`${single}/${HEADER}`, ONE_PACKAGE[HEADER]);
    assert.deepEqual(await one.request('textDocument/codeLens', { textDocument: { uri: uriOf(`${single}/${HEADER}`) } }), [], 'one package, no aliasfy: every file goes to every org, nothing to say');
  } finally {
    await one.shutdown();
  }
});
