// sfp aliasfy semantics: which environment folder a file belongs to, and which orgs receive it.
// sfp deploys the sub-folder named exactly like the target org's alias; sandboxes and scratch
// orgs without one fall back to default/; production never falls back (flxbl-io/sfp#119). With
// merge mode, default/ is merged into every alias folder.
// This is the one place that knows an aliasfy package's environments (its folders, the type
// folders that are not environments, main/default) and what kind of org an environment is: the
// Environments view, the authoring pickers, scaffold and the aliasfy rules all ask it.
import type { PackageDir, ProjectModel } from './model';
import { TYPE_BY_NAME, TYPES } from '../schema';
import { aliasKind, type OrgKind } from './orgs';

/** The metadata type folders (`externalClientApps`, `extlClntAppOauthPolicies` …): never environments. */
export const TYPE_FOLDERS: ReadonlySet<string> = new Set(TYPES.filter((t) => t.folder).map((t) => t.folder!));

/**
 * Where a component of `type` sits below a source folder: `<type folder>/<fileName>.<suffix>-meta.xml`
 * (the schema's type table holds each type's folder and suffix; this is the one place that joins them).
 */
export function sourceFileOf(type: string, fileName: string): string {
  const t = TYPE_BY_NAME.get(type);
  if (!t?.suffix) throw new Error(`${type} has no source file suffix.`);
  return `${t.folder ? `${t.folder}/` : ''}${fileName}.${t.suffix}-meta.xml`;
}

export interface AliasfyFolders {
  /** The package's first-level folders (hidden ones left out), as listed. */
  folders: string[];
  /** Those named like an org alias (or `default`): not a type folder, not `main`. */
  envFolders: string[];
  /** The environments the package has folders for: `envFolders`, plus `default` when main/default exists. Sorted. */
  environments: string[];
}

/** The environment folders of an aliasfy package (read from the model's `fs`). */
export function aliasfyFolders(model: ProjectModel, pkg: PackageDir): AliasfyFolders {
  const folders = model.fs.listDirs(pkg.path).filter((d) => !d.startsWith('.'));
  const envFolders = folders.filter((d) => !TYPE_FOLDERS.has(d) && d !== 'main');
  const envs = new Set(envFolders);
  if (folders.includes('main') && model.fs.listDirs(`${pkg.path}/main`).includes('default')) envs.add('default');
  return { folders, envFolders, environments: [...envs].sort() };
}

/** Aliases production is known by: the `productionAliases` setting, plus sf orgs that are production orgs. */
export function productionAliasesOf(model: ProjectModel): string[] {
  const fromOrgs = [...model.orgs.aliases.keys()].filter((a) => aliasKind(model.orgs, a) === 'production');
  return [...new Set([...model.productionAliases, ...fromOrgs])].sort();
}

/** What an environment is: `default` is the fallback folder itself (unless an sf org is aliased `default`). */
export function environmentKind(model: ProjectModel, name: string): OrgKind | 'default' {
  if (name === 'default' && !model.orgs.aliases.has('default')) return 'default';
  return orgKind(model, name);
}

/** The kind of the org behind an alias: production when the setting says so, else what sf knows. */
export function orgKind(model: ProjectModel, alias: string): OrgKind {
  return model.productionAliases.includes(alias) ? 'production' : aliasKind(model.orgs, alias);
}

export interface EnvPlace { env?: string; rel: string; loose: boolean }

export function environmentOf(pkg: PackageDir, path: string): EnvPlace {
  const rel = path.slice(pkg.path.length + 1);
  const parts = rel.split('/');
  if (parts.length < 2 || TYPE_FOLDERS.has(parts[0])) return { rel, loose: true };
  if (parts[0] === 'main' && parts[1] === 'default') return { env: 'default', rel: parts.slice(2).join('/'), loose: false };
  return { env: parts[0], rel: parts.slice(1).join('/'), loose: false };
}

export interface Receiver { alias: string; kind: OrgKind; how: 'own folder' | 'default fallback' | 'merged from default' }

/** The orgs known on this machine that receive a file of environment folder `env` of `pkg`. */
export function receiversOf(model: ProjectModel, pkg: PackageDir, env: string): Receiver[] {
  const folders = new Set(model.fs.listDirs(pkg.path));
  const aliases = new Set([...model.orgs.aliases.keys(), ...model.productionAliases]);
  const kind = (a: string): OrgKind => orgKind(model, a);
  const out: Receiver[] = [];
  for (const a of [...aliases].sort()) {
    const k = kind(a);
    if (env === a) out.push({ alias: a, kind: k, how: 'own folder' });
    else if (env === 'default') {
      if (pkg.mergeMode && folders.has(a)) out.push({ alias: a, kind: k, how: 'merged from default' });
      else if (!folders.has(a) && (k === 'sandbox' || k === 'scratch')) out.push({ alias: a, kind: k, how: 'default fallback' });
    }
  }
  return out;
}

/** A policies file made safe for default/: client credentials off, no run-as user. */
export function defaultPolicyText(text: string): string {
  return text
    .replace(/(<isClientCredentialsFlowEnabled>)\s*true\s*(<\/isClientCredentialsFlowEnabled>)/, '$1false$2')
    .replace(/^[ \t]*<clientCredentialsFlowUser>[^<]*<\/clientCredentialsFlowUser>[ \t]*\r?\n/m, '');
}
