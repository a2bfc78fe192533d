// The engine's file system when the server runs in a web worker: the extension reads the
// workspace through `vscode.workspace.fs` and answers eca/fs/* requests (fsProtocol.ts). The
// engine's walkers and scans read asynchronously through `CachedFs`, which keeps what they read,
// so the synchronous questions the rules ask later (does this script exist, which environment
// folders are there) are answered from what the walk saw, without a round trip.
import { ResponseError, type Connection } from 'vscode-languageserver';
import { isEcaPath } from '../engine/files';
import { basenameOf, dirnameOf, fsError, joinPath, type AsyncEngineFs, type DirEntry, type EngineFs } from '../engine/fs';
import { FS_METHODS, fromBase64, type FsErrorData, type FsReadDirAnswer, type FsStatAnswer } from './fsProtocol';

/** Files a folder listing fetches at once: what a project root's model and the mdapi scope read synchronously. */
const PROJECT_FILES = new Set(['sfdx-project.json', '.forceignore']);

function asFsError(e: unknown, path: string): Error {
  if (e instanceof ResponseError) return fsError((e.data as FsErrorData | undefined)?.code ?? 'unreadable', path);
  return e instanceof Error ? e : new Error(String(e));
}

/** eca/fs/* over the connection. */
export class RemoteFs implements AsyncEngineFs {
  constructor(private readonly connection: Connection) {}
  async readDir(path: string): Promise<DirEntry[]> {
    try { return await this.connection.sendRequest<FsReadDirAnswer>(FS_METHODS.readDir, { path }); } catch (e) { throw asFsError(e, path); }
  }
  async readFile(path: string): Promise<Uint8Array> {
    try { return fromBase64(await this.connection.sendRequest<string>(FS_METHODS.readFile, { path })); } catch (e) { throw asFsError(e, path); }
  }
  async stat(path: string): Promise<'file' | 'dir' | undefined> {
    try { return (await this.connection.sendRequest<FsStatAnswer>(FS_METHODS.stat, { path })) ?? undefined; } catch { return undefined; }
  }
}

/**
 * A cache in front of an asynchronous file system. The async side reads through and remembers;
 * the sync side (EngineFs) answers from what was remembered: a folder never listed is empty, a
 * file never read is unreadable. `changed` drops and re-reads what a watched-file event names.
 */
export class CachedFs implements EngineFs {
  private readonly dirs = new Map<string, DirEntry[]>();
  private readonly files = new Map<string, Uint8Array>();
  readonly async: AsyncEngineFs;

  constructor(private readonly remote: AsyncEngineFs) {
    this.async = {
      readDir: async (path) => {
        const entries = await this.remote.readDir(path);
        this.dirs.set(path, entries);
        for (const e of entries) if (e.kind === 'file' && PROJECT_FILES.has(e.name)) await this.async.readFile(joinPath(path, e.name)).catch(() => undefined);
        return entries;
      },
      readFile: async (path) => {
        const bytes = await this.remote.readFile(path);
        this.files.set(path, bytes);
        return bytes;
      },
      stat: async (path) => this.stat(path) ?? (await this.remote.stat(path)),
      changed: (path, deleted) => this.changed(path, deleted),
    };
  }

  readDir(path: string): DirEntry[] {
    const hit = this.dirs.get(path);
    if (!hit) throw fsError('ENOENT', path);
    return hit;
  }

  readFile(path: string): Uint8Array {
    const hit = this.files.get(path);
    if (!hit) throw fsError('ENOENT', path);
    return hit;
  }

  stat(path: string): 'file' | 'dir' | undefined {
    if (this.dirs.has(path)) return 'dir';
    if (this.files.has(path)) return 'file';
    const entry = this.dirs.get(dirnameOf(path))?.find((e) => e.name === basenameOf(path));
    return entry?.kind === 'dir' ? 'dir' : entry ? 'file' : undefined;
  }

  /** A watched-file event: forget `path`, update its folder's listing and read it again when it is a file we keep. */
  async changed(path: string, deleted: boolean): Promise<void> {
    const hadFile = this.files.delete(path);
    const parent = dirnameOf(path);
    const listing = this.dirs.get(parent);
    const name = basenameOf(path);
    if (deleted) {
      this.dirs.delete(path);
      if (listing) this.dirs.set(parent, listing.filter((e) => e.name !== name));
      return;
    }
    const kind = await this.remote.stat(path);
    if (listing && kind && !listing.some((e) => e.name === name)) this.dirs.set(parent, [...listing, { name, kind }]);
    if (kind === 'file' && (hadFile || PROJECT_FILES.has(name) || isEcaPath(path))) {
      await this.async.readFile(path).catch(() => undefined);
    }
  }
}
