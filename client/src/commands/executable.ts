// Making a created file executable (the migration's bootstrap shell script), as the CLI's
// migration leaves it. executable.browser.ts is the browser build's (no file modes there).
import { chmodSync, statSync } from 'node:fs';

export function markExecutable(paths: string[]): void {
  for (const p of paths) {
    try { chmodSync(p, (statSync(p).mode & 0o777) | 0o111); } catch { /* the report tells people to chmod +x */ }
  }
}
