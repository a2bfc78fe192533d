// "ECA: Verify Against Org…" (eca.verifyAgainstOrg). Picks an org from the user's own `sf` logins
// (read from sf's state files by the engine's orgs.ts: no Salesforce library in the extension
// host), then runs `eca-check verify --target-org <org> --format json` (dist/cli.js) as a child
// process under a cancellable progress notification: cancel sends SIGINT, the CLI cancels its
// check-only deploy in the org and exits 2. The org's answers become diagnostics in a collection
// of their own per org (source `org <alias>`), replaced on each run. Nothing is written to the
// workspace. Disabled in untrusted workspaces: it reads org credentials and talks to an org.
import * as vscode from 'vscode';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RETRIEVE_METHODS, type RetrieveLoginsAnswer } from '../../../server/src/lsp/retrieveProtocol';

export const VERIFY_COMMAND_ID = 'eca.verifyAgainstOrg';
const TITLE = 'Verify Against Org';

export interface VerifyCommandArgs {
  /** Alias or username (skips the org pick). */
  targetOrg?: string;
  /** A file or folder of the project (verify only what the org receives under it). */
  uri?: vscode.Uri;
}

export interface VerifyCommandResult {
  org: string;
  /** 0 the org would accept everything, 1 it would not, 2 failure or cancel. */
  exitCode: number;
  files: number;
  diagnostics: number;
}

interface CliDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  source: string;
}

const collections = new Map<string, vscode.DiagnosticCollection>();
let output: vscode.OutputChannel | undefined;
function log(line: string): void {
  output ??= vscode.window.createOutputChannel('ECA Verify');
  output.appendLine(line);
}

function findRoot(start: string): string | undefined {
  let d = resolve(start);
  for (;;) {
    if (existsSync(join(d, 'sfdx-project.json'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

async function pickRoot(arg?: VerifyCommandArgs): Promise<string | undefined> {
  const start = arg?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (start?.scheme === 'file') {
    const r = findRoot(start.fsPath);
    if (r) return r;
  }
  const roots = [...new Set((vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => findRoot(f.uri.fsPath)).filter((r): r is string => !!r))];
  if (roots.length <= 1) return roots[0];
  const pick = await vscode.window.showQuickPick(roots.map((r) => ({ label: vscode.workspace.asRelativePath(r, true), root: r })), { title: TITLE, placeHolder: 'Which SFDX project?' });
  return pick?.root;
}

/** The org, picked from the user's own sf logins (read by the language server, which owns them). */
async function pickOrg(client: LanguageClient, root: string): Promise<string | undefined> {
  const { logins, loginHint } = await client.sendRequest<RetrieveLoginsAnswer>(RETRIEVE_METHODS.logins, { root });
  if (!logins.length) {
    void vscode.window.showErrorMessage(`${TITLE}: no Salesforce logins found. Log in first: ${loginHint}`);
    return undefined;
  }
  const kind = (o: RetrieveLoginsAnswer['logins'][number]) => (o.isDevHub ? 'Dev Hub' : o.isScratchOrg ? 'scratch org' : o.isSandbox ? 'sandbox' : '');
  const items = logins.map((o) => {
    const aliases = [...o.aliases].sort();
    return { label: aliases[0] ?? o.username, description: aliases.length ? o.username : undefined, detail: [kind(o), o.instanceUrl].filter(Boolean).join('  —  ') || undefined, target: aliases[0] ?? o.username };
  }).sort((a, b) => a.label.localeCompare(b.label));
  const pick = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Org to verify against (your sf logins): it validates what it would receive, nothing is deployed', matchOnDescription: true });
  return pick?.target;
}

function severityOf(s: CliDiagnostic['severity']): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : s === 'information' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
}

function runCli(cli: string, args: string[], cwd: string, token: vscode.CancellationToken): Promise<{ code: number; stdout: string; stderr: string; cancelled: boolean }> {
  return new Promise((resolveP) => {
    const child = fork(cli, args, { cwd, silent: true, env: process.env });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const sub = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill('SIGINT');
    });
    child.on('error', (e) => {
      sub.dispose();
      resolveP({ code: 2, stdout, stderr: stderr + String(e), cancelled });
    });
    child.on('close', (code) => {
      sub.dispose();
      resolveP({ code: code ?? 2, stdout, stderr, cancelled });
    });
  });
}

async function run(context: vscode.ExtensionContext, client: LanguageClient, arg?: VerifyCommandArgs): Promise<VerifyCommandResult | undefined> {
  const root = await pickRoot(arg);
  if (!root) {
    void vscode.window.showErrorMessage(`${TITLE}: open a folder with an sfdx-project.json first.`);
    return undefined;
  }
  const org = arg?.targetOrg ?? (await pickOrg(client, root));
  if (!org) return undefined;
  const cli = context.asAbsolutePath(join('dist', 'cli.js'));
  const args = ['verify', '--target-org', org, '--format', 'json'];
  if (arg?.uri?.scheme === 'file' && findRoot(arg.uri.fsPath) === root) args.push(arg.uri.fsPath);
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Verifying against ${org} (check-only deploy, nothing is saved)`, cancellable: true },
    (_p, token) => runCli(cli, args, root, token),
  );
  const problem = r.stderr.trim().split('\n').filter((l) => l.startsWith('eca-check verify:')).pop()?.replace(/^eca-check verify:\s*/, '');
  if (r.code === 2 || !r.stdout.trim()) {
    if (r.stderr.trim()) log(r.stderr.trim());
    if (r.cancelled) void vscode.window.showInformationMessage(problem ?? 'Verify cancelled: nothing was deployed and nothing was written.');
    else void vscode.window.showErrorMessage(`${TITLE}: ${problem ?? 'the verification failed (details in the "ECA Verify" output).'}`);
    return { org, exitCode: r.code === 0 ? 2 : r.code, files: 0, diagnostics: 0 };
  }
  let out: { files: number; diagnostics: CliDiagnostic[] };
  try {
    out = JSON.parse(r.stdout) as typeof out;
  } catch {
    log(r.stdout);
    void vscode.window.showErrorMessage(`${TITLE}: unreadable answer from eca-check (details in the "ECA Verify" output).`);
    return { org, exitCode: 2, files: 0, diagnostics: 0 };
  }
  let collection = collections.get(org);
  if (!collection) {
    collection = vscode.languages.createDiagnosticCollection(`eca-verify:${org}`);
    collections.set(org, collection);
    context.subscriptions.push(collection);
  }
  collection.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const d of out.diagnostics) {
    const abs = resolve(root, d.file);
    const diag = new vscode.Diagnostic(
      new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
      d.message,
      severityOf(d.severity),
    );
    diag.source = d.source;
    diag.code = d.code;
    byFile.set(abs, [...(byFile.get(abs) ?? []), diag]);
  }
  for (const [file, diags] of byFile) collection.set(vscode.Uri.file(file), diags);
  const errors = out.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = errors
    ? `${org} would refuse: ${errors} problem(s) in ${byFile.size} file(s) (see Problems).`
    : `${org} would accept the ${out.files} ECA file(s) it receives.`;
  void (errors ? vscode.window.showWarningMessage(summary, 'Show Problems') : vscode.window.showInformationMessage(summary)).then((c) => {
    if (c === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { org, exitCode: r.code, files: out.files, diagnostics: out.diagnostics.length };
}

export const RESTRICTED_VERIFY_MESSAGE =
  'Verifying against an org reads your Salesforce credentials, so it is disabled in Restricted Mode. Trust this workspace to use it.';

/** The command's handler (for the command table): refuses in Restricted Mode. */
export async function verifyAgainstOrg(context: vscode.ExtensionContext, client: LanguageClient, arg?: unknown): Promise<VerifyCommandResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(RESTRICTED_VERIFY_MESSAGE);
    return undefined;
  }
  const a = arg instanceof vscode.Uri ? { uri: arg } : arg && typeof arg === 'object' ? (arg as VerifyCommandArgs) : undefined;
  try {
    return await run(context, client, a);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    log(err.stack ?? err.message);
    void vscode.window.showErrorMessage(`${TITLE} failed unexpectedly: ${err.message}`);
    return undefined;
  }
}
