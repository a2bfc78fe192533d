// Last line of defence of the migration: no consumer key or secret value of the Connected App may
// appear in any output (files, report, findings); any that slipped through is replaced.
import { renderReport } from './report';
import type { MigrationPlan } from './types';

export /** Last line of defence: no consumer key or secret value of the input may appear in any output. */
function redactSecrets(plan: MigrationPlan, secrets: string[]): void {
  // Real keys and secrets are 8+ characters; very short junk values would only garble unrelated text.
  const live = secrets.filter((s) => s.length >= 6);
  if (!live.length) return;
  let found = false;
  const scrub = (s: string) => {
    if (!live.some((sec) => s.includes(sec))) return s;
    found = true;
    return live.reduce((acc, sec) => acc.split(sec).join('[redacted]'), s);
  };
  const walk = (o: unknown): unknown => {
    if (typeof o === 'string') return scrub(o);
    if (Array.isArray(o)) { for (let i = 0; i < o.length; i++) o[i] = walk(o[i]); return o; }
    if (o && typeof o === 'object') { for (const k of Object.keys(o)) (o as Record<string, unknown>)[k] = walk((o as Record<string, unknown>)[k]); return o; }
    return o;
  };
  walk(plan);
  if (found) {
    plan.warnings.push({ code: 'secret-redacted', message: 'A consumer key or secret value of the Connected App appeared in another setting; it was replaced by [redacted] everywhere.' });
    plan.report = scrub(renderReport(plan));
    const reportFile = plan.creates.find((f) => f.role === 'report');
    if (reportFile) reportFile.text = plan.report;
  }
}
