// fileSignature.ts in the browser build: no disk to poll, so every planned file keeps one state and
// planned.ts never re-reads it; the extension's watched-file events bring applied plans in.
export function signature(_path: string): string {
  return '';
}
