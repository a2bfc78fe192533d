// "ECA: Retrieve External Client App from DevHub" (eca.retrieveFromDevHub).
// Pick an org from the user's own `sf` logins (target-dev-hub first), pick one or several ECAs,
// pick the package directory, retrieve with a cancellable progress notification, review the
// differences with local files before anything is replaced, and optionally flip the header to
// `Packaged`. The Salesforce libraries load (from dist/sf-lib.js) only once the command runs.
// Disabled in untrusted workspaces: it reads org credentials and talks to an org.
import * as vscode from 'vscode';
import { isRetrieveError, loginCommand } from '../../../server/src/retrieve/errors';
import { distributionState, packagedEdit } from '../../../server/src/retrieve/packaged';
import { locateApps } from '../../../server/src/retrieve/plan';
import { defaultPackageDir, findProjectRoot, packageDirOf, readProject, type ProjectInfo } from '../../../server/src/retrieve/project';
import {
  applyRetrievePlan,
  listOrgEcas,
  listOrgLogins,
  prepareRetrieve,
  type RetrievePlan,
} from '../../../server/src/retrieve/retrieve';
import type { OrgLogin } from '../../../server/src/retrieve/sfLoader';
import type { EcaCommand } from './types';

export const RETRIEVE_COMMAND_ID = 'eca.retrieveFromDevHub';
const SCHEME = 'eca-retrieve';
const TITLE = 'Retrieve External Client App';

/** Arguments a caller (e.g. a quick fix) may pass to skip questions. */
export interface RetrieveCommandArgs {
  /** Developer name of the app to retrieve (skips the app pick). */
  eca?: string;
  /** Alias or username (skips the org pick). */
  targetOrg?: string;
  /** A file or folder in the project to retrieve into. */
  uri?: vscode.Uri;
  /** Folder to place every file in (absolute or project-relative); skips the package-directory pick. */
  outputDir?: string;
}

/** The org's version of each file, shown on the right of the diff editors. */
class OrgVersionProvider implements vscode.TextDocumentContentProvider {
  private contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  set(plan: RetrievePlan): Map<string, vscode.Uri> {
    this.contents.clear();
    const uris = new Map<string, vscode.Uri>();
    const nonce = Date.now().toString(36);
    for (const f of plan.files) {
      const uri = vscode.Uri.from({ scheme: SCHEME, path: '/' + f.path, query: nonce });
      this.contents.set(uri.toString(), f.content.toString('utf8'));
      uris.set(f.path, uri);
      this.emitter.fire(uri);
    }
    return uris;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

let output: vscode.OutputChannel | undefined;
function log(line: string): void {
  output ??= vscode.window.createOutputChannel('ECA Retrieve');
  output.appendLine(line);
}

async function pickProject(arg?: RetrieveCommandArgs): Promise<ProjectInfo | undefined> {
  const candidates: string[] = [];
  const start = arg?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (start?.scheme === 'file') {
    const root = findProjectRoot(start.fsPath);
    if (root) candidates.push(root);
  }
  if (!candidates.length) {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const root = f.uri.scheme === 'file' ? findProjectRoot(f.uri.fsPath) : undefined;
      if (root && !candidates.includes(root)) candidates.push(root);
    }
  }
  if (!candidates.length) {
    void vscode.window.showErrorMessage(`${TITLE}: open a folder with an sfdx-project.json first.`);
    return undefined;
  }
  let root = candidates[0];
  if (candidates.length > 1) {
    const pick = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: vscode.workspace.asRelativePath(c, true), root: c })),
      { title: TITLE, placeHolder: 'Which SFDX project?' },
    );
    if (!pick) return undefined;
    root = pick.root;
  }
  return readProject(root);
}

function loginItem(l: OrgLogin): vscode.QuickPickItem & { login: OrgLogin } {
  const tags = [
    l.isTargetDevHub ? 'target-dev-hub' : '',
    l.isTargetOrg ? 'target-org' : '',
    l.isDevHub ? 'Dev Hub' : l.isScratchOrg ? 'scratch org' : l.isSandbox ? 'sandbox' : '',
  ].filter(Boolean);
  return {
    label: `${l.isTargetDevHub ? '$(star-full) ' : ''}${l.aliases[0] ?? l.username}`,
    description: l.aliases.length ? l.username : undefined,
    detail: [tags.join(' · '), l.instanceUrl, l.error ? `problem: ${l.error}` : ''].filter(Boolean).join('  —  '),
    login: l,
  };
}

async function offerLogin(message: string, command: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Log In in Terminal', 'Copy Command');
  if (choice === 'Copy Command') await vscode.env.clipboard.writeText(command);
  if (choice === 'Log In in Terminal') {
    const t = vscode.window.createTerminal('sf login');
    t.show();
    t.sendText(command, false);
  }
}

function showError(e: unknown): void {
  if (isRetrieveError(e)) {
    if (e.code === 'CANCELLED') {
      void vscode.window.showInformationMessage('Retrieve cancelled; the workspace was not changed.');
      return;
    }
    if ((e.code === 'NO_LOGIN' || e.code === 'SESSION_EXPIRED') && e.hint) {
      void offerLogin(e.message, e.hint);
      return;
    }
    void vscode.window.showErrorMessage(`${TITLE}: ${e.message}`);
    return;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  log(`Unexpected error: ${err.stack ?? err.message}`);
  void vscode.window.showErrorMessage(`${TITLE} failed unexpectedly: ${err.message} (details in the "ECA Retrieve" output).`);
}

/** Runs `fn` under a cancellable notification; cancel aborts the signal. */
function withCancellableProgress<T>(
  title: string,
  fn: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    return fn(ac.signal, (message) => progress.report({ message })).finally(() => sub.dispose());
  });
}

async function confirmReplace(plan: RetrievePlan, provider: OrgVersionProvider): Promise<boolean> {
  const changed = plan.files.filter((f) => f.state === 'Changed');
  if (!changed.length) return true;
  const uris = provider.set(plan);
  const list = changed.map((f) => `• ${f.path}`).join('\n');
  const first = await vscode.window.showWarningMessage(
    `${changed.length} local file${changed.length === 1 ? '' : 's'} differ${changed.length === 1 ? 's' : ''} from the org and would be replaced.`,
    { modal: true, detail: `${list}\n\nNothing has been written yet.` },
    'Replace',
    'Show Differences',
  );
  if (first === 'Replace') return true;
  if (first !== 'Show Differences') return false;
  for (const f of changed) {
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(f.absPath),
      uris.get(f.path),
      `${f.path.split('/').pop()} (local ↔ ${plan.org.username})`,
      { preview: false },
    );
  }
  const second = await vscode.window.showWarningMessage(
    `Replace ${changed.length} local file${changed.length === 1 ? '' : 's'} with the org's version?`,
    'Replace',
    'Cancel',
  );
  return second === 'Replace';
}

async function offerPackaged(plan: RetrievePlan): Promise<void> {
  const headers = plan.files.filter((f) => f.type === 'ExternalClientApplication');
  const flippable = headers.filter((f) => {
    const state = distributionState(f.content.toString('utf8'));
    return state !== 'Packaged';
  });
  if (!flippable.length) return;
  const names = flippable.map((f) => f.fullName).join(', ');
  const choice = await vscode.window.showInformationMessage(
    `${names}: distributionState is not Packaged. Set it to Packaged so the app can ship in the package?`,
    'Set to Packaged',
    'Not Now',
  );
  if (choice !== 'Set to Packaged') return;
  const edit = new vscode.WorkspaceEdit();
  const docs: vscode.TextDocument[] = [];
  for (const f of flippable) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(f.absPath));
    const spec = packagedEdit(doc.getText());
    if (!spec) continue;
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(spec.start), doc.positionAt(spec.end)), spec.newText);
    docs.push(doc);
  }
  if (await vscode.workspace.applyEdit(edit)) {
    if (docs[0]) await vscode.window.showTextDocument(docs[0], { preview: false });
  } else {
    void vscode.window.showErrorMessage('Could not set distributionState to Packaged.');
  }
}

/** What the command resolves with (for programmatic callers): the files and their states. */
export interface RetrieveCommandResult {
  org: string;
  files: { path: string; absPath: string; type: string; fullName: string; state: string }[];
}

async function run(provider: OrgVersionProvider, arg?: RetrieveCommandArgs): Promise<RetrieveCommandResult | undefined> {
  const project = await pickProject(arg);
  if (!project) return;

  // 1. The org, from the user's own logins.
  let targetOrg = arg?.targetOrg;
  if (!targetOrg) {
    const { logins } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Reading Salesforce logins' },
      () => listOrgLogins(project.root),
    );
    if (!logins.length) {
      const cmd = loginCommand(undefined);
      await offerLogin(`No Salesforce logins found. Log in to your Dev Hub first: ${cmd}`, cmd);
      return;
    }
    const pick = await vscode.window.showQuickPick(logins.map(loginItem), {
      title: `${TITLE} (1/3)`,
      placeHolder: 'Org to retrieve from (your sf logins; the default Dev Hub first)',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!pick) return;
    targetOrg = pick.login.aliases[0] ?? pick.login.username;
  }
  const org = targetOrg;

  // 2. The apps.
  let ecas: string[];
  if (arg?.eca) {
    ecas = [arg.eca];
  } else {
    const listed = await withCancellableProgress(`Listing External Client Apps in ${org}`, (signal) => listOrgEcas(org, project.root, signal));
    if (!listed.ecas.length) {
      void vscode.window.showInformationMessage(`${org} has no External Client Apps.`);
      return;
    }
    const local = locateApps(project, listed.ecas.map((e) => e.fullName));
    const picks = await vscode.window.showQuickPick(
      listed.ecas.map((e) => {
        const here = local.get(e.fullName) ?? [];
        const dir = here.length ? packageDirOf(project, here[0])?.path : undefined;
        return {
          label: e.fullName,
          description: dir ? `in ${dir}` : 'not in the project yet',
          detail: e.lastModifiedDate ? `last modified ${e.lastModifiedDate.slice(0, 10)}${e.lastModifiedByName ? ` by ${e.lastModifiedByName}` : ''}` : undefined,
        };
      }),
      { title: `${TITLE} (2/3)`, placeHolder: `External Client Apps in ${org} (pick one or several)`, canPickMany: true, matchOnDescription: true },
    );
    if (!picks?.length) return;
    ecas = picks.map((p) => p.label);
  }

  // 3. The package directory (not asked when the caller named one, or when the one app asked for
  // is already in the project: it stays where it is).
  let outputDir = arg?.outputDir;
  const usable = project.packageDirs.filter((d) => !d.aliasfy);
  const alreadyLocal = arg?.eca !== undefined && (locateApps(project, [arg.eca]).get(arg.eca)?.length ?? 0) > 0;
  if (outputDir === undefined && !alreadyLocal && (project.packageDirs.length > 1 || usable.length === 0)) {
    const fallback = defaultPackageDir(project);
    const items: (vscode.QuickPickItem & { dir?: string })[] = [
      { label: 'Where each app already is', description: `else ${fallback.path}`, detail: 'Apps already in the project stay in their package directory; new ones go to the unlocked package.' },
      ...project.packageDirs.map((d) => ({
        label: d.path,
        description: [d.package ? `package ${d.package}` : '', d.isDefault ? 'default' : '', d.kind !== 'package' && d.kind !== 'plain' ? `sfp ${d.kind}` : '', d.aliasfy ? 'aliasfy' : ''].filter(Boolean).join(' · '),
        dir: d.path,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (3/3)`, placeHolder: 'Package directory to place the files in' });
    if (!pick) return;
    outputDir = pick.dir;
    if (outputDir && project.packageDirs.find((d) => d.path === outputDir)?.aliasfy) {
      const env = await vscode.window.showOpenDialog({
        defaultUri: vscode.Uri.file(project.packageDirs.find((d) => d.path === outputDir)!.abs),
        canSelectFiles: false,
        canSelectFolders: true,
        openLabel: 'Use this environment folder',
        title: `${outputDir} is an aliasfy package: pick the environment folder`,
      });
      if (!env?.[0]) return;
      outputDir = env[0].fsPath;
    }
  }

  // 4. Retrieve (cancellable; writes nothing).
  const plan = await withCancellableProgress(`Retrieving ${ecas.join(', ')} from ${org}`, (signal, report) =>
    prepareRetrieve({ targetOrg: org, ecas, projectRoot: project.root, outputDir, signal, progress: report }),
  );
  for (const w of plan.warnings) log(`warning: ${w}`);

  // 5. Confirm replacements, then write as one unit.
  if (!(await confirmReplace(plan, provider))) {
    void vscode.window.showInformationMessage('Nothing was written.');
    return;
  }
  const result = await applyRetrievePlan(plan, { replace: true });
  for (const f of plan.files) log(`${f.state.padEnd(9)} ${f.path}`);
  const summary = `Retrieved ${ecas.join(', ')} from ${plan.org.username}: ${result.written.length} file(s) written, ${result.unchanged.length} unchanged.`;
  log(summary);
  const header = plan.files.find((f) => f.type === 'ExternalClientApplication');
  void vscode.window.showInformationMessage(summary, ...(header ? ['Open'] : []), ...(plan.warnings.length ? ['Show Notes'] : [])).then((c) => {
    if (c === 'Open' && header) void vscode.window.showTextDocument(vscode.Uri.file(header.absPath));
    if (c === 'Show Notes') output?.show(true);
  });

  // 6. Offer the flip to Packaged (the command itself is done: the offer stays as a notification).
  void offerPackaged(plan).catch(showError);
  return {
    org: plan.org.username,
    files: plan.files.map((f) => ({ path: f.path, absPath: f.absPath, type: f.type, fullName: f.fullName, state: f.state })),
  };
}

export const RESTRICTED_RETRIEVE_MESSAGE =
  'Retrieving from an org reads your Salesforce credentials, so it is disabled in Restricted Mode. Trust this workspace to use it.';

let provider: OrgVersionProvider | undefined;

function ensureProvider(context: vscode.ExtensionContext): OrgVersionProvider {
  if (!provider) {
    provider = new OrgVersionProvider();
    context.subscriptions.push(provider, vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider));
  }
  return provider;
}

async function invoke(context: vscode.ExtensionContext, arg?: unknown): Promise<RetrieveCommandResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(RESTRICTED_RETRIEVE_MESSAGE);
    return undefined;
  }
  const a = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as RetrieveCommandArgs) : arg instanceof vscode.Uri ? { uri: arg } : undefined;
  try {
    return await run(ensureProvider(context), a);
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** Registers the command (call once from activation). Loads nothing from Salesforce. */
export function register(context: vscode.ExtensionContext): void {
  ensureProvider(context);
  context.subscriptions.push(vscode.commands.registerCommand(RETRIEVE_COMMAND_ID, (arg?: unknown) => invoke(context, arg)));
}

/** The same command in the shape of commands/index.ts's COMMANDS list, should it move there. */
export const retrieveFromDevHub: EcaCommand = {
  id: RETRIEVE_COMMAND_ID,
  requiresTrust: true,
  run: (ctx, arg) => invoke(ctx.extension, arg),
};
