// sfp aliasfy semantics: which environment folder a file belongs to, and which orgs receive it.
// sfp deploys the sub-folder named exactly like the target org's alias; sandboxes and scratch
// orgs without one fall back to default/; production never falls back (flxbl-io/sfp#119). With
// merge mode, default/ is merged into every alias folder.
import type { PackageDir, ProjectModel } from './model';
import { TYPES } from '../schema';
import { aliasKind, type OrgKind } from './orgs';

const TYPE_FOLDERS = new Set(TYPES.filter((t) => t.folder).map((t) => t.folder!));

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
  const kind = (a: string): OrgKind => (model.productionAliases.includes(a) ? 'production' : aliasKind(model.orgs, a));
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
