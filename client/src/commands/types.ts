// What a command handler receives. The command table (index.ts) maps every id of the catalogue
// (catalogue.ts) to one handler of this shape.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ServerStatus } from '../status';
import type { RetrieveUi } from './retrieve';
import type { VerifyResults } from './verify';

/** What the org commands keep for one activation (output channels, diagnostics, the diff provider): no module state. */
export interface CommandUi {
  retrieve: RetrieveUi;
  verify: VerifyResults;
}

export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  status?: ServerStatus;
  /** Running in the browser's web worker extension host (no process, no sf CLI, no org). */
  web?: boolean;
  ui: CommandUi;
}

/** A handler: its arguments are what the caller passed (a Uri from a menu, an answers object from a test). */
export type CommandHandler = (ctx: CommandContext, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
