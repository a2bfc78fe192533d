/// <reference types="mocha" />
// End-to-end tests of the extension under development, in a real VS Code extension host
// (code-server on these machines, VS Code desktop through @vscode/test-electron elsewhere).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { facts } from './mocha';
import {
  activeApi, codeOf, DEADLINE_MS, ecaDiagnostics, EXTENSION_ID, fixtureUri, open, positionOf, waitForDiagnostics, waitForEvent, withCode,
} from './helpers';

const ECA = 'force-app/main/default/externalClientApps/Broken_App.eca-meta.xml';
const CLEAN = 'force-app/main/default/externalClientApps/Clean_App.eca-meta.xml';
const OAUTH = 'force-app/main/default/extlClntAppOauthSettings/Broken_App_oauth.ecaOauth-meta.xml';
const POLICY = 'force-app/main/default/extlClntAppOauthPolicies/Broken_App_oauthPlcy.ecaOauthPlcy-meta.xml';

suite('Activation', () => {
  test('the extension activates on the workspace and starts the language server', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is known to VS Code');
    const api = await activeApi();
    assert.equal(ext.isActive, true);
    assert.equal(api.client.state, State.Running);
    assert.ok(api.client.initializeResult?.capabilities, 'server answered initialize');
    facts.activationMs = Math.round(api.activationMs);
    facts.serverReadyMs = Math.round(await api.serverReady);
  });

  test('the server advertises completion, hover, symbols and quick fixes', async () => {
    const caps = (await activeApi()).client.initializeResult!.capabilities;
    assert.ok(caps.completionProvider, 'completionProvider');
    assert.ok(caps.hoverProvider, 'hoverProvider');
    assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
  });

  test('commands and settings are contributed', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['eca.showOutput', 'eca.restartServer']) assert.ok(all.includes(id), `command ${id}`);
    const cfg = vscode.workspace.getConfiguration('eca');
    assert.deepEqual(cfg.get('severityOverrides'), {});
    assert.deepEqual(cfg.get('disabledRules'), []);
    assert.equal(cfg.get('trace.server'), 'off');
    // The contributed default, and a workspace value read back (other suites change this setting, so
    // the value is set here and the previous one restored).
    assert.deepEqual(cfg.inspect<string[]>('productionAliases')?.defaultValue, []);
    const before = cfg.inspect<string[]>('productionAliases')?.workspaceValue;
    await cfg.update('productionAliases', ['prod', 'PROD-EU'], vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(vscode.workspace.getConfiguration('eca').get('productionAliases'), ['prod', 'PROD-EU']);
    } finally {
      await cfg.update('productionAliases', before, vscode.ConfigurationTarget.Workspace);
    }
    await vscode.commands.executeCommand('eca.showOutput');
  });
});

suite('Diagnostics', () => {
  test('a wrong enum value is reported where it stands', async () => {
    const editor = await open(ECA);
    const diags = await waitForDiagnostics(editor.document.uri, withCode('invalid-enum'), 'invalid-enum');
    const d = diags.find((x) => codeOf(x) === 'invalid-enum')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(d.range), 'Lokal');
    assert.match(d.message, /Local/);
  });

  test('protocol scope tokens and a capitalised boolean are reported', async () => {
    const oauth = await open(OAUTH);
    const scopes = await waitForDiagnostics(oauth.document.uri, withCode('invalid-scope'), 'invalid-scope');
    const texts = scopes.filter((d) => codeOf(d) === 'invalid-scope').map((d) => oauth.document.getText(d.range));
    assert.ok(texts.includes('refresh_token'), `flagged ${JSON.stringify(texts)}`);
    const policy = await open(POLICY);
    const bools = await waitForDiagnostics(policy.document.uri, withCode('invalid-boolean'), 'invalid-boolean');
    assert.equal(policy.document.getText(bools.find((d) => codeOf(d) === 'invalid-boolean')!.range), 'True');
  });

  test('a valid file gets no error', async () => {
    const uri = fixtureUri(CLEAN);
    // The server publishes (an empty list) for every file it checks: wait for that publication.
    const published = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) {
          sub.dispose();
          resolve();
        }
      });
    });
    await open(CLEAN);
    await Promise.race([published, waitForDiagnostics(uri, (ds) => ds.length > 0, 'any publication', DEADLINE_MS)]);
    const errors = ecaDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(codeOf), []);
  });

  test('the status bar counts the problems', async () => {
    const api = await activeApi();
    await open(ECA);
    const text = await waitForEvent(api.status.onDidUpdate, () => (/\$\(error\) [1-9]/.test(api.status.text) ? api.status.text : undefined), 'an error count in the status bar');
    assert.match(text, /ECA/);
  });
});

suite('Quick fixes', () => {
  test('the quick fix for a wrong enum applies and the problem goes away', async () => {
    const editor = await open(ECA);
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, withCode('invalid-enum'), 'invalid-enum');
    const diag = diags.find((d) => codeOf(d) === 'invalid-enum')!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    const fix = fixes.find((a) => a.isPreferred) ?? fixes.find((a) => /Local/.test(a.title));
    assert.ok(fix, `a quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(fix.title, /Local/);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'invalid-enum'), 'invalid-enum to disappear');
    assert.match(editor.document.getText(), /<distributionState>Local<\/distributionState>/);
  });
});

suite('Language features', () => {
  test('completion offers the enum values of distributionState', async () => {
    const editor = await open(CLEAN);
    const pos = positionOf(editor.document, '<distributionState>', '<distributionState>'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const v of ['Local', 'Packaged']) assert.ok(labels.includes(v), `${v} in ${JSON.stringify(labels)}`);
  });

  test('completion offers element names inside the root', async () => {
    const editor = await open(CLEAN);
    const pos = positionOf(editor.document, '    <contactEmail>', 5);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('orgScopedExternalApp') || l.includes('description')), JSON.stringify(labels));
  });

  test('hover documents an element', async () => {
    const editor = await open(CLEAN);
    const pos = positionOf(editor.document, '<distributionState>', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /distributionState/i);
  });

  test('document symbols outline the file', async () => {
    const editor = await open(CLEAN);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.ok(symbols.length > 0, 'at least one symbol');
    const names = JSON.stringify(symbols.map((s) => [s.name, s.children.map((c) => c.name)]));
    assert.match(names, /ExternalClientApplication|Clean App|Clean_App/);
  });
});

suite('Settings', () => {
  const cfg = () => vscode.workspace.getConfiguration('eca');

  test('eca.severityOverrides changes a rule\'s severity', async () => {
    const editor = await open(POLICY);
    const uri = editor.document.uri;
    const isBoolAt = (sev: vscode.DiagnosticSeverity) => (ds: vscode.Diagnostic[]) =>
      ds.some((d) => codeOf(d) === 'invalid-boolean' && d.severity === sev);
    await waitForDiagnostics(uri, isBoolAt(vscode.DiagnosticSeverity.Error), 'invalid-boolean as error');
    await cfg().update('severityOverrides', { 'invalid-boolean': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, isBoolAt(vscode.DiagnosticSeverity.Warning), 'invalid-boolean as warning');
    } finally {
      await cfg().update('severityOverrides', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, isBoolAt(vscode.DiagnosticSeverity.Error), 'invalid-boolean back to error');
  });

  test('eca.disabledRules silences a rule', async () => {
    const editor = await open(OAUTH);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, withCode('invalid-scope'), 'invalid-scope');
    await cfg().update('disabledRules', ['invalid-scope'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'invalid-scope'), 'invalid-scope to be silenced');
    } finally {
      await cfg().update('disabledRules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, withCode('invalid-scope'), 'invalid-scope to come back');
  });
});

suite('Commands', () => {
  test('ECA: Restart Language Server restarts it and diagnostics come back', async () => {
    const api = await activeApi();
    const editor = await open(POLICY);
    const uri = editor.document.uri;
    const stopped = waitForEvent(api.client.onDidChangeState, () => (api.client.state === State.Stopped || api.client.state === State.Starting ? true : undefined), 'the server to stop');
    await vscode.commands.executeCommand('eca.restartServer');
    await stopped;
    assert.equal(api.client.state, State.Running);
    await waitForDiagnostics(uri, withCode('invalid-boolean'), 'diagnostics after restart');
  });

  test('a new broken file on disk is checked when opened', async () => {
    const uri = fixtureUri('force-app/main/default/externalClientApps/New_App.eca-meta.xml');
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication>\n    <label>New App</label>\n</ExternalClientApplication>\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    await vscode.window.showTextDocument(uri);
    const diags = await waitForDiagnostics(uri, withCode('xml-namespace'), 'xml-namespace');
    assert.ok(diags.length >= 1);
  });
});
