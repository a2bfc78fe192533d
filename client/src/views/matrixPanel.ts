// The environment matrix: per ECA each component an org receives (header, OAuth settings, global
// OAuth, policies, OAuth policies) × environments × key settings in a webview table: what a
// missing file leaves the org with, invalid values as errors, drift highlighted. The data is the
// server's `eca/matrix` answer; this file only renders it. A click on a cell opens the file that
// environment receives. Opened from a file's CodeLens ("received by …"), it scrolls to that file's row.
// Each app ends with its Security section (the engine's posture rows).
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENV_METHODS, type Matrix, type MatrixCell, type MatrixResult, type MatrixRow } from '../../../server/src/lsp/environmentsProtocol';
import { KIND_LABELS, STATUS_LABELS } from './format';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A cell's text: the value, or for a missing file what the org keeps; invalid values marked ✖. */
function cellHtml(r: MatrixRow, c: MatrixCell): string {
  const file = r.setting === 'file' || r.setting.endsWith('.file');
  if (c.status === 'none') return `<span class="keeps">${esc(c.keeps ?? '')}</span>`;
  if (c.status === 'missing') return file ? `missing<div class="keeps">${esc(c.keeps ?? '')}</div>` : `<span class="keeps">${esc(c.keeps ?? '—')}</span>`;
  if (file) return esc(c.value ?? '');
  if (c.error) return `✖ ${esc(c.value ?? '')}`;
  return esc(c.value ?? '(not set)');
}

/** A cell's hover, leading with the environment so the name survives a narrow tooltip. */
export function cellTitle(env: string, r: MatrixRow, c: MatrixCell): string {
  const status = c.status === 'none' ? 'no file in the project' : STATUS_LABELS[c.status];
  return [
    `${env}: ${r.label} — ${status}${c.keeps ? ` (${c.keeps})` : ''}`,
    c.error ? `✖ ${c.error}` : '',
    c.path ? vscode.workspace.asRelativePath(c.path) : '',
  ].filter(Boolean).join('\n');
}

/** A row to show first: an app's component in one project (the CodeLens's arguments). */
export interface MatrixTarget { root: string; eca: string; component?: MatrixRow['component'] }

/** The file row of `target`'s component (its first row when no component is named). */
export function targetRow(m: Matrix, target: MatrixTarget | undefined): MatrixRow | undefined {
  if (!target || m.root !== target.root) return undefined;
  const rows = m.rows.filter((r) => r.eca === target.eca);
  return rows.find((r) => r.component === target.component && (r.setting === 'file' || r.setting.endsWith('.file'))) ?? rows[0];
}

/** An app's Security section: its posture in each environment and the security findings (the server's rows). */
function securityHtml(m: Matrix, eca: string): string {
  const rows = (m.security ?? []).filter((r) => r.eca === eca);
  if (!rows.length) return '';
  let html = `<tr class="eca security" data-eca="${esc(eca)}"><th colspan="${m.environments.length + 1}">Security — ${esc(eca)}</th></tr>`;
  for (const r of rows) {
    const cells = r.cells.map((c, i) => `<td class="cell sec${c.severity ? ` ${c.severity}` : ''}" title="${esc(`${m.environments[i]?.name ?? ''}: ${r.label} — ${c.value}`)}">${esc(c.value)}</td>`).join('');
    html += `<tr class="row security" data-eca="${esc(eca)}" data-setting="security.${esc(r.label)}"><th class="label">${esc(r.label)}</th>${cells}</tr>`;
  }
  return html;
}

/** The page for some matrices (exported for tests and the Markdown-free preview). */
export function renderMatrixHtml(matrices: Matrix[], nonce: string, cspSource: string, target?: MatrixTarget): string {
  const sections = matrices.map((m) => {
    const revealed = targetRow(m, target);
    const head = m.environments.map((e) => `<th title="${esc(KIND_LABELS[e.kind])}">${esc(e.name)}<div class="kind">${esc(KIND_LABELS[e.kind])}</div></th>`).join('');
    let body = '';
    let lastEca = '';
    for (const r of m.rows) {
      if (r.eca !== lastEca) {
        if (lastEca) body += securityHtml(m, lastEca);
        body += `<tr class="eca"><th colspan="${m.environments.length + 1}">${esc(r.eca)}</th></tr>`;
        lastEca = r.eca;
      }
      const cells = r.cells.map((c, i) => {
        const cls = ['cell', c.status, c.differs ? 'differs' : '', c.error ? 'invalid' : ''].filter(Boolean).join(' ');
        return `<td class="${cls}" title="${esc(cellTitle(m.environments[i]?.name ?? '', r, c))}"${c.path ? ` data-path="${esc(c.path)}"` : ''}>${cellHtml(r, c)}</td>`;
      }).join('');
      const mark = [
        r.errors ? `<span class="badge invalid">✖ ${r.errors} invalid</span>` : '',
        r.drift === 'drift' ? '<span class="badge drift">drift</span>' : r.drift === 'expected' ? '<span class="badge expected">varies by design</span>' : '',
      ].filter(Boolean).join(' ');
      const fileRow = r.setting === 'file' || r.setting.endsWith('.file');
      body += `<tr class="row ${r.drift}${fileRow ? ' file' : ''}${r.errors ? ' invalid' : ''}${r === revealed ? ' revealed' : ''}" data-eca="${esc(r.eca)}" data-setting="${esc(r.setting)}"><th class="label">${esc(r.label)} ${mark}</th>${cells}</tr>`;
    }
    if (lastEca) body += securityHtml(m, lastEca);
    const empty = m.rows.length ? '' : '<p class="empty">No External Client Apps in this project.</p>';
    return `<section><h2>${esc(m.name)}</h2>${empty}${m.rows.length ? `<table><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>` : ''}</section>`;
  }).join('');
  const drifting = matrices.reduce((n, m) => n + m.rows.filter((r) => r.drift === 'drift').length, 0);
  const invalid = matrices.reduce((n, m) => n + m.rows.reduce((k, r) => k + r.errors, 0), 0);
  return `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
table { border-collapse: collapse; margin-bottom: 20px; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; text-align: left; vertical-align: top; white-space: nowrap; }
thead th { background: var(--vscode-editorWidget-background); position: sticky; top: 0; z-index: 1; }
.kind { font-weight: normal; opacity: .7; font-size: 90%; }
tr.eca th { background: var(--vscode-sideBarSectionHeader-background, #8882); }
td[data-path] { cursor: pointer; }
td.differs { background: var(--vscode-inputValidation-warningBackground, #fc04); outline: 1px solid var(--vscode-inputValidation-warningBorder, #c90); }
tr.expected td.differs { background: var(--vscode-diffEditor-insertedTextBackground, #0c02); outline: none; }
td.missing { color: var(--vscode-errorForeground); font-style: italic; }
td.invalid { color: var(--vscode-errorForeground); outline: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); }
td.none { opacity: .8; font-style: italic; }
.keeps { font-size: 90%; opacity: .8; }
tr.file th.label { font-weight: bold; }
tr:not(.file) th.label { padding-left: 20px; font-weight: normal; }
.badge.invalid { background: var(--vscode-inputValidation-errorBorder, #be1100); color: var(--vscode-editor-background, #fff); }
td.fallback, td.fallback-if-sandbox, td.merged { font-style: italic; }
.badge { font-size: 85%; padding: 0 4px; border-radius: 3px; font-weight: normal; }
.badge.drift { background: var(--vscode-inputValidation-warningBorder, #c90); color: var(--vscode-editor-background, #fff); }
.badge.expected { border: 1px solid var(--vscode-panel-border, #8884); }
.legend { opacity: .8; margin: 8px 0 16px; }
tr.eca.security th { background: var(--vscode-sideBarSectionHeader-background, #8882); font-style: italic; }
tr.security td { white-space: normal; max-width: 28em; }
td.sec.error { color: var(--vscode-errorForeground); font-weight: bold; }
td.sec.warning { background: var(--vscode-inputValidation-warningBackground, #fc04); }
tr.revealed th.label { outline: 2px solid var(--vscode-focusBorder, #007fd4); }
</style></head><body>
<p class="legend">${invalid} invalid value(s), ${drifting} setting(s) drift. Per app, each component an org receives, in deploy order: header, OAuth settings, global OAuth settings, policies, OAuth policies. Highlighted cells differ from <code>default/</code> (or from most environments); italic cells come from <code>default/</code> (fallback or merge); <em>missing</em> cells say what the org keeps, since nothing is deployed to it; ✖ cells hold a value the platform rejects (an error, left out of the drift comparison). Each app's <em>Security</em> rows give its posture in each environment (flows, PKCE, refresh tokens, IP relaxation, scopes, callbacks, partner controls) and the security findings, as <code>eca-check audit</code> reports them. Hover a cell for details; click it to open the file.</p>
${sections || '<p class="empty">No SFDX project.</p>'}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.querySelector('tr.revealed')?.scrollIntoView({ block: 'center' });
document.addEventListener('click', (e) => {
  const td = e.target.closest('td[data-path]');
  if (td) vscode.postMessage({ open: td.getAttribute('data-path') });
});
</script></body></html>`;
}

export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The last rendered data and page (read by tests). */
  matrices: Matrix[] = [];
  html = '';
  private readonly rendered = new vscode.EventEmitter<Matrix[]>();
  readonly onDidRender = this.rendered.event;

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<unknown>) {}

  get visible(): boolean { return !!this.panel; }

  /** The row the last `show` was asked to reveal (from a CodeLens), if any. */
  target: MatrixTarget | undefined;

  async show(target?: MatrixTarget): Promise<MatrixPanel> {
    this.target = target?.root && target.eca ? target : undefined;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('eca.matrix', 'ECA Environment Matrix', vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
      this.panel.onDidDispose(() => { this.panel = undefined; });
      this.panel.webview.onDidReceiveMessage((msg: { open?: string }) => {
        if (typeof msg?.open === 'string') void vscode.window.showTextDocument(uriOf(msg.open), { viewColumn: vscode.ViewColumn.Beside });
      });
    } else {
      this.panel.reveal();
    }
    await this.update();
    return this;
  }

  /** Re-render from the server's current answer (when the panel is open). */
  async update(): Promise<void> {
    if (!this.panel) return;
    await this.ready;
    const res = await this.client.sendRequest<MatrixResult>(ENV_METHODS.matrix, {});
    if (!this.panel) return;
    const nonce = Math.random().toString(36).slice(2) + Date.now().toString(36);
    this.matrices = res.matrices;
    this.html = renderMatrixHtml(res.matrices, nonce, this.panel.webview.cspSource, this.target);
    this.panel.webview.html = this.html;
    this.rendered.fire(res.matrices);
  }

  dispose(): void {
    this.panel?.dispose();
    this.rendered.dispose();
  }
}
