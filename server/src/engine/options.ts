// User settings applied to raw diagnostics: severity overrides and disabled rules.
import type { EngineDiagnostic, Severity } from './types';

export interface CheckOptions {
  /** Rule id → severity, or 'off'. */
  severityOverrides?: Record<string, Severity | 'off'>;
  disabledRules?: string[];
}

/** Apply user settings to raw diagnostics (severity overrides, disabled rules). */
export function applyOptions(diags: EngineDiagnostic[], opts?: CheckOptions): EngineDiagnostic[] {
  if (!opts) return diags;
  const disabled = new Set(opts.disabledRules ?? []);
  const out: EngineDiagnostic[] = [];
  for (const d of diags) {
    if (disabled.has(d.code)) continue;
    const o = opts.severityOverrides?.[d.code];
    if (o === 'off') continue;
    out.push(o ? { ...d, severity: o } : d);
  }
  return out;
}
