// "ECA: Migrate Connected App to External Client App" (eca.migrateConnectedApp).
// Pick the Connected App (the explorer/editor item, the code action's file, the active editor, or
// a quick pick), the deployment pattern and the package directory; the migration core
// (server/src/migration) plans the ECA files and the report; every new file and the
// sfdx-project.json edit arrive through ONE WorkspaceEdit (createFile with overwrite:false +
// insert), nothing is overwritten, the Connected App is never touched, and the report opens beside
// the new header. The migration code loads only when the command runs.
import * as vscode from 'vscode';
import type * as Migration from '../../../server/src/migration';
import type * as MigrationIo from '../../../server/src/migration/io';
import type { EcaCommand } from './types';
import { USERNAME_RE } from '../../../server/src/engine/username';

export const MIGRATE_COMMAND_ID = 'eca.migrateConnectedApp';
const TITLE = 'Migrate Connected App to External Client App';
const CA_GLOB = '**/*.{connectedApp-meta.xml,connectedApp}';

/** Arguments a caller (a code action, a test) may pass to skip questions. */
export interface MigrateCommandArgs {
  uri?: vscode.Uri | string;
  pattern?: Migration.MigrationPattern;
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

const load = () => ({
  m: require('../../../server/src/migration') as typeof Migration,
  io: require('../../../server/src/migration/io') as typeof MigrationIo,
  scan: require('../../../server/src/engine/project/scan') as typeof import('../../../server/src/engine/project/scan'),
});

function toUri(x: unknown): vscode.Uri | undefined {
  if (x instanceof vscode.Uri) return x;
  if (typeof x === 'string') return /^[a-z][a-z0-9+.-]+:\/\//i.test(x) && !/^[a-z]:[\\/]/i.test(x) ? vscode.Uri.parse(x) : vscode.Uri.file(x);
  return undefined;
}

function argsOf(arg: unknown): MigrateCommandArgs {
  if (arg instanceof vscode.Uri || typeof arg === 'string') return { uri: arg };
  if (arg && typeof arg === 'object') return arg as MigrateCommandArgs;
  return {};
}

async function pickConnectedApp(args: MigrateCommandArgs, m: typeof Migration): Promise<vscode.Uri | undefined> {
  const given = toUri(args.uri);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && m.isConnectedAppFile(active.fsPath)) return active;
  const found = await vscode.workspace.findFiles(CA_GLOB, '**/{node_modules,.sfdx,.sf}/**', 500);
  if (!found.length) {
    void vscode.window.showInformationMessage('No Connected App file (*.connectedApp-meta.xml) in this workspace.');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(
    found.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((u) => ({ label: m.connectedAppName(u.fsPath) ?? u.fsPath, description: vscode.workspace.asRelativePath(u), uri: u })),
    { title: TITLE, placeHolder: 'Connected App to migrate' },
  );
  return pick?.uri;
}

async function textOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri);
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function pickPattern(args: MigrateCommandArgs, m: typeof Migration): Promise<Migration.MigrationPattern | undefined> {
  if (args.pattern && m.isPattern(args.pattern)) return args.pattern;
  const items = (['local', '2', '1'] as const).map((p) => ({ label: m.PATTERNS[p].label, detail: m.PATTERNS[p].detail, pattern: p }));
  const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (1/2)`, placeHolder: 'How will the External Client App be deployed?', matchOnDetail: true });
  return pick?.pattern;
}

async function pickPackageDir(args: MigrateCommandArgs, root: string, file: string, sfdx: string | null, pattern: Migration.MigrationPattern, io: typeof MigrationIo, m: typeof Migration): Promise<string | undefined> {
  const abs = (p: string) => (p.startsWith('/') || /^[a-z]:[\\/]/i.test(p) ? p : `${root}/${p}`).replace(/\\/g, '/').replace(/\/+$/, '');
  if (args.packageDir) return abs(args.packageDir);
  type Item = vscode.QuickPickItem & { dir?: string; browse?: boolean };
  const items: Item[] = [];
  const next = io.defaultPackageDir(file);
  items.push({ label: m.relativeTo(root, next), description: 'next to the Connected App', dir: next });
  if (sfdx) {
    const { parseSfdxProject } = require('../../../server/src/engine/project/model') as typeof import('../../../server/src/engine/project/model');
    for (const d of parseSfdxProject(`${root}/sfdx-project.json`, sfdx).packageDirs) {
      if (items.some((i) => i.dir === d.path)) continue;
      const fits = pattern === '1' ? d.type === 'unlocked' || d.type === 'org-dependent' : d.type === 'source';
      items.push({ label: d.rel, description: `${d.name ?? 'package directory'} · ${d.type}${d.aliasfy ? ' · aliasfy' : ''}${fits ? ' · fits this pattern' : ''}`, dir: d.path });
    }
  }
  items.push({ label: '$(folder) Choose a folder…', browse: true });
  const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (2/2)`, placeHolder: 'Package directory for externalClientApps/, extlClntAppOauthSettings/, …' });
  if (!pick) return undefined;
  if (!pick.browse) return pick.dir;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.Uri.file(root), openLabel: 'Use as package directory' });
  return chosen?.[0] ? chosen[0].fsPath.replace(/\\/g, '/') : undefined;
}

async function askRunAsUser(args: MigrateCommandArgs, text: string, file: string, pattern: Migration.MigrationPattern): Promise<string | undefined | null> {
  if (args.runAsUser !== undefined || pattern === '1') return args.runAsUser;
  if (!/<isClientCredentialEnabled>\s*true\s*</.test(text) || /<oauthClientCredentialUser>\s*\S/.test(text)) return undefined;
  const v = await vscode.window.showInputBox({
    title: TITLE,
    prompt: `${file.split('/').pop()} enables the client credentials flow but names no run-as user. Username of the API-only run-as user (leave empty to keep the flow off in the OAuth policies for now):`,
    placeHolder: 'integration.user@acme.com',
    validateInput: (s) => (!s.trim() || USERNAME_RE.test(s.trim()) ? undefined : 'A Salesforce username looks like an email address'),
  });
  return v === undefined ? null : v.trim() || undefined;
}

async function openReport(report: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  return doc;
}

export async function migrateConnectedApp(arg?: unknown): Promise<MigrateCommandResult | undefined> {
  const args = argsOf(arg);
  const { m, io, scan } = load();
  const uri = await pickConnectedApp(args, m);
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`${TITLE}: only files on disk can be migrated.`);
    return undefined;
  }
  const file = uri.fsPath.replace(/\\/g, '/');
  const text = await textOf(uri);
  const first = m.analyzeConnectedApp(file, text);
  if (!first.ok) {
    void vscode.window.showErrorMessage(`${TITLE}: ${first.error}`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? file.slice(0, file.lastIndexOf('/'));
  const root = scan.findProjectRoot(file) ?? folder.replace(/\\/g, '/');
  const sfdxUri = vscode.Uri.file(`${root}/sfdx-project.json`);
  const sfdxOpen = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sfdxUri.toString());
  const ctx = io.loadProjectContext(root, sfdxOpen ? { sfdxProject: sfdxOpen.getText() } : {});

  const pattern = await pickPattern(args, m);
  if (!pattern) return undefined;
  const packageDir = await pickPackageDir(args, root, file, ctx.sfdxProject, pattern, io, m);
  if (!packageDir) return undefined;
  const runAsUser = await askRunAsUser(args, text, file, pattern);
  if (runAsUser === null) return undefined;

  const plan = m.planMigration(file, text, io.optionsFor(ctx, { pattern, packageDir, runAsUser }));
  if (!plan.ok) {
    void vscode.window.showErrorMessage(`${TITLE}: ${plan.error}`);
    return undefined;
  }
  const result: MigrateCommandResult = { applied: false, created: [], edited: [], blockers: plan.blockers.map((b) => b.code), conflicts: plan.conflicts };
  if (plan.conflicts.length) {
    result.report = await openReport(plan.report);
    void vscode.window.showErrorMessage(`${TITLE}: nothing was created: ${plan.conflicts.map((c) => m.relativeTo(root, c)).join(', ')} already exist${plan.conflicts.length === 1 ? 's' : ''}, and the migration never overwrites.`);
    return result;
  }
  if (!args.confirm) {
    const what = `${plan.creates.length} new file(s)${plan.edits.length ? ' and an sfdx-project.json edit' : ''}`;
    const blockers = plan.blockers.length ? `${plan.blockers.length} blocker(s): ${[...new Set(plan.blockers.map((b) => b.code))].join(', ')}; the files leave out what is blocked. ` : '';
    const flow = first.doc.nodes.some((n) => n.name === 'oauthConfig') ? ' External Client Apps do not support the username-password flow: make sure no caller uses it.' : '';
    const choice = await vscode.window.showWarningMessage(
      `Migrate ${plan.label} to the External Client App ${plan.name} (${m.PATTERNS[pattern].label})?`,
      { modal: true, detail: `${blockers}Creates ${what}; the Connected App file is not changed.${flow}` },
      'Migrate', 'Show Report Only',
    );
    if (choice !== 'Migrate') {
      if (choice === 'Show Report Only') result.report = await openReport(plan.report);
      return result;
    }
  }

  const edit = new vscode.WorkspaceEdit();
  for (const f of plan.creates) {
    const u = vscode.Uri.file(f.path);
    edit.createFile(u, { overwrite: false, ignoreIfExists: false }, { label: `Create ${m.relativeTo(root, f.path)}`, needsConfirmation: false });
    edit.insert(u, new vscode.Position(0, 0), f.text);
  }
  for (const e of plan.edits) {
    const u = vscode.Uri.file(e.path);
    const doc = await vscode.workspace.openTextDocument(u);
    if (doc.getText() !== e.original) {
      void vscode.window.showErrorMessage(`${TITLE}: ${m.relativeTo(root, e.path)} changed while the migration was planned; nothing was created. Run the command again.`);
      return result;
    }
    for (const x of e.edits) edit.replace(u, new vscode.Range(doc.positionAt(x.offset), doc.positionAt(x.offset + x.length)), x.content, { label: e.what, needsConfirmation: false });
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`${TITLE}: VS Code did not apply the changes (a target may have appeared meanwhile); nothing was overwritten.`);
    return result;
  }
  result.applied = true;
  for (const f of plan.creates) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(f.path));
    await doc.save();
    result.created.push(f.path);
    if (f.executable) {
      try {
        const fs = require('node:fs') as typeof import('node:fs');
        fs.chmodSync(f.path, (fs.statSync(f.path).mode & 0o777) | 0o111);
      } catch { /* the report tells people to chmod +x */ }
    }
  }
  for (const e of plan.edits) {
    await (await vscode.workspace.openTextDocument(vscode.Uri.file(e.path))).save();
    result.edited.push(e.path);
  }
  const header = plan.creates.find((f) => f.role === 'header');
  if (header) await vscode.window.showTextDocument(vscode.Uri.file(header.path), { preview: false, viewColumn: vscode.ViewColumn.One });
  result.report = await openReport(plan.report);
  const msg = `Migrated ${plan.label} → ${plan.name}: ${plan.creates.length} file(s) created${plan.edits.length ? ', sfdx-project.json updated' : ''}.`;
  if (plan.blockers.length) void vscode.window.showWarningMessage(`${msg} ${plan.blockers.length} blocker(s) — see the report.`);
  else void vscode.window.showInformationMessage(`${msg} Next steps are in the report.`);
  return result;
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(MIGRATE_COMMAND_ID, (arg?: unknown) => migrateConnectedApp(arg)));
}

/** The same command in the shape of commands/index.ts's COMMANDS list. */
export const migrateConnectedAppCommand: EcaCommand = {
  id: MIGRATE_COMMAND_ID,
  requiresTrust: false,
  run: (_ctx, arg) => migrateConnectedApp(arg),
};
