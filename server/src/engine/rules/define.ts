// A rule as one self-describing unit: its public id, default severity, catalogue section, scope,
// what it means, the fix it offers, and its check, declared together in one file
// (rules/<area>/<rule-id>.ts). The catalogue, the CLI's `rules` output, SARIF rule metadata and
// docs/rules.md are all derived from these declarations (see registry.ts and catalogue.ts).
import type { Severity } from '../types';
import type { RuleContext } from './context';
import type { ProjectRuleContext } from './projectContext';

export interface RuleMeta {
  /** Public, stable id (docs/reference/eca-rules.md): never rename. */
  id: string;
  /** Default severity; a rule may report a lower or higher one where its catalogue entry says so. */
  severity: Severity;
  /** Section of docs/reference/eca-rules.md (1 schema, 2 naming, 3 per type, 4 project, 5 aliasfy, 6 platform 2026, 7 reported by migrate and verify, 8 security). */
  section: number;
  /** What the rule looks at: a metadata type, 'any ECA file', 'sfdx-project.json', 'aliasfy package', … */
  scope: string;
  /** One line: what is wrong when it fires. */
  summary: string;
  /** Why the platform cares and what the user sees (a sentence or two, for docs/rules.md). */
  description: string;
  /** The quick fix or command offered, in words; omitted when there is none. */
  fix?: string;
  /** `Type.field` values the rule reads (test/unit/cascades.test.ts proves an unreadable value never cascades). */
  reads?: string[];
  // --- security category (issue 22): kept together so other additions to RuleMeta merge cleanly.
  /** The rule's category; `security` rules get SARIF's security-severity and `security` tag. */
  category?: 'security';
  /** Where the practice the rule checks is written down (RFC 9700 section, RFC 8252, a Salesforce page). */
  citation?: Citation;
  /** GitHub code scanning's `security-severity`: a number 0.1–10.0 written as a string ("7.5"). */
  securitySeverity?: string;
  /**
   * What the rule's error rests on: the platform's own rejection text and where it was seen (WSDL,
   * a documentation page, an error quoted in a public repository or thread), or `inferred` (then the
   * rule reports a warning that says "may"). docs/rules.md shows it.
   */
  evidence?: RuleEvidence;
}

export type RuleEvidence = { platform: string; seen: string } | 'inferred';

/** A source a rule cites: a short title ("RFC 9700 §4.1.3") and its address. */
export interface Citation { title: string; url: string }

export interface FileRule extends RuleMeta {
  kind: 'file';
  /** Which files the rule sees: ECA files (default) or Connected App files. */
  appliesTo?: 'eca' | 'connectedApp';
  /** Reads other files of the deploy unit: in a source folder outside the package directories its errors are warnings (project/looseFolder.ts). */
  crossFile?: boolean;
  check(ctx: RuleContext): void;
}
export interface ProjectRule extends RuleMeta { kind: 'project'; check(ctx: ProjectRuleContext): void }
export type AnyRule = FileRule | ProjectRule;

/** Declare a single-file rule (it sees one parsed file and the project model). */
export function fileRule(def: Omit<FileRule, 'kind'>): FileRule { return { kind: 'file', ...def }; }
/** Declare a project rule (it sees the whole project model). */
export function projectRule(def: Omit<ProjectRule, 'kind'>): ProjectRule { return { kind: 'project', ...def }; }

/** Where a rule's entry in the user-facing catalogue lives. */
export function docsLink(id: string): string { return `docs/rules.md#${id}`; }
