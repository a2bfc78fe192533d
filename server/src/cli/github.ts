// `--format github`: GitHub Actions workflow commands, one annotation per finding, so findings show
// inline on pull-request diffs without code scanning. Escaping follows @actions/core's command.ts:
// the message escapes %, \r and \n; property values also escape `:` and `,`.
import type { EngineDiagnostic, Severity } from '../engine';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule id>::<message>` line per diagnostic. */
export function toGithub(diags: readonly EngineDiagnostic[], rel: (p: string) => string): string {
  return diags.map((d) => {
    const props: [string, string | number][] = [
      ['file', rel(d.path)],
      ['line', d.range.start.line + 1],
      ['col', d.range.start.character + 1],
      ['endLine', d.range.end.line + 1],
      ['endColumn', d.range.end.character + 1],
      ['title', d.code],
    ];
    return `::${COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(d.message)}\n`;
  }).join('');
}
