// Renderers of a plan result: text for a terminal, Markdown for a pull-request or job summary,
// JSON for tools (the result object itself).
import type { ComponentChange, Finding, OrgPlan, PlanResult, SettingChange } from './plan';
import { orgTitle } from '../engine/project/orgWords';

const TYPE_LABEL = (type: string): string => type
  .replace(/^ExtlClntApp/, '')
  .replace(/^ExternalClientApplication$/, 'header')
  .replace(/OauthConfigurablePolicies$/, 'OAuth policies')
  .replace(/ConfigurablePolicies$/, 'policies')
  .replace(/GlobalOauthSettings$/, 'global OAuth settings')
  .replace(/OauthSettings$/, 'OAuth settings')
  .replace(/([a-z])([A-Z])/g, '$1 $2');

export function describeSetting(s: SettingChange): string {
  if (s.sensitive) return `${s.label} ${s.change}`;
  if (s.change === 'added') return s.name === 'clientCredentialsFlowUser' ? `${s.label} added (${s.after})` : `${s.label} added: ${s.after}`;
  if (s.change === 'removed') return `${s.label} removed (was ${s.before})`;
  return `${s.label} ${s.before} → ${s.after}`;
}

/** One line per component change, e.g. `Acme_Sync OAuth policies: isClientCredentialsFlowEnabled false → true, run-as user added (…)`. */
export function describeChange(c: ComponentChange): string {
  const what = `${c.eca} ${TYPE_LABEL(c.type)}${c.name !== c.eca && !c.name.startsWith(`${c.eca}_`) ? ` (${c.name})` : ''}`;
  const from = (s?: { path: string; status: string }) => (s ? `${s.path}${s.status === 'own' || s.status === 'every-org' ? '' : `, ${s.status}`}` : '');
  switch (c.change) {
    case 'added': return `${what}: now received from ${from(c.after)}`;
    case 'removed': return `${what}: no longer received (was ${from(c.before)}) — ${c.reason}`;
    case 'not-received': return `${what}: new, but not received — ${c.reason}`;
    default: {
      const parts = c.settings.map(describeSetting);
      if (c.before && c.after && (c.before.path !== c.after.path || c.before.status !== c.after.status)) parts.push(`now from ${from(c.after)} (was ${from(c.before)})`);
      if (c.otherEdits && !parts.length) parts.push(`file edited (${c.after?.path})`);
      return `${what}: ${parts.join(', ')}`;
    }
  }
}

const finding = (f: Finding) => `${f.severity} ${f.code} ${f.path}:${f.line} ${f.message}`;

/** One org's part of a plan as lines: each component change, then the findings introduced and fixed. */
export function orgLines(o: OrgPlan): string[] {
  return [...o.changes.map(describeChange), ...o.introduced.map((f) => `+ ${finding(f)}`), ...o.fixed.map((f) => `- fixed: ${finding(f)}`)];
}

const titleOf = (o: OrgPlan): string => orgTitle(o.org, o.kind, true);

export function planText(r: PlanResult): string {
  const lines: string[] = [];
  if (!r.orgs.length) lines.push('No org receives different ECA metadata, and no finding changes.');
  for (const o of r.orgs) {
    lines.push(`${titleOf(o)}:`);
    for (const c of o.changes) lines.push(`  ${o.org === 'every org' ? '' : `${o.org}: `}${describeChange(c)}`);
    for (const w of o.weakens ?? []) lines.push(`  ! ${o.org}: ${w.eca}: ${w.what}`);
    for (const f of o.introduced) lines.push(`  + ${finding(f)}`);
    for (const f of o.fixed) lines.push(`  - fixed: ${finding(f)}`);
  }
  if (r.unchanged.length) lines.push(`Unchanged: ${r.unchanged.join(', ')}`);
  lines.push(`${r.introduced.length} finding(s) introduced, ${r.fixed.length} fixed.`);
  // Those no org section lists already (e.g. on sfdx-project.json).
  const shown = new Set(r.orgs.flatMap((o) => [...o.introduced, ...o.fixed]));
  for (const f of r.introduced) if (!shown.has(f)) lines.push(`  + ${finding(f)}`);
  for (const f of r.fixed) if (!shown.has(f)) lines.push(`  - fixed: ${finding(f)}`);
  return lines.join('\n') + '\n';
}

const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');

export function planMarkdown(r: PlanResult, title = 'ECA changes per org'): string {
  const lines = [`## ${title}`, ''];
  if (!r.orgs.length) lines.push('No org receives different ECA metadata, and no finding changes.', '');
  for (const o of r.orgs) {
    lines.push(`### ${md(titleOf(o))}`, '');
    for (const c of o.changes) lines.push(`- ${md(describeChange(c))}`);
    for (const w of o.weakens ?? []) lines.push(`- 🔓 weaker security: **${md(o.org)}: ${md(w.eca)}: ${md(w.what)}**`);
    for (const f of o.introduced) lines.push(`- ❗ introduces \`${md(f.code)}\` (${f.severity}) in \`${md(f.path)}\`:${f.line}: ${md(f.message)}`);
    for (const f of o.fixed) lines.push(`- ✅ fixes \`${md(f.code)}\` in \`${md(f.path)}\``);
    lines.push('');
  }
  if (r.unchanged.length) lines.push(`Unchanged: ${r.unchanged.map((u) => `\`${md(u)}\``).join(', ')}`, '');
  lines.push(`**${r.introduced.length}** finding(s) introduced, **${r.fixed.length}** fixed.`, '');
  if (r.introduced.length || r.fixed.length) {
    lines.push('| | Severity | Rule | File | Message |', '|---|---|---|---|---|');
    for (const f of r.introduced) lines.push(`| introduced | ${f.severity} | \`${md(f.code)}\` | \`${md(f.path)}\`:${f.line} | ${md(f.message)} |`);
    for (const f of r.fixed) lines.push(`| fixed | ${f.severity} | \`${md(f.code)}\` | \`${md(f.path)}\`:${f.line} | ${md(f.message)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export function planJson(r: PlanResult): string {
  return JSON.stringify(r, null, 2) + '\n';
}
