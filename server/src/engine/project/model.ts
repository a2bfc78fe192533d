// The project model: what the engine knows about the whole workspace, beyond one file. It holds a
// small summary of every ECA component (not the parsed trees), the package directories of
// sfdx-project.json, .forceignore and the deploy-time replacements. It is fed file contents by
// its owner (the CLI walk, or the server's scan + open documents), so it does no I/O itself.
import { parse as parseJsonc, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import ignore, { type Ignore } from 'ignore';
import { classify } from '../files';
import { scanXml, localName, valueOf, type XmlDocument } from '../xml/scanner';
import { HEADER_TYPE } from '../schema';
import { LineIndex } from '../text';
import type { Range } from '../types';
import { NO_ORGS, type SfOrgs } from './orgs';
import type { ApiVersionOverride } from './apiVersion';
import { diskFs } from '../host/disk';
import type { EngineFs } from '../fs';

/** The little file-system access project rules need (script paths, folder names); injectable for tests. */
export interface ProjectFs {
  exists(path: string): boolean;
  /** Names of the sub-directories of `path` (empty when unreadable). */
  listDirs(path: string): string[];
  /** A file's text (for fixes that copy a file), or undefined. */
  readText(path: string): string | undefined;
}

/** The rules' view of the engine's file system (fs.ts). */
export function projectFsOf(fs: EngineFs): ProjectFs {
  return {
    exists: (p) => fs.stat(p) !== undefined,
    listDirs: (p) => {
      try { return fs.readDir(p).filter((d) => d.kind === 'dir').map((d) => d.name); } catch { return []; }
    },
    readText: (p) => {
      try { return new TextDecoder('utf-8', { ignoreBOM: true }).decode(fs.readFile(p)); } catch { return undefined; }
    },
  };
}

export const NODE_FS: ProjectFs = projectFsOf(diskFs);

export type PackageType = 'source' | 'unlocked' | 'org-dependent' | 'data' | 'diff' | 'managed' | 'unknown';

export interface PackageDir {
  /** Absolute path, forward slashes, no trailing slash. */
  path: string;
  /** As written in sfdx-project.json. */
  rel: string;
  index: number;
  name?: string;
  type: PackageType;
  /** True when `type` was written explicitly (sfp) rather than inferred from package/versionNumber. */
  explicitType: boolean;
  aliasfy: boolean;
  /** `"default": true` in sfdx-project.json. */
  isDefault?: boolean;
  mergeMode: boolean;
  postDeploymentScript?: string;
  preDeploymentScript?: string;
  dependencies: string[];
}

export interface ComponentSummary {
  path: string;
  type: string;
  /** Component name from the file name. */
  name: string;
  /** `externalClientApplication` value (satellites) or own name (header). */
  eca: string | undefined;
  distributionState?: string;
  oauthLink?: string;
  hasOauthLinkElement?: boolean;
  isClientCredentialsFlowEnabled?: string;
  clientCredentialsFlowUser?: string;
  isOauthPluginEnabled?: string;
  /** Global OAuth settings: the refresh-token rotation switch, as written. */
  isRefreshTokenRotationEnabled?: string;
  /** OAuth settings: commaSeparatedOauthScopes, as written. */
  oauthScopes?: string;
  /** Global OAuth settings: PKCE and the idle refresh-token limit, as written (security rules, issue 22). */
  isPkceRequired?: string;
  isEnforceRefreshTokenTTL?: string;
  /** Ranges of the elements project rules point at (root tag name, and values). */
  ranges: Partial<Record<'root' | 'eca' | 'distributionState' | 'oauthLink' | 'clientCredentialsFlowUser' | 'isClientCredentialsFlowEnabled' | 'orgScopedExternalApp' | 'isRefreshTokenRotationEnabled', Range>>;
  orgScopedExternalApp?: string;
}

export interface Replacement { stringToReplace?: string; regexToReplace?: RegExp; replaceWith?: string; files: string[] }

export interface SfdxProject {
  path: string;
  text: string;
  packageDirs: PackageDir[];
  replacements: Replacement[];
  /** jsonc-parser's code for the first syntax error (absent when the top level is simply not an object). */
  parseError?: { offset: number; length: number; message: string; code?: ParseErrorCode };
  hasPackageDependencies: boolean;
  /** The parsed top-level value as written (for edits that need keys the model does not keep). */
  json: unknown;
}

export function normalize(p: string): string {
  let s = p.replace(/\\/g, '/');
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

function join(root: string, rel: string): string {
  const parts = normalize(root).split('/');
  for (const seg of normalize(rel).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop(); else parts.push(seg);
  }
  return parts.join('/') || '/';
}

export function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

export function parseSfdxProject(path: string, text: string): SfdxProject {
  const root = normalize(path).replace(/\/[^/]*$/, '');
  const errors: ParseError[] = [];
  const json = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as Record<string, unknown> | undefined;
  const result: SfdxProject = { path: normalize(path), text, packageDirs: [], replacements: [], hasPackageDependencies: false, json };
  if (errors.length || !json || typeof json !== 'object') {
    const e = errors[0];
    result.parseError = { offset: e?.offset ?? 0, length: e?.length ?? 0, message: 'sfdx-project.json is not valid JSON', code: e?.error };
    if (!json || typeof json !== 'object') return result;
  }
  const dirs = Array.isArray(json.packageDirectories) ? json.packageDirectories : [];
  dirs.forEach((d: unknown, index: number) => {
    if (!d || typeof d !== 'object') return;
    const e = d as Record<string, unknown>;
    if (typeof e.path !== 'string') return;
    const explicit = typeof e.type === 'string' ? e.type.toLowerCase() : undefined;
    let type: PackageType;
    if (explicit) {
      type = (['source', 'unlocked', 'data', 'diff', 'managed'] as const).find((t) => t === explicit)
        ?? (explicit.replace(/[^a-z]/g, '') === 'orgdependent' ? 'org-dependent' : 'unknown');
    } else if (typeof e.package === 'string' && typeof e.versionNumber === 'string') {
      type = 'unlocked';
    } else {
      type = 'source';
    }
    const deps = Array.isArray(e.dependencies) ? e.dependencies : [];
    if (deps.length) result.hasPackageDependencies = true;
    result.packageDirs.push({
      path: join(root, e.path),
      rel: e.path,
      index,
      name: typeof e.package === 'string' ? e.package : undefined,
      type,
      explicitType: !!explicit,
      aliasfy: e.aliasfy === true || (typeof e.aliasfy === 'object' && e.aliasfy !== null),
      isDefault: e.default === true,
      mergeMode: e.aliasfyMergeMode === true || e.mergeMode === true
        || (typeof e.aliasfy === 'object' && e.aliasfy !== null && (e.aliasfy as Record<string, unknown>).mergeMode === true),
      postDeploymentScript: typeof e.postDeploymentScript === 'string' ? e.postDeploymentScript : undefined,
      preDeploymentScript: typeof e.preDeploymentScript === 'string' ? e.preDeploymentScript : undefined,
      dependencies: deps.map((x: unknown) => (x && typeof x === 'object' ? String((x as Record<string, unknown>).package ?? '') : '')).filter(Boolean),
    });
  });
  const reps = Array.isArray(json.replacements) ? json.replacements : [];
  for (const r of reps) {
    if (!r || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    let regex: RegExp | undefined;
    if (typeof o.regexToReplace === 'string') {
      try { regex = new RegExp(o.regexToReplace); } catch { regex = undefined; }
    }
    result.replacements.push({
      stringToReplace: typeof o.stringToReplace === 'string' ? o.stringToReplace : undefined,
      regexToReplace: regex,
      replaceWith: typeof o.replaceWithEnv === 'string' ? `$${o.replaceWithEnv}` : typeof o.replaceWithFile === 'string' ? `file ${o.replaceWithFile}` : undefined,
      files: [typeof o.filename === 'string' ? o.filename : '', ...(Array.isArray(o.glob) ? [] : [])].filter(Boolean),
    });
  }
  return result;
}

/** Summarise one ECA file for cross-file rules (no validation, just the facts others need). */
export function summarize(path: string, text: string, scanned?: XmlDocument, lineIndex?: LineIndex): ComponentSummary | null {
  const cls = classify(path);
  if (!cls || cls.kind !== 'eca') return null;
  const xml = scanned ?? scanXml(text);
  const root = xml.root;
  const out: ComponentSummary = { path: normalize(path), type: cls.type.name, name: cls.name, eca: undefined, ranges: {} };
  let lines: LineIndex | undefined = lineIndex;
  const range = (a: number, b: number): Range => (lines ??= new LineIndex(text)).range(a, b);
  if (root) {
    out.ranges.root = range(root.nameStart, root.nameEnd);
    for (const c of root.children) {
      const n = localName(c.name);
      const v = valueOf(c);
      const span = (): Range => (c.textStart !== -1 ? range(c.textStart, c.textEnd) : range(c.nameStart, c.nameEnd));
      switch (n) {
        case 'externalClientApplication': out.eca = v; out.ranges.eca = span(); break;
        case 'distributionState': out.distributionState = v; out.ranges.distributionState = span(); break;
        case 'oauthLink': out.hasOauthLinkElement = true; out.oauthLink = v; out.ranges.oauthLink = span(); break;
        case 'isClientCredentialsFlowEnabled': out.isClientCredentialsFlowEnabled = v; out.ranges.isClientCredentialsFlowEnabled = span(); break;
        case 'clientCredentialsFlowUser': out.clientCredentialsFlowUser = v; out.ranges.clientCredentialsFlowUser = span(); break;
        case 'isOauthPluginEnabled': out.isOauthPluginEnabled = v; break;
        case 'orgScopedExternalApp': out.orgScopedExternalApp = v; out.ranges.orgScopedExternalApp = span(); break;
        case 'isRefreshTokenRotationEnabled': out.isRefreshTokenRotationEnabled = v; out.ranges.isRefreshTokenRotationEnabled = span(); break;
        case 'commaSeparatedOauthScopes': out.oauthScopes = v; break;
        case 'isPkceRequired': out.isPkceRequired = v; break;
        case 'isEnforceRefreshTokenTTL': out.isEnforceRefreshTokenTTL = v; break;
        default: break;
      }
    }
  }
  if (cls.type.name === HEADER_TYPE) out.eca = cls.name;
  return out;
}

/** `ns__Name` references resolve to the ECA `Name` (retrieved satellites of namespaced apps). */
export function stripNamespace(ref: string): string {
  const i = ref.indexOf('__');
  return i > 0 && !ref.endsWith('__c') ? ref.slice(i + 2) : ref;
}

export class ProjectModel {
  readonly root: string;
  sfdx: SfdxProject | null = null;
  private forceignore: Ignore | null = null;
  private forceignoreText: string | null = null;
  readonly components = new Map<string, ComponentSummary>();
  /** ECA name → paths of every component that belongs to it (header included). */
  private readonly byEca = new Map<string, Set<string>>();
  /** Bumped on every change; caches key on it. */
  version = 0;
  fs: ProjectFs = NODE_FS;
  orgs: SfOrgs = NO_ORGS;
  /** Aliases the user marked as production (setting eca.productionAliases). */
  productionAliases: string[] = [];
  /** The API version every file is judged at when set (eca-check --api-version, setting eca.apiVersion). */
  apiVersionOverride: ApiVersionOverride | undefined = undefined;

  constructor(root: string) {
    this.root = normalize(root);
  }

  setSfdxProject(path: string, text: string | null): void {
    this.sfdx = text === null ? null : parseSfdxProject(path, text);
    this.version++;
  }

  setForceignore(text: string | null): void {
    this.forceignoreText = text;
    this.forceignore = text === null ? null : ignore({ allowRelativePaths: true }).add(text);
    this.version++;
  }

  get hasForceignore(): boolean { return this.forceignoreText !== null; }
  get forceignoreContent(): string | null { return this.forceignoreText; }

  isIgnored(path: string): boolean {
    if (!this.forceignore) return false;
    const p = normalize(path);
    if (!isInside(p, this.root) || p === this.root) return false;
    const rel = p.slice(this.root.length + 1);
    try { return this.forceignore.ignores(rel); } catch { return false; }
  }

  /**
   * Whether a whole-project check covers this file: not excluded by .forceignore and, when
   * sfdx-project.json lists package directories, inside one of them. The CLI's directory check and
   * the server's workspace diagnostics both ask this.
   */
  isChecked(path: string): boolean {
    if (this.isIgnored(path)) return false;
    const dirs = this.sfdx?.packageDirs;
    return !dirs?.length || this.packageOf(path) !== undefined;
  }

  /**
   * Index (or re-index) one file. Returns the ECA names whose facts may have changed. `scanned` and
   * `lines` let a caller that already parsed the text (a ParsedFile) skip a second scan.
   */
  update(path: string, text: string, scanned?: XmlDocument, lines?: LineIndex): Set<string> {
    const p = normalize(path);
    const touched = this.remove(p);
    const s = summarize(p, text, scanned, lines);
    if (s) for (const k of this.adopt(s)) touched.add(k);
    this.version++;
    return touched;
  }

  /**
   * Index a component summarized by another model of the same files (the server's workspace lends
   * its index to a migration plan without reading the files again). Returns the ECA it touched.
   */
  adopt(s: ComponentSummary): Set<string> {
    const touched = this.components.has(s.path) ? this.remove(s.path) : new Set<string>();
    this.components.set(s.path, s);
    const key = s.eca !== undefined ? stripNamespace(s.eca) : undefined;
    if (key !== undefined) {
      let set = this.byEca.get(key);
      if (!set) this.byEca.set(key, (set = new Set()));
      set.add(s.path);
      touched.add(key);
    }
    this.version++;
    return touched;
  }

  remove(path: string): Set<string> {
    const p = normalize(path);
    const touched = new Set<string>();
    const old = this.components.get(p);
    if (old) {
      this.components.delete(p);
      const key = old.eca !== undefined ? stripNamespace(old.eca) : undefined;
      if (key !== undefined) {
        this.byEca.get(key)?.delete(p);
        if (this.byEca.get(key)?.size === 0) this.byEca.delete(key);
        touched.add(key);
      }
      this.version++;
    }
    return touched;
  }

  /** Every indexed component of an ECA (namespace prefix ignored). */
  componentsOf(eca: string): ComponentSummary[] {
    const set = this.byEca.get(stripNamespace(eca));
    if (!set) return [];
    const out: ComponentSummary[] = [];
    for (const p of set) { const c = this.components.get(p); if (c) out.push(c); }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The ECA's header file (of several, the first in componentsOf's order); rules ask it per file, so no sort. */
  header(eca: string): ComponentSummary | undefined {
    let first: ComponentSummary | undefined;
    for (const p of this.byEca.get(stripNamespace(eca)) ?? []) {
      const c = this.components.get(p);
      if (c?.type === HEADER_TYPE && (!first || c.path.localeCompare(first.path) < 0)) first = c;
    }
    return first;
  }

  ecaNames(): string[] {
    const names = new Set<string>();
    for (const c of this.components.values()) if (c.type === HEADER_TYPE) names.add(c.name);
    return [...names].sort();
  }

  /** Package directory of a path; memoised per sfdx-project.json (rules ask for every component). */
  private packageCache = new Map<string, PackageDir | undefined>();
  private packageCacheFor: SfdxProject | null = null;

  packageOf(path: string): PackageDir | undefined {
    if (!this.sfdx) return undefined;
    if (this.packageCacheFor !== this.sfdx) { this.packageCache.clear(); this.packageCacheFor = this.sfdx; }
    if (this.packageCache.has(path)) return this.packageCache.get(path);
    const p = normalize(path);
    let best: PackageDir | undefined;
    for (const d of this.sfdx.packageDirs) {
      if (isInside(p, d.path) && (!best || d.path.length > best.path.length)) best = d;
    }
    if (this.packageCache.size > 200000) this.packageCache.clear();
    this.packageCache.set(path, best);
    return best;
  }

  /** True when a value is substituted at deploy time by sfdx-project.json `replacements`. */
  isReplaced(value: string): boolean {
    for (const r of this.sfdx?.replacements ?? []) {
      if (r.stringToReplace && value.includes(r.stringToReplace)) return true;
      if (r.regexToReplace) {
        r.regexToReplace.lastIndex = 0;
        if (r.regexToReplace.test(value)) return true;
      }
    }
    return false;
  }

  replacementFor(value: string): Replacement | undefined {
    return this.sfdx?.replacements.find((r) => (r.stringToReplace && value.includes(r.stringToReplace)) || (r.regexToReplace && r.regexToReplace.test(value)));
  }
}
