// SARIF 2.1.0 output for GitHub code scanning: one run, the catalogue as the driver's rules.
// Security rules carry GitHub's `security-severity` and the `security` tag, and link their source.
import { CATALOGUE, RULE_BY_ID, type EngineDiagnostic, type RuleMeta, type Severity } from '../engine';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(diags: EngineDiagnostic[], rel: (p: string) => string, version: string): object {
  const ids = new Set(CATALOGUE.map((r) => r.id));
  const extra = [...new Set(diags.map((d) => d.code))].filter((c) => !ids.has(c));
  const rules = [...CATALOGUE.map((r) => ({ id: r.id, summary: r.summary, description: r.description, fix: r.fix, severity: r.severity })), ...extra.map((id) => ({ id, summary: id, description: undefined, fix: undefined, severity: 'warning' as Severity }))];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'eca-tools',
          version,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
            shortDescription: { text: r.summary },
            ...(r.description ? { fullDescription: { text: r.description } } : {}),
            ...(r.description ? { help: { text: `${r.description}${r.fix ? ` Fix: ${r.fix}` : ''}` } } : {}),
            defaultConfiguration: { level: LEVEL[RULE_BY_ID.get(r.id)?.severity ?? r.severity] },
            ...securityProperties(RULE_BY_ID.get(r.id)),
          })),
        },
      },
      results: diags.map((d) => ({
        ruleId: d.code,
        ruleIndex: index.get(d.code),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: rel(d.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        }],
      })),
    }],
  };
}

/** GitHub code scanning reads `properties.security-severity` (a number as a string) and tags. */
function securityProperties(r: RuleMeta | undefined): object {
  if (r?.category !== 'security') return {};
  return {
    ...(r.citation ? { helpUri: r.citation.url } : {}),
    properties: { tags: ['security'], ...(r.securitySeverity ? { 'security-severity': r.securitySeverity } : {}) },
  };
}
