// "ECA: Migrate Connected App to External Client App" (eca.migrateConnectedApp).
// Pick the Connected App (the explorer/editor item, the code action's file, the active editor, or
// a quick pick), the deployment pattern and the package directory; the language server plans the
// ECA files and the report (lsp/requests/migrate.ts over server/src/migration) and answers with
// FileChange[]; every new file and the sfdx-project.json edit arrive through the one applyChanges
// (one WorkspaceEdit, nothing overwritten), the Connected App is never touched, and the report
// opens beside the new header. The client holds no migration code.
import * as vscode from 'vscode';
import { pathOfUri, uriOf } from '../uris';
import { markExecutable } from './executable';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { MigrationPattern } from '../../../server/src/migration/patterns';
import {
  CONNECTED_APP_FILE_RE, MIGRATE_METHODS, type MigratePlanAnswer, type MigratePrepareAnswer,
} from '../../../server/src/lsp/migrateProtocol';
import { applyChanges, errorOf } from './authoringShared';
import { USERNAME_RE } from '../../../server/src/engine/username';

export const MIGRATE_COMMAND_ID = 'eca.migrateConnectedApp';
const TITLE = 'Migrate Connected App to External Client App';
const CA_GLOB = '**/*.{connectedApp-meta.xml,connectedApp}';

/** Arguments a caller (a code action, a test) may pass to skip questions. */
export interface MigrateCommandArgs {
  uri?: vscode.Uri | string;
  pattern?: MigrationPattern;
  /** Absolute, or relative to the project root. */
  packageDir?: string;
  runAsUser?: string;
  /** Skip the final confirmation (tests, scripted use). */
  confirm?: boolean;
}

export interface MigrateCommandResult {
  applied: boolean;
  created: string[];
  edited: string[];
  blockers: string[];
  conflicts: string[];
  /** The report document opened beside the result. */
  report?: vscode.TextDocument;
}

function toUri(x: unknown): vscode.Uri | undefined {
  if (x instanceof vscode.Uri) return x;
  if (typeof x === 'string') return /^[a-z][a-z0-9+.-]+:\/\//i.test(x) && !/^[a-z]:[\\/]/i.test(x) ? vscode.Uri.parse(x) : uriOf(x);
  return undefined;
}

function argsOf(arg: unknown): MigrateCommandArgs {
  if (arg instanceof vscode.Uri || typeof arg === 'string') return { uri: arg };
  if (arg && typeof arg === 'object') return arg as MigrateCommandArgs;
  return {};
}

const nameOf = (u: vscode.Uri) => u.path.slice(u.path.lastIndexOf('/') + 1).replace(CONNECTED_APP_FILE_RE, '');

async function pickConnectedApp(args: MigrateCommandArgs): Promise<vscode.Uri | undefined> {
  const given = toUri(args.uri);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && CONNECTED_APP_FILE_RE.test(active.path)) return active;
  const found = await vscode.workspace.findFiles(CA_GLOB, '**/{node_modules,.sfdx,.sf}/**', 500);
  if (!found.length) {
    // Not a dead end: say what the command needs and where to go instead.
    const choice = await vscode.window.showInformationMessage(
      'No Connected App in this workspace (*.connectedApp-meta.xml). Retrieve one with `sf project retrieve start --metadata ConnectedApp:<Name>`, or start an External Client App from scratch.',
      'New External Client App…', 'Retrieve from DevHub…',
    );
    if (choice === 'New External Client App…') void vscode.commands.executeCommand('eca.newExternalClientApp');
    if (choice === 'Retrieve from DevHub…') void vscode.commands.executeCommand('eca.retrieveFromDevHub');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(
    found.sort((a, b) => pathOfUri(a).localeCompare(pathOfUri(b))).map((u) => ({ label: nameOf(u), description: vscode.workspace.asRelativePath(u), uri: u })),
    { title: TITLE, placeHolder: 'Connected App to migrate' },
  );
  return pick?.uri;
}

function unsavedText(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty)?.getText();
}

async function pickPattern(args: MigrateCommandArgs, prep: MigratePrepareAnswer): Promise<MigrationPattern | undefined> {
  if (args.pattern && prep.patterns.some((p) => p.id === args.pattern)) return args.pattern;
  const pick = await vscode.window.showQuickPick(prep.patterns.map((p) => ({ label: p.label, detail: p.detail, pattern: p.id })), {
    title: `${TITLE}: ${prep.name} (1/2)`, placeHolder: 'How will the app be deployed?', matchOnDetail: true,
  });
  return pick?.pattern;
}

async function pickPackageDir(args: MigrateCommandArgs, prep: MigratePrepareAnswer): Promise<string | undefined> {
  if (args.packageDir) return args.packageDir;
  type Item = vscode.QuickPickItem & { dir?: string; browse?: boolean };
  const items: Item[] = prep.packageDirs.map((d) => ({ label: d.label, description: d.description, dir: d.path }));
  items.push({ label: '$(folder) Choose a folder…', browse: true });
  const pick = await vscode.window.showQuickPick(items, { title: `${TITLE}: ${prep.name} (2/2)`, placeHolder: 'Package directory for the new files' });
  if (!pick) return undefined;
  if (!pick.browse) return pick.dir;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: uriOf(prep.projectRoot), openLabel: 'Use as package directory' });
  return chosen?.[0] ? pathOfUri(chosen[0]).replace(/\\/g, '/') : undefined;
}

async function askRunAsUser(args: MigrateCommandArgs, prep: MigratePrepareAnswer, pattern: MigrationPattern): Promise<string | undefined | null> {
  if (args.runAsUser !== undefined || pattern === '1' || !prep.asksRunAsUser) return args.runAsUser;
  const v = await vscode.window.showInputBox({
    title: TITLE,
    prompt: `${prep.name} enables the client credentials flow but names no run-as user. Username of the API-only run-as user (leave empty to keep the flow off in the OAuth policies for now):`,
    placeHolder: 'integration.user@example.com',
    validateInput: (s) => (!s.trim() || USERNAME_RE.test(s.trim()) ? undefined : 'A Salesforce username looks like an email address'),
  });
  return v === undefined ? null : v.trim() || undefined;
}

async function openReport(report: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  return doc;
}

export async function migrateConnectedApp(client: LanguageClient, arg?: unknown): Promise<MigrateCommandResult | undefined> {
  const args = argsOf(arg);
  const uri = await pickConnectedApp(args);
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`${TITLE}: only files on disk can be migrated.`);
    return undefined;
  }
  const target = pathOfUri(uri);
  const text = unsavedText(uri);
  let prep: MigratePrepareAnswer;
  try {
    prep = await client.sendRequest<MigratePrepareAnswer>(MIGRATE_METHODS.prepare, { target, text, pattern: args.pattern });
  } catch (e) {
    void vscode.window.showErrorMessage(`${TITLE}: ${errorOf(e).message}`);
    return undefined;
  }
  const pattern = await pickPattern(args, prep);
  if (!pattern) return undefined;
  const packageDir = await pickPackageDir(args, prep);
  if (!packageDir) return undefined;
  const runAsUser = await askRunAsUser(args, prep, pattern);
  if (runAsUser === null) return undefined;

  let plan: MigratePlanAnswer;
  try {
    plan = await client.sendRequest<MigratePlanAnswer>(MIGRATE_METHODS.plan, { target, text, pattern, packageDir, runAsUser });
  } catch (e) {
    void vscode.window.showErrorMessage(`${TITLE}: ${errorOf(e).message}`);
    return undefined;
  }
  const result: MigrateCommandResult = { applied: false, created: [], edited: [], blockers: plan.blockers, conflicts: plan.conflicts };
  const rel = (p: string) => vscode.workspace.asRelativePath(p, false);
  if (plan.conflicts.length) {
    result.report = await openReport(plan.report);
    void vscode.window.showErrorMessage(`${TITLE}: nothing was created: ${plan.conflicts.map(rel).join(', ')} already exist${plan.conflicts.length === 1 ? 's' : ''}, and the migration never overwrites.`);
    return result;
  }
  const creates = plan.changes.filter((c) => c.kind === 'create').length;
  const edits = plan.changes.filter((c) => c.kind === 'edit').length;
  if (!args.confirm) {
    const what = `${creates} new file(s)${edits ? ' and an sfdx-project.json edit' : ''}`;
    const blockers = plan.blockers.length ? `${plan.blockers.length} blocker(s): ${[...new Set(plan.blockers)].join(', ')}; the files leave out what is blocked. ` : '';
    const flow = prep.hasOauth ? ' External Client Apps do not support the username-password flow: make sure no caller uses it.' : '';
    const choice = await vscode.window.showWarningMessage(
      `Migrate ${plan.label} to the External Client App ${plan.name} (${plan.patternLabel})?`,
      { modal: true, detail: `${blockers}Creates ${what}; the Connected App file is not changed.${flow}` },
      'Migrate', 'Show Report Only',
    );
    if (choice !== 'Migrate') {
      if (choice === 'Show Report Only') result.report = await openReport(plan.report);
      return result;
    }
  }

  const applied = await applyChanges(plan.changes, plan.versions, `Migrate ${plan.label}`);
  if (!applied.applied) {
    void vscode.window.showErrorMessage(`${TITLE}: ${applied.error?.message ?? 'VS Code did not apply the changes'}; nothing was overwritten.`);
    return result;
  }
  result.applied = true;
  result.created = applied.created;
  result.edited = applied.edited;
  if (plan.executables.length) {
    // The bootstrap shell script: executable, as the CLI's migration leaves it.
    markExecutable(plan.executables);
  }
  if (plan.headerPath) await vscode.window.showTextDocument(uriOf(plan.headerPath), { preview: false, viewColumn: vscode.ViewColumn.One });
  result.report = await openReport(plan.report);
  const msg = `Migrated ${plan.label} → ${plan.name}: ${creates} file(s) created${edits ? ', sfdx-project.json updated' : ''}.`;
  if (plan.blockers.length) void vscode.window.showWarningMessage(`${msg} ${plan.blockers.length} blocker(s) — see the report.`);
  else void vscode.window.showInformationMessage(`${msg} Next steps are in the report.`);
  return result;
}
