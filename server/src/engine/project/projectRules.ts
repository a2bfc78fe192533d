// Sections 4 and 5 of the catalogue: rules over the whole project model. (Filled in by the
// project-model work; the single-file rules of sections 1–3 live in ../rules.)
import type { ProjectModel } from './model';
import { applyOptions, type CheckOptions } from '../index';
import type { EngineDiagnostic } from '../types';

export function checkProjectRules(model: ProjectModel, opts?: CheckOptions): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  void model;
  return applyOptions(out, opts);
}
