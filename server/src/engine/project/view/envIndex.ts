// The Environments view's index of a project: which environments exist (alias folders ∪ sf
// aliases ∪ production aliases ∪ default), which file slots each ECA has across environments, and
// how one environment receives one slot under sfp's aliasfy semantics (own folder, merged,
// fallback to default/, every org, or missing: production never falls back). The environments of
// a package and their kinds come from ../environments.ts, the one definition.
import { stripNamespace, type ComponentSummary, type PackageDir, type ProjectModel } from '../model';
import { aliasfyFolders, environmentKind, environmentOf } from '../environments';
import { isPolicyType, type Env, type EnvKind, type EnvSource, type Index, type ReceiveStatus, type Slot } from './types';

const KIND_ORDER: Record<EnvKind, number> = { production: 0, devhub: 1, sandbox: 2, unknown: 3, scratch: 4, default: 5, 'every-org': 6 };

/** The index of a model at its current version. */
export function buildIndex(m: ProjectModel): Index {
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
    if (pkg.aliasfy) folders.set(pkg.path, new Set(aliasfyFolders(m, pkg).environments));
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
    e.kind = environmentKind(m, e.name);
    e.username = m.orgs.aliases.get(e.name);
  }
  const envs = [...envNames.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
  const ecas = new Set(m.ecaNames());
  for (const s of slots.values()) ecas.add(s.eca);
  return {
    version: m.version,
    envs,
    folders,
    slots: [...slots.values()].sort((a, b) => a.eca.localeCompare(b.eca) || a.pkg.index - b.pkg.index || a.type.localeCompare(b.type) || a.rel.localeCompare(b.rel)),
    ecas: [...ecas].sort((a, b) => a.localeCompare(b)),
  };
}

/** How `env` receives `slot`. */
export function receive(ix: Index, env: Env, slot: Slot): { status: ReceiveStatus; comp?: ComponentSummary; fromEnv?: string; reason: string } {
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

export function pseudoPackage(m: ProjectModel): PackageDir {
  return { path: m.root, rel: '.', index: -1, type: 'unknown', explicitType: false, aliasfy: false, mergeMode: false, dependencies: [] };
}

export function envNote(e: Env): string {
  const name = e.name;
  switch (e.kind) {
    case 'default': return 'The fallback folder: sandboxes and scratch orgs without a folder of their own receive default/.';
    case 'production': return `Production: receives only ${name}/ and never falls back to default/ (flxbl-io/sfp#119).`;
    case 'devhub': return `DevHub (a production org): receives only ${name}/, never default/.`;
    case 'sandbox': return `Sandbox: receives ${name}/ when it exists, else default/.`;
    case 'scratch': return `Scratch org: receives ${name}/ when it exists, else default/.`;
    case 'every-org': return 'No aliasfy package: every org receives the same files.';
    default: return `Not marked production (set eca.productionAliases) and not a sandbox or scratch org sf knows: receives ${name}/ when it exists; without it, default/ only if the org is a sandbox or scratch org.`;
  }
}
