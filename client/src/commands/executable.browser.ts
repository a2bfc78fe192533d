// executable.ts in the browser build: a workspace reached through vscode.workspace.fs has no file
// modes; the migration report tells people to `chmod +x` the script.
export function markExecutable(_paths: string[]): void {
  /* nothing to do in the browser */
}
