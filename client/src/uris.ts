// Paths ↔ URIs on the client. The server speaks in paths; on a desktop they are file: URIs, in a
// web workbench they stand for URIs of the workspace folder's own scheme (vscode-remote:,
// vscode-vfs:), as the server's lsp/convert.ts does on its side.
import * as vscode from 'vscode';

/** The URI a server path stands for. */
export function uriOf(path: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.find((f) => f.uri.scheme !== 'file' && (path === f.uri.path || path.startsWith(`${f.uri.path.replace(/\/$/, '')}/`))) ?? folders[0];
  return folder && folder.uri.scheme !== 'file' ? folder.uri.with({ path }) : vscode.Uri.file(path);
}

/** The server path of a URI of the workspace (a file: URI's file system path, else the URI's path). */
export function pathOfUri(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

/** Whether a URI names a file of the workspace's file system (file:, or the web workbench folder's scheme). */
export function isWorkspaceUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && (uri.scheme === 'file' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === uri.scheme));
}
