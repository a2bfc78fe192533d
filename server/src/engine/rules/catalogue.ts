// The rule catalogue, derived from the rules' own declarations (registry.ts): ids (public contract:
// docs/reference/eca-rules.md), default severity, section, scope, summary, description and fix.
// SARIF output, the CLI's `rules` command, settings validation, hover and docs/rules.md read it.
import type { RuleMeta } from './define';
import { ALL_RULES } from './registry';

export type { RuleMeta } from './define';

export const CATALOGUE: RuleMeta[] = ALL_RULES.map(({ id, severity, section, scope, summary, description, fix, reads, ...rest }) =>
  ({ id, severity, section, scope, summary, description, ...(fix ? { fix } : {}), ...(reads ? { reads } : {}), ...securityMeta(rest) }));

/** The security category's fields (issue 22), when a rule declares them. */
function securityMeta(r: Pick<RuleMeta, 'category' | 'citation' | 'securitySeverity'>): Partial<RuleMeta> {
  return { ...(r.category ? { category: r.category } : {}), ...(r.citation ? { citation: r.citation } : {}), ...(r.securitySeverity ? { securitySeverity: r.securitySeverity } : {}) };
}

export const RULE_BY_ID = new Map(CATALOGUE.map((r) => [r.id, r]));

/** Each rule's kind ('file' or 'project'), for tests and docs. */
export const RULE_KIND = new Map(ALL_RULES.map((r) => [r.id, r.kind]));
