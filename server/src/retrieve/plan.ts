// Where each retrieved file goes, and what it changes. Per app: the package directory chosen by
// the user, else the one that already holds the app, else the unlocked package. Inside it: the
// existing file of the same name (replaced in place), else the folder of that type beside the
// app's header, else an existing ECA-family layout, else <package dir>/main/default/<folder>.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { unifiedDiff } from './diff';
import { retrieveError } from './errors';
import { defaultPackageDir, displayPath, indexTree, packageDirOf, type RetrievePackageDir, type ProjectInfo, type TreeIndex } from './project';
import { ECA_TYPE, SECRET_ELEMENTS, TYPE_BY_NAME, sourceFileName } from './types';

/** A local file may hold a credential (the org's side never does): diffs show it masked. */
function maskSecrets(text: string): string {
  let out = text;
  for (const name of SECRET_ELEMENTS) {
    out = out.replace(new RegExp(`(<${name}\\b[^>]*>)[\\s\\S]*?(</${name}\\s*>)`, 'g'), '$1[redacted]$2');
  }
  return out;
}
import type { RetrievedComponent } from './zipContent';

export type FileState = 'Created' | 'Changed' | 'Unchanged';

export interface PlannedFile {
  type: string;
  fullName: string;
  app: string;
  /** Absolute target path. */
  absPath: string;
  /** Relative to the project root, forward slashes. */
  path: string;
  state: FileState;
  content: Buffer;
  /** The bytes on disk when the plan was made (null for a new file). */
  existing: Buffer | null;
  /** Unified diff against the local file (Changed only). */
  diff?: string;
}

export interface PlacementTarget {
  /** Chosen target root (a package directory or any folder the user named). */
  abs: string;
  /** The package directory entry, when the target is one. */
  packageDir?: RetrievePackageDir;
}

export interface PlanResult {
  files: PlannedFile[];
  warnings: string[];
  /** Per app: the folder its files go to (project-relative). */
  targets: Record<string, string>;
}

/** Where each app's ECA header already sits in the project (all package directories). */
export function locateApps(project: ProjectInfo, apps: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const ecaType = TYPE_BY_NAME.get(ECA_TYPE)!;
  const indexes = project.packageDirs.map((d) => indexTree(d.abs));
  for (const app of apps) {
    const name = sourceFileName(ecaType, app);
    const paths = new Set<string>();
    for (const idx of indexes) for (const p of idx.files.get(name) ?? []) paths.add(p);
    found.set(app, [...paths].sort());
  }
  return found;
}

export function planFiles(
  project: ProjectInfo,
  components: RetrievedComponent[],
  apps: string[],
  override?: string,
): PlanResult {
  const warnings: string[] = [];
  const targets: Record<string, string> = {};
  const files: PlannedFile[] = [];
  const located = locateApps(project, apps);
  const indexCache = new Map<string, TreeIndex>();
  const indexOf = (abs: string) => {
    let idx = indexCache.get(abs);
    if (!idx) indexCache.set(abs, (idx = indexTree(abs)));
    return idx;
  };
  const overrideAbs = override ? (isAbsolute(override) ? override : resolve(project.root, override)) : undefined;
  if (overrideAbs && existsSync(overrideAbs) && !statSync(overrideAbs).isDirectory()) {
    throw retrieveError('USAGE', `${override} is not a directory.`);
  }
  const fallback = defaultPackageDir(project);
  const ecaType = TYPE_BY_NAME.get(ECA_TYPE)!;

  for (const app of apps) {
    const localEcas = located.get(app) ?? [];
    let target: PlacementTarget;
    if (overrideAbs) {
      target = { abs: overrideAbs, packageDir: project.packageDirs.find((d) => d.abs === overrideAbs) };
    } else if (localEcas.length) {
      const dirs = [...new Set(localEcas.map((p) => packageDirOf(project, p)).filter((d): d is RetrievePackageDir => !!d))];
      if (dirs.length > 1) {
        throw retrieveError(
          'PROJECT',
          `${app} exists in several package directories (${dirs.map((d) => d.path).join(', ')}); choose one with --output-dir.`,
        );
      }
      target = { abs: dirs[0].abs, packageDir: dirs[0] };
    } else {
      target = { abs: fallback.abs, packageDir: fallback };
    }
    if (target.packageDir?.aliasfy && !overrideAbs) {
      throw retrieveError(
        'PROJECT',
        `${target.packageDir.path} is an aliasfy package (one folder per environment); choose the environment folder with --output-dir.`,
      );
    }
    targets[app] = displayPath(project.root, target.abs);
    const idx = indexOf(target.abs);

    // The app's header inside the target, if there: its folder's parent is the layout root.
    const headerHere = (idx.files.get(sourceFileName(ecaType, app)) ?? []).filter((p) => dirname(p).endsWith(ecaType.folder));
    let layoutRoot: string;
    if (headerHere.length === 1) layoutRoot = dirname(dirname(headerHere[0]));
    else {
      const anyFolder = [...idx.folders.values()].flat().sort()[0];
      layoutRoot = anyFolder ? dirname(anyFolder) : join(target.abs, 'main', 'default');
    }

    for (const c of components.filter((x) => x.app === app)) {
      const base = sourceFileName(c.type, c.fullName);
      const existingHere = idx.files.get(base) ?? [];
      if (existingHere.length > 1) {
        throw retrieveError(
          'PROJECT',
          `${base} exists more than once under ${targets[app]} (${existingHere.map((p) => displayPath(project.root, p)).join(', ')}); choose one folder with --output-dir.`,
        );
      }
      let absPath: string;
      if (existingHere.length === 1) absPath = existingHere[0];
      else {
        const besideHeader = join(layoutRoot, c.type.folder);
        const folders = idx.folders.get(c.type.folder) ?? [];
        absPath = join(folders.includes(besideHeader) || !folders.length ? besideHeader : folders[0], base);
      }
      // Same file elsewhere in the project: the retrieve would create a duplicate.
      for (const d of project.packageDirs) {
        if (d.abs === target.abs) continue;
        for (const p of indexOf(d.abs).files.get(base) ?? []) {
          if (p !== absPath) warnings.push(`${base} also exists at ${displayPath(project.root, p)}; the project would hold two copies.`);
        }
      }
      let existing: Buffer | null = null;
      if (existsSync(absPath)) {
        if (!statSync(absPath).isFile()) throw retrieveError('PROJECT', `${displayPath(project.root, absPath)} exists and is not a file.`);
        existing = readFileSync(absPath);
      }
      const path = displayPath(project.root, absPath);
      let state: FileState = 'Created';
      let diff: string | undefined;
      if (existing) {
        if (existing.equals(c.content)) state = 'Unchanged';
        else {
          state = 'Changed';
          diff = unifiedDiff(maskSecrets(existing.toString('utf8')), c.content.toString('utf8'), `${path} (local)`, `${path} (org)`);
        }
      }
      files.push({ type: c.type.name, fullName: c.fullName, app, absPath, path, state, content: c.content, existing, diff });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings: [...new Set(warnings)], targets };
}
