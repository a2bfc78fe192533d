// The disk as the engine's file system (Node). The browser build replaces this module with
// disk.browser.ts (scripts/build.mjs), so nothing in the engine imports a Node built-in there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
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

/** An absolute path with forward slashes (relative paths resolve against the current directory). */
export function absolutePath(p: string): string {
  return resolve(p).replace(/\\/g, '/');
}
