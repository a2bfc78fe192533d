// The language server's file system in the browser: it runs in a web worker with no disk, so it
// asks (eca/fs/*, server/src/lsp/fsProtocol.ts) and the extension answers from vscode.workspace.fs.
import * as vscode from 'vscode';
import { ResponseError, type BaseLanguageClient } from 'vscode-languageclient';
import type { DirEntry } from '../../server/src/engine/fs';
import { FS_METHODS, toBase64, type FsErrorData, type FsPathParams, type FsStatAnswer } from '../../server/src/lsp/fsProtocol';
import { uriOf } from './uris';

function kindOf(t: vscode.FileType): DirEntry['kind'] {
  if (t & vscode.FileType.SymbolicLink) return 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  return t & vscode.FileType.File ? 'file' : 'other';
}

/** A vscode.FileSystemError as the engine's walkers know errors (ENOENT, EACCES, …). */
function refused(e: unknown, path: string): ResponseError<FsErrorData> {
  const name = (e as { code?: string })?.code ?? '';
  const code = name === 'FileNotFound' ? 'ENOENT' : name === 'NoPermissions' ? 'EACCES' : name === 'FileNotADirectory' ? 'ENOTDIR' : name === 'FileIsADirectory' ? 'EISDIR' : 'unreadable';
  return new ResponseError<FsErrorData>(-32803, `${code}: ${path}`, { code });
}

export function answerFileSystem(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FS_METHODS.readDir, async ({ path }: FsPathParams): Promise<DirEntry[]> => {
      try { return (await vscode.workspace.fs.readDirectory(uriOf(path))).map(([name, t]) => ({ name, kind: kindOf(t) })); } catch (e) { throw refused(e, path); }
    }),
    client.onRequest(FS_METHODS.readFile, async ({ path }: FsPathParams): Promise<string> => {
      try { return toBase64(await vscode.workspace.fs.readFile(uriOf(path))); } catch (e) { throw refused(e, path); }
    }),
    client.onRequest(FS_METHODS.stat, async ({ path }: FsPathParams): Promise<FsStatAnswer> => {
      try {
        const s = await vscode.workspace.fs.stat(uriOf(path));
        return s.type & vscode.FileType.Directory ? 'dir' : s.type & vscode.FileType.File ? 'file' : null;
      } catch { return null; }
    }),
  ];
}
