// The per-org review of a change: given the project's files at a base (a git ref) and now, which
// ECA components each org receives differently, the settings that change, and the findings the
// change introduces or fixes. Pure: two file sets in, a result object out (no I/O; git.ts reads
// the file sets, render.ts prints the result). Which org receives which file is the engine's own
// environment resolution (engine/project/environmentsView.ts over sfp's aliasfy semantics).
import type { ParsedFile, ProjectModel, CheckOptions, Severity } from '../engine';
import { treeFs, type EngineFs } from '../engine/fs';
import { loadCheckedProject } from '../engine/project/checked';
import { EnvironmentsView, KEY_SETTINGS, type EnvKind, type ReceivedFile, type ReceiveStatus } from '../engine/project/environmentsView';
import { normalize, stripNamespace } from '../engine/project/model';
import type { SfOrgs } from '../engine/project/orgs';
import { TYPE_BY_NAME } from '../engine/schema';
import { rootSettings } from '../engine/xml/rootSettings';
import type { AppPosture } from '../engine/security/posture';
import { auditProject } from '../engine/security/audit';
import { weakenings } from '../engine/security/weakening';

/** A project's files at one point: paths relative to the project root (forward slashes). */
export interface FileSet {
  /** Every file path (for folder listings and existence checks). */
  paths: readonly string[];
  /** A file's text, or undefined when absent or unreadable. */
  text(rel: string): string | undefined;
}

export interface PlanOptions {
  /** The project root the file sets are relative to (absolute; used to name paths only). */
  root: string;
  orgs?: SfOrgs;
  productionAliases?: string[];
  check?: CheckOptions;
  /** Only components and findings below these paths (relative to root); all when empty. */
  only?: string[];
}

export interface SettingChange {
  /** Element name, e.g. isClientCredentialsFlowEnabled. */
  name: string;
  /** Human label, e.g. "run-as user" for clientCredentialsFlowUser. */
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** Values; absent for sensitive fields (never printed). */
  before?: string;
  after?: string;
  sensitive?: boolean;
}

export interface ComponentChange {
  eca: string;
  type: string;
  name: string;
  /** `not-received`: a component the change adds that this org does not get (e.g. production without a folder). */
  change: 'added' | 'removed' | 'changed' | 'not-received';
  /** Paths relative to the project root of the file received before and after. */
  before?: { path: string; status: ReceiveStatus };
  after?: { path: string; status: ReceiveStatus };
  /** Why the org receives it (after, else before): the engine's reason. */
  reason: string;
  settings: SettingChange[];
  /** The file's text changed outside the root's direct values (nested elements, formatting). */
  otherEdits: boolean;
}

export interface Finding { path: string; line: number; severity: Severity; code: string; message: string }

export interface OrgPlan {
  /** Alias, `default` (the fallback folder) or `every org` (packages without aliasfy). */
  org: string;
  kind: EnvKind | 'every-org';
  changes: ComponentChange[];
  introduced: Finding[];
  fixed: Finding[];
  /** How the change weakens an app's security in this org (issue 22), e.g. "refresh tokens now never expire". */
  weakens?: { eca: string; what: string }[];
}

export interface PlanResult {
  version: 1;
  root: string;
  orgs: OrgPlan[];
  /** Orgs whose ECA components and findings are the same before and after. */
  unchanged: string[];
  /** Every finding the change introduces or fixes (also those no org receives, e.g. sfdx-project.json). */
  introduced: Finding[];
  fixed: Finding[];
}

const EVERY_ORG = 'every org';

/** A revision's files as the engine's file system (texts read on demand). */
function fileSetFs(root: string, files: FileSet): EngineFs {
  return treeFs(files.paths.map((rel) => `${root}/${rel}`), (abs) => files.text(abs.slice(root.length + 1)));
}

interface Side {
  model: ProjectModel;
  view: EnvironmentsView;
  /** A file's parse in this revision (the loader's). */
  parsedOf: (abs: string) => ParsedFile | undefined;
  findings: Finding[];
}

function loadSide(files: FileSet, opts: PlanOptions): Side {
  const root = normalize(opts.root);
  // The one loader and the one checker over the revision's files: the package directories (or the
  // root), each ECA file parsed and checked once; the view reads those diagnostics.
  const checked = loadCheckedProject(root, { fs: fileSetFs(root, files), orgs: opts.orgs, productionAliases: opts.productionAliases, check: opts.check });
  const { model } = checked;
  const io = checked.viewIO();
  const view = new EnvironmentsView(model, io);
  const diags = checked.all();
  const findings = diags.map((d) => ({ path: d.path.slice(root.length + 1), line: d.range.start.line + 1, severity: d.severity, code: d.code, message: d.message }));
  return { model, view, parsedOf: io.parsedOf, findings };
}

/** Direct child values of a file's root element: name → value (repeated elements joined). */
function rootValues(file: ParsedFile | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (file) for (const [n, s] of rootSettings(file)) out.set(n, s.shown.join(', '));
  return out;
}

function labelOf(name: string): string {
  if (name === 'clientCredentialsFlowUser') return 'run-as user';
  return name;
}

export function settingChanges(type: string, before: ParsedFile | undefined, after: ParsedFile | undefined): SettingChange[] {
  const a = rootValues(before);
  const b = rootValues(after);
  const fields = TYPE_BY_NAME.get(type)?.fieldMap;
  const out: SettingChange[] = [];
  const names = [...new Set([...a.keys(), ...b.keys()])];
  // Key OAuth policy settings first, in the environments view's order; then the rest alphabetically.
  const rank = (n: string) => { const i = KEY_SETTINGS.findIndex((k) => k.name === n); return i === -1 ? KEY_SETTINGS.length : i; };
  names.sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
  for (const n of names) {
    const x = a.get(n);
    const y = b.get(n);
    if (x === y) continue;
    const sensitive = !!fields?.get(n)?.sensitive;
    const change = x === undefined ? 'added' : y === undefined ? 'removed' : 'changed';
    out.push({ name: n, label: labelOf(n), change, ...(sensitive ? { sensitive: true } : { before: x, after: y }) });
  }
  return out;
}

function byKey(f: Finding): string { return `${f.path}\u0000${f.code}\u0000${f.message}`; }

/** Findings in `a` whose (file, rule, message) is not in `b` (line numbers move with edits). */
function minus(a: Finding[], b: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of b) counts.set(byKey(f), (counts.get(byKey(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of a) {
    const k = byKey(f);
    const c = counts.get(k) ?? 0;
    if (c > 0) counts.set(k, c - 1); else out.push(f);
  }
  return out;
}

const SEV_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
const sortFindings = (fs: Finding[]) => fs.sort((x, y) => SEV_ORDER[x.severity] - SEV_ORDER[y.severity] || x.path.localeCompare(y.path) || x.line - y.line || x.code.localeCompare(y.code));

interface Received { file: ReceivedFile; parsed?: ParsedFile }

/** What one environment receives, by slot (the file's identity across environments). */
function receivedBy(side: Side, env: string): Map<string, Received> {
  const out = new Map<string, Received>();
  if (!side.view.environments().some((e) => e.name === env)) return out;
  for (const app of side.view.environmentApps(env)) {
    for (const f of side.view.environmentFiles(env, app.eca)) {
      if (f.status === 'every-org') continue;
      out.set(f.slot, { file: f, parsed: f.path && f.status !== 'missing' ? side.parsedOf(f.path) : undefined });
    }
  }
  return out;
}

/** Components of packages without aliasfy: every org that installs the package gets them. */
function everyOrgFiles(side: Side): Map<string, { path: string; type: string; name: string; eca: string; parsed?: ParsedFile }> {
  const out = new Map<string, { path: string; type: string; name: string; eca: string; parsed?: ParsedFile }>();
  const m = side.model;
  for (const c of m.components.values()) {
    if (m.isIgnored(c.path)) continue;
    const pkg = m.packageOf(c.path);
    if (pkg?.aliasfy) continue;
    out.set(c.path, { path: c.path, type: c.type, name: c.name, eca: c.eca !== undefined ? stripNamespace(c.eca) : c.name, parsed: side.parsedOf(c.path) });
  }
  return out;
}

export function planChange(base: FileSet, head: FileSet, opts: PlanOptions): PlanResult {
  const root = normalize(opts.root);
  const rel = (abs: string) => abs.slice(root.length + 1);
  const only = (opts.only ?? []).map((p) => normalize(p).replace(/^\.\/?/, '')).filter(Boolean);
  const within = (relPath: string) => !only.length || only.some((o) => relPath === o || relPath.startsWith(o + '/'));
  const before = loadSide(base, opts);
  const after = loadSide(head, opts);
  const introduced = sortFindings(minus(after.findings, before.findings).filter((f) => within(f.path)));
  const fixed = sortFindings(minus(before.findings, after.findings).filter((f) => within(f.path)));

  const envs = new Map<string, EnvKind>();
  for (const side of [before, after]) for (const e of side.view.environments()) if (!envs.has(e.name) || side === after) envs.set(e.name, e.kind);
  const orgs: OrgPlan[] = [];
  const unchanged: string[] = [];
  const findingsFor = (paths: { before: Set<string>; after: Set<string> }) => ({
    introduced: introduced.filter((f) => paths.after.has(f.path)),
    fixed: fixed.filter((f) => paths.before.has(f.path)),
  });

  // Packages without aliasfy first: what every org receives.
  {
    const a = everyOrgFiles(before);
    const b = everyOrgFiles(after);
    const changes: ComponentChange[] = [];
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(key);
      const y = b.get(key);
      if (!within(rel(key))) continue;
      if (x && y && x.parsed?.text === y.parsed?.text) continue;
      const c = (y ?? x)!;
      const settings = settingChanges(c.type, x?.parsed, y?.parsed);
      changes.push({
        eca: c.eca, type: c.type, name: c.name, change: !x ? 'added' : !y ? 'removed' : 'changed',
        before: x ? { path: rel(key), status: 'every-org' } : undefined, after: y ? { path: rel(key), status: 'every-org' } : undefined,
        reason: 'In a package without aliasfy: every org that installs the package gets this file.',
        settings, otherEdits: !!x && !!y && settings.length === 0,
      });
    }
    const paths = { before: new Set([...a.keys()].map(rel)), after: new Set([...b.keys()].map(rel)) };
    const f = findingsFor(paths);
    if (changes.length || f.introduced.length || f.fixed.length) orgs.push({ org: EVERY_ORG, kind: 'every-org', changes, ...f });
    else if (a.size || b.size) unchanged.push(EVERY_ORG);
  }

  for (const [env, kind] of envs) {
    const a = receivedBy(before, env);
    const b = receivedBy(after, env);
    const changes: ComponentChange[] = [];
    const got = (r: Received | undefined) => (r && r.file.status !== 'missing' && r.file.path ? r : undefined);
    for (const slot of [...new Set([...a.keys(), ...b.keys()])]) {
      const x = got(a.get(slot));
      const y = got(b.get(slot));
      const xp = x ? rel(x.file.path!) : undefined;
      const yp = y ? rel(y.file.path!) : undefined;
      const f = (b.get(slot) ?? a.get(slot))!.file;
      if (!within(yp ?? xp ?? rel(f.ownPath ?? f.slot))) continue;
      let change: ComponentChange['change'];
      if (!x && !y) {
        // A new component this org will not get (production never falls back to default/).
        if (a.has(slot) || !b.has(slot)) continue;
        change = 'not-received';
      } else if (x && y) {
        if (x.parsed?.text === y.parsed?.text && x.file.status === y.file.status && xp === yp) continue;
        change = 'changed';
      } else change = x ? 'removed' : 'added';
      const settings = change === 'not-received' ? [] : settingChanges(f.type, x?.parsed, y?.parsed);
      changes.push({
        eca: f.eca, type: f.type, name: f.name, change,
        before: x && xp ? { path: xp, status: x.file.status } : undefined,
        after: y && yp ? { path: yp, status: y.file.status } : undefined,
        reason: f.reason, settings, otherEdits: !!x && !!y && settings.length === 0 && x.parsed?.text !== y.parsed?.text,
      });
    }
    changes.sort((p, q) => p.eca.localeCompare(q.eca) || p.type.localeCompare(q.type) || p.name.localeCompare(q.name));
    const paths = {
      before: new Set([...a.values()].filter((r) => got(r)).map((r) => rel(r.file.path!))),
      after: new Set([...b.values()].filter((r) => got(r)).map((r) => rel(r.file.path!))),
    };
    const f = findingsFor(paths);
    if (changes.length || f.introduced.length || f.fixed.length) orgs.push({ org: env, kind, changes, ...f });
    else unchanged.push(env);
  }
  addWeakenings(orgs, unchanged, before, after, (abs) => within(rel(abs)));
  return { version: 1, root, orgs, unchanged, introduced, fixed };
}

/** Security weakenings per org: the audit posture of each app before and after, compared. */
function addWeakenings(orgs: OrgPlan[], unchanged: string[], before: Side, after: Side, within: (abs: string) => boolean): void {
  const postures = (side: Side) => {
    const byKey = new Map<string, AppPosture>();
    for (const p of auditProject(side.model, side.parsedOf, []).apps) byKey.set(`${p.org}\u0000${p.app}`, p);
    return byKey;
  };
  const a = postures(before);
  const b = postures(after);
  for (const [key, now] of b) {
    if (!now.files.some((f) => within(f.path))) continue;
    const weak = weakenings(a.get(key), now);
    if (!weak.length) continue;
    let org = orgs.find((o) => o.org === now.org);
    if (!org) {
      orgs.push(org = { org: now.org, kind: now.kind, changes: [], introduced: [], fixed: [] });
      const i = unchanged.indexOf(now.org);
      if (i !== -1) unchanged.splice(i, 1);
    }
    (org.weakens ??= []).push(...weak.map((what) => ({ eca: now.app, what })));
  }
}
