// Registers the command table (catalogue.ts: every command's id, title, trust and handler) in one
// loop, and refuses what the host or Restricted Mode does not allow. Adding a command: recipe in
// docs/recipes/add-a-command.md.
import * as vscode from 'vscode';
import { COMMAND_CATALOGUE, COMMAND_IDS, type CommandId, type CommandInfo } from './catalogue';
import type { CommandContext } from './types';

export type { CommandContext, CommandHandler } from './types';
export { COMMAND_CATALOGUE, COMMAND_IDS, type CommandId };

export const RESTRICTED_MESSAGE =
  'This ECA command reaches Salesforce orgs or runs the sf CLI, so it is disabled in Restricted Mode. Trust this workspace to use it.';

export const DESKTOP_ONLY_MESSAGE =
  'This ECA command needs the sf CLI or a Salesforce org, which VS Code in the browser or in a virtual workspace (github.dev, vscode.dev, GitHub Repositories) cannot reach. Open a local clone of the project in VS Code on the desktop to use it.';

/** Registers every command of the table; commands that need trust are refused in Restricted Mode. */
export function registerCommands(ctx: CommandContext): void {
  for (const id of COMMAND_IDS) {
    const info: CommandInfo = COMMAND_CATALOGUE[id];
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        // package.json's `enablement` already disables these in Restricted Mode; this guard also
        // covers callers that invoke the command programmatically.
        if (info.desktopOnly && ctx.noProcess) {
          void vscode.window.showInformationMessage(DESKTOP_ONLY_MESSAGE);
          return undefined;
        }
        if (info.requiresTrust && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(RESTRICTED_MESSAGE);
          return undefined;
        }
        return info.run(ctx, ...args);
      }),
    );
  }
}
