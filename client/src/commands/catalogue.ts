// The one command table (the shape of rust-analyzer's createCommands): every command of the
// extension as one entry — id, palette title, icon, whether it needs a trusted workspace or a
// desktop host, whether the palette shows it, and its handler. `npm run gen:schema` writes
// package.json's `contributes.commands` and the palette's hidden entries from it, and
// test/client/commands.test.ts checks that package.json agrees. Handlers load their module when
// first run (`import()`), so this file imports nothing at run time: the generator and the tests
// read it in plain Node, without vscode. `registerCommands` (index.ts) registers every entry.
// Adding a command: docs/recipes/add-a-command.md.
import type { CommandHandler } from './types';
import type { ViewCommandId } from '../views';

export interface CommandInfo {
  /** The palette title (category "ECA" is added by VS Code). */
  title: string;
  /** A codicon for view title/inline menus. */
  icon?: string;
  /** Reaches orgs or reads credentials: refused in Restricted Mode (`enablement: isWorkspaceTrusted`). */
  requiresTrust?: boolean;
  /**
   * Needs a process, the sf CLI or an org: hidden in the browser and in a virtual workspace
   * (DESKTOP_ONLY_WHEN on each of its menu entries in package.json) and refused there when called anyway.
   */
  desktopOnly?: boolean;
  /** False for commands that only make sense on a tree node (hidden from the palette). */
  palette?: boolean;
  /** The handler: its arguments are what the caller passed (a Uri from a menu, an answers object from a test). */
  run: CommandHandler;
}

/** A command of the Environments and Apps views: their handlers need the trees' state (views/index.ts). */
const view = (id: ViewCommandId): CommandHandler => (ctx, ...args) => ctx.views[id](...(args as never[]));

/**
 * The `when` of every menu entry of a desktopOnly command (package.json; `npm run gen:schema`
 * writes the palette's): hidden in a virtual workspace (all folders off the disk) and in the
 * browser, unless the extension host there is Node with the disk (code-server: eca.nodeHost).
 */
export const DESKTOP_ONLY_WHEN = '!virtualWorkspace && (!isWeb || eca.nodeHost)';

export const COMMAND_CATALOGUE = {
  'eca.showOutput': { title: 'Show Language Server Log', run: ({ client }) => client.outputChannel.show(true) },
  'eca.restartServer': { title: 'Restart Language Server', run: async (ctx) => (await import('./restartServer.js')).restartServer(ctx) },
  'eca.retrieveFromDevHub': { title: 'Retrieve External Client App from DevHub', requiresTrust: true, desktopOnly: true, run: async ({ ui, client }, arg) => (await import('./retrieve.js')).retrieveFromDevHub(ui.retrieve, client, arg) },
  'eca.verifyAgainstOrg': { title: 'Verify Against Org…', requiresTrust: true, desktopOnly: true, run: async ({ ui, client }, arg) => (await import('./verify.js')).verifyAgainstOrg(ui.verify, client, arg) },
  'eca.migrateConnectedApp': { title: 'Migrate Connected App to External Client App', run: async ({ client }, arg) => (await import('./migrate.js')).migrateConnectedApp(client, arg) },
  'eca.flipDistributionState': { title: 'Flip Distribution State (Local ⇄ Packaged)', run: async ({ client }, arg) => (await import('./flipDistributionState.js')).flip(client, arg) },
  'eca.scaffoldEnvironmentPolicies': { title: 'Scaffold Environment Policy Folders…', run: async ({ client }, arg) => (await import('./scaffoldPolicies.js')).scaffold(client, arg) },
  'eca.newExternalClientApp': { title: 'New External Client App…', run: async ({ client }, arg) => (await import('./newExternalClientApp.js')).newEca(client, arg) },
  'eca.logInToDevHub': { title: 'Log In to DevHub (sf org login web)', requiresTrust: true, desktopOnly: true, run: async () => (await import('./logInToDevHub.js')).logInToDevHub() },
  'eca.showRuleDoc': { title: 'Show Rule Documentation…', run: async ({ extension }, id) => (await import('./ruleDoc.js')).showRuleDoc(extension, id) },
  'eca.views.refresh': { title: 'Refresh Environments and Apps', icon: '$(refresh)', run: view('eca.views.refresh') },
  'eca.views.showMatrix': { title: 'Show Environment Matrix', icon: '$(table)', run: view('eca.views.showMatrix') },
  'eca.views.openFile': { title: 'Open File', icon: '$(go-to-file)', palette: false, run: view('eca.views.openFile') },
  'eca.views.revealInExplorer': { title: 'Reveal in Explorer View', palette: false, run: view('eca.views.revealInExplorer') },
  'eca.views.compareWithDefault': { title: 'Compare with default/', icon: '$(diff)', palette: false, run: view('eca.views.compareWithDefault') },
  'eca.views.compareWithEnvironment': { title: 'Compare with Environment...', icon: '$(git-compare)', palette: false, run: view('eca.views.compareWithEnvironment') },
  'eca.views.copySetting': { title: 'Copy Setting to Other Environments...', icon: '$(copy)', palette: false, run: view('eca.views.copySetting') },
  'eca.views.scaffoldEnvironment': { title: 'Scaffold Missing Environment Files...', icon: '$(new-file)', palette: false, run: view('eca.views.scaffoldEnvironment') },
  'eca.views.retrieveFromDevHub': { title: 'Retrieve App from DevHub', icon: '$(cloud-download)', requiresTrust: true, desktopOnly: true, palette: false, run: view('eca.views.retrieveFromDevHub') },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMAND_CATALOGUE;

export const COMMAND_IDS = Object.keys(COMMAND_CATALOGUE) as CommandId[];

export function commandInfo(id: CommandId): CommandInfo {
  return COMMAND_CATALOGUE[id];
}
