// Finding the files the engine cares about on disk. Shared by the CLI and the server's workspace
// scan. Skips node_modules/.git/.sf/.sfdx and never follows symlinked directories (no loops).
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isEcaCandidate } from '../files';
import { ProjectModel, normalize } from './model';
import { decodeBytes } from '../document';

/** Never part of a deploy: tool and VCS state. */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.hg', '.svn', '.cache']);
/**
 * Folders of bundle and decomposed types: source-deploy-retrieve attributes every file below them
 * to the bundle or object (an LWC, Aura or static-resource bundle, a custom object's fields), so no
 * ECA component can live there. Real repositories
 * are dominated by these trees; not descending into them is most of the walk's speed.
 */
export const BUNDLE_DIRS = new Set(['lwc', 'aura', 'staticresources', 'experiences', 'digitalExperiences', 'waveTemplates', 'siteDotComSites',
  // Decomposed types with strict directory names: everything below is a child of the object.
  'objects', 'objectTranslations']);

export function skipDir(name: string): boolean {
  return SKIP_DIRS.has(name) || BUNDLE_DIRS.has(name);
}

export interface WalkResult { files: string[]; skipped: { path: string; reason: string }[] }

/** Every ECA candidate file below `dir` (absolute paths, forward slashes). */
export function walkEcaFiles(dir: string, out: WalkResult = { files: [], skipped: [] }): WalkResult {
  const stack = [resolve(dir)];
  while (stack.length) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      out.skipped.push({ path: normalize(d), reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
      continue;
    }
    for (const ent of entries) {
      const name = ent.name;
      if (ent.isDirectory()) {
        if (!skipDir(name)) stack.push(join(d, name));
      } else if (ent.isFile()) {
        if (name.endsWith('-meta.xml') && isEcaCandidate(name)) out.files.push(normalize(join(d, name)));
      } else if (ent.isSymbolicLink()) {
        if (name.endsWith('-meta.xml') && isEcaCandidate(name)) out.files.push(normalize(join(d, name)));
        else out.skipped.push({ path: normalize(join(d, name)), reason: 'symbolic link not followed' });
      }
    }
  }
  return out;
}

/** The nearest ancestor (inclusive) holding sfdx-project.json, or undefined. */
export function findProjectRoot(start: string): string | undefined {
  let d = resolve(start);
  try { if (statSync(d).isFile()) d = dirname(d); } catch { /* a path that does not exist: walk up anyway */ }
  for (;;) {
    if (existsSync(join(d, 'sfdx-project.json'))) return normalize(d);
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function readText(path: string): { text: string; encodingProblem: string | null } | null {
  try {
    return decodeBytes(readFileSync(path));
  } catch {
    return null;
  }
}

/** Load sfdx-project.json and .forceignore of a project root into a model. */
export function loadProjectFiles(model: ProjectModel): void {
  const sfdx = readText(join(model.root, 'sfdx-project.json'));
  model.setSfdxProject(`${model.root}/sfdx-project.json`, sfdx ? sfdx.text : null);
  const fi = readText(join(model.root, '.forceignore'));
  model.setForceignore(fi ? fi.text : null);
}

/** The directories to walk for a project: its package directories, or the root without one. */
export function projectDirs(model: ProjectModel): string[] {
  const dirs = model.sfdx?.packageDirs.map((p) => p.path).filter((p) => existsSync(p)) ?? [];
  return dirs.length ? dirs : [model.root];
}
