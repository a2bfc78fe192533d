// Finding the files the engine cares about on disk. Shared by the CLI and the server's workspace
// scan. Skips node_modules/.git/.sf/.sfdx and never follows symlinked directories (no loops).
// Which files count, and how (one answer for the CLI, the server and the Environments view):
// - source-format files (`X.eca-meta.xml`) anywhere, and metadata-format files (`X.eca` inside
//   `externalClientApps/`, …) are ECA files;
// - in a project with package directories, files inside them are the project (every rule, the
//   project model); a metadata-format file outside them belongs to the mdapi tree of its nearest
//   package.xml (every rule, a model of that tree); any other ECA file in the repository is still
//   checked for committed secrets (secret-in-source, consumer-key-in-source): see `scopeOf`.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { classifyMetadataFormat, isEcaCandidate, isMdapiFolder } from '../files';
import { ProjectModel, isInside, normalize } from './model';
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
    // Metadata-format files are recognised by their folder: one Set lookup per directory.
    const folder = basename(d);
    const mdapi = isMdapiFolder(folder);
    for (const ent of entries) {
      const name = ent.name;
      if (ent.isDirectory()) {
        if (!skipDir(name)) stack.push(join(d, name));
      } else if (ent.isFile() || ent.isSymbolicLink()) {
        const hit = name.endsWith('-meta.xml') ? isEcaCandidate(name) : mdapi && classifyMetadataFormat(name, folder) !== null;
        if (hit) out.files.push(normalize(join(d, name)));
        else if (!ent.isFile()) out.skipped.push({ path: normalize(join(d, name)), reason: 'symbolic link not followed' });
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

/** Whether a file lies in one of the project's package directories (or the project has none). */
export function inPackageDirs(model: ProjectModel, file: string): boolean {
  const dirs = model.sfdx?.packageDirs;
  if (!dirs?.length) return isInside(normalize(file), model.root);
  const f = normalize(file);
  return dirs.some((p) => isInside(f, p.path));
}

/**
 * The root of the metadata-format (mdapi) tree holding `file`: the nearest ancestor directory with
 * a package.xml, not above `stopAt`. Only for metadata-format files; `cache` spares repeated
 * existence checks across a walk.
 */
export function mdapiRootOf(file: string, stopAt: string, cache: Map<string, boolean> = new Map()): string | undefined {
  const f = normalize(file);
  if (f.endsWith('-meta.xml')) return undefined;
  const stop = normalize(stopAt);
  let d = dirname(f);
  while (isInside(d, stop)) {
    let has = cache.get(d);
    if (has === undefined) { has = existsSync(join(d, 'package.xml')); cache.set(d, has); }
    if (has) return normalize(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

/**
 * How a file found below a project root is checked. `project`: every rule, with the project model
 * (in a package directory, or the project has none). `mdapi`: every rule, with a model of its
 * metadata-format tree (`root`: the folder holding package.xml). `secrets`: outside every package
 * directory: only the rules that find committed credentials (the file is not deployed, but it is in
 * the repository's history).
 */
export type FileScope = { kind: 'project' } | { kind: 'mdapi'; root: string } | { kind: 'secrets' };

export function scopeOf(model: ProjectModel, file: string, cache?: Map<string, boolean>): FileScope {
  if (inPackageDirs(model, file)) return { kind: 'project' };
  const root = mdapiRootOf(file, model.root, cache);
  return root ? { kind: 'mdapi', root } : { kind: 'secrets' };
}

/**
 * Every ECA file of a repository (the project root and everything below it but tool and VCS
 * folders), with its scope. A project file that .forceignore excludes is not deployed, so it gets
 * only the secret checks (ignoring a file does not take it out of git): callers check
 * `model.isIgnored`.
 */
export function walkRepository(model: ProjectModel): { files: { path: string; scope: FileScope }[]; skipped: WalkResult['skipped'] } {
  const walk = walkEcaFiles(model.root);
  const cache = new Map<string, boolean>();
  return { files: walk.files.map((path) => ({ path, scope: scopeOf(model, path, cache) })), skipped: walk.skipped };
}

/** The directories to walk for a project: its package directories, or the root without one. */
export function projectDirs(model: ProjectModel): string[] {
  const dirs = model.sfdx?.packageDirs.map((p) => p.path).filter((p) => existsSync(p)) ?? [];
  return dirs.length ? dirs : [model.root];
}
