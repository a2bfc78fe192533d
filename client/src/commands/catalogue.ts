// Every command of the extension, as data: id, palette title, icon, whether it needs a trusted
// workspace, whether the palette shows it. `npm run gen:schema` writes package.json's
// `contributes.commands` and the palette's hidden entries from it (keep the object literal plain
// data: the generator reads it as text). The handlers live in the command table (index.ts,
// `createCommands`), typed by these ids so a command without a handler does not compile; the
// manifest test (test/client/commands.test.ts) checks that package.json agrees. No vscode
// import: tests read it in plain Node.
export interface CommandInfo {
  /** The palette title (category "ECA" is added by VS Code). */
  title: string;
  /** A codicon for view title/inline menus. */
  icon?: string;
  /** Reaches orgs or reads credentials: refused in Restricted Mode (`enablement: isWorkspaceTrusted`). */
  requiresTrust?: boolean;
  /**
   * Needs a process, the sf CLI or an org: hidden in the browser (`!isWeb || eca.nodeHost` in
   * package.json) and refused there when called anyway.
   */
  desktopOnly?: boolean;
  /** False for commands that only make sense on a tree node (hidden from the palette). */
  palette?: boolean;
}

export const COMMAND_CATALOGUE = {
  'eca.showOutput': { title: 'Show Language Server Log' },
  'eca.restartServer': { title: 'Restart Language Server' },
  'eca.retrieveFromDevHub': { title: 'Retrieve External Client App from DevHub', requiresTrust: true, desktopOnly: true },
  'eca.verifyAgainstOrg': { title: 'Verify Against Org…', requiresTrust: true, desktopOnly: true },
  'eca.migrateConnectedApp': { title: 'Migrate Connected App to External Client App' },
  'eca.flipDistributionState': { title: 'Flip Distribution State (Local ⇄ Packaged)' },
  'eca.scaffoldEnvironmentPolicies': { title: 'Scaffold Environment Policy Folders…' },
  'eca.newExternalClientApp': { title: 'New External Client App…' },
  'eca.logInToDevHub': { title: 'Log In to DevHub (sf org login web)', requiresTrust: true, desktopOnly: true },
  'eca.showRuleDoc': { title: 'Show Rule Documentation…' },
  'eca.views.refresh': { title: 'Refresh Environments and Apps', icon: '$(refresh)' },
  'eca.views.showMatrix': { title: 'Show Environment Matrix', icon: '$(table)' },
  'eca.views.openFile': { title: 'Open File', icon: '$(go-to-file)', palette: false },
  'eca.views.revealInExplorer': { title: 'Reveal in Explorer View', palette: false },
  'eca.views.compareWithDefault': { title: 'Compare with default/', icon: '$(diff)', palette: false },
  'eca.views.compareWithEnvironment': { title: 'Compare with Environment...', icon: '$(git-compare)', palette: false },
  'eca.views.copySetting': { title: 'Copy Setting to Other Environments...', icon: '$(copy)', palette: false },
  'eca.views.scaffoldEnvironment': { title: 'Scaffold Missing Environment Files...', icon: '$(new-file)', palette: false },
  'eca.views.retrieveFromDevHub': { title: 'Retrieve App from DevHub', icon: '$(cloud-download)', requiresTrust: true, desktopOnly: true, palette: false },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMAND_CATALOGUE;

export const COMMAND_IDS = Object.keys(COMMAND_CATALOGUE) as CommandId[];

export function commandInfo(id: CommandId): CommandInfo {
  return COMMAND_CATALOGUE[id];
}
