// The environments view of a project (pure: no vscode, no LSP, no I/O beyond the model's `fs`
// and the parses the owner passes in, `io.parsedOf`). It answers, from the project model and sfp's aliasfy
// semantics (see environments.ts), three questions:
//   - environments: which orgs exist and, per environment and ECA, which files each one receives
//     and from where, with the key OAuth policy settings and problem counts (this file);
//   - apps: each ECA with its deployment pattern, definition, policies per environment, packages
//     and deploy order (view/appDetail.ts);
//   - drift: ECA × environment × key setting, differences flagged (view/matrix.ts).
// It also computes the edits of the view's actions as engine Fixes (view/actions.ts). The index
// it caches per model version is built in view/envIndex.ts; the wire types are in view/types.ts.
import { RULE_BY_ID } from '../rules/catalogue';
import type { LineIndex } from '../text';
import { rootSettings } from '../xml/rootSettings';
import { OAUTH_POLICIES_TYPE } from '../schema';
import type { EngineDiagnostic, Fix } from '../types';
import { normalize, stripNamespace, type ComponentSummary, type ProjectModel } from './model';
import { appDetail, appInfo } from './view/appDetail';
import { buildIndex, envNote, receive } from './view/envIndex';
import { buildMatrix } from './view/matrix';
import { copySetting, scaffoldEnvironment } from './view/actions';
import { policyKindOf } from '../authoring/scaffold';
import {
  addProblems, count, KEY_SETTINGS, needsOwnCopy, pkgRef, zeroCounts, zeroProblems,
  type AppDetail, type AppInfo, type Env, type EnvAppInfo, type EnvironmentInfo, type Index, type Matrix, type Peer,
  type Problems, type ReceivedFile, type Settings, type Slot, type ViewIO,
} from './view/types';

export * from './view/types';

/** A file's root children as the view reads them: first value and element span per name. */
interface ReadSettings { values: Settings; spans: Map<string, [number, number]>; lines?: LineIndex }

/** The one environments view of a model; caches on the model's version. */
export class EnvironmentsView {
  private index: Index | undefined;
  private readonly settingsCache = new WeakMap<ComponentSummary, ReadSettings>();
  private projectCounts: { diags: readonly EngineDiagnostic[]; byPath: Map<string, Problems> } | undefined;

  constructor(readonly model: ProjectModel, readonly io: ViewIO) {}

  get root(): string { return this.model.root; }

  get name(): string {
    const m = this.model.sfdx ? /"name"\s*:\s*"([^"]*)"/.exec(this.model.sfdx.text) : null;
    return m?.[1] || this.model.root.slice(this.model.root.lastIndexOf('/') + 1);
  }

  /** The index at the model's current version (rebuilt when the model changed). */
  currentIndex(): Index {
    if (!this.index || this.index.version !== this.model.version) this.index = buildIndex(this.model);
    return this.index;
  }

  // ------------------------------------------------------------------ settings and problems

  /**
   * Direct child values of a file's root. Cached per indexed version of the file: the model
   * replaces a file's summary whenever its text changes (disk or editor), so the summary object
   * is the cache key and a cache hit reads nothing.
   */
  settingsOf(c: ComponentSummary): Settings {
    return this.readSettings(c).values;
  }

  /**
   * Why a setting's value cannot be read, or undefined when it can: the message of an error the one
   * checker (io.fileDiagnostics) reports inside the setting's element with a schema rule (catalogue
   * section 1: the platform cannot read the value and rejects the deploy).
   */
  settingError(c: ComponentSummary, name: string): string | undefined {
    const { spans, lines } = this.readSettings(c);
    const span = spans.get(name);
    if (!span || !lines) return undefined;
    for (const d of this.io.fileDiagnostics(c.path)) {
      if (d.severity !== 'error' || RULE_BY_ID.get(d.code)?.section !== 1) continue;
      const at = lines.offset(d.range.start);
      if (at >= span[0] && at <= span[1]) return d.message;
    }
    return undefined;
  }

  /** The settings of the indexed file at `path` (empty when it is not an indexed, readable file). */
  settingsAt(path: string): Settings {
    const c = this.model.components.get(normalize(path));
    return c ? this.settingsOf(c) : {};
  }

  private readSettings(c: ComponentSummary): ReadSettings {
    const hit = this.settingsCache.get(c);
    if (hit) return hit;
    const read: ReadSettings = { values: {}, spans: new Map() };
    const parsed = this.io.parsedOf(c.path);
    if (parsed) {
      read.lines = parsed.lines;
      for (const [n, s] of rootSettings(parsed)) {
        read.values[n] = s.value;
        read.spans.set(n, s.span);
      }
    }
    this.settingsCache.set(c, read);
    return read;
  }

  private keySettings(c: ComponentSummary): Settings | undefined {
    if (c.type !== OAUTH_POLICIES_TYPE) return undefined;
    const all = this.settingsOf(c);
    const out: Settings = {};
    for (const k of KEY_SETTINGS) if (all[k.name] !== undefined) out[k.name] = all[k.name];
    return out;
  }

  /** Problems of one file: the one checker's diagnostics of it (io.fileDiagnostics) plus the project diagnostics on it. */
  problemsOf(path: string): Problems {
    const diags = this.io.projectDiagnostics();
    if (this.projectCounts?.diags !== diags) {
      const byPath = new Map<string, Problems>();
      for (const d of diags) {
        let p = byPath.get(d.path);
        if (!p) byPath.set(d.path, (p = zeroProblems()));
        count(p, d);
      }
      this.projectCounts = { diags, byPath };
    }
    const p = normalize(path);
    const own = zeroProblems();
    for (const d of this.io.fileDiagnostics(p)) count(own, d);
    return addProblems(own, this.projectCounts.byPath.get(p) ?? zeroProblems());
  }

  // ------------------------------------------------------------------ environments tree

  environments(): EnvironmentInfo[] {
    const ix = this.currentIndex();
    return ix.envs.map((env) => {
      const counts = zeroCounts();
      let problems = zeroProblems();
      const seen = new Set<string>();
      for (const slot of ix.slots) {
        const r = receive(ix, env, slot);
        counts[r.status]++;
        if (r.comp && !seen.has(r.comp.path)) { seen.add(r.comp.path); problems = addProblems(problems, this.problemsOf(r.comp.path)); }
      }
      const folders = [...ix.folders].filter(([, set]) => set.has(env.name)).map(([pkg]) => `${pkg}/${env.name}`);
      const info: EnvironmentInfo = {
        root: this.root, name: env.name, kind: env.kind, sources: [...env.sources], username: env.username, folders,
        apps: ix.ecas.length, counts, problems, note: envNote(env), scaffoldable: needsOwnCopy(counts),
      };
      if (env.kind === 'default') {
        info.fallbackOrgs = ix.envs.filter((e) => (e.kind === 'sandbox' || e.kind === 'scratch') && ![...ix.folders.values()].some((s) => s.has(e.name))).map((e) => e.name);
      }
      return info;
    });
  }

  envNamed(name: string): Env | undefined {
    return this.currentIndex().envs.find((e) => e.name === name);
  }

  /** The ECAs under one environment, with the key settings it gets. */
  environmentApps(envName: string): EnvAppInfo[] {
    const ix = this.currentIndex();
    const env = this.envNamed(envName);
    if (!env) return [];
    return ix.ecas.map((eca) => {
      const files = this.environmentFiles(envName, eca);
      const counts = zeroCounts();
      let problems = zeroProblems();
      for (const f of files) { counts[f.status]++; problems = addProblems(problems, f.problems); }
      const pol = files.find((f) => f.type === OAUTH_POLICIES_TYPE && f.path);
      return {
        root: this.root, env: envName, eca,
        settings: pol?.settings,
        settingsFrom: pol?.path ? { path: pol.path, status: pol.status } : undefined,
        files: files.length, counts, problems,
        state: files.length === 0 ? 'none' : counts.missing > 0 ? 'missing' : 'complete',
        scaffoldable: needsOwnCopy(counts),
      };
    });
  }

  /** The files one environment receives for one ECA. */
  environmentFiles(envName: string, eca: string): ReceivedFile[] {
    const ix = this.currentIndex();
    const env = this.envNamed(envName);
    if (!env) return [];
    const name = stripNamespace(eca);
    return ix.slots.filter((s) => s.eca === name).map((slot) => this.fileOf(ix, env, slot));
  }

  fileOf(ix: Index, env: Env, slot: Slot): ReceivedFile {
    const r = receive(ix, env, slot);
    const peers: Peer[] = [];
    if (!slot.everyOrg) {
      for (const [e, c] of [...slot.byEnv].sort((a, b) => a[0].localeCompare(b[0]))) if (e !== env.name) peers.push({ env: e, path: c.path, status: 'own' });
    }
    return {
      root: this.root,
      env: env.name,
      eca: slot.eca,
      slot: slot.key,
      type: slot.type,
      name: slot.name,
      rel: slot.rel,
      package: pkgRef(slot.pkg),
      status: r.status,
      path: r.comp?.path,
      fromEnv: r.fromEnv,
      ownPath: slot.everyOrg ? undefined : slot.byEnv.get(env.name)?.path ?? `${slot.pkg.path}/${env.name}/${slot.rel}`,
      reason: r.reason,
      settings: r.comp ? this.keySettings(r.comp) : undefined,
      problems: r.comp ? this.problemsOf(r.comp.path) : zeroProblems(),
      peers,
      scaffoldable: slot.pkg.aliasfy && r.status !== 'own' && r.status !== 'every-org',
      ...(policyKindOf(slot.type) ? { policyKind: policyKindOf(slot.type) } : {}),
    };
  }

  // ------------------------------------------------------------------ apps, matrix, actions

  apps(): AppInfo[] {
    return this.currentIndex().ecas.map((eca) => appInfo(this, eca));
  }

  app(eca: string): AppDetail | undefined {
    return appDetail(this, eca);
  }

  matrix(): Matrix {
    return buildMatrix(this);
  }

  /** Copy one setting from `source` to `targets` (see view/actions.ts). Throws an Error meant for the user. */
  copySetting(source: string, setting: string, targets: string[]): { fix: Fix; unchanged: string[] } {
    return copySetting(this, source, setting, targets);
  }

  /** Create the files `envName` lacks in its own folder (see view/actions.ts). Never overwrites. */
  scaffold(envName: string, from: string | undefined, opts: { eca?: string; slot?: string } = {}): { fix: Fix; skipped: string[] } {
    return scaffoldEnvironment(this, envName, from, opts);
  }
}
