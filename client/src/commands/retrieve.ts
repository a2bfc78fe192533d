// "ECA: Retrieve External Client App from DevHub" (eca.retrieveFromDevHub).
// Pick an org from the user's own `sf` logins (target-dev-hub first), pick one or several ECAs,
// pick the package directory, retrieve with a cancellable progress notification, review the
// differences with local files before anything is replaced, and optionally flip the header to
// `Packaged`. The language server does the org work (lsp/requests/retrieve.ts, which loads the
// Salesforce libraries on first use) and answers with FileChange[]; this file asks the questions
// and applies the changes with the one applyChanges. Disabled in untrusted workspaces.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AUTHORING_METHODS, type FlipAnswer } from '../../../server/src/lsp/authoringProtocol';
import {
  RETRIEVE_METHODS, type ListAppsAnswer, type OrgLogin, type PrepareAnswer, type RetrieveErrorData, type RetrieveLoginsAnswer,
  type RetrieveProjectAnswer,
} from '../../../server/src/lsp/retrieveProtocol';
import { applyChanges, request } from './authoringShared';

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

/** What the command resolves with (for programmatic callers): the files and their states. */
export interface RetrieveCommandResult {
  org: string;
  files: { path: string; absPath: string; type: string; fullName: string; state: string }[];
}

/** A refused request's code and hint (from the server's RetrieveError), or a cancellation. */
class RetrieveFailure extends Error {
  constructor(message: string, readonly code: string, readonly hint?: string) { super(message); }
}

function failureOf(e: unknown): RetrieveFailure {
  if (e instanceof RetrieveFailure) return e;
  const err = e as { message?: string; code?: number; data?: RetrieveErrorData };
  // -32800: the client cancelled the request (vscode-languageclient's RequestCancelled).
  if (err?.code === -32800) return new RetrieveFailure('cancelled', 'CANCELLED');
  return new RetrieveFailure(err?.message ?? String(e), err?.data?.code ?? 'ERROR', err?.data?.hint);
}

/** The org's version of each file, shown on the right of the diff editors. */
class OrgVersionProvider implements vscode.TextDocumentContentProvider {
  private contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  set(plan: PrepareAnswer): Map<string, vscode.Uri> {
    this.contents.clear();
    const uris = new Map<string, vscode.Uri>();
    const nonce = Date.now().toString(36);
    for (const f of plan.files) {
      if (f.orgText === undefined) continue;
      const uri = vscode.Uri.from({ scheme: SCHEME, path: '/' + f.path, query: nonce });
      this.contents.set(uri.toString(), f.orgText);
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

/** What the retrieve command keeps for one activation: its output channel and the diff editors' content provider. */
export class RetrieveUi implements vscode.Disposable {
  private output: vscode.OutputChannel | undefined;
  readonly provider = new OrgVersionProvider();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this.provider);

  log(line: string): void {
    this.output ??= vscode.window.createOutputChannel('ECA Retrieve');
    this.output.appendLine(line);
  }

  showLog(): void { this.output?.show(true); }

  dispose(): void {
    this.registration.dispose();
    this.provider.dispose();
    this.output?.dispose();
  }
}

async function pickProject(client: LanguageClient, arg?: RetrieveCommandArgs): Promise<RetrieveProjectAnswer | undefined> {
  const starts: string[] = [];
  const start = arg?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (start?.scheme === 'file') starts.push(start.fsPath);
  for (const f of vscode.workspace.workspaceFolders ?? []) if (f.uri.scheme === 'file') starts.push(f.uri.fsPath);
  const candidates: RetrieveProjectAnswer[] = [];
  for (const s of starts) {
    const p = await client.sendRequest<RetrieveProjectAnswer | null>(RETRIEVE_METHODS.project, { target: s });
    if (p && !candidates.some((c) => c.root === p.root)) candidates.push(p);
    // The file the command was invoked on decides; the workspace folders are only the fallback.
    if (p && s === starts[0] && start?.scheme === 'file') break;
  }
  if (!candidates.length) {
    void vscode.window.showErrorMessage(`${TITLE}: open a folder with an sfdx-project.json first.`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const pick = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: vscode.workspace.asRelativePath(c.root, true), project: c })),
    { title: TITLE, placeHolder: 'Which SFDX project?' },
  );
  return pick?.project;
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

function showError(ui: RetrieveUi, e: unknown): void {
  const f = failureOf(e);
  if (f.code === 'CANCELLED') {
    void vscode.window.showInformationMessage('Retrieve cancelled; the workspace was not changed.');
    return;
  }
  if ((f.code === 'NO_LOGIN' || f.code === 'SESSION_EXPIRED') && f.hint) {
    void offerLogin(f.message, f.hint);
    return;
  }
  if (f.code === 'ERROR' || f.code === 'INTERNAL') ui.log(`Unexpected error: ${f.message}`);
  void vscode.window.showErrorMessage(`${TITLE}: ${f.message}`);
}

/** Runs `fn` under a cancellable notification; cancelling cancels the server request. */
function withCancellableProgress<T>(title: string, fn: (token: vscode.CancellationToken) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => fn(token));
}

async function confirmReplace(plan: PrepareAnswer, provider: OrgVersionProvider): Promise<boolean> {
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

/** Offers the flip of the retrieved headers to Packaged; the server plans it (the same flip as eca.flipDistributionState, the file only). */
async function offerPackaged(client: LanguageClient, plan: PrepareAnswer): Promise<void> {
  const headers = plan.files.filter((f) => f.type === 'ExternalClientApplication');
  const flips: FlipAnswer[] = [];
  for (const h of headers) {
    const answer = await request<FlipAnswer>(client, AUTHORING_METHODS.flip, { target: h.absPath, path: h.absPath, to: 'Packaged' });
    if (answer.changes.length) flips.push(answer);
  }
  if (!flips.length) return;
  const names = flips.map((f) => f.eca).join(', ');
  const choice = await vscode.window.showInformationMessage(
    `${names}: distributionState is not Packaged. Set it to Packaged so the app can ship in the package?`,
    'Set to Packaged',
    'Not Now',
  );
  if (choice !== 'Set to Packaged') return;
  const versions = Object.assign({}, ...flips.map((f) => f.versions)) as Record<string, number | null>;
  const applied = await applyChanges(flips.flatMap((f) => f.changes), versions, 'Set distributionState to Packaged');
  if (applied.applied) {
    if (applied.edited[0]) await vscode.window.showTextDocument(vscode.Uri.file(applied.edited[0]), { preview: false });
  } else {
    void vscode.window.showErrorMessage(`Could not set distributionState to Packaged: ${applied.error?.message ?? 'the edit was not applied'}`);
  }
}

async function run(client: LanguageClient, ui: RetrieveUi, arg?: RetrieveCommandArgs): Promise<RetrieveCommandResult | undefined> {
  const project = await pickProject(client, arg);
  if (!project) return;

  // 1. The org, from the user's own logins.
  let targetOrg = arg?.targetOrg;
  if (!targetOrg) {
    const { logins, loginHint } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Reading Salesforce logins' },
      () => client.sendRequest<RetrieveLoginsAnswer>(RETRIEVE_METHODS.logins, { root: project.root }),
    );
    if (!logins.length) {
      await offerLogin(`No Salesforce logins found. Log in to your Dev Hub first: ${loginHint}`, loginHint);
      return;
    }
    const pick = await vscode.window.showQuickPick(logins.map(loginItem), {
      title: `${TITLE} (1/3)`,
      placeHolder: 'Org to retrieve from (the default Dev Hub first)',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!pick) return;
    targetOrg = pick.login.aliases[0] ?? pick.login.username;
  }
  const org = targetOrg;

  // 2. The apps.
  let ecas: string[];
  let localDirs = new Map<string, string | undefined>();
  if (arg?.eca) {
    ecas = [arg.eca];
  } else {
    const listed = await withCancellableProgress(`Listing External Client Apps in ${org}`, (token) =>
      client.sendRequest<ListAppsAnswer>(RETRIEVE_METHODS.listApps, { root: project.root, targetOrg: org }, token));
    if (!listed.apps.length) {
      void vscode.window.showInformationMessage(`${org} has no External Client Apps.`);
      return;
    }
    localDirs = new Map(listed.apps.map((a) => [a.fullName, a.localDir]));
    const picks = await vscode.window.showQuickPick(
      listed.apps.map((e) => ({
        label: e.fullName,
        description: e.localDir ? `in ${e.localDir}` : 'not in the project yet',
        detail: e.lastModifiedDate ? `last modified ${e.lastModifiedDate.slice(0, 10)}${e.lastModifiedByName ? ` by ${e.lastModifiedByName}` : ''}` : undefined,
      })),
      { title: `${TITLE} (2/3)`, placeHolder: `Apps in ${org} (pick one or more)`, canPickMany: true, matchOnDescription: true },
    );
    if (!picks?.length) return;
    ecas = picks.map((p) => p.label);
  }

  // 3. The package directory (not asked when the caller named one, or when the one app asked for
  // is already in the project: it stays where it is).
  let outputDir = arg?.outputDir;
  const usable = project.packageDirs.filter((d) => !d.aliasfy);
  const alreadyLocal = arg?.eca !== undefined && localDirs.get(arg.eca) !== undefined;
  if (outputDir === undefined && !alreadyLocal && (project.packageDirs.length > 1 || usable.length === 0)) {
    const items: (vscode.QuickPickItem & { dir?: string })[] = [
      { label: 'Where each app already is', description: `else ${project.defaultDir}`, detail: 'Apps already in the project stay in their package directory; new ones go to the unlocked package.' },
      ...project.packageDirs.map((d) => ({
        label: d.path,
        description: [d.package ? `package ${d.package}` : '', d.isDefault ? 'default' : '', d.kind !== 'package' && d.kind !== 'plain' ? `sfp ${d.kind}` : '', d.aliasfy ? 'aliasfy' : ''].filter(Boolean).join(' · '),
        dir: d.path,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (3/3)`, placeHolder: 'Package directory for the files' });
    if (!pick) return;
    outputDir = pick.dir;
    const aliasfy = outputDir ? project.packageDirs.find((d) => d.path === outputDir && d.aliasfy) : undefined;
    if (aliasfy) {
      const env = await vscode.window.showOpenDialog({
        defaultUri: vscode.Uri.file(aliasfy.abs),
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
  const plan = await withCancellableProgress(`Retrieving ${ecas.join(', ')} from ${org}`, (token) =>
    client.sendRequest<PrepareAnswer>(RETRIEVE_METHODS.prepare, { root: project.root, targetOrg: org, ecas, outputDir }, token));
  for (const w of plan.warnings) ui.log(`warning: ${w}`);

  // 5. Confirm replacements, then write as one WorkspaceEdit.
  if (!(await confirmReplace(plan, ui.provider))) {
    void vscode.window.showInformationMessage('Nothing was written.');
    return;
  }
  const applied = await applyChanges(plan.changes, plan.versions, `Retrieve ${ecas.join(', ')}`);
  if (!applied.applied) throw new RetrieveFailure(`nothing was written: ${applied.error?.message ?? 'the edit was not applied'}`, applied.error?.code ?? 'NOT_APPLIED');
  for (const f of plan.files) ui.log(`${f.state.padEnd(9)} ${f.path}`);
  const written = plan.files.filter((f) => f.state !== 'Unchanged').length;
  const summary = `Retrieved ${ecas.join(', ')} from ${plan.org.username}: ${written} file(s) written, ${plan.files.length - written} unchanged.`;
  ui.log(summary);
  const header = plan.files.find((f) => f.type === 'ExternalClientApplication');
  void vscode.window.showInformationMessage(summary, ...(header ? ['Open'] : []), ...(plan.warnings.length ? ['Show Notes'] : [])).then((c) => {
    if (c === 'Open' && header) void vscode.window.showTextDocument(vscode.Uri.file(header.absPath));
    if (c === 'Show Notes') ui.showLog();
  });

  // 6. Offer the flip to Packaged (the command itself is done: the offer stays as a notification).
  void offerPackaged(client, plan).catch((e) => showError(ui, e));
  return {
    org: plan.org.username,
    files: plan.files.map((f) => ({ path: f.path, absPath: f.absPath, type: f.type, fullName: f.fullName, state: f.state })),
  };
}

/** The command's handler (the command table refuses it in Restricted Mode before this runs). */
export async function retrieveFromDevHub(ui: RetrieveUi, client: LanguageClient, arg?: unknown): Promise<RetrieveCommandResult | undefined> {
  const a = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as RetrieveCommandArgs) : arg instanceof vscode.Uri ? { uri: arg } : undefined;
  try {
    return await run(client, ui, a);
  } catch (e) {
    showError(ui, e);
    return undefined;
  }
}
