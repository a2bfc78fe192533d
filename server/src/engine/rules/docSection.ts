// One rule's section of docs/rules.md: rendered from the rule's declaration (doc.ts builds the
// whole file from these; `eca-check rules <id>` prints one) and found again in the file's text
// (the extension opens the section of the docs/rules.md it ships). No dependencies: the client
// imports it.
import type { RuleMeta } from './define';

function evidenceLines(r: RuleMeta): string[] {
  if (!r.evidence) return [];
  if (r.evidence === 'inferred') return ['', 'Evidence: inferred (no platform rejection seen), so never an error; where it predicts a failure, the message says "may".'];
  return ['', `Evidence: ${r.evidence.platform} — seen in ${r.evidence.seen}.`];
}

function ruleSectionLines(r: RuleMeta): string[] {
  return [`### ${r.id}`, '', `**${r.severity}** · ${r.scope} — ${r.summary}`, '', r.description, ...(r.fix ? ['', `Fix: ${r.fix}`] : []),
    // Security rules (issue 22): the source they cite and GitHub's security-severity.
    ...(r.citation ? ['', `Source: [${r.citation.title}](${r.citation.url})${r.securitySeverity ? ` · SARIF security-severity ${r.securitySeverity}` : ''}`] : []),
    ...evidenceLines(r)];
}

/**
 * One rule's section of docs/rules.md, exactly as the file has it (`eca-check rules <id>` prints
 * it; the editor opens the same section of the shipped file).
 */
export function renderRuleSection(r: RuleMeta): string {
  return ruleSectionLines(r).join('\n') + '\n';
}

/** The section of rule `id` in a docs/rules.md text (from its heading to the next heading), or undefined. */
export function ruleSectionOf(doc: string, id: string): string | undefined {
  const lines = doc.split('\n');
  const start = lines.indexOf(`### ${id}`);
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^#{1,3} /.test(lines[end])) end++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end).join('\n') + '\n';
}
