// The three deployment patterns a Connected App can be migrated to, and small path helpers shared
// by the migration, its report and the command.
import { normalize } from '../engine/project/model';

export type MigrationPattern = '1' | '2' | 'local';

export const PATTERNS: Record<MigrationPattern, { label: string; detail: string }> = {
  '1': { label: 'Pattern 1: unlocked package (Packaged)', detail: 'One OAuth consumer on the DevHub shared by every org; the OAuth settings (with their oauthLink) are retrieved from the DevHub.' },
  '2': { label: 'Pattern 2: source package + bootstrap (Local)', detail: 'A Local ECA per org; a postDeploymentScript runs anonymous Apex that creates each org\'s own OAuth consumer.' },
  local: { label: 'Local ECA (Salesforce\'s documented local flow)', detail: 'A Local ECA deployed together with its global OAuth settings (without consumer key or secret).' },
};

export function isPattern(s: string): s is MigrationPattern {
  return s === '1' || s === '2' || s === 'local';
}

/** `path` relative to `root` when inside it (forward slashes), else `path` itself. */
export function relativeTo(root: string, path: string): string {
  const r = normalize(root);
  const p = normalize(path);
  if (p === r) return '.';
  return p.startsWith(r + '/') ? p.slice(r.length + 1) : p;
}
