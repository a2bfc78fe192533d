// What the three authoring commands share: asking the language server for a plan, and applying a
// plan's file changes as ONE WorkspaceEdit (one undo step). Created files carry their bytes in the
// edit (`createFile` with `contents`), so a CRLF file stays CRLF and nothing is left unsaved; text
// edits to existing files go through the editor buffers, which are then saved unless they had
// unsaved changes of the user's before. The client stays thin: plans come from the server's
// engine (server/src/engine/authoring); only types are imported from it.
import * as vscode from 'vscode';
import { isWorkspaceUri, pathOfUri, uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FileChange } from '../../../server/src/engine/types';
import type { AuthoringParams } from '../../../server/src/lsp/authoringProtocol';

export { SUFFIX_RE, HEADER_RE } from '../selector';

export interface CommandError { code: string; message: string }

/** The refusal of a request: the engine's code (MALFORMED_PROJECT, CONFLICT, …) and its message. */
export function errorOf(e: unknown): CommandError {
  const err = e as { message?: string; data?: { code?: string } };
  return { code: err?.data?.code ?? 'ERROR', message: err?.message ?? String(e) };
}

export async function request<T>(client: LanguageClient, method: string, params: { target: string; [key: string]: unknown }): Promise<T> {
  // The server follows the files of the plans it hands out (lsp/requests/planned.ts): nothing to announce.
  const full: AuthoringParams = { ...params };
  return client.sendRequest<T>(method, full);
}

/** A command argument as a file-system path: a Uri, a file URI string or a path. */
export function pathOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return isWorkspaceUri(arg) ? pathOfUri(arg) : undefined;
  if (typeof arg === 'string' && arg) return arg.startsWith('file:') ? vscode.Uri.parse(arg).fsPath : arg;
  if (arg && typeof arg === 'object' && 'fsPath' in arg && typeof (arg as { fsPath: unknown }).fsPath === 'string') return (arg as { fsPath: string }).fsPath;
  return undefined;
}

/**
 * Commands take an optional argument object (tests and other commands pass answers in it); from
 * a context menu VS Code passes the Uri instead.
 */
export function argsOf<T extends { uri?: unknown }>(arg: unknown): T {
  if (arg instanceof vscode.Uri) return { uri: arg } as T;
  return (arg && typeof arg === 'object' ? arg : {}) as T;
}

/** The file or folder a command is about: its argument, the active editor, else the (only or picked) workspace folder. */
export async function targetOf(uri: unknown, title: string): Promise<string | undefined> {
  const explicit = pathOf(uri);
  if (explicit) return explicit;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (isWorkspaceUri(active)) return pathOfUri(active);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => isWorkspaceUri(f.uri));
  if (folders.length <= 1) return folders[0] && pathOfUri(folders[0].uri);
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: `${title}: which workspace folder?` });
  return pick && pathOfUri(pick.uri);
}

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

function docAt(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => isWorkspaceUri(d.uri) && norm(pathOfUri(d.uri)) === norm(path));
}

export interface Applied {
  applied: boolean;
  /** Absolute paths of the files created and edited. */
  created: string[];
  edited: string[];
  error?: CommandError;
}

/**
 * Apply `changes` as one WorkspaceEdit. `versions` are the document versions the server planned
 * against: when one changed since, nothing is applied (the plan is stale).
 */
export async function applyChanges(changes: FileChange[], versions: Record<string, number | null>, label: string): Promise<Applied> {
  const created: string[] = [];
  const edited: string[] = [];
  for (const [path, version] of Object.entries(versions)) {
    const doc = docAt(path);
    if (version !== null && doc && doc.version !== version) {
      return { applied: false, created, edited, error: { code: 'STALE', message: `${vscode.workspace.asRelativePath(path)} changed while the plan was made; run the command again.` } };
    }
  }
  const edit = new vscode.WorkspaceEdit();
  const meta: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  for (const c of changes) {
    if (c.kind === 'create') {
      edit.createFile(uriOf(c.path), { overwrite: false, ignoreIfExists: false, contents: Buffer.from(c.text, 'utf8') }, meta);
      created.push(c.path);
    } else if (c.kind === 'edit') {
      const uri = uriOf(c.path);
      for (const e of c.edits) {
        edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText, meta);
      }
      edited.push(c.path);
    } else {
      edit.renameFile(uriOf(c.from), uriOf(c.to), { overwrite: false }, meta);
      edited.push(c.to);
    }
  }
  if (!changes.length) return { applied: true, created, edited };
  // Documents the user has unsaved work in stay unsaved; the others are saved after the edit.
  const wasDirty = new Set(edited.filter((p) => docAt(p)?.isDirty));
  // Load every file the edit changes first: VS Code's one-step undo of a multi-file edit spans only
  // the files whose text models existed when it was applied (undo from a created file's editor
  // otherwise leaves, e.g., the new sfdx-project.json entry in place).
  for (const p of edited) if (!docAt(p)) await vscode.workspace.openTextDocument(uriOf(p));
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) {
    return { applied: false, created: [], edited: [], error: { code: 'NOT_APPLIED', message: 'VS Code did not apply the edit (a file to create exists already, or a file changed meanwhile); nothing was changed.' } };
  }
  const unsaved: string[] = [];
  for (const p of edited) {
    if (wasDirty.has(p)) continue;
    const doc = docAt(p) ?? (await vscode.workspace.openTextDocument(uriOf(p)));
    if (doc.isDirty && !(await doc.save())) unsaved.push(p);
  }
  if (unsaved.length) {
    // The edit is applied (one undo takes it back); the files VS Code would not save stay dirty.
    const message = `${label}: the change is applied but VS Code did not save ${unsaved.map((p) => rel(p)).join(', ')}; save it, or undo.`;
    void vscode.window.showWarningMessage(message);
    return { applied: true, created, edited, error: { code: 'NOT_SAVED', message } };
  }
  return { applied: true, created, edited };
}

export function rel(path: string): string {
  return vscode.workspace.asRelativePath(path, false);
}
