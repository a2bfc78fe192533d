// The browser build's stand-in for disk.ts (swapped in by scripts/build.mjs): a web worker has no
// disk, no home folder and no current directory. Every caller there passes its own file system
// (the workspace's, read through the extension); this one answers "nothing here".
import { fsError, type EngineFs } from '../fs';

export const diskFs: EngineFs = {
  readDir: (path) => { throw fsError('ENOENT', path); },
  readFile: (path) => { throw fsError('ENOENT', path); },
  stat: () => undefined,
};

export function homeFolder(): string | undefined {
  return undefined;
}

export function absolutePath(p: string): string {
  return p.replace(/\\/g, '/');
}
