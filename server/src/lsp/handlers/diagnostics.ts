// Publishing diagnostics: which files to (re)publish after a change, when, and what. The engine's
// workspace says what a change affects (Impact) and caches each file's diagnostics; this handler
// schedules the publications (a keystroke at once, bursts coalesced, large batches in time slices
// so an open file is never kept waiting), runs the project rules debounced, and keeps the record of
// exactly what was published, from which the problems summary (eca/problemsSummary) is counted.
import { applyOptions, checkFile, normalize, type EngineDiagnostic, type Impact } from '../../engine';
import { connectedAppInsights } from '../../migration/insights';
import { isConnectedAppFile } from '../../migration/connectedApp';
import { pathToUri, toLspDiagnostic, uriToPath } from '../convert';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { toCheckOptions } from '../settings';
import { PROBLEMS_METHODS, type ProblemsSummary, type SeverityCounts } from '../protocol';

export interface Diagnostics {
  /** Re-check and re-publish what a change affected. `burst`: the edit came fast after another. */
  apply(impact: Impact, opts?: { burst?: boolean; first?: string }): void;
  /** Check and publish everything in scope again (settings, sfdx-project.json, end of a scan). */
  revalidateAll(): void;
  /** Resolves once nothing is waiting to be published (the files scheduled so far are out). */
  idle(): Promise<number>;
  /** A document was closed: re-publish it from disk (workspace scope) or keep only project findings. */
  closed(path: string): void;
  /** A file's diagnostics at its current content, as they are (or are about to be) published. */
  current(path: string): readonly EngineDiagnostic[];
  summary(): ProblemsSummary;
}

/**
 * Edits less than BURST_MS apart (a script, a paste storm, a replay — no person types that fast)
 * wait BURST_MS so the stale versions in between are never validated.
 */
const BURST_MS = 4;
/** Project rules run this long after the last change that needs them. */
const PROJECT_DELAY_MS = 50;
/**
 * A batch of files is checked for at most this long before the event loop gets a turn. A request
 * that arrives during a workspace pass waits a few turns (read, answer, write), so the slice is
 * short; a turn costs microseconds, so short slices do not slow the pass.
 */
const SLICE_MS = 5;
const SUMMARY_DELAY_MS = 100;

const zero = (): SeverityCounts => ({ errors: 0, warnings: 0, infos: 0, hints: 0 });
function add(c: SeverityCounts, d: EngineDiagnostic): void {
  if (d.severity === 'error') c.errors++;
  else if (d.severity === 'warning') c.warnings++;
  else if (d.severity === 'information') c.infos++;
  else c.hints++;
}

export function registerDiagnostics(ctx: ServerContext): Diagnostics {
  const { connection, documents, workspace: ws } = ctx;
  const pending = new Set<string>();
  /** Every file with a non-empty publication: path → the engine diagnostics sent. */
  const published = new Map<string, EngineDiagnostic[]>();
  /** Project diagnostics per path as of the last project pass (to re-publish only what changed). */
  let projectKeys = new Map<string, string>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushImmediate: ReturnType<typeof setImmediate> | undefined;
  let projectTimer: ReturnType<typeof setTimeout> | undefined;
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  const idleWaiters: ((sent: number) => void)[] = [];
  /** Publications sent (for the log line after a full pass). */
  let sent = 0;
  /** Whole-workspace passes still running their project rules (idle() waits for them too). */
  let refreshing = 0;

  const openDoc = (path: string) => documents.get(pathToUri(path));
  /**
   * The open documents by path: a pass of thousands of files asks "is it open?" of each, and
   * building a URI per file to ask `documents` cost more than the publication itself.
   */
  function openDocs(): Map<string, TextDocument> {
    const byPath = new Map<string, TextDocument>();
    for (const d of documents.all()) {
      const p = normalize(uriToPath(d.uri));
      // The same test as documents.get(pathToUri(p)): a git: or untitled: document is not the file.
      if (pathToUri(p) === d.uri) byPath.set(p, d);
    }
    return byPath;
  }
  const workspaceScope = () => ctx.settings.validationScope === 'workspace';

  function schedule(path: string, burst = false): void {
    pending.add(path);
    if (burst) {
      if (flushImmediate) { clearImmediate(flushImmediate); flushImmediate = undefined; }
      if (!flushTimer) flushTimer = setTimeout(flush, BURST_MS);
      return;
    }
    if (!flushTimer && !flushImmediate) flushImmediate = setImmediate(flush);
  }

  function flush(): void {
    if (flushTimer) { clearTimeout(flushTimer); flushTimer = undefined; }
    flushImmediate = undefined;
    const t0 = performance.now();
    // Open documents first: they are what the user is looking at. The rest in the order scheduled,
    // for one slice (no copy of the pending set per slice: a pass over 20,000 files has many).
    const docs = openDocs();
    for (const [p, doc] of docs) if (pending.delete(p)) publish(p, doc);
    for (const p of pending) {
      if (performance.now() - t0 > SLICE_MS) break;
      pending.delete(p);
      publish(p, undefined);
    }
    if (pending.size && !flushTimer && !flushImmediate) flushImmediate = setImmediate(flush);
    if (!pending.size && !refreshing && idleWaiters.length) for (const w of idleWaiters.splice(0)) w(sent);
  }

  /** What a file shows now: its own checks (when in scope) plus the project findings on it. */
  function diagnosticsOf(path: string, open: boolean): EngineDiagnostic[] {
    const project = ws.lastProjectDiagnosticsFor(path);
    if (open && isConnectedAppFile(path)) {
      // Connected App files are read-only here: an offer to migrate, and hovers naming the ECA equivalents.
      // Plus the rules that declare Connected App files (connected-app-new).
      const text = ws.textOf(path) ?? '';
      const opts = toCheckOptions(ctx.settings);
      return applyOptions(connectedAppInsights(path, text).diagnostics, opts).concat(checkFile(path, text, ws.modelFor(path), opts), project);
    }
    if (open || (workspaceScope() && ws.covers(path))) return ws.fileDiagnostics(path).concat(project);
    return [...project];
  }

  /** Publish one file; `doc`: its open document (looked up once per pass by the caller). */
  function publish(path: string, doc: TextDocument | undefined): void {
    try {
      const diags = diagnosticsOf(path, !!doc);
      if (!doc && !diags.length && !published.has(path)) return;
      if (diags.length) published.set(path, diags); else published.delete(path);
      void connection.sendDiagnostics({ uri: pathToUri(path), version: doc?.version, diagnostics: diags.map(toLspDiagnostic) });
      sent++;
      summaryChanged();
    } catch (e) {
      ctx.log(`validation failed for ${path}: ${(e as Error).stack}`);
    }
  }

  function scheduleProject(): void {
    if (projectTimer) return;
    projectTimer = setTimeout(() => {
      projectTimer = undefined;
      // The rules in slices first; if a change made that run stale, projectPass runs them at once.
      void ws.refreshProject(SLICE_MS).then(projectPass).catch((e) => ctx.log(`project pass failed: ${(e as Error).stack}`));
    }, PROJECT_DELAY_MS);
  }

  /** Run the project rules if stale and re-publish the files whose project findings changed. */
  function projectPass(): void {
    const keys = new Map<string, string>();
    for (const d of ws.projectDiagnostics()) keys.set(d.path, (keys.get(d.path) ?? '') + JSON.stringify(d));
    for (const [p, k] of keys) if (projectKeys.get(p) !== k) schedule(p);
    for (const p of projectKeys.keys()) if (!keys.has(p)) schedule(p);
    projectKeys = keys;
    for (const l of ctx.projectListeners) l();
  }

  function everything(): Set<string> {
    const all = new Set<string>(published.keys());
    for (const d of documents.all()) all.add(normalize(uriToPath(d.uri)));
    if (workspaceScope()) for (const p of ws.ecaFiles()) all.add(p);
    for (const d of ws.projectDiagnostics()) all.add(d.path);
    return all;
  }

  function revalidateAll(): void {
    ws.invalidateAll();
    // The project rules first (in slices: requests are answered meanwhile), so each file is then
    // published once, with its project findings.
    refreshing++;
    void ws.refreshProject(SLICE_MS).then(() => {
      projectPass();
      for (const p of everything()) pending.add(p);
    }).catch((e) => ctx.log(`workspace pass failed: ${(e as Error).stack}`)).finally(() => {
      refreshing--;
      if (!flushTimer && !flushImmediate) flushImmediate = setImmediate(flush);
    });
  }

  function apply(impact: Impact, opts: { burst?: boolean; first?: string } = {}): void {
    if (impact.all) { revalidateAll(); return; }
    if (opts.first) schedule(opts.first, opts.burst);
    for (const p of impact.files) if (p !== opts.first) schedule(p, opts.burst);
    if (impact.project) scheduleProject();
  }

  function closed(path: string): void {
    // Workspace scope: the file keeps its problems (now from disk); otherwise project findings only.
    publishNow(path);
  }

  function publishNow(path: string): void {
    pending.delete(path);
    const diags = diagnosticsOf(path, false);
    if (diags.length) published.set(path, diags); else published.delete(path);
    void connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: diags.map(toLspDiagnostic) });
    summaryChanged();
  }

  function summary(): ProblemsSummary {
    const total = zero();
    const files: ProblemsSummary['files'] = [];
    const apps = new Map<string, ProblemsSummary['apps'][number]>();
    for (const [path, diags] of [...published].sort((a, b) => a[0].localeCompare(b[0]))) {
      const counts = zero();
      for (const d of diags) { add(counts, d); add(total, d); }
      const root = ws.modelFor(path).root;
      const eca = ws.ecaOf(path);
      files.push({ uri: pathToUri(path), path, root, eca, counts });
      if (eca === undefined) continue;
      const key = `${root}\u0000${eca}`;
      let app = apps.get(key);
      if (!app) apps.set(key, (app = { root, eca, counts: zero(), files: 0 }));
      app.files++;
      for (const d of diags) add(app.counts, d);
    }
    return { scope: ctx.settings.validationScope, indexing: ws.scanning > 0, total, files, apps: [...apps.values()] };
  }

  function summaryChanged(): void {
    if (summaryTimer) return;
    summaryTimer = setTimeout(() => {
      summaryTimer = undefined;
      void connection.sendNotification(PROBLEMS_METHODS.summaryChanged, summary());
    }, SUMMARY_DELAY_MS);
  }

  connection.onRequest(PROBLEMS_METHODS.summary, () => summary());

  const idle = (): Promise<number> => {
    const from = sent;
    if (!pending.size && !refreshing) return Promise.resolve(0);
    return new Promise((r) => idleWaiters.push((n) => r(n - from)));
  };

  return { apply, revalidateAll, idle, closed, current: (p) => diagnosticsOf(normalize(p), !!openDoc(p)), summary };
}
