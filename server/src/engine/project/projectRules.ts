// Runs the project rules (catalogue sections 4–6 that need the whole model: cross-file references,
// packaging patterns, deploy order, sfp aliasfy environment trees). Each rule is its own unit in
// ../rules/<area>/<rule-id>.ts, declared with projectRule() and listed in ../rules/registry.ts.
// `projectRuleSteps` runs them one at a time, so a caller that must stay responsive (the language
// server's workspace pass) can give the event loop a turn between two rules. The model of a source
// folder outside the package directories (scan.ts `scopeOf`) gets them too, as warnings (looseFolder.ts).
import type { ProjectModel } from './model';
import { applyOptions, type CheckOptions } from '../options';
import type { EngineDiagnostic } from '../types';
import { PROJECT_RULES } from '../rules/registry';
import { makeProjectContext, ZERO } from '../rules/projectContext';
import { looseFolderFinding } from './looseFolder';

export function checkProjectRules(model: ProjectModel, opts?: CheckOptions): EngineDiagnostic[] {
  const steps = projectRuleSteps(model, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The project rules of one model, yielding after each rule; returns their diagnostics. */
export function* projectRuleSteps(model: ProjectModel, opts?: CheckOptions): Generator<void, EngineDiagnostic[], void> {
  const out: EngineDiagnostic[] = [];
  const c = makeProjectContext(model, out);
  for (const rule of PROJECT_RULES) {
    c.rule = rule;
    try {
      rule.check(c);
    } catch (e) {
      out.push({ code: 'internal-error', severity: 'warning', path: model.sfdx?.path ?? model.root, range: ZERO,
        message: `ECA tools hit an internal error in project rule ${rule.id} (${(e as Error).message}); please report it.` });
    }
    c.rule = null;
    yield;
  }
  for (const d of out) looseFolderFinding(d, model);
  // A file .forceignore leaves out is never deployed: nothing is said on it (the rules that need
  // the files it leaves out, such as global-oauth-without-oauth-settings, already treat it as absent).
  return applyOptions(out.filter((d) => !model.isIgnored(d.path)), opts);
}
