// The command table: every command of the extension, id → handler, registered in one loop (the
// shape of rust-analyzer's createCommands()). Ids, titles, icons and the trust requirement are in
// catalogue.ts (checked against package.json by test/client/commands.test.ts); a command missing
// here does not compile. Adding a command: recipe in docs/recipes/add-a-command.md.
import * as vscode from 'vscode';
import { COMMAND_CATALOGUE, COMMAND_IDS, type CommandId, type CommandInfo } from './catalogue';
import { flip } from './flipDistributionState';
import { logInToDevHub } from './logInToDevHub';
import { migrateConnectedApp } from './migrate';
import { newEca } from './newExternalClientApp';
import { restartServer } from './restartServer';
import { retrieveFromDevHub } from './retrieve';
import { showRuleDoc } from './ruleDoc';
import { scaffold } from './scaffoldPolicies';
import { verifyAgainstOrg } from './verify';
import type { CommandContext, CommandHandler } from './types';
import type { ViewCommandId } from '../views';

export type { CommandContext, CommandHandler } from './types';
export { COMMAND_CATALOGUE, COMMAND_IDS, type CommandId };

export const RESTRICTED_MESSAGE =
  'This ECA command reaches Salesforce orgs or runs the sf CLI, so it is disabled in Restricted Mode. Trust this workspace to use it.';

export const DESKTOP_ONLY_MESSAGE =
  'This ECA command needs the sf CLI or a Salesforce org, which VS Code in the browser cannot reach. Open the project in VS Code on the desktop to use it.';

/** Every command's handler. `views` are the handlers of the view commands (they need the trees' state). */
export function createCommands(views: Record<ViewCommandId, (...args: never[]) => Promise<unknown>>): Record<CommandId, CommandHandler> {
  const fromViews = (id: ViewCommandId): CommandHandler => (_ctx, ...args) => views[id](...(args as never[]));
  return {
    'eca.showOutput': ({ client }) => client.outputChannel.show(true),
    'eca.restartServer': (ctx) => restartServer(ctx),
    'eca.retrieveFromDevHub': ({ ui, client }, arg) => retrieveFromDevHub(ui.retrieve, client, arg),
    'eca.verifyAgainstOrg': ({ ui, client }, arg) => verifyAgainstOrg(ui.verify, client, arg),
    'eca.migrateConnectedApp': ({ client }, arg) => migrateConnectedApp(client, arg),
    'eca.flipDistributionState': ({ client }, arg) => flip(client, arg),
    'eca.scaffoldEnvironmentPolicies': ({ client }, arg) => scaffold(client, arg),
    'eca.newExternalClientApp': ({ client }, arg) => newEca(client, arg),
    'eca.logInToDevHub': () => logInToDevHub(),
    'eca.showRuleDoc': ({ extension }, id) => showRuleDoc(extension, id),
    'eca.views.refresh': fromViews('eca.views.refresh'),
    'eca.views.showMatrix': fromViews('eca.views.showMatrix'),
    'eca.views.openFile': fromViews('eca.views.openFile'),
    'eca.views.revealInExplorer': fromViews('eca.views.revealInExplorer'),
    'eca.views.compareWithDefault': fromViews('eca.views.compareWithDefault'),
    'eca.views.compareWithEnvironment': fromViews('eca.views.compareWithEnvironment'),
    'eca.views.copySetting': fromViews('eca.views.copySetting'),
    'eca.views.scaffoldEnvironment': fromViews('eca.views.scaffoldEnvironment'),
    'eca.views.retrieveFromDevHub': fromViews('eca.views.retrieveFromDevHub'),
  };
}

/** Registers every command of the table; commands that need trust are refused in Restricted Mode. */
export function registerCommands(ctx: CommandContext, table: Record<CommandId, CommandHandler>): void {
  for (const id of COMMAND_IDS) {
    const info: CommandInfo = COMMAND_CATALOGUE[id];
    const run = table[id];
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        // package.json's `enablement` already disables these in Restricted Mode; this guard also
        // covers callers that invoke the command programmatically.
        if ((info as CommandInfo).desktopOnly && ctx.web) {
          void vscode.window.showInformationMessage(DESKTOP_ONLY_MESSAGE);
          return undefined;
        }
        if (info.requiresTrust && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(RESTRICTED_MESSAGE);
          return undefined;
        }
        return run(ctx, ...args);
      }),
    );
  }
}
