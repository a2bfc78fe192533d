// Status-bar item: the language server's state and how many problems it reports, counted from the
// same diagnostics the Problems panel lists (source "eca"), so both always show the same numbers.
// Its tooltip explains every count and links to the Problems panel and the log.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export const DIAGNOSTIC_SOURCE = 'eca';

export interface ProblemCounts { errors: number; warnings: number; other: number; files: number }

export function countEcaProblems(): ProblemCounts {
  const n = { errors: 0, warnings: 0, other: 0, files: 0 };
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    let any = false;
    for (const d of diags) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      any = true;
      if (d.severity === vscode.DiagnosticSeverity.Error) n.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) n.warnings++;
      else n.other++;
    }
    if (any) n.files++;
  }
  return n;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 errors, 1 warning and 3 hints or notes in 2 files", the sentence every surface uses. */
export function problemsSentence(c: ProblemCounts): string {
  if (!c.errors && !c.warnings && !c.other) return 'no problems';
  const parts = [c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : '', c.other ? plural(c.other, 'hint or note', 'hints or notes') : ''].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${list} in ${plural(c.files, 'file')}`;
}

/**
 * The activity badge: errors + warnings as the Problems panel lists them (the status bar's
 * numbers), with a tooltip that accounts for every one of them, file by file.
 */
export function problemsBadge(): vscode.ViewBadge | undefined {
  const perFile: { name: string; errors: number; warnings: number }[] = [];
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    const mine = diags.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const errors = mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    if (errors + warnings) perFile.push({ name: vscode.workspace.asRelativePath(uri, false), errors, warnings });
  }
  const total = perFile.reduce((n, f) => n + f.errors + f.warnings, 0);
  if (!total) return undefined;
  perFile.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.name.localeCompare(b.name));
  const line = (f: (typeof perFile)[number]) => `${f.name}: ${[f.errors ? plural(f.errors, 'error') : '', f.warnings ? plural(f.warnings, 'warning') : ''].filter(Boolean).join(', ')}`;
  const shown = perFile.slice(0, 20).map(line);
  if (perFile.length > 20) shown.push(`… and ${plural(perFile.length - 20, 'more file')}`);
  const errors = perFile.reduce((n, f) => n + f.errors, 0);
  return { value: total, tooltip: `${plural(errors, 'error')} and ${plural(total - errors, 'warning')} in External Client App files (as in Problems) — ${shown.join('; ')}` };
}

export class ServerStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private state: 'starting' | 'running' | 'stopped' | 'restarting' = 'starting';
  private restarting = false;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<string>();
  /** Fires with the new text each time the item is redrawn. */
  readonly onDidUpdate = this.updated.event;

  constructor(client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('eca.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'ECA Language Server';
    this.item.command = 'workbench.actions.view.problems';
    this.subs.push(
      client.onDidChangeState((e) => {
        this.state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : this.restarting ? 'restarting' : 'stopped';
        this.render();
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    );
    this.render();
    this.item.show();
  }

  /** The restart command stops the server on purpose: show "restarting", not "stopped". */
  expectRestart(): void {
    this.restarting = true;
  }

  restartDone(): void {
    this.restarting = false;
    this.render();
  }

  /** Diagnostics change in bursts (one event per file): count once per burst. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.render();
    }, 100);
  }

  render(): void {
    const counts = countEcaProblems();
    const { errors, warnings, other } = counts;
    const problems = errors + warnings + other;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = { enabledCommands: ['workbench.actions.view.problems', 'eca.showOutput', 'eca.restartServer'] };
    if (this.state === 'starting' || this.state === 'restarting') {
      this.item.text = '$(sync~spin) ECA';
      tip.appendMarkdown(`ECA language server is ${this.state === 'restarting' ? 'restarting' : 'starting'}.`);
      this.item.backgroundColor = undefined;
    } else if (this.state === 'stopped') {
      this.item.text = '$(circle-slash) ECA';
      tip.appendMarkdown('ECA language server is stopped. [Show its log](command:eca.showOutput) · [Restart it](command:eca.restartServer)');
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = problems === 0 ? '$(pass) ECA' : `$(error) ${errors} $(warning) ${warnings} ECA`;
      tip.appendMarkdown(`**External Client Apps:** ${problemsSentence(counts)}.\n\n`);
      tip.appendMarkdown(`- $(error) ${plural(errors, 'error')}: the deploy fails or the app does not work\n`);
      tip.appendMarkdown(`- $(warning) ${plural(warnings, 'warning')}: likely wrong, deploys anyway\n`);
      tip.appendMarkdown(`- $(info) ${plural(other, 'hint or note', 'hints or notes')}: suggestions (listed in Problems, not counted in the bar)\n\n`);
      tip.appendMarkdown('[Open Problems](command:workbench.actions.view.problems) · [Show log](command:eca.showOutput)');
      this.item.backgroundColor = undefined;
    }
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `ECA language server is ${this.state}${this.state === 'running' ? `: ${problemsSentence(counts)}` : ''}` };
    this.updated.fire(this.item.text);
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subs.forEach((s) => s.dispose());
    this.updated.dispose();
    this.item.dispose();
  }
}
