// The engine's workspace: the project models of a folder tree, fed by one walk of the disk (the
// engine's walker) and by open documents, which win over disk. A document is parsed once per
// version and that one ParsedFile feeds both the project index and the rules. The workspace is the
// one place that knows which files a change affects (`Impact`), and it caches every file's
// diagnostics until a change invalidates them. `loadProject` is the one way to assemble a model.
// Nothing here knows LSP or vscode: the server, the CLI and tests drive it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { parseFile, decodeBytes, type ParsedFile } from './document';
import { classify, isEcaPath } from './files';
import { ProjectModel, isInside, normalize, stripNamespace, type ComponentSummary, type ProjectFs } from './project/model';
import { findProjectRoot, loadProjectFiles, projectDirs, scopeOf, walkEcaFiles } from './project/scan';
import { NO_ORGS, readSfOrgs, type SfOrgs } from './project/orgs';
import { checkProjectRules } from './project/projectRules';
import { checkParsed, checkSecretsOnly, type CheckOptions } from './check';
import type { EngineDiagnostic } from './types';

// ------------------------------------------------------------------------------ one project model

export interface ProjectOptions {
  /** Aliases marked as production (setting eca.productionAliases, CLI --production-alias). */
  productionAliases?: string[];
  /** The home folder holding sf's state (~/.sf, ~/.sfdx); default $HOME. */
  home?: string;
  /** sf's orgs when the caller knows them already (or NO_ORGS); then ~/.sf is not read. */
  orgs?: SfOrgs;
  /**
   * The file system project rules read. When given, the model reads nothing from disk:
   * sfdx-project.json and .forceignore come from `sfdxProject` and `forceignore` (absent: none)
   * and orgs from `orgs` (absent: none). For in-memory projects (plans, tests).
   */
  fs?: ProjectFs;
  /** The text of sfdx-project.json to use instead of the disk's (null: there is none). */
  sfdxProject?: string | null;
  /** The text of .forceignore to use instead of the disk's (null: there is none); only with `fs`. */
  forceignore?: string | null;
}

export interface LoadOptions extends ProjectOptions {
  /** Receives every ECA file read and parsed while indexing (the CLI checks them without a second parse). */
  onParsed?: (file: ParsedFile) => void;
}

/** A model of the project at `root`: sfdx-project.json, .forceignore, sf orgs and options; no files yet. */
export function createProjectModel(root: string, options: ProjectOptions = {}): ProjectModel {
  const model = new ProjectModel(root);
  const sfdxPath = `${model.root.replace(/\/$/, '')}/sfdx-project.json`;
  if (options.fs) {
    model.fs = options.fs;
    if (options.sfdxProject != null) model.setSfdxProject(sfdxPath, options.sfdxProject);
    if (options.forceignore != null) model.setForceignore(options.forceignore);
    model.orgs = options.orgs ?? NO_ORGS;
  } else {
    loadProjectFiles(model);
    if (options.sfdxProject !== undefined) model.setSfdxProject(sfdxPath, options.sfdxProject);
    model.orgs = options.orgs ?? readSfOrgs(options.home ?? (process.env.HOME || homedir()), model.root);
  }
  model.productionAliases = options.productionAliases ?? [];
  return model;
}

/** Read and parse one file from disk, or null when it cannot be read. */
export function readParsed(path: string): ParsedFile | null {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch { return null; }
  const { text, encodingProblem } = decodeBytes(buf);
  return parseFile(path, text, encodingProblem);
}

/**
 * The project at `root`, fully indexed: one walk of its package directories (or of the root when it
 * has none), every ECA file read and parsed once. For batch callers (CLI, migration, authoring).
 */
export function loadProject(root: string, options: LoadOptions = {}): { model: ProjectModel; files: string[]; dirs: string[] } {
  const model = createProjectModel(root, options);
  const dirs = projectDirs(model);
  const seen = new Set<string>();
  for (const dir of dirs) for (const f of walkEcaFiles(dir).files) seen.add(f);
  for (const f of seen) {
    const pf = readParsed(f);
    if (!pf) continue;
    options.onParsed?.(pf);
    if (!pf.encodingProblem && !pf.tooLarge) model.update(f, pf.text, pf.xml, pf.lines);
  }
  return { model, files: [...seen], dirs };
}

// ------------------------------------------------------------------------------------- workspace

/** What a change affects: the caller re-publishes these files (and project diagnostics). */
export interface Impact {
  /** Files whose own diagnostics may have changed (the changed file included). */
  files: Set<string>;
  /** Project rules (sections 4–5) must run again. */
  project: boolean;
  /** Everything must be checked again (sfdx-project.json, .forceignore, settings, orgs). */
  all: boolean;
}

/** A change that affects nothing (a fresh object each time: callers may add to it). */
export const noImpact = (): Impact => ({ files: new Set<string>(), project: false, all: false });

/** Fold `b` into `a` (a checkout reports many files in one event). */
export function mergeImpact(a: Impact, b: Impact): Impact {
  for (const f of b.files) a.files.add(f);
  a.project ||= b.project;
  a.all ||= b.all;
  return a;
}
const EVERYTHING = (): Impact => ({ files: new Set(), project: true, all: true });

export interface ScanStats { ecaFiles: number; ms: number; skipped: number }

export interface WorkspaceOptions extends ProjectOptions {
  log?: (msg: string) => void;
  checkOptions?: CheckOptions;
}

interface OpenDocument { version: number; parsed: ParsedFile }

/** The facts other files' single-file rules read (header state, link presence, membership). */
function fileFacts(s: ComponentSummary | undefined): string {
  // Rotation and scopes: refresh-token-never-expires (a policies file rule) reads them from the app's other files.
  return s ? `${s.type}|${s.eca}|${s.distributionState}|${s.hasOauthLinkElement}|${s.isRefreshTokenRotationEnabled}|${s.oauthScopes}` : '';
}
/** Everything project rules read, ranges included (their diagnostics point into this file). */
function projectFacts(s: ComponentSummary | undefined): string {
  return s ? JSON.stringify(s) : '';
}

export class EcaWorkspace {
  readonly models: ProjectModel[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  /** Every ECA file the walks found on disk (parsed or not: an unreadable encoding is still a file). */
  private readonly diskFiles = new Set<string>();
  /** Files parsed by a scan and not checked yet: the first check uses them instead of reading again. */
  private readonly scanned = new Map<string, ParsedFile>();
  private readonly fileDiags = new Map<string, EngineDiagnostic[]>();
  private projectDiags: { all: EngineDiagnostic[]; byPath: Map<string, EngineDiagnostic[]> } = { all: [], byPath: new Map() };
  /** The project rules' answer is out of date (a change they read happened since). */
  private projectDirty = true;
  private options: WorkspaceOptions;
  /** Scans under way (requests answered meanwhile say `indexing`). */
  scanning = 0;

  constructor(options: WorkspaceOptions = {}) {
    this.options = { ...options };
  }

  private log(msg: string): void { this.options.log?.(msg); }

  get checkOptions(): CheckOptions { return this.options.checkOptions ?? {}; }

  /** Settings changed: severities, disabled rules, production aliases. Everything is re-checked. */
  configure(change: { checkOptions?: CheckOptions; productionAliases?: string[] }): Impact {
    if (change.checkOptions) this.options.checkOptions = change.checkOptions;
    if (change.productionAliases) {
      this.options.productionAliases = change.productionAliases;
      for (const m of this.models) { m.productionAliases = change.productionAliases; m.version++; }
    }
    return this.invalidateAll();
  }

  /** Re-read sf's aliases and auth files (after `sf org login` or `sf alias set`). */
  reloadOrgs(): Impact {
    for (const m of this.models) { m.orgs = readSfOrgs(this.options.home ?? (process.env.HOME || homedir()), m.root); m.version++; }
    return this.invalidateAll();
  }

  invalidateAll(): Impact {
    this.fileDiags.clear();
    this.projectDirty = true;
    return EVERYTHING();
  }

  // ---------------------------------------------------------------------------------- models

  addRoot(root: string): ProjectModel {
    const r = normalize(root);
    const existing = this.models.find((m) => m.root === r);
    if (existing) return existing;
    const m = createProjectModel(r, this.options);
    this.models.push(m);
    // Files indexed into an enclosing project before this one existed belong here now.
    for (const other of this.models) {
      if (other === m || !isInside(r, other.root)) continue;
      for (const p of [...other.components.keys()]) {
        if (!isInside(p, r)) continue;
        other.remove(p);
        const pf = this.docs.get(p)?.parsed ?? readParsed(p);
        if (pf && !pf.encodingProblem && !pf.tooLarge) m.update(p, pf.text, pf.xml, pf.lines);
      }
    }
    this.projectDirty = true;
    return m;
  }

  modelAt(root: string): ProjectModel | undefined {
    const r = normalize(root);
    return this.models.find((m) => m.root === r);
  }

  /** The model a file belongs to: the deepest project root containing it, created on demand. */
  modelFor(path: string): ProjectModel {
    const p = normalize(path);
    let best: ProjectModel | undefined;
    for (const m of this.models) if (isInside(p, m.root) && (!best || m.root.length > best.root.length)) best = m;
    if (best) return best;
    return this.addRoot(findProjectRoot(p) ?? dirname(p));
  }

  // ------------------------------------------------------------------------------- documents

  isOpen(path: string): boolean { return this.docs.has(normalize(path)); }

  /** The parse of an open document at its current version. */
  document(path: string): { version: number; parsed: ParsedFile } | undefined { return this.docs.get(normalize(path)); }

  openPaths(): string[] { return [...this.docs.keys()]; }

  /**
   * An editor opened or changed a document: parse it once for this version, index it, and say what
   * depends on the change. The editor's text wins over disk until the document is closed.
   */
  setDocument(path: string, text: string, version: number): Impact {
    const p = normalize(path);
    const have = this.docs.get(p);
    if (have && have.version === version && have.parsed.text === text) return { files: new Set([p]), project: false, all: false };
    const parsed = parseFile(p, text);
    this.docs.set(p, { version, parsed });
    this.scanned.delete(p);
    // An sfdx-project.json opened before any watcher event announced it (a nested project just
    // created) makes its folder a project root, as a disk change does.
    const model = p.endsWith('/sfdx-project.json') ? this.addRoot(p.slice(0, -'/sfdx-project.json'.length)) : this.modelFor(p);
    if (p === `${model.root}/sfdx-project.json`) {
      // The editor's text of sfdx-project.json is the truth while it is open (unsaved edits too).
      model.setSfdxProject(p, text);
      this.rescope(model);
      return this.invalidateAll();
    }
    return this.index(model, p, parsed);
  }

  /** The editor closed a document: the disk is the truth again. */
  closeDocument(path: string): Impact {
    const p = normalize(path);
    if (!this.docs.delete(p)) return noImpact();
    const impact = this.diskChanged(p, !existsSync(p));
    impact.files.add(p);
    return impact;
  }

  /** A file's current text: the open editor's, else the disk's. */
  textOf(path: string): string | undefined {
    const d = this.docs.get(normalize(path));
    if (d) return d.parsed.text;
    try { return decodeBytes(readFileSync(path)).text; } catch { return undefined; }
  }

  /** The parse of a file: the open document's at its version, else the disk's (read now). */
  parsed(path: string): ParsedFile | undefined {
    const p = normalize(path);
    return this.docs.get(p)?.parsed ?? this.scanned.get(p) ?? readParsed(p) ?? undefined;
  }

  // ------------------------------------------------------------------------------------ disk

  /**
   * Index every ECA file below `dir` from disk with the engine's walker. Reading and parsing run in
   * slices of a few milliseconds so a server answers requests (an open file's diagnostics) meanwhile.
   * `keepParsed`: keep each parse until the file's first check (workspace diagnostics).
   */
  async scan(dir: string, opts: { keepParsed?: boolean; sliceMs?: number } = {}): Promise<ScanStats> {
    const t0 = performance.now();
    const stats: ScanStats = { ecaFiles: 0, ms: 0, skipped: 0 };
    const sliceMs = opts.sliceMs ?? 12;
    this.scanning++;
    try {
      const top = normalize(dir);
      const walk = walkEcaFiles(top);
      for (const s of walk.skipped) {
        stats.skipped++;
        if (stats.skipped <= 20) this.log(`scan: skipped ${s.path} (${s.reason})`);
      }
      // Nested projects: the nearest sfdx-project.json below a known root, looked up once per folder.
      const rootOfDir = new Map<string, ProjectModel>();
      const modelOfDir = (d: string): ProjectModel => {
        const hit = rootOfDir.get(d);
        if (hit) return hit;
        const known = this.models.find((m) => m.root === d);
        let m: ProjectModel;
        if (known) m = known;
        else if (existsSync(`${d}/sfdx-project.json`)) m = this.addRoot(d);
        else {
          const up = dirname(d);
          m = up === d || !this.models.some((x) => isInside(up, x.root)) ? this.modelFor(`${d}/x`) : modelOfDir(up);
        }
        rootOfDir.set(d, m);
        return m;
      };
      const mdapiCache = new Map<string, boolean>();
      let sliceStart = performance.now();
      for (const p of walk.files) {
        if (performance.now() - sliceStart > sliceMs) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
        this.diskFiles.add(p);
        stats.ecaFiles++;
        if (this.docs.has(p)) continue;
        let model = modelOfDir(p.slice(0, p.lastIndexOf('/')));
        // The engine's answer to "how does this file count" (scan.ts scopeOf): a metadata-format
        // tree outside the package directories is its own project; other files outside them are
        // checked for committed secrets only and stay out of the project index.
        const scope = scopeOf(model, p, mdapiCache);
        if (scope.kind === 'mdapi') model = this.modelAt(scope.root) ?? this.addRoot(scope.root);
        let buf: Buffer;
        try {
          buf = readFileSync(p);
        } catch (e) {
          stats.skipped++;
          this.diskFiles.delete(p);
          if (stats.skipped <= 20) this.log(`scan: skipped ${p} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
          continue;
        }
        const { text, encodingProblem } = decodeBytes(buf);
        const pf = parseFile(p, text, encodingProblem);
        if (!encodingProblem && !pf.tooLarge && scope.kind !== 'secrets') model.update(p, text, pf.xml, pf.lines);
        this.fileDiags.delete(p);
        if (opts.keepParsed) this.scanned.set(p, pf);
      }
      this.projectDirty = true;
    } finally {
      this.scanning--;
    }
    stats.ms = Math.round(performance.now() - t0);
    return stats;
  }

  /** A file changed on disk (watched-file event). Open documents ignore the disk until closed. */
  diskChanged(path: string, deleted: boolean): Impact {
    const p = normalize(path);
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (base === 'sfdx-project.json' || base === '.forceignore') {
      const model = this.modelFor(p);
      if (p === `${model.root}/${base}` || base === 'sfdx-project.json') {
        const m = base === 'sfdx-project.json' ? this.addRoot(dirname(p)) : model;
        loadProjectFiles(m);
        // An open sfdx-project.json stays the truth: a .forceignore event (or its own, for an edit
        // not saved yet) must not bring back the disk's older package layout.
        const open = this.docs.get(`${m.root}/sfdx-project.json`);
        if (open) m.setSfdxProject(`${m.root}/sfdx-project.json`, open.parsed.text);
        this.rescope(m);
        return this.invalidateAll();
      }
      return noImpact();
    }
    if (this.docs.has(p) || !isEcaPath(p)) return noImpact();
    let model = this.modelFor(p);
    const scope = scopeOf(model, p);
    if (scope.kind === 'mdapi') model = this.modelAt(scope.root) ?? this.addRoot(scope.root);
    this.scanned.delete(p);
    const pf = deleted ? null : readParsed(p);
    if (!pf) {
      this.diskFiles.delete(p);
      const before = model.components.get(p);
      const touched = model.remove(p);
      return this.affected(model, p, touched, before !== undefined);
    }
    this.diskFiles.add(p);
    if (scope.kind === 'secrets') {
      this.fileDiags.delete(p);
      return { files: new Set([p]), project: false, all: false };
    }
    return this.index(model, p, pf);
  }

  /**
   * Package directories changed: files that moved into them join the project index, files that
   * left them leave it (they keep the secret checks).
   */
  private rescope(model: ProjectModel): void {
    for (const p of this.diskFiles) {
      if (this.docs.has(p) || this.modelFor(p) !== model) continue;
      const inProject = scopeOf(model, p).kind === 'project';
      if (inProject && !model.components.has(p)) {
        const pf = readParsed(p);
        if (pf && !pf.encodingProblem && !pf.tooLarge) model.update(p, pf.text, pf.xml, pf.lines);
      } else if (!inProject && model.components.has(p)) model.remove(p);
    }
  }

  /** Re-index one file from its parse and compute what depends on the change. */
  private index(model: ProjectModel, p: string, pf: ParsedFile): Impact {
    const before = model.components.get(p);
    const indexable = classify(p)?.kind === 'eca' && !pf.encodingProblem && !pf.tooLarge;
    let touched: Set<string>;
    if (indexable) touched = model.update(p, pf.text, pf.xml, pf.lines);
    else if (before) touched = model.remove(p);
    else touched = new Set();
    const after = model.components.get(p);
    const factsChanged = fileFacts(before) !== fileFacts(after);
    const impact = this.affected(model, p, factsChanged ? touched : new Set(), factsChanged || projectFacts(before) !== projectFacts(after));
    return impact;
  }

  /** The impact of a change to `p` whose cross-file facts touched the ECAs `touched`. */
  private affected(model: ProjectModel, p: string, touched: Set<string>, project: boolean): Impact {
    const files = new Set<string>([p]);
    for (const eca of touched) for (const c of model.componentsOf(eca)) files.add(c.path);
    // A satellite naming an unknown ECA reads the list of headers ("did you mean").
    for (const f of files) this.fileDiags.delete(f);
    if (project) this.projectDirty = true;
    return { files, project, all: false };
  }

  // ----------------------------------------------------------------------------- diagnostics

  /**
   * Every ECA file a whole-workspace check covers: what the walks found plus open ECA documents.
   * Files outside the package directories and .forceignore'd files are covered too, by the secret
   * checks only (see `fullyChecked`), as the CLI does.
   */
  ecaFiles(): string[] {
    const out = new Set<string>(this.diskFiles);
    for (const p of this.docs.keys()) if (classify(p)?.kind === 'eca') out.add(p);
    return [...out].sort();
  }

  /** Whether a whole-workspace check covers this file (see ecaFiles). */
  covers(path: string): boolean {
    const p = normalize(path);
    return this.diskFiles.has(p) || (this.docs.has(p) && classify(p)?.kind === 'eca');
  }

  /**
   * Every rule (inside a package directory, or a metadata-format tree, or a project without package
   * directories; open documents always) or the secret checks only (elsewhere, or .forceignore'd).
   */
  fullyChecked(path: string): boolean {
    const p = normalize(path);
    if (this.docs.has(p)) return true;
    return this.modelFor(p).isChecked(p);
  }

  /** The single-file diagnostics of a file at its current content (cached until a change affects it). */
  fileDiagnostics(path: string): EngineDiagnostic[] {
    const p = normalize(path);
    const hit = this.fileDiags.get(p);
    if (hit) return hit;
    const pf = this.parsed(p);
    this.scanned.delete(p);
    const model = this.modelFor(p);
    const diags = !pf ? [] : this.fullyChecked(p) ? checkParsed(pf, model, this.checkOptions) : checkSecretsOnly(pf, model, this.checkOptions);
    this.fileDiags.set(p, diags);
    return diags;
  }

  /** Project-level diagnostics of every model (recomputed when a change made them stale). */
  projectDiagnostics(): readonly EngineDiagnostic[] {
    return this.project().all;
  }

  projectDiagnosticsFor(path: string): readonly EngineDiagnostic[] {
    return this.project().byPath.get(normalize(path)) ?? [];
  }

  /**
   * The project diagnostics on a file as last computed, without running the project rules again:
   * for publishing a keystroke at once while the (debounced) project pass catches up.
   */
  lastProjectDiagnosticsFor(path: string): readonly EngineDiagnostic[] {
    return this.projectDiags.byPath.get(normalize(path)) ?? [];
  }

  /** True when a change since the last project pass may change the project diagnostics. */
  get projectStale(): boolean { return this.projectDirty; }

  private project(): { all: EngineDiagnostic[]; byPath: Map<string, EngineDiagnostic[]> } {
    if (!this.projectDirty) return this.projectDiags;
    const all: EngineDiagnostic[] = [];
    for (const m of this.models) {
      try { all.push(...checkProjectRules(m, this.checkOptions)); } catch (e) { this.log(`project rules failed: ${(e as Error).stack}`); }
    }
    const byPath = new Map<string, EngineDiagnostic[]>();
    for (const d of all) {
      const list = byPath.get(d.path);
      if (list) list.push(d); else byPath.set(d.path, [d]);
    }
    this.projectDirty = false;
    return (this.projectDiags = { all, byPath });
  }

  /** A file's diagnostics: its own checks plus the project diagnostics that land on it. */
  diagnostics(path: string): EngineDiagnostic[] {
    return this.fileDiagnostics(path).concat(this.projectDiagnosticsFor(path));
  }

  /** The ECA a file belongs to (namespace prefix dropped), if it is an indexed component. */
  ecaOf(path: string): string | undefined {
    const p = normalize(path);
    const c = this.modelFor(p).components.get(p);
    return c?.eca ? stripNamespace(c.eca) : undefined;
  }
}
