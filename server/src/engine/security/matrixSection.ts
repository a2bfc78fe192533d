// The environment matrix's Security section (issue 22): per app, the security posture of each
// environment column — the same posture and wording as `eca-check audit` (posture.ts, lines.ts) —
// with the security findings on the files that environment receives. The view's matrix module
// calls it with the matrix it just built; the client only renders the rows.
import type { EngineDiagnostic, Severity } from '../types';
import type { EnvironmentsView } from '../project/environmentsView';
import type { Matrix, ViewIO } from '../project/view/types';
import { isSecurityFinding, postureFromMatrix } from './posture';
import { postureLines } from './lines';

export interface SecurityCell {
  value: string;
  /** The worst security finding behind this cell (the findings row only). */
  severity?: Severity;
}
export interface SecurityRow { eca: string; label: string; cells: SecurityCell[] }

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The security findings on the files the matrix's environments receive. */
function findingsOf(io: ViewIO, paths: Set<string>): EngineDiagnostic[] {
  const out = io.projectDiagnostics().filter((d) => paths.has(d.path) && isSecurityFinding(d));
  for (const p of paths) out.push(...io.fileDiagnostics(p).filter(isSecurityFinding));
  return out;
}

export function securitySection(view: EnvironmentsView, matrix: Matrix): SecurityRow[] {
  const paths = new Set<string>();
  for (const r of matrix.rows) for (const c of r.cells) if (c.path && c.status !== 'missing') paths.add(c.path);
  const audit = postureFromMatrix(view.model, matrix, (p) => view.settingsAt(p), findingsOf(view.io, paths), false);
  const rows: SecurityRow[] = [];
  for (const eca of [...new Set(audit.apps.map((a) => a.app))]) {
    const cols = matrix.environments.map((e) => audit.apps.find((a) => a.app === eca && a.org === e.name));
    const lines = cols.map((p) => (p ? postureLines(p) : []));
    const labels = [...new Set(lines.flatMap((l) => l.map(([k]) => k)))];
    for (const label of labels) {
      rows.push({ eca, label, cells: cols.map((p, i) => {
        const value = lines[i].find(([k]) => k === label)?.[1] ?? '—';
        const worst = label === 'Security findings' ? p?.findings.map((f) => f.severity).sort((a, b) => RANK[a] - RANK[b])[0] : undefined;
        return worst ? { value, severity: worst } : { value };
      }) });
    }
  }
  return rows;
}
