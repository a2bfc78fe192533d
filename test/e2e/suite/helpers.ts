// Helpers for end-to-end tests in the extension host. Everything waits on VS Code events with a
// deadline (a failure bound), never on a fixed sleep.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EcaExtensionApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'eca-tools.eca-tools';

/**
 * How long a wait may take before it counts as a failure. Only a bound: every wait resolves on the
 * event itself. Generous, because CI machines are small and busy (two cores shared with other jobs).
 */
export const DEADLINE_MS = 90_000;

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri.fsPath;
}

export function fixtureUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export async function activeApi(): Promise<EcaExtensionApi> {
  const ext = vscode.extensions.getExtension<EcaExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const api = await ext.activate();
  await api.serverReady;
  return api;
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Reverts (never saves) the unsaved editors of files below `dir`, then closes every editor. */
export async function revertAndCloseEditors(dir: string): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && d.uri.fsPath.startsWith(dir)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function ecaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'eca');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** Resolves with the file's ECA diagnostics once `accept` holds for them (checked now and on every change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diags = ecaDiagnostics(uri);
      if (!accept(diags)) return false;
      done();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const now = ecaDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
      reject(new Error(`timed out waiting for ${what} on ${path.basename(uri.fsPath)}; it has [${now.join(', ')}]`));
    }, timeoutMs);
    function done() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export function withCode(code: string) {
  return (diags: vscode.Diagnostic[]) => diags.some((d) => codeOf(d) === code);
}

/** Resolves once `read()` returns a truthy value, re-reading whenever `event` fires. */
export function waitForEvent<T, E>(event: vscode.Event<E>, read: () => T | undefined, what: string, timeoutMs = DEADLINE_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = read();
    if (first) return resolve(first);
    const sub = event(() => {
      const v = read();
      if (v) {
        sub.dispose();
        clearTimeout(timer);
        resolve(v);
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in the document. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `'${needle}' occurs in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(i + delta);
}
