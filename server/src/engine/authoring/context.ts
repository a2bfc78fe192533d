// What the authoring pickers offer: the project's ECAs (with their package and pattern), the
// environments an aliasfy policies package can have folders for, and the package directories.
// The pattern and the suggested distributionState come from the one pattern model
// (project/pattern.ts), the environments and their kinds from project/environments.ts.
import { HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE } from '../schema';
import type { PackageDir } from '../project/model';
import type { OrgKind } from '../project/orgs';
import { aliasfyFolders, environmentKind, environmentOf, productionAliasesOf } from '../project/environments';
import { classifyPattern, suggestedDistributionState } from '../project/pattern';
import { packageIn, readProjectText, relOf, type AuthoringSource } from './source';
import type { Range } from '../types';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

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
  /** Where the state is written (its value), or the header's root element when it is not (Local by default). */
  stateAt: { range: Range; written: boolean };
  package?: PackageInfo;
  /** 1 or 2 when the project says which pattern the ECA follows (project/pattern.ts), else undefined. */
  pattern?: 1 | 2;
  hasOauthLink: boolean;
  /** Environment folders (sfp aliasfy) that already hold this app's OAuth policies: the scaffold pre-selects the others. */
  policyEnvs: string[];
  /** The distributionState the project calls for, and why (suggestedDistributionState; undefined: the project does not say). */
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

export function authoringContext(src: AuthoringSource): AuthoringContext {
  const model = src.model;
  const sfdx = readProjectText(src);
  const project = sfdx?.project;
  const ecas: EcaInfo[] = [];
  for (const name of model.ecaNames()) {
    const header = model.header(name)!;
    const pkg = packageIn(project, header.path);
    const state = header.distributionState ?? 'Local';
    const suggested = suggestedDistributionState(model, name);
    ecas.push({
      name,
      header: relOf(model, header.path),
      headerPath: header.path,
      distributionState: state,
      stateAt: { range: header.ranges.distributionState ?? header.ranges.root ?? ZERO, written: header.distributionState !== undefined },
      package: pkg ? packageInfo(pkg) : undefined,
      pattern: classifyPattern(model, name).pattern ?? undefined,
      suggested: suggested && { state: suggested.state, pattern: suggested.pattern, why: suggested.reason.replace(/\.$/, '') },
      hasOauthLink: model.componentsOf(name).some((c) => c.type === OAUTH_SETTINGS_TYPE && !!c.oauthLink),
      policyEnvs: [...new Set(model.componentsOf(name).flatMap((c) => {
        const p = c.type === OAUTH_POLICIES_TYPE ? packageIn(project, c.path) : undefined;
        const env = p?.aliasfy && c.path.startsWith(p.path + '/') ? environmentOf(p, c.path).env : undefined;
        return env ? [env] : [];
      }))].sort(),
    });
  }
  const envs = new Map<string, AuthoringEnvironment>();
  const add = (alias: string, source: AuthoringEnvironment['sources'][number]) => {
    const e = envs.get(alias) ?? { alias, kind: environmentKind(model, alias), sources: [] };
    if (!e.sources.includes(source)) e.sources.push(source);
    envs.set(alias, e);
  };
  add('default', 'fallback');
  for (const a of model.productionAliases) add(a, 'production setting');
  for (const a of model.orgs.aliases.keys()) add(a, 'sf alias');
  for (const p of project?.packageDirs ?? []) if (p.aliasfy) for (const f of aliasfyFolders(model, p).environments) add(f, 'folder');
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
