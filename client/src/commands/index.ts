// Every command of the extension, registered in one place. Adding a command = one file in this
// folder + one line in `COMMANDS` + its entry in package.json `contributes.commands`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { restartServer } from './restartServer';
import { showOutput } from './showOutput';
import type { CommandContext, EcaCommand } from './types';

export type { CommandContext, EcaCommand } from './types';

export const COMMANDS: readonly EcaCommand[] = [showOutput, restartServer];

export const RESTRICTED_MESSAGE =
  'This ECA command reaches Salesforce orgs or runs the sf CLI, so it is disabled in Restricted Mode. Trust this workspace to use it.';

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const ctx: CommandContext = { extension: context, client };
  (require('./retrieve') as typeof import('./retrieve')).register(context);
  (require('./verify') as typeof import('./verify')).register(context);
  (require('./migrate') as typeof import('./migrate')).register(context);
  (require('./flipDistributionState') as typeof import('./flipDistributionState')).register(context, client);
  (require('./scaffoldPolicies') as typeof import('./scaffoldPolicies')).register(context, client);
  (require('./newExternalClientApp') as typeof import('./newExternalClientApp')).register(context, client);
  for (const cmd of COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(cmd.id, (...args: unknown[]) => {
        // package.json's `enablement` already hides these in restricted mode; this guard also
        // covers callers that invoke the command programmatically.
        if (cmd.requiresTrust && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(RESTRICTED_MESSAGE);
          return undefined;
        }
        return cmd.run(ctx, ...args);
      }),
    );
  }
}
