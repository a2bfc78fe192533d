// Checking one parsed file: every single-file rule of the registry, user options applied (severity
// overrides, disabled rules). Project-level rules live in project/projectRules.ts; the workspace
// combines both.
import { parseFile, type ParsedFile } from './document';
import { makeContext } from './rules/context';
import { FILE_RULES } from './rules/registry';
import type { FileRule } from './rules/define';
import { CONNECTED_APP_RE } from './rules/platform/connected-app-new';
import { secretInSource } from './rules/types/secret-in-source';
import { consumerKeyInSource } from './rules/types/consumer-key-in-source';
import { applyOptions, type CheckOptions } from './options';
import type { ProjectModel } from './project/model';
import { looseFolderFinding } from './project/looseFolder';
import type { EngineDiagnostic } from './types';

export { applyOptions, type CheckOptions } from './options';

/** The rules for an ECA file outside every package directory: committed credentials only. */
const SECRET_RULES: FileRule[] = [secretInSource, consumerKeyInSource];

/** Every single-file check on one parsed file. Never throws: a rule that fails is reported. */
export function checkParsed(file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return runRules(FILE_RULES, file, project, opts);
}

/**
 * The checks for an ECA file no deploy carries (.forceignore'd, or directly in the project root:
 * scan.ts `scopeOf` says `secrets`): schema and project rules stay silent, but a credential in it
 * is in the repository all the same.
 */
export function checkSecretsOnly(file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return runRules(SECRET_RULES, file, project, opts);
}

function runRules(rules: FileRule[], file: ParsedFile, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  // ECA files get the ECA rules; Connected App files only the rules that declare them.
  const target = file.cls || file.rootType ? 'eca' : CONNECTED_APP_RE.test(file.path) ? 'connectedApp' : null;
  if (!target) return out;
  const ctx = makeContext(file, project, out);
  for (const rule of rules) {
    if ((rule.appliesTo ?? 'eca') !== target) continue;
    ctx.rule = rule;
    const before = out.length;
    try {
      rule.check(ctx);
      if (rule.crossFile) for (const d of out.slice(before)) looseFolderFinding(d, project);
    } catch (e) {
      out.push({ code: 'internal-error', severity: 'warning', path: file.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `ECA tools hit an internal error in rule ${rule.id} (${(e as Error).message}); please report it. Other checks still ran.` });
    }
  }
  ctx.rule = null;
  return applyOptions(sortDiagnostics(out), opts);
}

export function checkFile(path: string, text: string, project: ProjectModel | null, opts?: CheckOptions): EngineDiagnostic[] {
  return checkParsed(parseFile(path, text), project, opts);
}

export function sortDiagnostics(d: EngineDiagnostic[]): EngineDiagnostic[] {
  return d.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
