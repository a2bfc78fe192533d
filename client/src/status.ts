// Status-bar item: the language server's state and how many problems it currently reports.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export const DIAGNOSTIC_SOURCE = 'eca';

export function countEcaProblems(): { errors: number; warnings: number; other: number } {
  const n = { errors: 0, warnings: 0, other: 0 };
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    for (const d of diags) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) n.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) n.warnings++;
      else n.other++;
    }
  }
  return n;
}

export class ServerStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private state: 'starting' | 'running' | 'stopped' = 'starting';
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<string>();
  /** Fires with the new text each time the item is redrawn. */
  readonly onDidUpdate = this.updated.event;

  constructor(client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('eca.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'ECA Language Server';
    this.item.command = 'eca.showOutput';
    this.subs.push(
      client.onDidChangeState((e) => {
        this.state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
        this.render();
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    );
    this.render();
    this.item.show();
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
    const { errors, warnings, other } = countEcaProblems();
    const problems = errors + warnings + other;
    if (this.state === 'starting') {
      this.item.text = '$(sync~spin) ECA';
      this.item.tooltip = 'ECA language server is starting';
      this.item.backgroundColor = undefined;
    } else if (this.state === 'stopped') {
      this.item.text = '$(circle-slash) ECA';
      this.item.tooltip = 'ECA language server is stopped: click for its log';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = problems === 0 ? '$(pass) ECA' : `$(error) ${errors} $(warning) ${warnings} ECA`;
      this.item.tooltip = `ECA language server is running: ${errors} error(s), ${warnings} warning(s), ${other} other problem(s) in ECA files`;
      this.item.backgroundColor = undefined;
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip) };
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
