// The audit of a whole project (issue 22): the environments view's matrix says which file each org
// receives; posture.ts reads the security posture from those files. `eca-check audit`, `sf eca audit`
// and `plan --base` (weakenings) call this.
import type { ParsedFile } from '../document';
import type { EngineDiagnostic } from '../types';
import type { ProjectModel } from '../project/model';
import { EnvironmentsView } from '../project/environmentsView';
import { postureFromMatrix, type Audit } from './posture';

/**
 * The posture of every app in every org of the project. `parsedOf` gives a file's parse (the loader's);
 * `diagnostics` are the project's findings (file and project rules), security ones are kept.
 */
export function auditProject(model: ProjectModel, parsedOf: (path: string) => ParsedFile | undefined, diagnostics: readonly EngineDiagnostic[]): Audit {
  const view = new EnvironmentsView(model, { parsedOf, projectDiagnostics: () => [], options: () => undefined, fileDiagnostics: () => [] });
  return postureFromMatrix(model, view.matrix(), (p) => view.settingsAt(p), diagnostics, true);
}
