// The one file-system interface the engine reads a project through. On Node it is the disk
// (host/disk.ts); in the browser the language server asks the extension, which reads through
// `vscode.workspace.fs` (lsp/remoteFs.ts); tests and plans use an in-memory tree (`memoryFs`).
// Paths are absolute with forward slashes. The path helpers here replace node:path so the engine
// runs in a web worker too.

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';
export interface DirEntry { name: string; kind: EntryKind }

/** A synchronous file system (the disk on Node, an in-memory tree, or a cache filled asynchronously). */
export interface EngineFs {
  /** The entries of a directory. Throws an error with a `code` (ENOENT, EACCES, …) when unreadable. */
  readDir(path: string): DirEntry[];
  /** A file's bytes. Throws when unreadable. */
  readFile(path: string): Uint8Array;
  /** What is at `path` (links followed), or undefined when nothing is. */
  stat(path: string): 'file' | 'dir' | undefined;
}

/** The same, answered asynchronously (the browser's `vscode.workspace.fs` through the client). */
export interface AsyncEngineFs {
  readDir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<'file' | 'dir' | undefined>;
  /** A watched-file event named `path`: a cache in front of this file system reads it again. */
  changed?(path: string, deleted: boolean): Promise<void>;
}

/** An error as the disk throws it (a `code` the walkers report). */
export function fsError(code: string, path: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export function errorCode(e: unknown): string {
  return (e as { code?: string })?.code ?? 'unreadable';
}

// --------------------------------------------------------------------------------- path helpers

/** The folder holding `p` (`/a/b` → `/a`; `/a` → `/`). */
export function dirnameOf(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  if (i === 2 && p[1] === ':' && p.length > 3) return p.slice(0, 3);
  return p.slice(0, i);
}

export function basenameOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, ...names: string[]): string {
  let out = dir;
  for (const name of names) out = out.endsWith('/') ? out + name : `${out}/${name}`;
  return out;
}

// ------------------------------------------------------------------------------- in-memory tree

/**
 * A read-only file system over a list of absolute file paths whose contents `read` supplies on
 * demand (a git revision, an in-memory map): every folder above a file exists.
 */
export function treeFs(paths: Iterable<string>, read: (path: string) => string | Uint8Array | undefined): EngineFs {
  const files = new Set<string>();
  const dirs = new Map<string, Map<string, EntryKind>>();
  const encoder = new TextEncoder();
  for (const path of paths) {
    const p = path.replace(/\\/g, '/');
    files.add(p);
    let child = p;
    let kind: EntryKind = 'file';
    for (let d = dirnameOf(child); ; d = dirnameOf(d)) {
      let list = dirs.get(d);
      if (!list) dirs.set(d, (list = new Map()));
      list.set(basenameOf(child), kind);
      if (d === '/' || d === '.' || dirnameOf(d) === d) break;
      child = d;
      kind = 'dir';
    }
  }
  return {
    readDir(path) {
      const list = dirs.get(path);
      if (!list) throw fsError(files.has(path) ? 'ENOTDIR' : 'ENOENT', path);
      return [...list].map(([name, kind]) => ({ name, kind }));
    },
    readFile(path) {
      const content = files.has(path) ? read(path) : undefined;
      if (content === undefined) throw fsError(dirs.has(path) ? 'EISDIR' : 'ENOENT', path);
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
    stat: (path) => (files.has(path) ? 'file' : dirs.has(path) ? 'dir' : undefined),
  };
}

/** A read-only file system over `files` (absolute path → text or bytes). For tests and in-memory projects. */
export function memoryFs(files: Record<string, string | Uint8Array> | Map<string, string | Uint8Array>): EngineFs {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return treeFs(map.keys(), (p) => map.get(p));
}
