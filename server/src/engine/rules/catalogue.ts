// The rule catalogue, derived from the rules' own declarations (registry.ts): ids (public contract:
// docs/reference/eca-rules.md), default severity, section, scope, summary, description, fix and evidence.
// SARIF output, the CLI's `rules` command, settings validation, hover and docs/rules.md read it.
// Every diagnostic code is here: the rules, then the codes the migration and verify report
// (reported.ts).
import type { RuleMeta } from './define';
import { ALL_RULES } from './registry';
import { REPORTED_CODES, type ReportedBy } from './reported';

export type { RuleMeta } from './define';

const meta = ({ id, severity, section, scope, summary, description, fix, reads, ...rest }: RuleMeta): RuleMeta =>
  ({ id, severity, section, scope, summary, description, ...(fix ? { fix } : {}), ...(reads ? { reads } : {}), ...securityMeta(rest), ...(rest.evidence ? { evidence: rest.evidence } : {}) });

/** The security category's fields (issue 22), when a rule declares them. */
function securityMeta(r: Pick<RuleMeta, 'category' | 'citation' | 'securitySeverity'>): Partial<RuleMeta> {
  return { ...(r.category ? { category: r.category } : {}), ...(r.citation ? { citation: r.citation } : {}), ...(r.securitySeverity ? { securitySeverity: r.securitySeverity } : {}) };
}

export const CATALOGUE: RuleMeta[] = [...ALL_RULES.map(meta), ...REPORTED_CODES.map(meta)];

export const RULE_BY_ID = new Map(CATALOGUE.map((r) => [r.id, r]));

export type RuleKind = 'file' | 'project' | ReportedBy;

/** Each code's kind ('file' or 'project' rule, or reported by 'migration' / 'verify'), for tests and docs. */
export const RULE_KIND = new Map<string, RuleKind>([...ALL_RULES.map((r) => [r.id, r.kind] as const), ...REPORTED_CODES.map((r) => [r.id, r.reportedBy] as const)]);
