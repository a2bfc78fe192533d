// A source folder outside the package directories (scan.ts `scopeOf`, kind `folder`) is a deploy
// unit of its own, but how it is deployed (alone with `sf project deploy start -d <folder>`, after
// the packages, with other folders) is not known: what a rule reading other files of the unit would
// call an error there is a warning that says the deploy may fail. The one place that says so, for
// the project rules (projectRules.ts) and the file rules that read other files (`crossFile`).
import type { EngineDiagnostic } from '../types';
import type { ProjectModel } from './model';

/** Turn an error found across the files of a loose source folder's unit into a "may fail" warning. */
export function looseFolderFinding(d: EngineDiagnostic, model: ProjectModel | null): void {
  if (d.severity !== 'error' || model?.unit?.kind !== 'folder') return;
  const project = model.unit.project.root;
  const folder = model.root.startsWith(project + '/') ? model.root.slice(project.length + 1) : model.root;
  d.severity = 'warning';
  d.message += ` (${folder}/ lies outside the package directories: if it is deployed on its own, as sf project deploy start -d ${folder}, the deploy may fail.)`;
}
