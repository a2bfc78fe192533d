/// <reference types="mocha" />
// Restricted Mode (an untrusted workspace): the extension declares
// `untrustedWorkspaces: { supported: "limited" }`, so it still validates, but every command that
// reaches an org is disabled and `eca.productionAliases` is not read from the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, codeOf, EXTENSION_ID, open, waitForDiagnostics, withCode } from '../suite/helpers';

interface Contributed { command: string; enablement?: string }

suite('Restricted Mode', () => {
  test('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('the extension still activates and validates', async () => {
    await activeApi();
    const editor = await open('force-app/main/default/externalClientApps/Broken_App.eca-meta.xml');
    const diags = await waitForDiagnostics(editor.document.uri, withCode('invalid-enum'), 'invalid-enum');
    assert.equal(editor.document.getText(diags.find((d) => codeOf(d) === 'invalid-enum')!.range), 'Lokal');
  });

  test('org commands are disabled: declared trust-only and refused when invoked', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Contributed[] } };
    const orgCommands = pkg.contributes.commands.filter((c) => /\bisWorkspaceTrusted\b/.test(c.enablement ?? ''));
    for (const c of orgCommands) {
      // Refused at once (a warning, no org access, no question asked); in a trusted workspace
      // the same call would start asking which org to use.
      const result = await vscode.commands.executeCommand(c.command);
      assert.equal(result, undefined, `${c.command} returned ${JSON.stringify(result)}`);
    }
    const all = await vscode.commands.getCommands(true);
    for (const id of ['eca.showOutput', 'eca.restartServer']) assert.ok(all.includes(id), `${id} stays available`);
  });

  test('eca.productionAliases is not taken from the untrusted workspace', () => {
    const inspect = vscode.workspace.getConfiguration('eca').inspect<string[]>('productionAliases');
    assert.deepEqual(inspect?.workspaceValue, undefined, 'workspace value is ignored in Restricted Mode');
    assert.deepEqual(vscode.workspace.getConfiguration('eca').get('productionAliases'), []);
  });
});
