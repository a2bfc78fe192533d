// The orgs the user's `sf` CLI knows on this machine: aliases, the default DevHub, and per org its
// id and kind (production / sandbox / scratch / DevHub). Read straight from sf's state files so
// validation never needs @salesforce/core; tokens in those files are never read into memory
// beyond JSON.parse and never kept.
import { joinPath as join, type EngineFs } from '../fs';
import { diskFs } from '../host/disk';

export type OrgKind = 'production' | 'sandbox' | 'scratch' | 'devhub' | 'unknown';

export interface OrgInfo { username: string; orgId?: string; kind: OrgKind; instanceUrl?: string }

export interface SfOrgs {
  /** alias → username */
  aliases: Map<string, string>;
  /** username → org facts */
  orgs: Map<string, OrgInfo>;
  /** The default DevHub (target-dev-hub), resolved to an org when its auth file is present. */
  devHub?: { aliasOrUsername: string; org?: OrgInfo };
}

export const NO_ORGS: SfOrgs = { aliases: new Map(), orgs: new Map() };

function readJson(p: string, fs: EngineFs): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(new TextDecoder().decode(fs.readFile(p)));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(auth: Record<string, unknown>): OrgKind {
  if (auth.isScratch === true || typeof auth.devHubUsername === 'string') return 'scratch';
  if (auth.isSandbox === true) return 'sandbox';
  if (auth.isDevHub === true) return 'devhub';
  if (auth.isSandbox === false) return 'production';
  const url = typeof auth.instanceUrl === 'string' ? auth.instanceUrl : '';
  if (/\.sandbox\.my\.salesforce\.com|--[a-z0-9]+\.(?:sandbox\.)?my\.salesforce\.com|test\.salesforce\.com/i.test(url)) return 'sandbox';
  if (/\.scratch\.my\.salesforce\.com/i.test(url)) return 'scratch';
  return 'unknown';
}

/** Read sf's state under `home` (and the project's own `.sf/config.json` when `projectRoot` is given). */
export function readSfOrgs(home: string | undefined, projectRoot?: string, fs: EngineFs = diskFs): SfOrgs {
  if (!home) return NO_ORGS;
  const sfdx = join(home, '.sfdx');
  const aliases = new Map<string, string>();
  const aliasFile = readJson(join(sfdx, 'alias.json'), fs);
  const orgsObj = aliasFile?.orgs;
  if (orgsObj && typeof orgsObj === 'object') {
    for (const [a, u] of Object.entries(orgsObj as Record<string, unknown>)) if (typeof u === 'string') aliases.set(a, u);
  }
  const orgs = new Map<string, OrgInfo>();
  let names: string[] = [];
  try { names = fs.readDir(sfdx).map((e) => e.name).filter((n) => n.endsWith('.json') && n.includes('@')); } catch { names = []; }
  for (const n of names) {
    const auth = readJson(join(sfdx, n), fs);
    if (!auth || typeof auth.username !== 'string') continue;
    orgs.set(auth.username, {
      username: auth.username,
      orgId: typeof auth.orgId === 'string' ? auth.orgId : undefined,
      kind: kindOf(auth),
      instanceUrl: typeof auth.instanceUrl === 'string' ? auth.instanceUrl : undefined,
    });
  }
  const configs = [
    projectRoot ? readJson(join(projectRoot, '.sf', 'config.json'), fs) : undefined,
    projectRoot ? readJson(join(projectRoot, '.sfdx', 'sfdx-config.json'), fs) : undefined,
    readJson(join(home, '.sf', 'config.json'), fs),
    readJson(join(sfdx, 'sfdx-config.json'), fs),
  ];
  let hub: string | undefined;
  for (const c of configs) {
    const v = c?.['target-dev-hub'] ?? c?.defaultdevhubusername;
    if (typeof v === 'string' && v) { hub = v; break; }
  }
  const devHub = hub ? { aliasOrUsername: hub, org: orgs.get(aliases.get(hub) ?? hub) } : undefined;
  return { aliases, orgs, devHub };
}

/** The kind of the org an alias names, when known. */
export function aliasKind(o: SfOrgs, alias: string): OrgKind {
  const u = o.aliases.get(alias);
  return (u && o.orgs.get(u)?.kind) || 'unknown';
}
