// How an org's kind reads to a user: one wording for the Environments and Apps trees, the matrix,
// `plan` and `audit`. Data and string functions only, no dependency at run time: the client imports
// it (test/client/bundle.test.ts allows it by name).
import type { EnvKind } from './view/types';

/** Each kind as a short description (a tree item's, a matrix column's). */
export const KIND_WORDS: Record<EnvKind, string> = {
  production: 'production',
  sandbox: 'sandbox',
  scratch: 'scratch org',
  devhub: 'DevHub',
  unknown: 'not marked production (set eca.productionAliases)',
  default: 'fallback for sandboxes & scratch orgs',
  'every-org': 'no aliasfy package: the same files',
};

/** An org as a report's heading names it: `prod (production)`, `uat (not marked production …)`; `long` spells out default/ and every org. */
export function orgTitle(org: string, kind: EnvKind, long = false): string {
  if (kind === 'every-org') return long ? 'every org (packages without aliasfy)' : 'every org';
  if (kind === 'default') return long ? 'default (fallback for sandboxes and scratch orgs without a folder)' : 'default (fallback)';
  return `${org} (${KIND_WORDS[kind]})`;
}
