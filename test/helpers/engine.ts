// Runs the real engine over an in-memory project. Expected ranges are written into fixture text
// with ⟦ ⟧ markers, so a case shows exactly what it expects to be underlined.
import { checkFile, createProjectModel, type EngineDiagnostic, type ProjectModel } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import type { ProjectFs } from '../../server/src/engine/project/model';
import type { SfOrgs } from '../../server/src/engine/project/orgs';

/** An in-memory file system over the fixture map (paths relative to ROOT). */
export function memFs(files: Record<string, string>): ProjectFs {
  const abs = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, unmark(v).text]));
  return {
    exists: (p) => abs.has(p) || [...abs.keys()].some((k) => k.startsWith(p + '/')),
    listDirs: (p) => [...new Set([...abs.keys()].filter((k) => k.startsWith(p + '/')).map((k) => k.slice(p.length + 1).split('/')).filter((parts) => parts.length > 1).map((parts) => parts[0]))].sort(),
    readText: (p) => abs.get(p),
  };
}

export interface ModelOptions { orgs?: SfOrgs; productionAliases?: string[]; /** default true */ projectRules?: boolean }

export const ROOT = '/p';

export interface Marked { text: string; ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[] }

/** Strip ⟦ ⟧ markers and return their ranges (in the stripped text). */
export function unmark(src: string): Marked {
  const ranges: Marked['ranges'] = [];
  let text = '';
  let line = 0;
  let ch = 0;
  let open: { line: number; character: number } | null = null;
  for (const c of src) {
    if (c === '⟦') { open = { line, character: ch }; continue; }
    if (c === '⟧') { ranges.push({ start: open!, end: { line, character: ch } }); open = null; continue; }
    text += c;
    if (c === '\n') { line++; ch = 0; } else ch += c.length;
  }
  return { text, ranges };
}

/** Build a model from `files` (paths relative to ROOT; sfdx-project.json and .forceignore honoured). */
export function modelOf(files: Record<string, string>, opts: ModelOptions = {}): ProjectModel {
  const text = (rel: string) => (files[rel] === undefined ? null : unmark(files[rel]).text);
  const m = createProjectModel(ROOT, {
    fs: memFs(files), orgs: opts.orgs, productionAliases: opts.productionAliases,
    sfdxProject: text('sfdx-project.json'), forceignore: text('.forceignore'),
  });
  for (const rel of Object.keys(files)) {
    if (rel !== 'sfdx-project.json' && rel !== '.forceignore') m.update(`${ROOT}/${rel}`, text(rel)!);
  }
  return m;
}

/** Check one file of a project (file rules + the project rules that land on it). */
export function checkIn(files: Record<string, string>, target: string, opts: ModelOptions = {}): { diags: EngineDiagnostic[]; marked: Marked } {
  const model = modelOf(files, opts);
  const marked = unmark(files[target]);
  const path = `${ROOT}/${target}`;
  const diags = checkFile(path, marked.text, model);
  if (opts.projectRules !== false) diags.push(...checkProjectRules(model).filter((d) => d.path === path));
  return { diags, marked };
}
