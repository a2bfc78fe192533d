// sf's state in a temporary HOME, as `sf org login` / `sf alias set` leave it, so tests read real
// alias and auth files rather than stubs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempTree } from './fs';

export type Kind = 'production' | 'sandbox' | 'scratch' | 'devhub' | 'unknown';
/** sf's state as `sf org login` / `sf alias set` leave it: ~/.sfdx/alias.json and one auth file per username. */
export function sfHome(orgs: Record<string, Kind>): string {
  const home = tempTree({}, 'eca-env-home-');
  mkdirSync(join(home, '.sfdx'), { recursive: true });
  const aliases: Record<string, string> = {};
  for (const [alias, kind] of Object.entries(orgs)) {
    const username = `admin@${alias}.example.com`;
    aliases[alias] = username;
    const auth: Record<string, unknown> = { username, orgId: '00Dbm000004ELiDEAW', instanceUrl: `https://${alias}.my.salesforce.com`, accessToken: 'redacted' };
    if (kind === 'production') auth.isSandbox = false;
    if (kind === 'sandbox') auth.isSandbox = true;
    if (kind === 'scratch') { auth.isScratch = true; auth.devHubUsername = 'admin@hub.example.com'; }
    if (kind === 'devhub') auth.isDevHub = true;
    writeFileSync(join(home, '.sfdx', `${username}.json`), JSON.stringify(auth));
  }
  writeFileSync(join(home, '.sfdx', 'alias.json'), JSON.stringify({ orgs: aliases }));
  return home;
}

