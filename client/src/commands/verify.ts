// "ECA: Verify Against Org…" (eca.verifyAgainstOrg). Picks an org from the user's own `sf` logins
// (read by the language server), then sends `eca/verify` (server/src/lsp/requests/verify.ts) under
// a cancellable progress notification: cancel cancels the request, and the server cancels its
// check-only deploy in the org. The org's answers become diagnostics in a collection of their own
// per org (source `org <alias>`), replaced on each run. Nothing is written to the workspace.
// Disabled in untrusted workspaces: it reads org credentials and talks to an org.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RETRIEVE_METHODS, type RetrieveLoginsAnswer, type RetrieveProjectAnswer } from '../../../server/src/lsp/retrieveProtocol';
import { VERIFY_METHODS, type VerifyAnswer, type VerifyErrorData, type VerifyParams } from '../../../server/src/lsp/verifyProtocol';

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
  /** Why it failed (exit code 2): the error's code and message, as the output channel shows it. */
  error?: string;
}

/** The diagnostics collections (one per org) and the output channel, owned by one activation. */
export class VerifyResults implements vscode.Disposable {
  private readonly collections = new Map<string, vscode.DiagnosticCollection>();
  private output: vscode.OutputChannel | undefined;

  log(line: string): void {
    this.output ??= vscode.window.createOutputChannel('ECA Verify');
    this.output.appendLine(line);
  }

  collection(org: string): vscode.DiagnosticCollection {
    let c = this.collections.get(org);
    if (!c) this.collections.set(org, (c = vscode.languages.createDiagnosticCollection(`eca-verify:${org}`)));
    return c;
  }

  dispose(): void {
    for (const c of this.collections.values()) c.dispose();
    this.output?.dispose();
  }
}

/** The SFDX project a path belongs to, as the server finds it (null: none). */
async function projectOf(client: LanguageClient, path: string): Promise<string | undefined> {
  return (await client.sendRequest<RetrieveProjectAnswer | null>(RETRIEVE_METHODS.project, { target: path }))?.root;
}

async function pickRoot(client: LanguageClient, arg?: VerifyCommandArgs): Promise<string | undefined> {
  const start = arg?.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (start?.scheme === 'file') {
    const r = await projectOf(client, start.fsPath);
    if (r) return r;
  }
  const found = await Promise.all((vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => projectOf(client, f.uri.fsPath)));
  const roots = [...new Set(found.filter((r): r is string => !!r))];
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

function severityOf(s: VerifyAnswer['diagnostics'][number]['severity']): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : s === 'information' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
}

async function run(results: VerifyResults, client: LanguageClient, arg?: VerifyCommandArgs): Promise<VerifyCommandResult | undefined> {
  const root = await pickRoot(client, arg);
  if (!root) {
    void vscode.window.showErrorMessage(`${TITLE}: open a folder with an sfdx-project.json first.`);
    return undefined;
  }
  const org = arg?.targetOrg ?? (await pickOrg(client, root));
  if (!org) return undefined;
  const params: VerifyParams = { targetOrg: org, target: root };
  if (arg?.uri?.scheme === 'file' && (await projectOf(client, arg.uri.fsPath)) === root) params.paths = [arg.uri.fsPath];
  let out: VerifyAnswer;
  try {
    out = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying against ${org} (check-only deploy, nothing is saved)`, cancellable: true },
      (_p, token) => client.sendRequest<VerifyAnswer>(VERIFY_METHODS.verify, params, token),
    );
  } catch (e) {
    const err = e as { message?: string; data?: VerifyErrorData };
    const message = err?.message ?? String(e);
    const error = `${err?.data?.code ?? 'ERROR'}: ${message}${err?.data?.hint ? ` (${err.data.hint})` : ''}`;
    if (err?.data?.code === 'CANCELLED') void vscode.window.showInformationMessage(message);
    else {
      results.log(error);
      void vscode.window.showErrorMessage(`${TITLE}: ${message}`);
    }
    return { org, exitCode: 2, files: 0, diagnostics: 0, error };
  }
  for (const n of out.notes) results.log(`note: ${n}`);
  const collection = results.collection(org);
  collection.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const d of out.diagnostics) {
    const diag = new vscode.Diagnostic(
      new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
      d.message,
      severityOf(d.severity),
    );
    diag.source = d.source;
    diag.code = d.code;
    byFile.set(d.path, [...(byFile.get(d.path) ?? []), diag]);
  }
  for (const [file, diags] of byFile) collection.set(vscode.Uri.file(file), diags);
  const errors = out.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = errors
    ? `${org} would refuse: ${errors} problem(s) in ${byFile.size} file(s) (see Problems).`
    : `${org} would accept the ${out.files} ECA file(s) it receives.`;
  void (errors ? vscode.window.showWarningMessage(summary, 'Show Problems') : vscode.window.showInformationMessage(summary)).then((c) => {
    if (c === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { org, exitCode: errors ? 1 : 0, files: out.files, diagnostics: out.diagnostics.length };
}

export const RESTRICTED_VERIFY_MESSAGE =
  'Verifying against an org reads your Salesforce credentials, so it is disabled in Restricted Mode. Trust this workspace to use it.';

/** The command's handler (for the command table): refuses in Restricted Mode. */
export async function verifyAgainstOrg(results: VerifyResults, client: LanguageClient, arg?: unknown): Promise<VerifyCommandResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(RESTRICTED_VERIFY_MESSAGE);
    return undefined;
  }
  const a = arg instanceof vscode.Uri ? { uri: arg } : arg && typeof arg === 'object' ? (arg as VerifyCommandArgs) : undefined;
  try {
    return await run(results, client, a);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    results.log(err.stack ?? err.message);
    void vscode.window.showErrorMessage(`${TITLE} failed unexpectedly: ${err.message}`);
    return undefined;
  }
}
