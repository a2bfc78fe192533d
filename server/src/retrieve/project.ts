// The SFDX project as the retrieval sees it: package directories from sfdx-project.json, which one
// is "the unlocked package", and where ECA files already are.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { retrieveError } from './errors';
import { parseSfdxProject } from '../engine/project/model';
import { findProjectRoot, walkTree } from '../engine/project/scan';
import { TYPE_BY_FOLDER } from './types';

/**
 * A package directory as the retrieval and its client command see it (a wire record), derived from
 * the engine's one `PackageDir` (engine/project/model.ts) by `readProject`.
 */
export interface RetrievePackageDir {
  /** As written in sfdx-project.json, with forward slashes and no trailing slash. */
  path: string;
  abs: string;
  package?: string;
  isDefault: boolean;
  /**
   * `package`: a 2GP package directory (has `package`, and no sfp type that marks it as something
   * else). `source`/`data`/`diff`: sfp package types, not unlocked packages. `plain`: no package.
   */
  kind: 'package' | 'source' | 'data' | 'diff' | 'plain';
  /** sfp aliasfy: one subfolder per environment. */
  aliasfy: boolean;
}

export interface ProjectInfo {
  root: string;
  packageDirs: RetrievePackageDir[];
}

function normalizeRel(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

/** The one project-root finder of the product (the engine's). */
export { findProjectRoot };

/**
 * Package directories as the retrieval sees them, read by the engine's one sfdx-project.json
 * reader (jsonc: comments and trailing commas are accepted, as by the validator and the sf CLI).
 */
export function readProject(root: string): ProjectInfo {
  const file = join(root, 'sfdx-project.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw retrieveError('PROJECT', `Cannot read ${file}: ${(e as Error).message}`);
  }
  const sfdx = parseSfdxProject(file, text);
  if (sfdx.parseError) throw retrieveError('PROJECT', `Cannot read ${file}: ${sfdx.parseError.message} (at offset ${sfdx.parseError.offset}).`);
  if (sfdx.packageDirs.length === 0) throw retrieveError('PROJECT', `${file} has no usable packageDirectories.`);
  const packageDirs: RetrievePackageDir[] = sfdx.packageDirs.map((d) => {
    const sfpKind = d.explicitType && (d.type === 'source' || d.type === 'data' || d.type === 'diff') ? d.type : undefined;
    return {
      path: normalizeRel(d.rel),
      abs: resolve(root, normalizeRel(d.rel)),
      package: d.name,
      isDefault: d.isDefault === true,
      kind: sfpKind ?? (d.name ? 'package' : 'plain'),
      aliasfy: d.aliasfy,
    };
  });
  return { root, packageDirs };
}

/**
 * Where an ECA goes when it is not in the project yet: the unlocked (2GP) package directory (the
 * default one if several), else the default package directory, else the first. Aliasfy trees are
 * skipped: they need an explicit environment folder.
 */
export function defaultPackageDir(project: ProjectInfo): RetrievePackageDir {
  const usable = project.packageDirs.filter((d) => !d.aliasfy);
  const pool = usable.length ? usable : project.packageDirs;
  const packaged = pool.filter((d) => d.kind === 'package');
  return (
    packaged.find((d) => d.isDefault) ??
    packaged[0] ??
    pool.find((d) => d.isDefault) ??
    pool[0]
  );
}

/** The package directory that contains `abs`, if any (deepest match). */
export function packageDirOf(project: ProjectInfo, abs: string): RetrievePackageDir | undefined {
  let best: RetrievePackageDir | undefined;
  for (const d of project.packageDirs) {
    const rel = relative(d.abs, abs);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      if (!best || d.abs.length > best.abs.length) best = d;
    }
  }
  return best;
}

export interface TreeIndex {
  /** File base name -> absolute paths (only `*-meta.xml` files of the ECA family). */
  files: Map<string, string[]>;
  /** ECA-family folder name (e.g. externalClientApps) -> absolute paths of such folders. */
  folders: Map<string, string[]>;
}

/**
 * One walk of a directory tree with the engine's one walker (and its one skip list), collecting
 * ECA-family files and folders. Lists are sorted so placement does not depend on directory order.
 */
export function indexTree(rootAbs: string): TreeIndex {
  const index: TreeIndex = { files: new Map(), folders: new Map() };
  if (!existsSync(rootAbs) || !statSync(rootAbs).isDirectory()) return index;
  const add = (m: Map<string, string[]>, k: string, v: string) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  walkTree(rootAbs, (dir, entries) => {
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.kind === 'dir' && TYPE_BY_FOLDER.has(e.name)) add(index.folders, e.name, p);
      else if (e.kind === 'file' && e.name.endsWith('-meta.xml')) add(index.files, e.name, p);
    }
  });
  for (const m of [index.files, index.folders]) for (const l of m.values()) l.sort();
  return index;
}

/** Path for display: relative to the project root, forward slashes. */
export function displayPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  return (rel && !rel.startsWith('..') ? rel : abs).split(sep).join('/');
}
