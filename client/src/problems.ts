// The server's problems summary (eca/problemsSummary): counts computed from exactly the
// diagnostics it published, per file and per app. The apps tree and the activity badge read their
// numbers from here, so they show what the Problems panel and the status bar show.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROBLEMS_METHODS, type ProblemsSummary, type SeverityCounts } from '../../server/src/lsp/protocol';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export class ProblemsSummaryModel implements vscode.Disposable {
  summary: ProblemsSummary | undefined;
  private readonly changed = new vscode.EventEmitter<ProblemsSummary>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient, ready: Promise<unknown>) {
    this.subs.push(client.onNotification(PROBLEMS_METHODS.summaryChanged, (s: ProblemsSummary) => this.set(s)));
    void ready.then(() => this.refresh(), () => undefined);
  }

  async refresh(): Promise<void> {
    try {
      this.set(await this.client.sendRequest<ProblemsSummary>(PROBLEMS_METHODS.summary));
    } catch { /* an older server without the summary: the trees keep their own counts */ }
  }

  private set(s: ProblemsSummary): void {
    this.summary = s;
    this.changed.fire(s);
  }

  /** The published counts of one app (undefined until the server answered). */
  app(root: string, eca: string): { errors: number; warnings: number; infos: number } | undefined {
    if (!this.summary) return undefined;
    const a = this.summary.apps.find((x) => x.root === root && x.eca === eca);
    const c: SeverityCounts = a?.counts ?? { errors: 0, warnings: 0, infos: 0, hints: 0 };
    return { errors: c.errors, warnings: c.warnings, infos: c.infos + c.hints };
  }

  /** The activity badge: errors + warnings as published, with a tooltip accounting for each app (and files of no app). */
  badge(): vscode.ViewBadge | undefined {
    const s = this.summary;
    if (!s) return undefined;
    const total = s.total.errors + s.total.warnings;
    if (!total) return undefined;
    const line = (name: string, c: SeverityCounts) => `${name}: ${[c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : ''].filter(Boolean).join(', ')}`;
    const parts = s.apps.filter((a) => a.counts.errors + a.counts.warnings).map((a) => line(a.eca, a.counts));
    for (const f of s.files) if (!f.eca && f.counts.errors + f.counts.warnings) parts.push(line(vscode.workspace.asRelativePath(f.path, false), f.counts));
    return { value: total, tooltip: `${plural(s.total.errors, 'error')} and ${plural(s.total.warnings, 'warning')} in External Client App files (as in Problems) — ${parts.join('; ')}` };
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
