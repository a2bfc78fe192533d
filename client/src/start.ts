// The extension, whichever host runs it: the language client (made by the entry point: the
// server process on Node, a web worker in the browser), the status bar, the views, the command
// table and the flip lens. extension.ts is the Node entry, browserExtension.ts the browser one.
import { moduleLoadStart } from './clock';
import * as vscode from 'vscode';
import { RevealOutputChannelOn, type LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerFlipLens } from './commands/flipDistributionState';
import { RetrieveUi } from './commands/retrieve';
import { VerifyResults } from './commands/verify';
import { linkRuleDocs, registerRuleDocs } from './commands/ruleDoc';
import { documentSelector, WATCH_GLOB } from './selector';
import { ProblemsSummaryModel } from './problems';
import { problemsBadge, ServerStatus } from './status';
import { registerViews, type EcaViewsApi } from './views';

export const CLIENT_ID = 'eca';
export const CONFIG_SECTION = 'eca';

/** What activate() returns; the end-to-end suite reads it through `extension.exports`. */
export interface EcaExtensionApi {
  readonly client: LanguageClient;
  readonly status: ServerStatus;
  /** Milliseconds from the bundle starting to load until activate() returned. */
  readonly activationMs: number;
  /** Resolves with the milliseconds from load start until the server answered `initialize`. */
  readonly serverReady: Promise<number>;
  /** The Environments and External Client Apps views (tree providers, matrix panel). */
  readonly views: EcaViewsApi;
  /** The server's problems summary, which the badge and the apps tree show. */
  readonly problems: ProblemsSummaryModel;
}

/** What differs between the Node and the browser extension host, and between the disk and a virtual workspace. */
export interface ExtensionHost {
  /**
   * True in the browser (web worker extension host) or in a virtual workspace (a folder not on the
   * disk: github.dev, vscode.dev, GitHub Repositories' vscode-vfs:): the server reads the workspace
   * through the extension, documents are matched by pattern alone (not file: URIs), and commands
   * that need a process, the sf CLI or an org are hidden and refused.
   */
  noProcess: boolean;
  /** The language client for these options (the server process, or the server's web worker). */
  createClient(options: LanguageClientOptions): LanguageClient;
  /** Whether a workspace folder has sfdx-project.json at its root, answered at once (Node: the disk). */
  projectAtRoot?(): boolean;
}

/** The context key that shows the External Client Apps view container (SFDX projects only). */
export const SFDX_CONTEXT_KEY = 'eca.sfdxProject';

/** Sets SFDX_CONTEXT_KEY: a workspace folder with sfdx-project.json at its root at once, else any below it (asynchronously). */
function setProjectContext(context: vscode.ExtensionContext, host: ExtensionHost): void {
  const set = (v: boolean) => void vscode.commands.executeCommand('setContext', SFDX_CONTEXT_KEY, v);
  const atRoot = host.projectAtRoot?.() ?? false;
  set(atRoot);
  const look = () => {
    void vscode.workspace.findFiles('**/sfdx-project.json', '**/node_modules/**', 1).then((found) => set(found.length > 0), () => undefined);
  };
  if (!atRoot) look();
  const w = vscode.workspace.createFileSystemWatcher('**/sfdx-project.json', false, true, false);
  context.subscriptions.push(w, w.onDidCreate(() => set(true)), w.onDidDelete(look), vscode.workspace.onDidChangeWorkspaceFolders(look));
}

/** Set where the extension has a process and the disk: commands that need them show (DESKTOP_ONLY_WHEN, commands/catalogue.ts). */
export const NODE_HOST_CONTEXT_KEY = 'eca.nodeHost';

/** Set when this module (and so everything it imports) has finished evaluating. */
const moduleLoadEnd = performance.now();

export function startExtension(context: vscode.ExtensionContext, host: ExtensionHost): EcaExtensionApi {
  const activateStart = performance.now();
  const output = vscode.window.createOutputChannel('ECA Language Server');
  const watcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
  // Folders created with files inside are reported as the folder alone: send creations of
  // anything (the server scans new folders and ignores other files).
  const creations = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
  context.subscriptions.push(watcher, creations);
  const clientOptions: LanguageClientOptions = {
    // In the browser or a virtual workspace documents are not file: URIs (vscode-remote:, vscode-vfs:): match by pattern alone.
    documentSelector: host.noProcess ? documentSelector.map((f) => ({ pattern: (f as { pattern: string }).pattern })) : documentSelector,
    diagnosticCollectionName: CLIENT_ID,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A rule id in Problems opens the rule's section of the shipped docs/rules.md (commands/ruleDoc.ts).
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, linkRuleDocs(diagnostics)) },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    synchronize: {
      // The server pulls settings with workspace/configuration (section "eca"); this also sends
      // workspace/didChangeConfiguration when they change, so it knows to pull again.
      configurationSection: CONFIG_SECTION,
      fileEvents: [watcher, creations],
    },
  };
  // The id makes vscode-languageclient honour the `eca.trace.server` setting.
  const client = host.createClient(clientOptions);
  // No module state: the activation's subscriptions stop the server when the extension deactivates
  // (VS Code disposes them after deactivate()), on Node and in the browser alike.
  context.subscriptions.push({ dispose: () => void client.stop().catch(() => undefined) });
  void vscode.commands.executeCommand('setContext', NODE_HOST_CONTEXT_KEY, !host.noProcess);
  const status = new ServerStatus(client);
  context.subscriptions.push(status, output);
  setProjectContext(context, host);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('Workspace trusted: org commands are now enabled.');
    }),
  );

  const started = client.start();
  const { api: views, handlers } = registerViews(context, client, started);
  const ui = { retrieve: new RetrieveUi(), verify: new VerifyResults() };
  context.subscriptions.push(ui.retrieve, ui.verify);
  registerCommands({ extension: context, client, status, ui, noProcess: host.noProcess, views: handlers });
  registerFlipLens(context, client);
  registerRuleDocs(context);
  // The activity badge and the apps tree count what Problems and the status bar count: the
  // server's summary of what it published (until it answers, the Problems panel's diagnostics).
  const problems = new ProblemsSummaryModel(client, started);
  views.apps.problemsOf = (root, eca) => problems.app(root, eca);
  const updateBadge = () => { views.appsView.badge = problems.summary ? problems.badge() : problemsBadge(); };
  context.subscriptions.push(problems, status.onDidUpdate(updateBadge), problems.onDidChange(() => { updateBadge(); views.apps.refresh(); }));
  const activationMs = performance.now() - moduleLoadStart;
  const serverReady = started.then(
    () => {
      const ms = performance.now() - moduleLoadStart;
      output.appendLine(`[client] language server ready ${ms.toFixed(0)} ms after the extension started loading`);
      return ms;
    },
    (err: unknown) => {
      output.appendLine(`[client] language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    },
  );
  serverReady.catch(() => undefined); // reported above; callers that await it still see the error
  output.appendLine(
    `[client] activated in ${activationMs.toFixed(1)} ms: bundle evaluation ${(moduleLoadEnd - moduleLoadStart).toFixed(1)} ms, ` +
      `extension host until activate() ${(activateStart - moduleLoadEnd).toFixed(1)} ms, activate() ${(performance.now() - activateStart).toFixed(1)} ms; ` +
      `trusted workspace: ${vscode.workspace.isTrusted}`,
  );
  return { client, status, activationMs, serverReady, views, problems };
}

