// The engine's workspace: the project models of a folder tree, fed by walks of its file system
// (the engine's one walker, time-sliced) and by open documents, which win over the files. A
// document is parsed once per version and that one ParsedFile feeds both the project index and
// the rules. The workspace is the one place that knows which files a change affects (`Impact`),
// and it caches every file's diagnostics until a change invalidates them. Models come from the
// one loader (project/load.ts). Nothing here knows LSP or vscode: the server, the CLI and tests
// drive it; the file system is the disk on Node and the editor's workspace in the browser.
import { parseFile, decodeBytes, type ParsedFile } from './document';
import { classify, isEcaPath } from './files';
import { dirnameOf, type AsyncEngineFs, type EngineFs } from './fs';
import { diskFs, homeFolder } from './host/disk';
import { fileFacts, mergeImpact, noImpact, projectFacts, type Impact } from './impact';
import { ProjectModel, isInside, normalize, stripNamespace } from './project/model';
import { createProjectModel, indexable, readParsed, type ProjectOptions } from './project/load';
import { findProjectRoot, loadProjectFiles, nextTurn, scopeOf, walkEcaFilesAsync } from './project/scan';
import { readSfOrgs } from './project/orgs';
import { ProjectFindings } from './projectFindings';
import { checkParsed, checkSecretsOnly, type CheckOptions } from './check';
import type { EngineDiagnostic } from './types';
import type { ApiVersionOverride } from './project/apiVersion';

export { mergeImpact, noImpact, type Impact };
export { createProjectModel, loadProject, readParsed, type LoadOptions, type ProjectOptions } from './project/load';

const EVERYTHING = (): Impact => ({ files: new Set(), project: true, all: true });

export interface ScanStats { ecaFiles: number; ms: number; skipped: number }

export interface WorkspaceOptions extends Omit<ProjectOptions, 'fs'> {
  log?: (msg: string) => void;
  checkOptions?: CheckOptions;
  /** The file system the workspace reads (default: the disk). */
  fs?: EngineFs;
  /**
   * The same file system answered asynchronously, for scans (the browser's, through the
   * extension; a cache behind `fs` keeps what it read). Default: `fs`.
   */
  asyncFs?: AsyncEngineFs;
}

interface OpenDocument { version: number; parsed: ParsedFile }


export class EcaWorkspace {
  readonly models: ProjectModel[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  /** Every ECA file the walks found on disk (parsed or not: an unreadable encoding is still a file). */
  private readonly diskFiles = new Set<string>();
  /** Files parsed by a scan and not checked yet: the first check uses them instead of reading again. */
  private readonly scanned = new Map<string, ParsedFile>();
  private readonly fileDiags = new Map<string, EngineDiagnostic[]>();
  /** The project rules' answer, kept until a change they read happens. */
  private readonly project = new ProjectFindings({ models: () => this.models, checkOptions: () => this.checkOptions, log: (m) => this.log(m) });
  private options: WorkspaceOptions;
  /** Scans under way (requests answered meanwhile say `indexing`). */
  scanning = 0;

  /** The file system the workspace reads (the disk, or the browser's workspace through a cache). */
  readonly fs: EngineFs;

  constructor(options: WorkspaceOptions = {}) {
    this.options = { ...options };
    this.fs = options.fs ?? diskFs;
  }

  private log(msg: string): void { this.options.log?.(msg); }

  get checkOptions(): CheckOptions { return this.options.checkOptions ?? {}; }

  /** Settings changed: severities, disabled rules, production aliases. Everything is re-checked. */
  configure(change: { checkOptions?: CheckOptions; productionAliases?: string[]; apiVersion?: ApiVersionOverride | null }): Impact {
    if (change.checkOptions) this.options.checkOptions = change.checkOptions;
    if (change.apiVersion !== undefined) {
      this.options.apiVersion = change.apiVersion ?? undefined;
      for (const m of this.models) { m.apiVersionOverride = change.apiVersion ?? undefined; m.version++; }
    }
    if (change.productionAliases) {
      this.options.productionAliases = change.productionAliases;
      for (const m of this.models) { m.productionAliases = change.productionAliases; m.version++; }
    }
    return this.invalidateAll();
  }

  /** Re-read sf's aliases and auth files (after `sf org login` or `sf alias set`). */
  reloadOrgs(): Impact {
    for (const m of this.models) { m.orgs = this.options.fs ? m.orgs : readSfOrgs(this.options.home ?? homeFolder(), m.root); m.version++; }
    return this.invalidateAll();
  }

  invalidateAll(): Impact {
    this.fileDiags.clear();
    this.project.changed();
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
        const pf = this.docs.get(p)?.parsed ?? readParsed(p, this.fs);
        if (pf && indexable(pf)) m.update(p, pf.text, pf.xml, pf.lines);
      }
    }
    this.project.changed();
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
    return this.addRoot(findProjectRoot(p, this.fs) ?? dirnameOf(p));
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
    const impact = this.diskChanged(p, this.fs.stat(p) === undefined);
    impact.files.add(p);
    return impact;
  }

  /** A file's current text: the open editor's, else the disk's. */
  textOf(path: string): string | undefined {
    const d = this.docs.get(normalize(path));
    if (d) return d.parsed.text;
    try { return decodeBytes(this.fs.readFile(path)).text; } catch { return undefined; }
  }

  /** The parse of a file: the open document's at its version, else the disk's (read now). */
  parsed(path: string): ParsedFile | undefined {
    const p = normalize(path);
    return this.docs.get(p)?.parsed ?? this.scanned.get(p) ?? readParsed(p, this.fs) ?? undefined;
  }

  // ------------------------------------------------------------------------------------ disk

  /**
   * Index every ECA file below `dir` with the engine's walker. Walking, reading and parsing run in
   * slices of a few milliseconds so a server answers requests (an open file's diagnostics) meanwhile.
   * `keepParsed`: keep each parse until the file's first check (workspace diagnostics).
   */
  async scan(dir: string, opts: { keepParsed?: boolean; sliceMs?: number } = {}): Promise<ScanStats> {
    const t0 = performance.now();
    const stats: ScanStats = { ecaFiles: 0, ms: 0, skipped: 0 };
    const sliceMs = opts.sliceMs ?? 12;
    const fs = this.options.asyncFs ?? this.fs;
    this.scanning++;
    try {
      const top = normalize(dir);
      const walk = await walkEcaFilesAsync(top, fs, sliceMs);
      for (const s of walk.skipped) {
        stats.skipped++;
        if (stats.skipped <= 20) this.log(`scan: skipped ${s.path} (${s.reason})`);
      }
      const modelOfDir = this.nestedRoots();
      const mdapiCache = new Map<string, boolean>();
      let sliceStart = performance.now();
      for (const p of walk.files) {
        if (performance.now() - sliceStart > sliceMs) {
          await nextTurn();
          sliceStart = performance.now();
        }
        this.diskFiles.add(p);
        stats.ecaFiles++;
        if (this.docs.has(p)) continue;
        let model = modelOfDir(p.slice(0, p.lastIndexOf('/')));
        // The engine's answer to "how does this file count" (scan.ts scopeOf): a metadata-format
        // tree outside the package directories is its own project; other files outside them are
        // checked for committed secrets only and stay out of the project index.
        const scope = scopeOf(model, p, mdapiCache, this.fs);
        if (scope.kind === 'mdapi') model = this.modelAt(scope.root) ?? this.addRoot(scope.root);
        let buf: Uint8Array;
        try {
          const r = fs.readFile(p);
          buf = r instanceof Promise ? await r : r;
        } catch (e) {
          stats.skipped++;
          this.diskFiles.delete(p);
          if (stats.skipped <= 20) this.log(`scan: skipped ${p} (${(e as { code?: string }).code ?? 'unreadable'})`);
          continue;
        }
        const { text, encodingProblem } = decodeBytes(buf);
        const pf = parseFile(p, text, encodingProblem);
        if (indexable(pf) && scope.kind !== 'secrets') model.update(p, text, pf.xml, pf.lines);
        this.fileDiags.delete(p);
        if (opts.keepParsed) this.scanned.set(p, pf);
      }
      this.project.changed();
    } finally {
      this.scanning--;
    }
    stats.ms = Math.round(performance.now() - t0);
    return stats;
  }

  /** The model of each folder of a walk: the nearest sfdx-project.json below a known root, looked up once per folder. */
  private nestedRoots(): (dir: string) => ProjectModel {
    const rootOfDir = new Map<string, ProjectModel>();
    const modelOfDir = (d: string): ProjectModel => {
      const hit = rootOfDir.get(d);
      if (hit) return hit;
      const known = this.models.find((m) => m.root === d);
      let m: ProjectModel;
      if (known) m = known;
      else if (this.fs.stat(`${d}/sfdx-project.json`) !== undefined) m = this.addRoot(d);
      else {
        const up = dirnameOf(d);
        m = up === d || !this.models.some((x) => isInside(up, x.root)) ? this.modelFor(`${d}/x`) : modelOfDir(up);
      }
      rootOfDir.set(d, m);
      return m;
    };
    return modelOfDir;
  }

  /**
   * Before a root is added or a change is applied, let an asynchronous file system read what the
   * synchronous side will be asked (a folder's listing and its project files; a changed file).
   */
  async prefetch(path: string, change?: { deleted: boolean }): Promise<void> {
    const fs = this.options.asyncFs;
    if (!fs) return;
    if (change) await fs.changed?.(normalize(path), change.deleted);
    else await fs.readDir(normalize(path)).catch(() => undefined);
  }

  /** Whether `path` is a folder (asked asynchronously: a web worker's file system answers later). */
  async isDirectory(path: string): Promise<boolean> {
    const r = (this.options.asyncFs ?? this.fs).stat(normalize(path));
    return (r instanceof Promise ? await r : r) === 'dir';
  }

  /** A file changed on disk (watched-file event). Open documents ignore the disk until closed. */
  diskChanged(path: string, deleted: boolean): Impact {
    const p = normalize(path);
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (base === 'sfdx-project.json' || base === '.forceignore') {
      const model = this.modelFor(p);
      if (p === `${model.root}/${base}` || base === 'sfdx-project.json') {
        const m = base === 'sfdx-project.json' ? this.addRoot(dirnameOf(p)) : model;
        loadProjectFiles(m, this.fs);
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
    const scope = scopeOf(model, p, undefined, this.fs);
    if (scope.kind === 'mdapi') model = this.modelAt(scope.root) ?? this.addRoot(scope.root);
    this.scanned.delete(p);
    const pf = deleted ? null : readParsed(p, this.fs);
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
      const inProject = scopeOf(model, p, undefined, this.fs).kind === 'project';
      if (inProject && !model.components.has(p)) {
        const pf = readParsed(p, this.fs);
        if (pf && indexable(pf)) model.update(p, pf.text, pf.xml, pf.lines);
      } else if (!inProject && model.components.has(p)) model.remove(p);
    }
  }

  /** Re-index one file from its parse and compute what depends on the change. */
  private index(model: ProjectModel, p: string, pf: ParsedFile): Impact {
    const before = model.components.get(p);
    const isIndexed = classify(p)?.kind === 'eca' && indexable(pf);
    let touched: Set<string>;
    if (isIndexed) touched = model.update(p, pf.text, pf.xml, pf.lines);
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
    if (project) this.project.changed();
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
    return this.project.current().all;
  }

  projectDiagnosticsFor(path: string): readonly EngineDiagnostic[] {
    return this.project.current().byPath.get(normalize(path)) ?? [];
  }

  /**
   * The project diagnostics on a file as last computed, without running the project rules again:
   * for publishing a keystroke at once while the (debounced) project pass catches up.
   */
  lastProjectDiagnosticsFor(path: string): readonly EngineDiagnostic[] {
    return this.project.lastAnswer.byPath.get(normalize(path)) ?? [];
  }

  /** True when a change since the last project pass may change the project diagnostics. */
  get projectStale(): boolean { return this.project.stale; }

  /** Run the project rules ahead of time, giving the event loop a turn every `sliceMs` (projectFindings.ts). */
  refreshProject(sliceMs: number): Promise<void> { return this.project.refresh(sliceMs); }

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
