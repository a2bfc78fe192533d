// The disk as the engine's file system (Node). The browser build replaces this module with
// disk.browser.ts (scripts/build.mjs), so nothing in the engine imports a Node built-in there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve } from 'node:path';
import type { EngineFs, EntryKind } from '../fs';

export const diskFs: EngineFs = {
  readDir: (path) => readdirSync(path, { withFileTypes: true }).map((d) => ({
    name: d.name,
    kind: (d.isDirectory() ? 'dir' : d.isFile() ? 'file' : d.isSymbolicLink() ? 'symlink' : 'other') as EntryKind,
  })),
  readFile: (path) => readFileSync(path),
  stat: (path) => {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
};

/** The user's home folder (sf keeps its orgs there), or undefined. */
export function homeFolder(): string | undefined {
  return process.env.HOME || homedir() || undefined;
}

/**
 * An absolute path with forward slashes (relative paths resolve against the current directory).
 * A path already rooted at one `/` stays rooted there: on Windows it is a virtual workspace's
 * (vscode-vfs:/owner/repo, read through the extension: server.ts --remote-fs), not one of the
 * current drive. `resolvePath` is the platform's (a test passes path.win32's).
 */
export function absolutePath(p: string, resolvePath: (p: string) => string = resolve): string {
  if (p.startsWith('/') && !p.startsWith('//')) return posix.resolve(p);
  return resolvePath(p).replace(/\\/g, '/');
}
