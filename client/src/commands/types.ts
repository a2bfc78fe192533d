// What a command handler receives. Every entry of the command table (catalogue.ts) has one handler
// of this shape.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ServerStatus } from '../status';
import type { RetrieveUi } from './retrieve';
import type { VerifyResults } from './verify';
import type { ViewCommandId } from '../views';

/** What the org commands keep for one activation (output channels, diagnostics, the diff provider): no module state. */
export interface CommandUi {
  retrieve: RetrieveUi;
  verify: VerifyResults;
}

export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  status?: ServerStatus;
  /** In the browser's web worker extension host or a virtual workspace (no process, no sf CLI, no org): ExtensionHost.noProcess. */
  noProcess?: boolean;
  ui: CommandUi;
  /** The handlers of the views' commands (they need the trees' state: views/index.ts). */
  views: Record<ViewCommandId, (...args: never[]) => Promise<unknown>>;
}

/** A handler: its arguments are what the caller passed (a Uri from a menu, an answers object from a test). */
export type CommandHandler = (ctx: CommandContext, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
