// Which ECA files one org receives from a project, by the engine's own environment resolution
// (engine/project/environmentsView.ts over sfp's aliasfy semantics in environments.ts): every
// package directory without aliasfy, plus, per aliasfy package, the folder sfp picks for the org
// (its alias; else default/ for sandboxes and scratch orgs; production never falls back). The
// org's kind comes from the org itself (the caller asks it), not from local guesses: it is set on
// the model's org table before the view resolves, so the view decides exactly as it does for the
// Environments tree. Files the org does not receive are never returned.
import { existsSync } from 'node:fs';
import { TYPE_BY_NAME } from '../engine/schema';
import { EnvironmentsView } from '../engine/project/environmentsView';
import { normalize, isInside, type PackageDir, type ProjectModel } from '../engine/project/model';
import { NO_ORGS, type OrgKind, type SfOrgs } from '../engine/project/orgs';
import { loadCheckedProject, type CheckedProject } from '../engine/project/checked';

export interface ReceivedEcaFile {
  /** Absolute source path (forward slashes). */
  path: string;
  type: string;
  /** Component full name. */
  name: string;
  eca?: string;
  /** Path of the file inside the deploy zip (Metadata API format, no -meta.xml). */
  zipPath: string;
  /** How the org gets it: a folder of its own, default/ (fallback or merged), or every org. */
  how: 'own' | 'merged' | 'fallback' | 'every-org';
  /** The environment folder it comes from (aliasfy packages). */
  fromEnv?: string;
  package: PackageDir;
}

export interface Resolution {
  model: ProjectModel;
  /** The environment name sfp matches folders against: the alias (or the username without one). */
  env: string;
  files: ReceivedEcaFile[];
  /** One line per aliasfy package: which folder this org gets. */
  notes: string[];
  /** Set when sfp would refuse the install for this org (production without a folder of its own). */
  refusal?: string;
}

/**
 * The project as the CLI's check loads and checks it: sfdx-project.json, .forceignore, every ECA
 * file of the package directories, and the one checker's diagnostics the view reads.
 */
export function loadProjectToVerify(root: string, home: string | undefined): CheckedProject {
  return loadCheckedProject(root, home ? { home } : { orgs: NO_ORGS });
}

/** The model's org table with the target org's alias and kind as the org itself reported them. */
function withTarget(orgs: SfOrgs, env: string, username: string, orgId: string, kind: OrgKind): SfOrgs {
  const aliases = new Map(orgs.aliases);
  aliases.set(env, username);
  const table = new Map(orgs.orgs);
  table.set(username, { ...(table.get(username) ?? { username }), username, orgId, kind });
  return { aliases, orgs: table, devHub: orgs.devHub };
}

/** `X.ecaOauth-meta.xml` → `extlClntAppOauthSettings/X.ecaOauth` (the file's bytes are the same in both formats). */
export function zipPathOf(type: string, name: string): string | undefined {
  const t = TYPE_BY_NAME.get(type);
  if (!t?.folder || !t.suffix) return undefined;
  return `${t.folder}/${name}.${t.suffix}`;
}

export function resolveReceived(project: CheckedProject, target: { env: string; username: string; orgId: string; kind: OrgKind }): Resolution {
  const { model } = project;
  if (!model.sfdx || model.sfdx.packageDirs.length === 0) {
    throw new Error(`${model.root}/sfdx-project.json declares no package directories: nothing would be deployed.`);
  }
  model.orgs = withTarget(model.orgs, target.env, target.username, target.orgId, target.kind);
  const view = new EnvironmentsView(model, project.viewIO());
  const byPath = new Map<string, ReceivedEcaFile>();
  const add = (path: string, how: ReceivedEcaFile['how'], fromEnv?: string) => {
    const c = model.components.get(normalize(path));
    const pkg = model.packageOf(path);
    if (!c || !pkg || byPath.has(c.path)) return;
    const zipPath = zipPathOf(c.type, c.name);
    if (!zipPath) return;
    byPath.set(c.path, { path: c.path, type: c.type, name: c.name, eca: c.eca, zipPath, how, fromEnv, package: pkg });
  };
  // 1. Package directories without aliasfy: every org gets all of their ECA files.
  for (const c of [...model.components.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const pkg = model.packageOf(c.path);
    if (!pkg || pkg.aliasfy || model.isIgnored(c.path)) continue;
    add(c.path, 'every-org');
  }
  // 2. aliasfy packages: what the environments view says this environment receives.
  const notes: string[] = [];
  const refusedPkgs = new Set<string>();
  for (const app of view.apps()) {
    for (const f of view.environmentFiles(target.env, app.eca)) {
      if (f.path && (f.status === 'own' || f.status === 'merged' || f.status === 'fallback' || f.status === 'every-org')) {
        add(f.path, f.status, f.fromEnv);
      } else if (f.status === 'missing' && f.package.aliasfy && !model.fs.listDirs(f.package.path).includes(target.env) && (target.kind === 'production' || target.kind === 'devhub')) {
        refusedPkgs.add(f.package.name ?? f.package.rel);
      }
    }
  }
  for (const pkg of model.sfdx.packageDirs.filter((p) => p.aliasfy && existsSync(p.path))) {
    const dirs = model.fs.listDirs(pkg.path);
    const name = pkg.name ?? pkg.rel;
    const from = dirs.includes(target.env)
      ? `${target.env}/${pkg.mergeMode && dirs.includes('default') ? ' merged with default/' : ''}`
      : target.kind === 'sandbox' || target.kind === 'scratch'
        ? dirs.includes('default') ? 'default/ (no folder of its own; a ' + target.kind + ' org falls back)' : 'nothing (no folder of its own and no default/)'
        : 'nothing (a production org never falls back to default/)';
    notes.push(`aliasfy package '${name}': ${target.env} gets ${from}`);
  }
  const files = [...byPath.values()].sort((a, b) => a.package.index - b.package.index || a.path.localeCompare(b.path));
  const refusal = refusedPkgs.size
    ? `${target.env} is a production org and the aliasfy package${refusedPkgs.size > 1 ? 's' : ''} ${[...refusedPkgs].map((p) => `'${p}'`).join(', ')} ` +
      `${refusedPkgs.size > 1 ? 'have' : 'has'} no folder named '${target.env}': sfp never falls back to default/ for production (flxbl-io/sfp#119), ` +
      `so the install would fail. Add a ${target.env}/ folder (the Environments view can scaffold it) before verifying against this org.`
    : undefined;
  return { model, env: target.env, files, notes, refusal };
}

/** Keeps the files inside one of `paths` (absolute); all when none are given. */
export function within(files: ReceivedEcaFile[], paths: string[]): ReceivedEcaFile[] {
  if (!paths.length) return files;
  return files.filter((f) => paths.some((p) => isInside(f.path, normalize(p))));
}
