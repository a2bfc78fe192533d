// What the authoring pickers offer: the project's ECAs (with their package and pattern), the
// environments an aliasfy policies package can have folders for, and the package directories.
import { HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, TYPES } from '../schema';
import type { PackageDir, ProjectModel } from '../project/model';
import { aliasKind, type OrgKind } from '../project/orgs';
import { packageIn, readProjectText, relOf, type AuthoringSource } from './source';

const TYPE_FOLDERS = new Set(TYPES.filter((t) => t.folder).map((t) => t.folder!));

export interface PackageInfo {
  /** As written in sfdx-project.json. */
  path: string;
  index: number;
  name?: string;
  type: PackageDir['type'];
  aliasfy: boolean;
  postDeploymentScript?: string;
}

export interface EcaInfo {
  name: string;
  /** Project-relative path of the header file. */
  header: string;
  /** Absolute path of the header file. */
  headerPath: string;
  distributionState: string;
  package?: PackageInfo;
  /** 1 or 2 when the packaging says which pattern the ECA follows, else undefined. */
  pattern?: 1 | 2;
  hasOauthLink: boolean;
  /** Environment folders (sfp aliasfy) that already hold this app's OAuth policies: the scaffold pre-selects the others. */
  policyEnvs: string[];
  /** The distributionState the app's package calls for, and why (undefined: the package does not say). */
  suggested?: { state: 'Local' | 'Packaged'; pattern: 1 | 2; why: string };
}

/** An environment an authoring form offers (the Environments view's richer record is `EnvironmentInfo`). */
export interface AuthoringEnvironment {
  alias: string;
  kind: OrgKind | 'default';
  /** Where the name comes from. */
  sources: ('sf alias' | 'folder' | 'production setting' | 'fallback')[];
}

export interface AuthoringContext {
  root: string;
  hasProjectFile: boolean;
  packages: PackageInfo[];
  ecas: EcaInfo[];
  environments: AuthoringEnvironment[];
  productionAliases: string[];
}

export function packageInfo(p: PackageDir): PackageInfo {
  return { path: p.rel, index: p.index, name: p.name, type: p.type, aliasfy: p.aliasfy, postDeploymentScript: p.postDeploymentScript };
}

/** Pattern 1 (unlocked + Packaged) or 2 (source + Local), when state and package agree. */
export function patternOf(state: string, pkg: PackageDir | undefined): 1 | 2 | undefined {
  if (!pkg) return undefined;
  const unlocked = pkg.type === 'unlocked' || pkg.type === 'org-dependent';
  if (state === 'Packaged' && unlocked) return 1;
  if (state === 'Local' && pkg.type === 'source') return 2;
  return undefined;
}

/**
 * The distributionState the app's packaging calls for: Packaged in an unlocked (or org-dependent)
 * package — pattern 1 — and Local in a source package or one with a postDeploymentScript — pattern
 * 2. Undefined when the package says neither (no package, data/diff, unknown).
 * (Meant to give way to the rules' suggestedDistributionState once that lands.)
 */
export function suggestedState(pkg: PackageDir | undefined): EcaInfo['suggested'] {
  if (!pkg) return undefined;
  const name = pkg.name ? `'${pkg.name}'` : pkg.rel;
  if (pkg.type === 'unlocked' || pkg.type === 'org-dependent') return { state: 'Packaged', pattern: 1, why: `${name} is an ${pkg.type} package (pattern 1: the DevHub's OAuth consumer ships in the package)` };
  if (pkg.type === 'source' || pkg.postDeploymentScript) {
    return { state: 'Local', pattern: 2, why: `${name} is a ${pkg.type === 'source' ? 'source package' : 'package'}${pkg.postDeploymentScript ? ' with a postDeploymentScript' : ''} (pattern 2: each org creates its own OAuth consumer)` };
  }
  return undefined;
}

/** Aliases production is known by: the setting, plus sf orgs that are production orgs. */
export function productionAliasesOf(model: ProjectModel): string[] {
  const fromOrgs = [...model.orgs.aliases.keys()].filter((a) => aliasKind(model.orgs, a) === 'production');
  return [...new Set([...model.productionAliases, ...fromOrgs])].sort();
}

export function envKind(model: ProjectModel, alias: string): AuthoringEnvironment['kind'] {
  if (alias === 'default') return 'default';
  if (model.productionAliases.includes(alias)) return 'production';
  return aliasKind(model.orgs, alias);
}

/** Environment folder names of an aliasfy package (its first-level folders that are not type folders). */
export function envFolders(model: ProjectModel, pkg: PackageDir): string[] {
  return model.fs.listDirs(pkg.path).filter((d) => !d.startsWith('.') && !TYPE_FOLDERS.has(d) && d !== 'main').sort();
}

export function authoringContext(src: AuthoringSource): AuthoringContext {
  const model = src.model;
  const sfdx = readProjectText(src);
  const project = sfdx?.project;
  const ecas: EcaInfo[] = [];
  for (const name of model.ecaNames()) {
    const header = model.header(name)!;
    const pkg = packageIn(project, header.path);
    const state = header.distributionState ?? 'Local';
    ecas.push({
      name,
      header: relOf(model, header.path),
      headerPath: header.path,
      distributionState: state,
      package: pkg ? packageInfo(pkg) : undefined,
      pattern: patternOf(state, pkg),
      suggested: suggestedState(pkg),
      hasOauthLink: model.componentsOf(name).some((c) => c.type === OAUTH_SETTINGS_TYPE && !!c.oauthLink),
      policyEnvs: [...new Set(model.componentsOf(name).flatMap((c) => {
        const p = c.type === OAUTH_POLICIES_TYPE ? packageIn(project, c.path) : undefined;
        return p?.aliasfy && c.path.startsWith(p.path + '/') ? [c.path.slice(p.path.length + 1).split('/')[0]] : [];
      }))].sort(),
    });
  }
  const envs = new Map<string, AuthoringEnvironment>();
  const add = (alias: string, source: AuthoringEnvironment['sources'][number]) => {
    const e = envs.get(alias) ?? { alias, kind: envKind(model, alias), sources: [] };
    if (!e.sources.includes(source)) e.sources.push(source);
    envs.set(alias, e);
  };
  add('default', 'fallback');
  for (const a of model.productionAliases) add(a, 'production setting');
  for (const a of model.orgs.aliases.keys()) add(a, 'sf alias');
  for (const p of project?.packageDirs ?? []) if (p.aliasfy) for (const f of envFolders(model, p)) add(f, 'folder');
  const order = (e: AuthoringEnvironment) => (e.alias === 'default' ? 0 : e.kind === 'production' ? 1 : 2);
  return {
    root: model.root,
    hasProjectFile: !!sfdx,
    packages: (project?.packageDirs ?? []).map(packageInfo),
    ecas: ecas.filter((e) => e.headerPath && model.components.get(e.headerPath)?.type === HEADER_TYPE),
    environments: [...envs.values()].sort((a, b) => order(a) - order(b) || a.alias.localeCompare(b.alias)),
    productionAliases: productionAliasesOf(model),
  };
}
