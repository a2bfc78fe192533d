// The environments view of a project (pure: no vscode, no LSP, no I/O beyond the model's `fs`
// and the `textOf` the owner passes in). It answers, from the project model and sfp's aliasfy
// semantics (see environments.ts), three questions:
//   - environments: which orgs exist (alias folders ∪ sf aliases ∪ production aliases ∪ default),
//     and per environment and ECA which files each one receives and from where (its own folder,
//     the default/ fallback, merged from default/, every org, or nothing: production never falls
//     back), with the key OAuth policy settings and problem counts;
//   - apps: each ECA with its deployment pattern (1 or 2), definition, OAuth settings, policies
//     per environment, packages and deploy order;
//   - drift: ECA × environment × key setting, differences flagged.
// It also computes the edits of the view's actions (copy a setting across environments, scaffold
// a missing environment) as engine Fixes, so the server hands the client a WorkspaceEdit.
import { parseFile } from '../document';
import { checkParsed, type CheckOptions } from '../check';
import { localName, valueOf, type XmlElement } from '../xml/scanner';
import { accepts, type FieldInfo, GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE, TYPE_BY_NAME, TYPES } from '../schema';
import { LineIndex } from '../text';
import type { EngineDiagnostic, Fix, TextEdit } from '../types';
import { normalize, stripNamespace, type ComponentSummary, type PackageDir, type ProjectModel } from './model';
import { aliasKind } from './orgs';
import { defaultPolicyText, environmentOf } from './environments';

const TYPE_FOLDERS = new Set(TYPES.filter((t) => t.folder).map((t) => t.folder!));

// ------------------------------------------------------------------------------------------ types

/** What an environment is; `default` is the fallback folder itself, not an org. */
export type EnvKind = 'production' | 'sandbox' | 'scratch' | 'devhub' | 'unknown' | 'default';
/** Why an environment is listed. */
export type EnvSource = 'folder' | 'sf' | 'setting' | 'default';
/**
 * How an environment gets one file:
 * - `own`: the file in the folder named like the alias (for `default`: the default/ file itself);
 * - `merged`: merge mode merges default/ into the environment's own folder;
 * - `fallback`: a sandbox or scratch org without its own folder gets default/;
 * - `fallback-if-sandbox`: the org's kind is unknown; it gets default/ only if it is a sandbox or scratch org;
 * - `every-org`: the file is in a package without aliasfy, deployed to every org;
 * - `missing`: other environments have this file, this one gets nothing.
 */
export type ReceiveStatus = 'own' | 'merged' | 'fallback' | 'fallback-if-sandbox' | 'every-org' | 'missing';

export interface Problems { errors: number; warnings: number; infos: number }

export interface PackageRef {
  name?: string;
  rel: string;
  path: string;
  type: string;
  index: number;
  aliasfy: boolean;
  mergeMode: boolean;
  postDeploymentScript?: string;
}

export interface EnvironmentInfo {
  root: string;
  name: string;
  kind: EnvKind;
  sources: EnvSource[];
  /** The sf username behind the alias, when known. */
  username?: string;
  /** Absolute paths of this environment's folders in aliasfy packages. */
  folders: string[];
  /** ECAs listed under this environment. */
  apps: number;
  /** Files by how this environment receives them. */
  counts: Record<ReceiveStatus, number>;
  problems: Problems;
  /** One sentence on how sfp treats this environment. */
  note: string;
  /** For `default`: the known orgs that fall back to it. */
  fallbackOrgs?: string[];
}

/** The key OAuth policy settings (element name → raw value). */
export type Settings = Record<string, string>;

export interface KeySetting { name: string; label: string; /** Differs per environment by design (run-as user). */ variesByDesign?: boolean }

export const KEY_SETTINGS: readonly KeySetting[] = [
  { name: 'isClientCredentialsFlowEnabled', label: 'Client credentials' },
  { name: 'clientCredentialsFlowUser', label: 'Run-as user', variesByDesign: true },
  { name: 'ipRelaxationPolicyType', label: 'IP relaxation' },
  { name: 'refreshTokenPolicyType', label: 'Refresh token policy' },
  { name: 'refreshTokenValidityPeriod', label: 'Refresh token validity' },
  { name: 'refreshTokenValidityUnit', label: 'Refresh token unit' },
  { name: 'permittedUsersPolicyType', label: 'Permitted users' },
  { name: 'requiredSessionLevel', label: 'Session level' },
];

export interface Peer { env: string; path: string; status: ReceiveStatus }

export interface ReceivedFile {
  root: string;
  env: string;
  eca: string;
  /** Identifies the file across environments: package path | type | path inside the environment folder. */
  slot: string;
  type: string;
  /** Component name (file name without suffix). */
  name: string;
  /** Path inside the environment folder, e.g. `extlClntAppOauthPolicies/X_oauthPlcy.ecaOauthPlcy-meta.xml`. */
  rel: string;
  package: PackageRef;
  status: ReceiveStatus;
  /** The file this environment receives (absent when missing). */
  path?: string;
  /** The environment folder the received file sits in (`default` for fallbacks and merges). */
  fromEnv?: string;
  /** Where this environment's own copy is or would be (aliasfy packages). */
  ownPath?: string;
  reason: string;
  /** Key settings (OAuth policies only). */
  settings?: Settings;
  problems: Problems;
  /** The same file as other environments have it (their own copies only). */
  peers: Peer[];
}

export interface EnvAppInfo {
  root: string;
  env: string;
  eca: string;
  /** Key settings from the OAuth policies this environment receives. */
  settings?: Settings;
  settingsFrom?: { path: string; status: ReceiveStatus };
  files: number;
  counts: Record<ReceiveStatus, number>;
  problems: Problems;
  /** `none`: no policy files anywhere (the platform's defaults apply after install). */
  state: 'none' | 'complete' | 'missing';
}

export interface FileRef { path: string; type: string; name: string; package?: PackageRef; problems: Problems; env?: string }

export interface OAuthInfo extends FileRef { scopes?: string; oauthLink?: string; linkOrgId?: string; callbackUrl?: string }

export interface PatternEvidence { pattern: 1 | 2; fact: string }

export interface DeployStep { package: PackageRef; holds: string[] }

export interface AppInfo {
  root: string;
  eca: string;
  pattern: 1 | 2 | null;
  evidence: PatternEvidence[];
  distributionState?: string;
  header?: FileRef;
  problems: Problems;
}

export interface AppDetail extends AppInfo {
  oauthSettings: OAuthInfo[];
  /** Other satellites outside aliasfy packages (global OAuth settings, mobile, canvas …). */
  otherFiles: FileRef[];
  bootstrap?: { script: string; path: string; exists: boolean; package: PackageRef };
  deployOrder: DeployStep[];
  /** Per environment, the files it receives for this app. */
  policies: { env: string; kind: EnvKind; files: ReceivedFile[] }[];
  notes: string[];
}

/** Which ECA component a matrix row describes, in deploy order. */
export type MatrixComponent = 'header' | 'oauthSettings' | 'globalOAuth' | 'policies' | 'oauthPolicies';
export interface MatrixCell {
  status: ReceiveStatus | 'none';
  value?: string;
  path?: string;
  differs: boolean;
  /**
   * What the org ends up with when the value is not its own copy's: on a missing file what it
   * keeps ("keeps the org's current OAuth policies (not deployed)"), on a fallback "default/ copy".
   */
  keeps?: string;
  /** The value cannot be read (not a valid boolean, enum value or number): an error, never drift. */
  error?: string;
}
export interface MatrixRow {
  eca: string;
  component: MatrixComponent;
  /**
   * An element name, or `file` for the row of which file each environment gets. OAuth policies
   * rows use the bare names (`file`, `ipRelaxationPolicyType` …); the other components prefix
   * theirs with the component (`header.file`, `header.distributionState`, `oauthSettings.file` …).
   */
  setting: string;
  label: string;
  cells: MatrixCell[];
  /** Among the readable values only: invalid cells are counted in `errors`, not as drift. */
  drift: 'none' | 'drift' | 'expected';
  /** Cells whose value cannot be read. */
  errors: number;
}
export interface Matrix { root: string; name: string; environments: { name: string; kind: EnvKind }[]; rows: MatrixRow[] }

interface MatrixPart { component: MatrixComponent; type: string; label: string; what: string; settings: readonly KeySetting[] }

/** The components of an ECA an org receives, in deploy order, with the settings the matrix shows. */
export const MATRIX_PARTS: readonly MatrixPart[] = [
  { component: 'header', type: HEADER_TYPE, label: 'ECA header', what: 'app header', settings: [{ name: 'distributionState', label: 'Distribution state' }] },
  { component: 'oauthSettings', type: OAUTH_SETTINGS_TYPE, label: 'OAuth settings', what: 'OAuth settings', settings: [{ name: 'commaSeparatedOauthScopes', label: 'OAuth scopes' }, { name: 'oauthLink', label: 'OAuth link' }] },
  { component: 'globalOAuth', type: GLOBAL_OAUTH_TYPE, label: 'Global OAuth settings', what: 'global OAuth settings', settings: [{ name: 'callbackUrl', label: 'Callback URL' }, { name: 'isClientCredentialsFlowEnabled', label: 'Client credentials (global)' }, { name: 'isPkceRequired', label: 'PKCE required' }] },
  { component: 'policies', type: POLICIES_TYPE, label: 'Policies', what: 'policies', settings: [{ name: 'isEnabled', label: 'Enabled' }, { name: 'isOauthPluginEnabled', label: 'OAuth plugin' }] },
  { component: 'oauthPolicies', type: OAUTH_POLICIES_TYPE, label: 'OAuth policies', what: 'OAuth policies', settings: KEY_SETTINGS },
];

export interface ViewIO {
  /** A file's current text: the open editor's when it is open, else the disk's. */
  textOf(path: string): string | undefined;
  /** Project-level diagnostics (sections 4–5) as last published. */
  projectDiagnostics(): readonly EngineDiagnostic[];
  /** Severity overrides and disabled rules. */
  options(): CheckOptions | undefined;
  /**
   * A file's own diagnostics as the workspace computed (and the server published) them. When
   * given, counts come from here, so the trees show the Problems panel's numbers.
   */
  fileDiagnostics?(path: string): readonly EngineDiagnostic[];
}

// ------------------------------------------------------------------------------------------ index

interface Slot {
  key: string;
  pkg: PackageDir;
  eca: string;
  type: string;
  name: string;
  rel: string;
  /** env → component (aliasfy packages), or '*' → component (every org). */
  byEnv: Map<string, ComponentSummary>;
  everyOrg: boolean;
}

interface Env { name: string; kind: EnvKind; sources: Set<EnvSource>; username?: string }

interface Index {
  version: number;
  envs: Env[];
  /** aliasfy package path → its environment folder names. */
  folders: Map<string, Set<string>>;
  slots: Slot[];
  ecas: string[];
}

const STATUSES: ReceiveStatus[] = ['own', 'merged', 'fallback', 'fallback-if-sandbox', 'every-org', 'missing'];
const zeroCounts = (): Record<ReceiveStatus, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReceiveStatus, number>;
const zeroProblems = (): Problems => ({ errors: 0, warnings: 0, infos: 0 });
const addProblems = (a: Problems, b: Problems): Problems => ({ errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos });
function count(p: Problems, d: EngineDiagnostic): void {
  if (d.severity === 'error') p.errors++; else if (d.severity === 'warning') p.warnings++; else p.infos++;
}

function isPolicyType(type: string): boolean {
  return !!TYPE_BY_NAME.get(type)?.suffix?.endsWith('Plcy');
}

export function pkgRef(p: PackageDir): PackageRef {
  return { name: p.name, rel: p.rel, path: p.path, type: p.type, index: p.index, aliasfy: p.aliasfy, mergeMode: p.mergeMode, postDeploymentScript: p.postDeploymentScript };
}

const KIND_ORDER: Record<EnvKind, number> = { production: 0, devhub: 1, sandbox: 2, unknown: 3, scratch: 4, default: 5 };

/** The one environments view of a model; caches on the model's version. */
export class EnvironmentsView {
  private index: Index | undefined;
  private readonly settingsCache = new WeakMap<ComponentSummary, Settings>();
  private readonly fileProblemCache = new WeakMap<ComponentSummary, { deps: unknown[]; problems: Problems }>();
  private projectCounts: { diags: readonly EngineDiagnostic[]; byPath: Map<string, Problems> } | undefined;

  constructor(readonly model: ProjectModel, private readonly io: ViewIO) {}

  get root(): string { return this.model.root; }

  get name(): string {
    const m = this.model.sfdx ? /"name"\s*:\s*"([^"]*)"/.exec(this.model.sfdx.text) : null;
    return m?.[1] || this.model.root.slice(this.model.root.lastIndexOf('/') + 1);
  }

  // ------------------------------------------------------------------ building the index

  private build(): Index {
    const m = this.model;
    if (this.index && this.index.version === m.version) return this.index;
    const folders = new Map<string, Set<string>>();
    const slots = new Map<string, Slot>();
    const envNames = new Map<string, Env>();
    const addEnv = (name: string, source: EnvSource) => {
      let e = envNames.get(name);
      if (!e) envNames.set(name, (e = { name, kind: 'unknown', sources: new Set() }));
      e.sources.add(source);
    };
    addEnv('default', 'default');
    for (const pkg of m.sfdx?.packageDirs ?? []) {
      if (!pkg.aliasfy) continue;
      const set = new Set<string>();
      for (const d of m.fs.listDirs(pkg.path)) {
        if (d.startsWith('.') || TYPE_FOLDERS.has(d)) continue;
        if (d === 'main') { if (m.fs.listDirs(`${pkg.path}/main`).includes('default')) set.add('default'); continue; }
        set.add(d);
      }
      folders.set(pkg.path, set);
    }
    for (const s of m.components.values()) {
      if (s.eca === undefined || s.eca === '' || m.isIgnored(s.path)) continue;
      const pkg = m.packageOf(s.path);
      const eca = stripNamespace(s.eca);
      if (pkg?.aliasfy) {
        const place = environmentOf(pkg, s.path);
        if (!place.env) continue; // loose file: never deployed (aliasfy-loose-file)
        folders.get(pkg.path)?.add(place.env);
        const key = `${pkg.path}|${s.type}|${place.rel}`;
        let slot = slots.get(key);
        if (!slot) slots.set(key, (slot = { key, pkg, eca, type: s.type, name: s.name, rel: place.rel, byEnv: new Map(), everyOrg: false }));
        slot.byEnv.set(place.env, s);
      } else if (isPolicyType(s.type)) {
        const key = `${pkg?.path ?? ''}|${s.type}|${s.path}`;
        slots.set(key, { key, pkg: pkg ?? pseudoPackage(m), eca, type: s.type, name: s.name, rel: s.path.slice(s.path.lastIndexOf('/') + 1), byEnv: new Map([['*', s]]), everyOrg: true });
      }
    }
    for (const set of folders.values()) for (const f of set) addEnv(f, 'folder');
    for (const a of m.orgs.aliases.keys()) addEnv(a, 'sf');
    for (const a of m.productionAliases) addEnv(a, 'setting');
    for (const e of envNames.values()) {
      e.kind = e.name === 'default' && !m.orgs.aliases.has('default') ? 'default'
        : m.productionAliases.includes(e.name) ? 'production'
        : aliasKind(m.orgs, e.name);
      e.username = m.orgs.aliases.get(e.name);
    }
    const envs = [...envNames.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
    const ecas = new Set(m.ecaNames());
    for (const s of slots.values()) ecas.add(s.eca);
    this.index = {
      version: m.version,
      envs,
      folders,
      slots: [...slots.values()].sort((a, b) => a.eca.localeCompare(b.eca) || a.pkg.index - b.pkg.index || a.type.localeCompare(b.type) || a.rel.localeCompare(b.rel)),
      ecas: [...ecas].sort((a, b) => a.localeCompare(b)),
    };
    return this.index;
  }

  /** How `env` receives `slot`. */
  private receive(ix: Index, env: Env, slot: Slot): { status: ReceiveStatus; comp?: ComponentSummary; fromEnv?: string; reason: string } {
    const pkgName = slot.pkg.name ?? slot.pkg.rel;
    if (slot.everyOrg) {
      return { status: 'every-org', comp: slot.byEnv.get('*'), reason: `'${pkgName}' has no aliasfy: every org that installs it gets this file.` };
    }
    const def = slot.byEnv.get('default');
    if (env.name === 'default' && env.kind === 'default') {
      return def ? { status: 'own', comp: def, fromEnv: 'default', reason: 'The default/ folder: what sandboxes and scratch orgs without a folder of their own receive.' }
        : { status: 'missing', reason: `default/ lacks this file: sandboxes and scratch orgs without a folder of their own get none.` };
    }
    const own = slot.byEnv.get(env.name);
    if (own) return { status: 'own', comp: own, fromEnv: env.name, reason: `From its own folder ${env.name}/ (sfp deploys the folder named exactly like the org's alias).` };
    const hasFolder = ix.folders.get(slot.pkg.path)?.has(env.name) ?? false;
    if (hasFolder) {
      if (slot.pkg.mergeMode && def) return { status: 'merged', comp: def, fromEnv: 'default', reason: `Merge mode merges default/ into ${env.name}/, which has no copy of its own.` };
      return { status: 'missing', reason: `${env.name}/ exists in '${pkgName}' but lacks this file, and without merge mode sfp deploys only that folder.` };
    }
    if (env.kind === 'sandbox' || env.kind === 'scratch') {
      return def ? { status: 'fallback', comp: def, fromEnv: 'default', reason: `No ${env.name}/ folder: as a ${env.kind} org it falls back to default/.` }
        : { status: 'missing', reason: `No ${env.name}/ folder and no default/ file to fall back to.` };
    }
    if (env.kind === 'unknown') {
      return def ? { status: 'fallback-if-sandbox', comp: def, fromEnv: 'default', reason: `No ${env.name}/ folder: the org gets default/ only if it is a sandbox or scratch org (its kind is not known on this machine); a production org gets nothing and the install fails.` }
        : { status: 'missing', reason: `No ${env.name}/ folder and no default/ file to fall back to.` };
    }
    return { status: 'missing', reason: `No ${env.name}/ folder: ${env.kind === 'devhub' ? 'a DevHub is a production org, and ' : ''}production never falls back to default/ (flxbl-io/sfp#119), so it gets nothing and the install of '${pkgName}' fails.` };
  }

  // ------------------------------------------------------------------ settings and problems

  /**
   * Direct child values of a file's root. Cached per indexed version of the file: the model
   * replaces a file's summary whenever its text changes (disk or editor), so the summary object
   * is the cache key and a cache hit reads nothing.
   */
  private settingsOf(c: ComponentSummary): Settings {
    const hit = this.settingsCache.get(c);
    if (hit) return hit;
    const values: Settings = {};
    const text = this.io.textOf(c.path);
    if (text !== undefined) {
      const parsed = parseFile(c.path, text);
      for (const ch of parsed.xml.root?.children ?? []) {
        const n = localName(ch.name);
        if (!(n in values)) values[n] = valueOf(ch);
      }
    }
    this.settingsCache.set(c, values);
    return values;
  }

  private keySettings(c: ComponentSummary): Settings | undefined {
    if (c.type !== OAUTH_POLICIES_TYPE) return undefined;
    const all = this.settingsOf(c);
    const out: Settings = {};
    for (const k of KEY_SETTINGS) if (all[k.name] !== undefined) out[k.name] = all[k.name];
    return out;
  }

  /**
   * The file's own checks, cached per file version and per the facts they read from the project
   * (sfdx-project.json, .forceignore, the app's header and global OAuth settings, the options), so
   * an edit elsewhere re-checks nothing here.
   */
  private fileProblems(c: ComponentSummary, opts: CheckOptions | undefined, optKey: string): Problems {
    if (this.io.fileDiagnostics) {
      const problems = zeroProblems();
      for (const d of this.io.fileDiagnostics(c.path)) count(problems, d);
      return problems;
    }
    const m = this.model;
    const deps: unknown[] = [optKey, m.sfdx, m.forceignoreContent, m.productionAliases.join(','),
      ...(c.eca ? m.componentsOf(c.eca).filter((x) => x.type === HEADER_TYPE || x.type === GLOBAL_OAUTH_TYPE) : [])];
    const hit = this.fileProblemCache.get(c);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.problems;
    const problems = zeroProblems();
    const text = this.io.textOf(c.path);
    if (text !== undefined) for (const d of checkParsed(parseFile(c.path, text), m, opts)) count(problems, d);
    this.fileProblemCache.set(c, { deps, problems });
    return problems;
  }

  /** Problems of one file: its own checks plus the project diagnostics on it. */
  problemsOf(path: string): Problems {
    const diags = this.io.projectDiagnostics();
    const opts = this.io.options();
    const optKey = JSON.stringify(opts ?? {});
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
    const c = this.model.components.get(p);
    let own: Problems;
    if (c) own = this.fileProblems(c, opts, optKey);
    else if (this.io.fileDiagnostics) {
      own = zeroProblems();
      for (const d of this.io.fileDiagnostics(p)) count(own, d);
    } else {
      own = zeroProblems();
      const text = this.io.textOf(p);
      if (text !== undefined) for (const d of checkParsed(parseFile(p, text), this.model, opts)) count(own, d);
    }
    return addProblems(own, this.projectCounts.byPath.get(p) ?? zeroProblems());
  }

  // ------------------------------------------------------------------ environments tree

  environments(): EnvironmentInfo[] {
    const ix = this.build();
    return ix.envs.map((env) => {
      const counts = zeroCounts();
      let problems = zeroProblems();
      const seen = new Set<string>();
      for (const slot of ix.slots) {
        const r = this.receive(ix, env, slot);
        counts[r.status]++;
        if (r.comp && !seen.has(r.comp.path)) { seen.add(r.comp.path); problems = addProblems(problems, this.problemsOf(r.comp.path)); }
      }
      const folders = [...ix.folders].filter(([, set]) => set.has(env.name)).map(([pkg]) => `${pkg}/${env.name}`);
      const info: EnvironmentInfo = {
        root: this.root, name: env.name, kind: env.kind, sources: [...env.sources], username: env.username, folders,
        apps: ix.ecas.length, counts, problems, note: envNote(env),
      };
      if (env.kind === 'default') {
        info.fallbackOrgs = ix.envs.filter((e) => (e.kind === 'sandbox' || e.kind === 'scratch') && ![...ix.folders.values()].some((s) => s.has(e.name))).map((e) => e.name);
      }
      return info;
    });
  }

  private env(name: string): Env | undefined {
    return this.build().envs.find((e) => e.name === name);
  }

  /** The ECAs under one environment, with the key settings it gets. */
  environmentApps(envName: string): EnvAppInfo[] {
    const ix = this.build();
    const env = this.env(envName);
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
      };
    });
  }

  /** The files one environment receives for one ECA. */
  environmentFiles(envName: string, eca: string): ReceivedFile[] {
    const ix = this.build();
    const env = this.env(envName);
    if (!env) return [];
    const name = stripNamespace(eca);
    return ix.slots.filter((s) => s.eca === name).map((slot) => this.fileOf(ix, env, slot));
  }

  private fileOf(ix: Index, env: Env, slot: Slot): ReceivedFile {
    const r = this.receive(ix, env, slot);
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
    };
  }

  // ------------------------------------------------------------------ apps tree

  apps(): AppInfo[] {
    return this.build().ecas.map((eca) => this.appInfo(eca));
  }

  private appInfo(eca: string): AppInfo {
    const m = this.model;
    const comps = m.componentsOf(eca);
    const header = comps.find((c) => c.type === HEADER_TYPE);
    const hp = header ? m.packageOf(header.path) : undefined;
    const evidence: PatternEvidence[] = [];
    if (header) {
      if (hp) {
        const pn = hp.name ?? hp.rel;
        if (hp.type === 'unlocked' || hp.type === 'org-dependent') evidence.push({ pattern: 1, fact: `the header is in the ${hp.type} package '${pn}'${hp.explicitType ? '' : ' (package + versionNumber, no sfp type)'}` });
        else if (hp.type === 'source') evidence.push({ pattern: 2, fact: `the header is in the source package '${pn}'` });
        if (hp.postDeploymentScript) evidence.push({ pattern: 2, fact: `'${pn}' runs the postDeploymentScript ${hp.postDeploymentScript} (OAuth bootstrap)` });
      }
      if (header.distributionState === 'Packaged') evidence.push({ pattern: 1, fact: 'distributionState is Packaged' });
      else if (header.distributionState === 'Local' || header.distributionState === undefined) evidence.push({ pattern: 2, fact: `distributionState is Local${header.distributionState === undefined ? ' (not set)' : ''}` });
    }
    if (comps.some((c) => c.type === OAUTH_SETTINGS_TYPE && c.oauthLink)) evidence.push({ pattern: 1, fact: 'its OAuth settings carry an oauthLink retrieved from the DevHub' });
    const one = evidence.filter((e) => e.pattern === 1).length;
    const two = evidence.filter((e) => e.pattern === 2).length;
    let problems = zeroProblems();
    for (const c of comps) problems = addProblems(problems, this.problemsOf(c.path));
    return {
      root: this.root,
      eca,
      pattern: one > two ? 1 : two > one ? 2 : null,
      evidence,
      distributionState: header?.distributionState,
      header: header ? this.fileRef(header) : undefined,
      problems,
    };
  }

  private fileRef(c: ComponentSummary): FileRef {
    const pkg = this.model.packageOf(c.path);
    return { path: c.path, type: c.type, name: c.name, package: pkg ? pkgRef(pkg) : undefined, problems: this.problemsOf(c.path), env: pkg?.aliasfy ? environmentOf(pkg, c.path).env : undefined };
  }

  app(eca: string): AppDetail | undefined {
    const ix = this.build();
    const name = stripNamespace(eca);
    if (!ix.ecas.includes(name)) return undefined;
    const m = this.model;
    const info = this.appInfo(name);
    const comps = m.componentsOf(name);
    const oauthSettings: OAuthInfo[] = comps.filter((c) => c.type === OAUTH_SETTINGS_TYPE).map((c) => {
      const s = this.settingsOf(c);
      const link = c.oauthLink;
      return { ...this.fileRef(c), scopes: s.commaSeparatedOauthScopes, oauthLink: link, linkOrgId: link && /^00D[0-9A-Za-z]{12}/.test(link) ? link.slice(0, 15) : undefined, callbackUrl: s.callbackUrl };
    });
    const otherFiles = comps.filter((c) => c.type !== HEADER_TYPE && c.type !== OAUTH_SETTINGS_TYPE && !m.packageOf(c.path)?.aliasfy && !isPolicyType(c.type)).map((c) => this.fileRef(c));
    const hp = info.header ? m.packageOf(info.header.path) : undefined;
    let bootstrap: AppDetail['bootstrap'];
    if (hp?.postDeploymentScript) {
      const rel = hp.postDeploymentScript;
      const abs = rel.startsWith('/') ? normalize(rel) : `${m.root}/${rel.replace(/^\.\//, '')}`;
      bootstrap = { script: rel, path: abs, exists: m.fs.exists(abs), package: pkgRef(hp) };
    }
    // Deploy order: the packages holding any part of the app, in packageDirectories order.
    const steps = new Map<number, DeployStep>();
    const hold = (p: PackageDir | undefined, what: string) => {
      if (!p) return;
      let st = steps.get(p.index);
      if (!st) steps.set(p.index, (st = { package: pkgRef(p), holds: [] }));
      if (!st.holds.includes(what)) st.holds.push(what);
    };
    for (const c of comps) {
      const p = m.packageOf(c.path);
      const what = c.type === HEADER_TYPE ? 'ECA header' : c.type === OAUTH_SETTINGS_TYPE ? 'OAuth settings' : isPolicyType(c.type) ? (p?.aliasfy ? 'policies per environment (aliasfy)' : 'policies') : c.type;
      hold(p, what);
      if (c.type === HEADER_TYPE && p?.postDeploymentScript) hold(p, `OAuth bootstrap (${p.postDeploymentScript})`);
    }
    const policies = ix.envs.map((env) => ({ env: env.name, kind: env.kind, files: ix.slots.filter((s) => s.eca === name).map((s) => this.fileOf(ix, env, s)) }));
    const notes: string[] = [];
    if (info.pattern === 1) {
      notes.push('Packaged ECAs installed on production are replicated to sandboxes on refresh.');
      notes.push('Install the package on the DevHub first: consumer orgs reach its OAuth consumer through the oauthLink.');
    } else if (info.pattern === 2) {
      notes.push('Local ECAs are not replicated to sandboxes on refresh: redeploy the header, run the bootstrap and deploy the policies after each refresh.');
      notes.push('Every org gets its own OAuth consumer (own key and secret) from the bootstrap script.');
    }
    if (!ix.slots.some((s) => s.eca === name)) notes.push('No policy files: each org keeps the policies the platform generates on install (client credentials off).');
    notes.push('Deploy order is enforced by the platform: ECA → OAuth → policies; sfp installs packages in packageDirectories order.');
    return { ...info, oauthSettings, otherFiles, bootstrap, deployOrder: [...steps.values()].sort((a, b) => a.package.index - b.package.index), policies, notes };
  }

  // ------------------------------------------------------------------ drift matrix

  /**
   * Per ECA and component (header, OAuth settings, global OAuth settings, policies, OAuth
   * policies): which file each environment receives, what it keeps without one, and the key
   * settings, invalid values as errors and drift among the readable values.
   */
  matrix(): Matrix {
    const ix = this.build();
    const m = this.model;
    const rows: MatrixRow[] = [];
    const defIdx = ix.envs.findIndex((e) => e.kind === 'default');
    for (const eca of ix.ecas) {
      for (const part of MATRIX_PARTS) {
        const prefix = part.component === 'oauthPolicies' ? '' : `${part.component}.`;
        // Sources: the app's files of this type in aliasfy packages (per environment), then
        // those outside aliasfy packages (every org).
        const slots = ix.slots.filter((s) => s.eca === eca && s.type === part.type);
        const everyOrg = m.componentsOf(eca).filter((c) => c.type === part.type && !m.isIgnored(c.path) && !m.packageOf(c.path)?.aliasfy && !slots.some((s) => s.byEnv.get('*') === c));
        if (!slots.length && !everyOrg.length) {
          if (part.component !== 'oauthPolicies') continue;
          // No OAuth policy files at all: every org keeps what the platform generates on install.
          rows.push({ eca, component: part.component, setting: 'file', label: part.label, drift: 'none', errors: 0,
            cells: ix.envs.map(() => ({ status: 'none' as const, differs: false, keeps: 'platform defaults on install (client credentials off)' })) });
          continue;
        }
        const perEnv = ix.envs.map((env) => {
          for (const s of slots) {
            const r = this.receive(ix, env, s);
            if (r.comp) return { status: r.status, comp: r.comp };
          }
          if (everyOrg[0]) return { status: 'every-org' as ReceiveStatus, comp: everyOrg[0] };
          return { status: 'missing' as ReceiveStatus, comp: undefined };
        });
        const fileRow: MatrixRow = {
          eca, component: part.component, setting: `${prefix}file`, label: part.label, drift: 'none', errors: 0,
          cells: perEnv.map((p, i) => ({
            status: p.status, value: p.comp ? statusValue(p.status, p.comp, m) : undefined, path: p.comp?.path, differs: p.status === 'missing',
            keeps: keepsOf(p.status, ix.envs[i], part.what, true),
          })),
        };
        if (fileRow.cells.some((c) => c.status === 'missing')) fileRow.drift = 'drift';
        rows.push(fileRow);
        const fields = TYPE_BY_NAME.get(part.type)?.fieldMap;
        for (const k of part.settings) {
          const field = fields?.get(k.name);
          const cells: MatrixCell[] = perEnv.map((p, i) => {
            const v = p.comp ? this.settingsOf(p.comp)[k.name] : undefined;
            const cell: MatrixCell = { status: p.status, value: v, path: p.comp?.path, differs: false };
            const keeps = keepsOf(p.status, ix.envs[i], part.what, false);
            if (keeps) cell.keeps = keeps;
            const error = v !== undefined && field ? invalidValue(field, v) : undefined;
            if (error) cell.error = error;
            return cell;
          });
          if (cells.every((c) => c.value === undefined)) continue;
          // Settings are compared among the environments that receive a file and whose value can
          // be read; the file row flags those that get none, `errors` counts the unreadable ones.
          const present = cells.filter((c) => c.status !== 'missing' && !c.error);
          const values = new Set(present.map((c) => c.value ?? ''));
          const baseline = defIdx >= 0 && cells[defIdx].status !== 'missing' && !cells[defIdx].error ? cells[defIdx].value ?? '' : mostCommon(present.map((c) => c.value ?? ''));
          const drift: MatrixRow['drift'] = values.size < 2 ? 'none' : k.variesByDesign ? 'expected' : 'drift';
          for (const c of cells) c.differs = drift !== 'none' && c.status !== 'missing' && !c.error && (c.value ?? '') !== baseline;
          rows.push({ eca, component: part.component, setting: `${prefix}${k.name}`, label: k.label, cells, drift, errors: cells.filter((c) => c.error).length });
        }
      }
    }
    return { root: this.root, name: this.name, environments: ix.envs.map((e) => ({ name: e.name, kind: e.kind })), rows };
  }

  // ------------------------------------------------------------------ actions

  /**
   * Copy one setting (an element of the file's root) from `source` to each of `targets`, changing
   * only the element's value (or inserting it in alphabetical place, or removing it when the
   * source lacks it). Throws an Error whose message is meant for the user.
   */
  copySetting(source: string, setting: string, targets: string[]): { fix: Fix; unchanged: string[] } {
    const m = this.model;
    const src = m.components.get(normalize(source));
    if (!src) throw new Error(`${source} is not an indexed ECA file.`);
    const type = TYPE_BY_NAME.get(src.type);
    const field = type?.fieldMap.get(setting);
    if (!field || field.kind === 'complex' || field.multiple) throw new Error(`${setting} is not a single-valued setting of ${src.type}.`);
    const srcText = this.io.textOf(src.path);
    if (srcText === undefined) throw new Error(`Cannot read ${src.path}.`);
    const srcEl = childNamed(parseFile(src.path, srcText).xml.root, setting);
    const raw = srcEl ? rawContent(srcText, srcEl) : undefined;
    const value = srcEl ? valueOf(srcEl) : undefined;
    const fix: Fix = { title: `Copy ${setting} to ${targets.length} environment(s)`, changes: [] };
    const unchanged: string[] = [];
    for (const t of targets) {
      const tp = normalize(t);
      const tc = m.components.get(tp);
      if (!tc) throw new Error(`${t} is not an indexed ECA file.`);
      if (tp === src.path) throw new Error('The source and the target are the same file.');
      if (tc.type !== src.type || stripNamespace(tc.eca ?? '') !== stripNamespace(src.eca ?? '')) throw new Error(`${t} is not the same kind of file of the same External Client App.`);
      const pkg = m.packageOf(tp);
      const env = pkg?.aliasfy ? environmentOf(pkg, tp).env : undefined;
      if (env === 'default' && ((setting === 'isClientCredentialsFlowEnabled' && value?.toLowerCase() === 'true') || (setting === 'clientCredentialsFlowUser' && value))) {
        throw new Error('default/ must keep client credentials off: scratch-org usernames are generated, so the deploy fails ("Enter a valid execution user for the OAuth client credentials flow").');
      }
      const text = this.io.textOf(tp);
      if (text === undefined) throw new Error(`Cannot read ${tp}.`);
      const edits = setElementEdits(text, setting, raw);
      if (edits.length) fix.changes.push({ kind: 'edit', path: tp, edits }); else unchanged.push(tp);
    }
    return { fix, unchanged };
  }

  /**
   * Create the files `env` lacks (or receives only through default/) in its own folder, copied
   * from environment `from`; for default/ the copy has client credentials off and no run-as user.
   * Limited to one ECA or one slot when given. Never overwrites: files that exist are skipped.
   */
  scaffold(envName: string, from: string | undefined, opts: { eca?: string; slot?: string } = {}): { fix: Fix; skipped: string[] } {
    const ix = this.build();
    const env = this.env(envName);
    if (!env) throw new Error(`No environment named ${envName}.`);
    const fix: Fix = { title: `Scaffold ${envName}/`, changes: [] };
    const skipped: string[] = [];
    for (const slot of ix.slots) {
      if (slot.everyOrg) continue;
      if (opts.eca && slot.eca !== stripNamespace(opts.eca)) continue;
      if (opts.slot && slot.key !== opts.slot) continue;
      if (slot.byEnv.has(envName)) continue;
      const srcEnv = from ?? (envName === 'default' ? [...slot.byEnv.keys()].sort()[0] : slot.byEnv.has('default') ? 'default' : [...slot.byEnv.keys()].sort()[0]);
      const srcComp = srcEnv !== undefined ? slot.byEnv.get(srcEnv) : undefined;
      if (!srcComp) { skipped.push(`${slot.rel}: ${srcEnv ?? 'no environment'} has no copy to start from`); continue; }
      const target = `${slot.pkg.path}/${envName}/${slot.rel}`;
      if (this.model.components.has(target) || this.model.fs.exists(target)) { skipped.push(`${target} exists`); continue; }
      const text = this.io.textOf(srcComp.path);
      if (text === undefined) { skipped.push(`${srcComp.path} cannot be read`); continue; }
      fix.changes.push({ kind: 'create', path: target, text: envName === 'default' ? defaultPolicyText(text) : text });
    }
    if (!fix.changes.length) throw new Error(`Nothing to scaffold for ${envName}${opts.eca ? ` (${opts.eca})` : ''}${skipped.length ? `: ${skipped.join('; ')}` : ': it has its own copy of every file'}.`);
    fix.title = `Scaffold ${envName}/ (${fix.changes.length} file(s)${from ? ` from ${from}/` : ''})`;
    return { fix, skipped };
  }
}

function pseudoPackage(m: ProjectModel): PackageDir {
  return { path: m.root, rel: '.', index: -1, type: 'unknown', explicitType: false, aliasfy: false, mergeMode: false, dependencies: [] };
}

function envNote(e: Env): string {
  const name = e.name;
  switch (e.kind) {
    case 'default': return 'The fallback folder: sandboxes and scratch orgs without a folder of their own receive default/.';
    case 'production': return `Production: receives only ${name}/ and never falls back to default/ (flxbl-io/sfp#119).`;
    case 'devhub': return `DevHub (a production org): receives only ${name}/, never default/.`;
    case 'sandbox': return `Sandbox: receives ${name}/ when it exists, else default/.`;
    case 'scratch': return `Scratch org: receives ${name}/ when it exists, else default/.`;
    default: return `Org kind unknown on this machine: receives ${name}/ when it exists; without it, default/ only if the org is a sandbox or scratch org.`;
  }
}

function statusValue(status: ReceiveStatus, c: ComponentSummary, m: ProjectModel): string {
  const pkg = m.packageOf(c.path);
  const env = pkg?.aliasfy ? environmentOf(pkg, c.path).env : undefined;
  switch (status) {
    case 'own': return `${env ?? ''}/`;
    case 'merged': return 'default/ (merged)';
    case 'fallback': return 'default/ (fallback)';
    case 'fallback-if-sandbox': return 'default/ (if sandbox)';
    case 'every-org': return 'every org';
    default: return '';
  }
}

/**
 * What an environment has for a component it gets no own copy of: on a missing file what the org
 * keeps (nothing is deployed, so it keeps what it has), on a fallback or merge default/'s copy.
 */
function keepsOf(status: ReceiveStatus | 'none', env: Env, what: string, fileRow: boolean): string | undefined {
  switch (status) {
    case 'missing':
      if (env.kind === 'default') return fileRow ? 'none: orgs falling back to default/ get no file' : undefined;
      return fileRow ? `keeps the org's current ${what} (not deployed)` : "org's current value (not deployed)";
    case 'fallback': return 'default/ copy';
    case 'fallback-if-sandbox': return 'default/ copy if a sandbox or scratch org';
    case 'merged': return 'merged from default/';
    default: return undefined;
  }
}

/** Why a value cannot be read as its field's type, or undefined when it can. */
export function invalidValue(field: FieldInfo, value: string): string | undefined {
  if (field.kind === 'boolean') return ['true', 'false', '1', '0'].includes(value) ? undefined : `'${value}' is not a boolean (true/false)`;
  if (field.kind === 'int') return /^-?\d+$/.test(value.trim()) ? undefined : `'${value}' is not a whole number`;
  if (field.kind === 'enum' && field.values?.length && !accepts(field, value)) return `'${value}' is not a valid ${field.name} (${field.values.join(', ')})`;
  return undefined;
}

function mostCommon(values: string[]): string {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function childNamed(root: XmlElement | null, name: string): XmlElement | undefined {
  return root?.children.find((c) => localName(c.name) === name);
}

/** The element's content exactly as written (entities and all). */
function rawContent(text: string, el: XmlElement): string {
  if (el.selfClosing || el.closeStart < 0) return '';
  return text.slice(el.openEnd, el.closeStart);
}

/** Edits that make `name` hold `raw` (or remove it when `raw` is undefined), touching nothing else. */
export function setElementEdits(text: string, name: string, raw: string | undefined): TextEdit[] {
  const doc = parseFile('x.xml', text).xml;
  const root = doc.root;
  if (!root) throw new Error('The target file has no root element.');
  const lines = new LineIndex(text);
  const el = childNamed(root, name);
  if (raw === undefined) {
    if (!el) return [];
    // Remove the element's whole line when it stands alone on it.
    const ls = lines.lineStart(lines.position(el.start).line);
    const before = text.slice(ls, el.start);
    let end = el.end;
    const after = /^[ \t]*(\r?\n)?/.exec(text.slice(end))!;
    if (/^[ \t]*$/.test(before) && after[1]) return [{ range: lines.range(ls, end + after[0].length), newText: '' }];
    return [{ range: lines.range(el.start, end), newText: '' }];
  }
  if (el) {
    if (!el.selfClosing && el.closeStart >= 0) {
      if (text.slice(el.openEnd, el.closeStart) === raw) return [];
      return [{ range: lines.range(el.openEnd, el.closeStart), newText: raw }];
    }
    return [{ range: lines.range(el.start, el.end), newText: `<${el.name}>${raw}</${el.name}>` }];
  }
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
  const tag = `<${prefix}${name}>${raw}</${prefix}${name}>`;
  const kids = root.children;
  const next = kids.find((c) => localName(c.name).localeCompare(name) > 0);
  if (next) {
    const ls = lines.lineStart(lines.position(next.start).line);
    if (/^[ \t]*$/.test(text.slice(ls, next.start))) return [{ range: lines.range(ls, ls), newText: `${lines.indentAt(next.start)}${tag}${lines.eol}` }];
    return [{ range: lines.range(next.start, next.start), newText: tag }];
  }
  if (kids.length) {
    const last = kids[kids.length - 1];
    return [{ range: lines.range(last.end, last.end), newText: `${lines.eol}${lines.indentAt(last.start)}${tag}` }];
  }
  const at = root.closeStart >= 0 ? root.closeStart : root.openEnd;
  const ls = lines.lineStart(lines.position(at).line);
  if (at === ls + (text.slice(ls, at).match(/^[ \t]*/)?.[0].length ?? 0) && root.closeStart >= 0) {
    return [{ range: lines.range(ls, ls), newText: `    ${tag}${lines.eol}` }];
  }
  return [{ range: lines.range(at, at), newText: tag }];
}
