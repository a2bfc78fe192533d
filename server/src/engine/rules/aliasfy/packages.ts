// What every aliasfy rule needs about each aliasfy package (computed once per project check):
// its components, its first-level folders, which of them are environment folders, the org aliases
// sf knows and which are production (all from project/environments.ts, the one definition); plus
// the copy/scaffold fixes several aliasfy rules offer.
import type { ProjectRuleContext } from '../projectContext';
import { isInside, type ComponentSummary, type PackageDir } from '../../project/model';
import { aliasfyFolders, environmentOf, defaultPolicyText, productionAliasesOf } from '../../project/environments';
import type { Fix } from '../../types';

export interface AliasfyPackage {
  pkg: PackageDir;
  comps: ComponentSummary[];
  folders: string[];
  envFolders: string[];
  /** The first component below `folder` (relative to the package), for ranges. */
  firstIn(folder: string): ComponentSummary | undefined;
}

export interface AliasfyFacts { packages: AliasfyPackage[]; knownAliases: string[]; production: Set<string> }

const cache = new WeakMap<ProjectRuleContext, AliasfyFacts>();

export function aliasfyFacts(c: ProjectRuleContext): AliasfyFacts {
  const hit = cache.get(c);
  if (hit) return hit;
  const knownAliases = [...c.model.orgs.aliases.keys()];
  const production = new Set(productionAliasesOf(c.model));
  const packages: AliasfyPackage[] = [];
  for (const pkg of c.model.sfdx?.packageDirs ?? []) {
    if (!pkg.aliasfy) continue;
    const comps = [...c.model.components.values()].filter((s) => isInside(s.path, pkg.path)).sort((a, b) => a.path.localeCompare(b.path));
    const { folders, envFolders } = aliasfyFolders(c.model, pkg);
    packages.push({ pkg, comps, folders, envFolders, firstIn: (folder) => comps.find((s) => isInside(s.path, `${pkg.path}/${folder}`)) });
  }
  const facts = { packages, knownAliases, production };
  cache.set(c, facts);
  return facts;
}

export function copyFileFix(c: ProjectRuleContext, s: ComponentSummary, pkg: PackageDir, fromEnv: string, toEnv: string): Fix | undefined {
  const text = c.model.fs.readText(s.path);
  if (text === undefined) return undefined;
  const target = `${pkg.path}/${toEnv}/${s.path.slice(pkg.path.length + 1 + fromEnv.length + 1)}`;
  if (c.model.components.has(target) || c.model.fs.exists(target)) return undefined;
  return { title: `Copy to ${toEnv}/${toEnv === 'default' ? ' (client credentials off)' : ''}`, changes: [{ kind: 'create', path: target, text: toEnv === 'default' ? defaultPolicyText(text) : text }] };
}

export function copyEnvFix(c: ProjectRuleContext, pkg: PackageDir, comps: ComponentSummary[], fromEnv: string, toEnv: string): Fix[] | undefined {
  const changes = comps.filter((s) => environmentOf(pkg, s.path).env === fromEnv)
    .map((s) => copyFileFix(c, s, pkg, fromEnv, toEnv)).filter((f): f is Fix => !!f).flatMap((f) => f.changes);
  return changes.length ? [{ title: `Scaffold ${toEnv}/ from ${fromEnv}/`, changes }] : undefined;
}
