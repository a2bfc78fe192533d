// A file's state on disk as planned.ts follows it (modification time and size; '' when absent).
// fileSignature.browser.ts is the web worker's: it has no disk to look at, and the extension's
// watched-file events tell it about applied plans instead.
import { statSync } from 'node:fs';

export function signature(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}
