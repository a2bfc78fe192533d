// The engine's public surface. Server, CLI and tests call these; nothing here knows LSP or vscode.
import { parseFile, type ParsedFile } from './document';
import { makeContext, type Rule } from './rules/context';
import { SCHEMA_RULES } from './rules/schemaRules';
import { NAMING_RULES } from './rules/namingRules';
import { TYPE_RULES, secretInSource, consumerKeyInSource } from './rules/typeRules';
import type { ProjectModel } from './project/model';
import type { EngineDiagnostic, Severity } from './types';

export * from './types';
export { parseFile, decodeBytes, type ParsedFile } from './document';
export { classify, isEcaCandidate, isEcaPath } from './files';
export { ProjectModel, normalize } from './project/model';
export { CATALOGUE, RULE_BY_ID } from './rules/catalogue';

const FILE_RULES: Rule[] = [...SCHEMA_RULES, ...NAMING_RULES, ...TYPE_RULES];

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

/** The rules for an ECA file outside every package directory: committed credentials only. */
const SECRET_RULES: Rule[] = [secretInSource, consumerKeyInSource];

/** Every single-file check on one parsed file. Never throws: a rule that fails is reported. */
export function checkParsed(file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return runRules(FILE_RULES, file, project, opts);
}

/**
 * The checks for an ECA file outside the project's package directories (scan.ts `scopeOf` says
 * `secrets`): it is not deployed, so schema and project rules stay silent, but a credential in it
 * is in the repository all the same.
 */
export function checkSecretsOnly(file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return runRules(SECRET_RULES, file, project, opts);
}

function runRules(rules: Rule[], file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  if (!file.cls && !file.rootType) return out;
  const ctx = makeContext(file, project, out);
  for (const rule of rules) {
    try {
      rule(ctx);
    } catch (e) {
      out.push({ code: 'internal-error', severity: 'warning', path: file.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `ECA tools hit an internal error in rule ${rule.name || '?'} (${(e as Error).message}); please report it. Other checks still ran.` });
    }
  }
  return applyOptions(sortDiagnostics(out), opts);
}

export function checkFile(path: string, text: string, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return checkParsed(parseFile(path, text), project, opts);
}

export function sortDiagnostics(d: EngineDiagnostic[]): EngineDiagnostic[] {
  return d.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
