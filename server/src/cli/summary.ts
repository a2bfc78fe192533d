// `--format markdown`: a check result as Markdown for a CI job summary ($GITHUB_STEP_SUMMARY):
// counts by severity and a table of the findings.
import type { EngineDiagnostic, Severity } from '../engine';

const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', information: 'ℹ️', hint: '💡' };
/** At most this many rows: a job summary is limited to 1 MiB. */
const MAX_ROWS = 500;

/** Text safe inside a Markdown table cell. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

export function toMarkdown(r: { files: number; diagnostics: readonly EngineDiagnostic[] }, rel: (p: string) => string): string {
  const count = (s: Severity) => r.diagnostics.filter((d) => d.severity === s).length;
  const lines = ['## ECA check', ''];
  lines.push(`${r.files} ECA file(s) checked: ${SEVERITIES.map((s) => `${count(s)} ${s === 'information' ? 'information' : `${s}(s)`}`).join(', ')}.`, '');
  lines.push('| Severity | Count |', '|---|---:|', ...SEVERITIES.map((s) => `| ${ICON[s]} ${s} | ${count(s)} |`), '');
  if (r.diagnostics.length) {
    lines.push('| Severity | File | Line | Rule | Message |', '|---|---|---:|---|---|');
    for (const d of r.diagnostics.slice(0, MAX_ROWS)) {
      lines.push(`| ${ICON[d.severity]} ${d.severity} | \`${cell(rel(d.path))}\` | ${d.range.start.line + 1} | \`${cell(d.code)}\` | ${cell(d.message)} |`);
    }
    if (r.diagnostics.length > MAX_ROWS) lines.push('', `… and ${r.diagnostics.length - MAX_ROWS} more (see the annotations or the SARIF file).`);
  } else {
    lines.push('No findings.');
  }
  return lines.join('\n') + '\n';
}
