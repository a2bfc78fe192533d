// The file-system requests the language server sends to the extension when it runs in a web
// worker (no disk there), or on Node in a virtual workspace (started with REMOTE_FS_FLAG): the
// extension answers from `vscode.workspace.fs`. Paths are the path part of the workspace folder's
// URI (forward slashes); the extension puts its scheme back.
import type { DirEntry } from '../engine/fs';

/**
 * The argument of `dist/server.js` (beside --stdio or IPC) that makes the Node server read the
 * workspace through the extension, as the web worker does: the extension passes it when a
 * workspace folder is not on the disk (a `vscode-vfs:` folder of GitHub Repositories, …).
 */
export const REMOTE_FS_FLAG = '--remote-fs';

export const FS_METHODS = {
  /** `{ path }` → DirEntry[]; a ResponseError with data `{ code: 'ENOENT' | … }` when unreadable. */
  readDir: 'eca/fs/readDir',
  /** `{ path }` → the file's bytes, base64. */
  readFile: 'eca/fs/readFile',
  /** `{ path }` → 'file' | 'dir' | null. */
  stat: 'eca/fs/stat',
} as const;

export interface FsPathParams { path: string }
export type FsReadDirAnswer = DirEntry[];
export type FsStatAnswer = 'file' | 'dir' | null;
export interface FsErrorData { code: string }

/** Bytes → base64 (btoa exists in web workers, browsers and Node). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
