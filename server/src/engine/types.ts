// Plain data types of the engine. They mirror LSP's shapes (0-based lines, UTF-16 characters)
// so the server can pass them through, but nothing here imports LSP or vscode.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement in one file. `range` is in that file's coordinates. */
export interface TextEdit { range: Range; newText: string }

/** One file-level change of a fix. Paths are absolute file-system paths. */
export type FileChange =
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  | { kind: 'create'; path: string; text: string }
  | { kind: 'rename'; from: string; to: string };

/** A quick fix the engine can compute without asking the user anything. */
export interface Fix {
  title: string;
  changes: FileChange[];
  /** The fix VS Code should apply on "fix all" / pick first. */
  preferred?: boolean;
  /**
   * The fix writes a value the user must choose (a placeholder username, a policy period): offered
   * as a quick fix, never applied by Fix All (services/fixAll.ts).
   */
  placeholder?: boolean;
}

/** A command-backed fix: the client runs a command instead of an edit (e.g. retrieve from DevHub). */
export interface CommandFix { title: string; command: string; arguments: unknown[] }

export interface EngineDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Absolute path of the file the diagnostic is about. */
  path: string;
  fixes?: Fix[];
  commands?: CommandFix[];
  /** Other places that explain the diagnostic (cross-file rules). */
  related?: { path: string; range: Range; message: string }[];
}
