// The one project loader: `loadProject(root, { fs, scope })` walks a project once through the
// engine's file system (the disk, an in-memory tree, or the browser's workspace through the
// extension), reads and parses each ECA file once and indexes it into a ProjectModel.
// `createProjectModel` is the one way to assemble a model (sfdx-project.json, .forceignore, sf
// orgs, options); the CLI check, plans, migration, authoring, verify and the server's workspace
// (engine/workspace.ts, which adds open documents and time-sliced scans) all come through here.
import { parseFile, decodeBytes, type ParsedFile } from '../document';
import type { EngineFs } from '../fs';
import { diskFs, homeFolder } from '../host/disk';
import { ProjectModel, projectFsOf, type ProjectFs } from './model';
import { NO_ORGS, readSfOrgs, type SfOrgs } from './orgs';
import { loadProjectFiles, projectDirs, walkEcaFiles, walkRepository, type UnitScope, type WalkedFile, type WalkResult } from './scan';
import type { ApiVersionOverride } from './apiVersion';

export interface ProjectOptions {
  /** Aliases marked as production (setting eca.productionAliases, CLI --production-alias). */
  productionAliases?: string[];
  /** The API version every file is judged at (setting eca.apiVersion, CLI --api-version); default: each file's own. */
  apiVersion?: ApiVersionOverride;
  /** Files no check covers, gitignore patterns relative to the project root (setting eca.exclude, CLI --exclude). */
  exclude?: readonly string[];
  /** The home folder holding sf's state (~/.sf, ~/.sfdx); default $HOME. */
  home?: string;
  /** sf's orgs when the caller knows them already (or NO_ORGS); then ~/.sf is not read. */
  orgs?: SfOrgs;
  /**
   * The file system the project is read through (default: the disk). An `EngineFs` (fs.ts) is
   * read like the disk: sfdx-project.json and .forceignore come from it unless given below; sf's
   * orgs are read only from the disk (absent: none). A `ProjectFs` (the rules' narrow view, for
   * in-memory overlays): nothing is read; sfdx-project.json and .forceignore come from
   * `sfdxProject` and `forceignore` (absent: none).
   */
  fs?: EngineFs | ProjectFs;
  /** The text of sfdx-project.json to use instead of the file system's (null: there is none). */
  sfdxProject?: string | null;
  /** The text of .forceignore to use instead of the file system's (null: there is none). */
  forceignore?: string | null;
}

export type LoadScope =
  /** The package directories (the root when there are none): every ECA file found is indexed. */
  | 'packages'
  /** The root and everything below it, each file with its scope (scan.ts `scopeOf`), as the CLI checks a repository. */
  | 'repository';

export interface LoadOptions extends ProjectOptions {
  /** Receives every ECA file read and parsed while indexing (the CLI checks them without a second parse). */
  onParsed?: (file: ParsedFile) => void;
  /** What to walk; default `packages`. */
  scope?: LoadScope;
}

export interface LoadedProject {
  model: ProjectModel;
  /** Every ECA file the walk found. */
  files: string[];
  /** The folders walked. */
  dirs: string[];
  /** With scope `repository`: each file's scope and project (`packages`: every file is `project`). */
  walked: WalkedFile[];
  /**
   * With scope `repository`: the other models of the walk, by root: one per deploy unit outside
   * the package directories (a metadata-format tree, a source folder: `createUnitModel`), one per
   * nested project (a folder below the root with its own sfdx-project.json).
   */
  others: Map<string, ProjectModel>;
  skipped: WalkResult['skipped'];
}

function isEngineFs(fs: EngineFs | ProjectFs | undefined): fs is EngineFs {
  return !!fs && typeof (fs as EngineFs).readDir === 'function';
}

/** The file system options name, as the walkers read it (a ProjectFs reads nothing: an empty tree). */
export function engineFsOf(options: ProjectOptions): EngineFs | undefined {
  return options.fs === undefined ? diskFs : isEngineFs(options.fs) ? options.fs : undefined;
}

/** A model of the project at `root`: sfdx-project.json, .forceignore, sf orgs and options; no files yet. */
export function createProjectModel(root: string, options: ProjectOptions = {}): ProjectModel {
  const model = new ProjectModel(root);
  const sfdxPath = `${model.root.replace(/\/$/, '')}/sfdx-project.json`;
  const fs = engineFsOf(options);
  if (fs) {
    if (options.fs) model.fs = projectFsOf(fs);
    loadProjectFiles(model, fs);
    if (options.sfdxProject !== undefined) model.setSfdxProject(sfdxPath, options.sfdxProject);
    if (options.forceignore !== undefined && options.fs) model.setForceignore(options.forceignore);
    model.orgs = options.orgs ?? (options.fs ? NO_ORGS : readSfOrgs(options.home ?? homeFolder(), model.root));
  } else {
    model.fs = options.fs as ProjectFs;
    if (options.sfdxProject != null) model.setSfdxProject(sfdxPath, options.sfdxProject);
    if (options.forceignore != null) model.setForceignore(options.forceignore);
    model.orgs = options.orgs ?? NO_ORGS;
  }
  model.productionAliases = options.productionAliases ?? [];
  model.apiVersionOverride = options.apiVersion;
  model.setExclude(options.exclude);
  return model;
}

/**
 * The model of a deploy unit inside `project` but outside its package directories (scan.ts
 * `scopeOf`): a metadata-format tree, read without sf's org table, or a source folder deployed on
 * its own, which reads its project's .forceignore, replacements and sourceApiVersion.
 */
export function createUnitModel(scope: UnitScope, project: ProjectModel, options: ProjectOptions = {}): ProjectModel {
  const m = createProjectModel(scope.root, { productionAliases: options.productionAliases, apiVersion: options.apiVersion, orgs: NO_ORGS, fs: options.fs });
  m.unit = { kind: scope.kind, project };
  return m;
}

/** Read and parse one file, or null when it cannot be read. */
export function readParsed(path: string, fs: EngineFs = diskFs): ParsedFile | null {
  let buf: Uint8Array;
  try { buf = fs.readFile(path); } catch { return null; }
  const { text, encodingProblem } = decodeBytes(buf);
  return parseFile(path, text, encodingProblem);
}

/** Whether a parse can feed the project index (a file with an encoding problem or too large cannot). */
export function indexable(pf: ParsedFile): boolean {
  return !pf.encodingProblem && !pf.tooLarge;
}

/**
 * The project at `root`, fully indexed: one walk (see `LoadScope`), every ECA file it indexes read
 * and parsed once. For batch callers (CLI, plans, migration, authoring, verify).
 */
export function loadProject(root: string, options: LoadOptions = {}): LoadedProject {
  const model = createProjectModel(root, options);
  const fs = engineFsOf(options) ?? diskFs;
  const index = (target: ProjectModel, f: string) => {
    const pf = readParsed(f, fs);
    if (!pf) return;
    options.onParsed?.(pf);
    if (indexable(pf)) target.update(f, pf.text, pf.xml, pf.lines);
  };
  const others = new Map<string, ProjectModel>();
  const modelAt = (r: string, make: () => ProjectModel) => others.get(r) ?? others.set(r, make()).get(r)!;
  if (options.scope === 'repository') {
    const repo = walkRepository(model, fs, (r) => modelAt(r, () => createProjectModel(r, options)));
    for (const f of repo.files) {
      if (f.scope.kind === 'secrets') continue;
      const scope = f.scope;
      index(scope.kind === 'project' ? f.project : modelAt(scope.root, () => createUnitModel(scope, f.project, options)), f.path);
    }
    return { model, files: repo.files.map((f) => f.path), dirs: [model.root], walked: repo.files, others, skipped: repo.skipped };
  }
  const dirs = projectDirs(model, fs);
  const seen = new Set<string>();
  const skipped: WalkResult['skipped'] = [];
  for (const dir of dirs) {
    const walk = walkEcaFiles(dir, fs);
    skipped.push(...walk.skipped);
    for (const f of walk.files) seen.add(f);
  }
  for (const f of seen) index(model, f);
  const files = [...seen];
  return { model, files, dirs, walked: files.map((path) => ({ path, scope: { kind: 'project' }, project: model })), others, skipped };
}
