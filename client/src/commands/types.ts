import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * One command of the extension. To add a command: write one file in this folder that exports an
 * `EcaCommand`, add it to the list in index.ts, and declare it under `contributes.commands` in
 * package.json (with `"enablement": "isWorkspaceTrusted"` when `requiresTrust` is set).
 */
export interface EcaCommand {
  /** Command id, `eca.<verb><Noun>`; must match package.json. */
  id: string;
  /**
   * True for commands that run `sf`, read org credentials or touch an org: they are refused in
   * restricted mode (untrusted workspace). Load heavy modules (e.g. @salesforce/core) inside
   * `run` with a dynamic import, never at the top of the file, so activation stays cheap.
   */
  requiresTrust: boolean;
  run(ctx: CommandContext, ...args: unknown[]): unknown;
}

export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
}
