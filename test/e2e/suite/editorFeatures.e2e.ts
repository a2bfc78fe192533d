// End to end: what users expect of a first-class language server, in the real VS Code extension
// host. The CodeLens atop an ECA file names the orgs that receive it and opens the matrix at the
// file's row; *Fix All* (VS Code's own command, and fix-on-save through editor.codeActionsOnSave)
// clears a file of its fixable problems in one action; a rule id opens its documentation from the
// extension's own docs/rules.md; Go to Symbol in Workspace finds policies by environment. The
// project is a nested SFDX project (unlocked definition + aliasfy policies) written into this
// run's workspace copy and removed afterwards.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, codeOf, DEADLINE_MS, revertAndCloseEditors, waitForDiagnostics, waitForEvent, workspaceRoot } from './helpers';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const DIR = 'editor-features-e2e';
const POL = (env: string) => `src/policies/${env}/extlClntAppOauthPolicies/Ledger_oauthPlcy.ecaOauthPlcy-meta.xml`;
const OAUTH = 'src/definition/extlClntAppOauthSettings/Ledger_oauth.ecaOauth-meta.xml';
const HEADER = 'src/definition/externalClientApps/Ledger.eca-meta.xml';
const policy = `${XML}\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n    <externalClientApplication>Ledger</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n`;
// Two protocol tokens for scopes and a stray <scopes>: three safe fixes, two of which touch one line.
const BROKEN_OAUTH = `${XML}\r\n<ExtlClntAppOauthSettings xmlns="${NS}">\r\n\t<commaSeparatedOauthScopes>Api, refresh_token, web</commaSeparatedOauthScopes>\r\n\t<externalClientApplication>Ledger</externalClientApplication>\r\n\t<oauthLink>00Dbm000004ELiD:888g5000000tUDZ</oauthLink>\r\n\t<scopes>Web</scopes>\r\n</ExtlClntAppOauthSettings>\r\n`;
const FIXED_OAUTH = BROKEN_OAUTH.replace('refresh_token', 'RefreshToken').replace(', web<', ', Web<').replace('\t<scopes>Web</scopes>\r\n', '');

const FIXTURE: Record<string, string> = {
  'sfdx-project.json': JSON.stringify({
    packageDirectories: [
      { path: 'src/definition', package: 'ledger-definition', versionNumber: '1.0.0.NEXT', type: 'unlocked', default: true },
      { path: 'src/policies', package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
    ],
    name: 'editor-features-e2e',
    sourceApiVersion: '64.0',
  }, null, 2),
  [HEADER]: `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <contactEmail>ledger@example.com</contactEmail>\n    <distributionState>Packaged</distributionState>\n    <isProtected>false</isProtected>\n    <label>Ledger</label>\n</ExternalClientApplication>\n`,
  [OAUTH]: BROKEN_OAUTH,
  [POL('prod')]: policy,
  [POL('uat')]: policy,
  [POL('default')]: policy,
};

suite('First-class language server features', () => {
  let proj = '';
  let run = 0;
  const abs = (rel: string) => path.join(proj, rel);
  const uri = (rel: string) => vscode.Uri.file(abs(rel));

  /** The lenses of a file once one satisfies `accept`, asked again whenever diagnostics change (the server re-checked). */
  async function lensesOf(rel: string, accept: (titles: string[]) => boolean): Promise<vscode.CodeLens[]> {
    let last: string[] = [];
    const read = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(rel));
      last = lenses.map((l) => l.command?.title ?? '');
      return accept(last) ? lenses : undefined;
    };
    const now = await read();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => void read().then((v) => { if (v) { sub.dispose(); clearTimeout(timer); resolve(v); } }, reject));
      const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for the lens of ${rel}; it has [${last.join(' | ')}]`)); }, DEADLINE_MS);
    });
  }

  setup(async function () {
    this.timeout(120_000);
    await activeApi();
    proj = path.join(workspaceRoot(), `${DIR}-${++run}`);
    rmSync(proj, { recursive: true, force: true });
    mkdirSync(proj, { recursive: true });
    writeFileSync(abs('sfdx-project.json'), FIXTURE['sfdx-project.json']);
    const { client } = await activeApi();
    await client.sendRequest('eca/authoring/context', { target: proj });
    for (const [rel, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(abs(rel)), { recursive: true });
      writeFileSync(abs(rel), text);
    }
    // The server is told of the files (the watcher reports a new folder without them).
    await client.sendRequest('eca/authoring/context', { target: proj, sync: Object.keys(FIXTURE).map(abs) });
  });

  teardown(async () => {
    await revertAndCloseEditors(proj);
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(proj, { recursive: true, force: true });
  });

  test('the CodeLens names the orgs that receive each file and opens the matrix at its row; the root hover says the same', async function () {
    this.timeout(180_000);
    const api = await activeApi();
    const expected: [string, string][] = [
      [POL('prod'), 'received by prod'],
      [POL('uat'), 'received by uat'],
      [POL('default'), 'default/ serves sandboxes and scratch orgs'],
      [HEADER, 'received by every org'],
    ];
    for (const [rel, title] of expected) {
      await vscode.window.showTextDocument(uri(rel), { preview: false });
      const lenses = await lensesOf(rel, (titles) => titles.includes(title));
      const lens = lenses.find((l) => l.command?.title === title)!;
      assert.equal(lens.range.start.line, 1, `${rel}: atop the root element`);
    }
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(POL('uat')), new vscode.Position(1, 3));
    const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Received by uat\*\*/);

    // The lens's own command, as a click runs it: the matrix opens at the file's row.
    const [lens] = (await lensesOf(POL('uat'), (t) => t.includes('received by uat'))).filter((l) => l.command?.title === 'received by uat');
    const rendered = waitForEvent(api.views.matrix.onDidRender, () => api.views.matrix.target?.eca === 'Ledger' || undefined, 'the matrix at the row');
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await rendered;
    assert.deepEqual(api.views.matrix.target, { root: proj.replace(/\\/g, '/'), eca: 'Ledger', component: 'oauthPolicies' });
    assert.match(api.views.matrix.html, /<tr class="row [^"]*revealed" data-eca="Ledger" data-setting="file">/);
  });

  test('Fix All clears a file of its fixable problems in one action; fix-on-save does it through editor.codeActionsOnSave', async function () {
    this.timeout(180_000);
    const doc = await vscode.workspace.openTextDocument(uri(OAUTH));
    await vscode.window.showTextDocument(doc, { preview: false });
    const before = await waitForDiagnostics(uri(OAUTH), (ds) => ds.filter((d) => codeOf(d) === 'invalid-scope').length === 2 && ds.some((d) => codeOf(d) === 'unknown-element'), 'the fixable problems');
    // Each rule id links to its documentation (the command that opens the shipped docs/rules.md).
    const link = before.find((d) => codeOf(d) === 'invalid-scope')!.code as { value: string; target: vscode.Uri };
    assert.equal(link.target.scheme, 'command');
    assert.equal(link.target.path, 'eca.showRuleDoc');

    // The server offers one fix-all action for the file (asked as VS Code's Fix All asks)…
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(OAUTH), new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
    assert.deepEqual(offered.map((a) => `${a.kind?.value}: ${a.title}`), ['source.fixAll.eca: Fix all auto-fixable ECA problems (3)']);
    // …and VS Code's own Fix All command applies it: one edit, every safe fix.
    await vscode.window.showTextDocument(doc, { preview: false });
    const edited = waitForEvent(vscode.workspace.onDidChangeTextDocument, () => (doc.getText() !== BROKEN_OAUTH ? true : undefined), 'the Fix All edit');
    await vscode.commands.executeCommand('editor.action.fixAll');
    await edited;
    assert.equal(doc.getText(), FIXED_OAUTH, 'CRLF, tabs and everything else kept');
    await waitForDiagnostics(uri(OAUTH), (ds) => !ds.some((d) => ['invalid-scope', 'unknown-element'].includes(codeOf(d))), 'no fixable problem left');
    await vscode.commands.executeCommand('undo');
    await waitForEvent(vscode.workspace.onDidChangeTextDocument, () => (doc.getText() === BROKEN_OAUTH ? true : undefined), 'one undo restores the file');

    // Fix on save, as users configure it: one more protocol token typed, then saved.
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.eca': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(doc.getText().indexOf('Api,')), doc.positionAt(doc.getText().indexOf('Api,') + 3)), 'api'));
    assert.ok(doc.isDirty);
    await waitForDiagnostics(uri(OAUTH), (ds) => ds.filter((d) => codeOf(d) === 'invalid-scope').length === 3, 'the problems back, one more');
    await doc.save();
    assert.equal(readFileSync(abs(OAUTH), 'utf8'), FIXED_OAUTH, 'saved fixed');
    await waitForDiagnostics(uri(OAUTH), (ds) => !ds.some((d) => codeOf(d) === 'invalid-scope'), 'fixed on save');
  });

  test('a rule id opens its section of the shipped docs/rules.md; Go to Symbol in Workspace finds policies by environment', async function () {
    this.timeout(120_000);
    const shown = await vscode.commands.executeCommand<vscode.Uri>('eca.showRuleDoc', 'invalid-scope');
    assert.equal(shown.toString(), 'eca-rule:/invalid-scope.md');
    const ruleDoc = await vscode.workspace.openTextDocument(shown);
    const shipped = readFileSync(path.join(vscode.extensions.getExtension('eca-tools.eca-tools')!.extensionPath, 'docs', 'rules.md'), 'utf8');
    assert.match(ruleDoc.getText(), /^### invalid-scope\n\n\*\*error\*\* · ExtlClntAppOauthSettings — /);
    assert.ok(shipped.includes(`\n${ruleDoc.getText()}\n`), 'exactly the section of the docs/rules.md the extension ships');

    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Ledger_oauthPlcy');
    const mine = symbols.filter((s) => s.location.uri.fsPath.startsWith(proj) && s.name === 'Ledger_oauthPlcy');
    assert.deepEqual(mine.map((s) => s.containerName).sort(), ['Ledger · OAuth policies · default/', 'Ledger · OAuth policies · prod/', 'Ledger · OAuth policies · uat/']);
  });
});
