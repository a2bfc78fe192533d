// Finding the files the engine cares about, through the engine's file system (fs.ts): the one
// directory walker (CLI, server scan, retrieve), synchronous or time-sliced. Skips
// node_modules/.git/.sf/.sfdx and bundles, and never follows symlinked directories (no loops).
// Which files count, and how (one answer for the CLI, the server and the Environments view):
// - source-format files (`X.eca-meta.xml`) anywhere, and metadata-format files (`X.eca` inside
//   `externalClientApps/`, …) are ECA files;
// - in a project with package directories, files inside them are the project (every rule, the
//   project model); a metadata-format file outside them belongs to the mdapi tree of its nearest
//   package.xml (every rule, a model of that tree); a source file outside them belongs to the
//   source folder it deploys with (`sf project deploy start -d eca-source`: every rule, a model of
//   that folder); only a file directly in the project root is checked for committed secrets alone
//   (secret-in-source, consumer-key-in-source): see `scopeOf`. Files the user excluded (setting
//   eca.exclude, eca-check --exclude) are not checked at all.
import { classifyMetadataFormat, isEcaCandidate, isMdapiFolder } from '../files';
import { ProjectModel, isInside, normalize } from './model';
import { decodeBytes } from '../document';
import { basenameOf, dirnameOf, errorCode, joinPath, type AsyncEngineFs, type DirEntry, type EngineFs } from '../fs';
import { absolutePath, diskFs } from '../host/disk';

/** Never part of a deploy: tool and VCS state. The one skip list of every walk (check, server, retrieve). */
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

export interface WalkResult {
  files: string[];
  skipped: { path: string; reason: string }[];
  /** Folders below the top holding their own sfdx-project.json (nested projects). */
  projects?: string[];
}

/** Receives each directory the walk reads, with its entries (sub-directories are walked after). */
export type WalkVisitor = (dir: string, entries: DirEntry[]) => void;

/**
 * The one directory walker: depth-first below `top`, never into `skipDir` folders, never through
 * symbolic links (no loops). One step per directory, so the same walk runs synchronously (CLI)
 * or asynchronously in time slices (the server, the browser's file system).
 */
class TreeWalk {
  private readonly stack: string[];
  readonly skipped: WalkResult['skipped'] = [];
  constructor(top: string, private readonly visit: WalkVisitor) { this.stack = [top]; }
  next(): string | undefined { return this.stack.pop(); }
  read(dir: string, entries: DirEntry[]): void {
    this.visit(dir, entries);
    for (const e of entries) if (e.kind === 'dir' && !skipDir(e.name)) this.stack.push(joinPath(dir, e.name));
  }
  fail(dir: string, e: unknown): void { this.skipped.push({ path: normalize(dir), reason: errorCode(e) }); }
}

/** Walk below `dir` synchronously. */
export function walkTree(dir: string, visit: WalkVisitor, fs: EngineFs = diskFs): WalkResult['skipped'] {
  const w = new TreeWalk(normalize(absolutePath(dir)), visit);
  for (let d = w.next(); d !== undefined; d = w.next()) {
    let entries: DirEntry[];
    try { entries = fs.readDir(d); } catch (e) { w.fail(d, e); continue; }
    w.read(d, entries);
  }
  return w.skipped;
}

/** The next turn of the event loop (Node or a web worker), so requests are answered between slices. */
export function nextTurn(): Promise<void> {
  return new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));
}

/** Walk below `dir` asynchronously, yielding to the event loop every `sliceMs`. */
export async function walkTreeAsync(dir: string, visit: WalkVisitor, fs: EngineFs | AsyncEngineFs, sliceMs = 12): Promise<WalkResult['skipped']> {
  const w = new TreeWalk(normalize(absolutePath(dir)), visit);
  let sliceStart = performance.now();
  for (let d = w.next(); d !== undefined; d = w.next()) {
    let entries: DirEntry[];
    try {
      const r = fs.readDir(d);
      entries = r instanceof Promise ? await r : r;
    } catch (e) { w.fail(d, e); continue; }
    w.read(d, entries);
    if (performance.now() - sliceStart > sliceMs) { await nextTurn(); sliceStart = performance.now(); }
  }
  return w.skipped;
}

/** The walk's visitor that collects ECA candidate files (and nested project roots below `top`) into `out`. */
function ecaCollector(out: WalkResult, top?: string): WalkVisitor {
  return (d, entries) => {
    if (top !== undefined && d !== top && entries.some((e) => e.name === 'sfdx-project.json' && e.kind === 'file')) (out.projects ??= []).push(d);
    // Metadata-format files are recognised by their folder: one Set lookup per directory.
    const folder = basenameOf(d);
    const mdapi = isMdapiFolder(folder);
    for (const ent of entries) {
      if (ent.kind !== 'file' && ent.kind !== 'symlink') continue;
      const name = ent.name;
      const hit = name.endsWith('-meta.xml') ? isEcaCandidate(name) : mdapi && classifyMetadataFormat(name, folder) !== null;
      if (hit) out.files.push(joinPath(d, name));
      else if (ent.kind !== 'file') out.skipped.push({ path: joinPath(d, name), reason: 'symbolic link not followed' });
    }
  };
}

/** Every ECA candidate file below `dir` (absolute paths, forward slashes). */
export function walkEcaFiles(dir: string, fs: EngineFs = diskFs): WalkResult {
  const out: WalkResult = { files: [], skipped: [] };
  out.skipped.push(...walkTree(dir, ecaCollector(out, normalize(absolutePath(dir))), fs));
  return out;
}

/** The same walk, asynchronous and time-sliced (the server's scan). */
export async function walkEcaFilesAsync(dir: string, fs: EngineFs | AsyncEngineFs, sliceMs?: number): Promise<WalkResult> {
  const out: WalkResult = { files: [], skipped: [] };
  out.skipped.push(...await walkTreeAsync(dir, ecaCollector(out), fs, sliceMs));
  return out;
}

/** The nearest ancestor (inclusive) holding sfdx-project.json, or undefined. */
export function findProjectRoot(start: string, fs: EngineFs = diskFs): string | undefined {
  let d = normalize(absolutePath(start));
  if (fs.stat(d) === 'file') d = dirnameOf(d);
  for (;;) {
    if (fs.stat(joinPath(d, 'sfdx-project.json')) !== undefined) return normalize(d);
    const up = dirnameOf(d);
    if (up === d || up === '.') return undefined;
    d = up;
  }
}

export function readText(path: string, fs: EngineFs = diskFs): { text: string; encodingProblem: string | null } | null {
  try {
    return decodeBytes(fs.readFile(path));
  } catch {
    return null;
  }
}

/** Load sfdx-project.json and .forceignore of a project root into a model. */
export function loadProjectFiles(model: ProjectModel, fs: EngineFs = diskFs): void {
  const sfdx = readText(joinPath(model.root, 'sfdx-project.json'), fs);
  model.setSfdxProject(`${model.root}/sfdx-project.json`, sfdx ? sfdx.text : null);
  const fi = readText(joinPath(model.root, '.forceignore'), fs);
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
export function mdapiRootOf(file: string, stopAt: string, cache: Map<string, boolean> = new Map(), fs: EngineFs = diskFs): string | undefined {
  const f = normalize(file);
  if (f.endsWith('-meta.xml')) return undefined;
  const stop = normalize(stopAt);
  let d = dirnameOf(f);
  while (isInside(d, stop)) {
    let has = cache.get(d);
    if (has === undefined) { has = fs.stat(joinPath(d, 'package.xml')) !== undefined; cache.set(d, has); }
    if (has) return normalize(d);
    const up = dirnameOf(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

/**
 * How a file found below a project root is checked. `project`: every rule, with the project model
 * (in a package directory, or the project has none). `mdapi`: every rule, with a model of its
 * metadata-format tree (`root`: the folder holding package.xml). `folder`: outside every package
 * directory, in a source folder deployed on its own (`sf project deploy start -d <root>`): every
 * rule, with a model of that folder as its own deploy unit (its project findings are warnings).
 * `secrets`: a source file directly in the project root, which no folder deploys: only the rules
 * that find committed credentials (it is not deployed, but it is in the repository's history).
 */
export type FileScope = { kind: 'project' } | { kind: 'mdapi'; root: string } | { kind: 'folder'; root: string } | { kind: 'secrets' };

/** A scope with a model of its own (a deploy unit inside the project). */
export type UnitScope = Extract<FileScope, { root: string }>;

/**
 * The source folder outside every package directory that `file` deploys with: the topmost folder
 * below the project root that holds the file and neither is nor holds a package directory (the
 * folder `sf project deploy start -d` names, `eca-source/`). None for a file directly in the root.
 */
export function looseFolderOf(model: ProjectModel, file: string): string | undefined {
  const f = normalize(file);
  if (!isInside(f, model.root) || f === model.root) return undefined;
  const segs = f.slice(model.root.length + 1).split('/');
  const dirs = model.sfdx?.packageDirs ?? [];
  let d = model.root;
  for (const seg of segs.slice(0, -1)) {
    d = `${d}/${seg}`;
    if (!dirs.some((p) => isInside(p.path, d))) return d;
  }
  return undefined;
}

export function scopeOf(model: ProjectModel, file: string, cache?: Map<string, boolean>, fs: EngineFs = diskFs): FileScope {
  if (inPackageDirs(model, file)) return { kind: 'project' };
  const root = mdapiRootOf(file, model.root, cache, fs);
  if (root) return { kind: 'mdapi', root };
  const folder = looseFolderOf(model, file);
  return folder ? { kind: 'folder', root: folder } : { kind: 'secrets' };
}

/** A file found in a repository: its scope, relative to `project`, the (possibly nested) project it lies in. */
export interface WalkedFile { path: string; scope: FileScope; project: ProjectModel }

/**
 * Every ECA file of a repository (the project root and everything below it but tool and VCS
 * folders, and the files the user excluded: `model.isExcluded`), with its scope. A file below a
 * nested sfdx-project.json belongs to that project (`projectAt` gives its model; without it, to
 * `model`). A file that .forceignore excludes is not deployed, so it gets only the secret checks
 * (ignoring a file does not take it out of git): callers check `project.isIgnored`.
 */
export function walkRepository(model: ProjectModel, fs: EngineFs = diskFs, projectAt?: (root: string) => ProjectModel): { files: WalkedFile[]; skipped: WalkResult['skipped'] } {
  const walk = walkEcaFiles(model.root, fs);
  const cache = new Map<string, boolean>();
  const nested = projectAt ? (walk.projects ?? []).sort((a, b) => b.length - a.length) : [];
  const files: WalkedFile[] = [];
  for (const path of walk.files) {
    if (model.isExcluded(path)) continue;
    const root = nested.find((r) => isInside(path, r));
    const project = root ? projectAt!(root) : model;
    files.push({ path, scope: scopeOf(project, path, cache, fs), project });
  }
  return { files, skipped: walk.skipped };
}

/** The directories to walk for a project: its package directories, or the root without one. */
export function projectDirs(model: ProjectModel, fs: EngineFs = diskFs): string[] {
  const dirs = model.sfdx?.packageDirs.map((p) => p.path).filter((p) => fs.stat(p) !== undefined) ?? [];
  return dirs.length ? dirs : [model.root];
}
