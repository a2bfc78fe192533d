// The migration report (Markdown): every Connected App setting and where it went, what was
// dropped and why, the blockers, our checks on the result, and the steps left to people. It never
// shows a consumer key or secret (their rows say "present, not shown"; migrate.ts also scrubs).
import type { MigrationPlan, SettingRow } from './types';
import { PATTERNS, relativeTo } from './patterns';
import { FILE_TYPES } from './mapping';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;') || ' ';
}

const OUTCOME: Record<SettingRow['kind'], string> = {
  mapped: 'mapped',
  computed: 'mapped (converted)',
  notCopied: '**not copied**',
  dropped: 'dropped',
  blocker: '**blocker**',
  container: 'mapped',
  unknown: '**blocker** (unknown)',
};

export function renderReport(plan: MigrationPlan): string {
  const rel = (p: string) => relativeTo(plan.projectRoot, p);
  const out: string[] = [];
  const errors = plan.checks.filter((c) => c.severity === 'error').length;
  const warnings = plan.checks.filter((c) => c.severity === 'warning').length;
  const status = plan.conflicts.length
    ? `**Not written: ${plan.conflicts.length} target file(s) already exist**`
    : plan.blockers.length
      ? `**Blocked: ${plan.blockers.length} blocker(s)** (the files leave out what is blocked)`
      : '**Ready**';

  out.push(`# Connected App → External Client App: ${plan.label} (\`${plan.name}\`)`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Connected App | \`${rel(plan.source)}\` (left untouched) |`);
  out.push(`| Pattern | ${PATTERNS[plan.pattern].label}: ${PATTERNS[plan.pattern].detail} |`);
  out.push(`| Package directory | \`${rel(plan.packageDir)}\` |`);
  out.push(`| Result | ${status} |`);
  out.push(`| Our checks on the result | ${errors} error(s), ${warnings} warning(s), ${plan.checks.length - errors - warnings} other |`);
  out.push('');

  if (plan.blockers.length) {
    out.push('## Blockers', '', 'These settings cannot be carried over as they are; the migrated app would lose or break them.', '');
    plan.blockers.forEach((b, i) => out.push(`${i + 1}. **${b.code}**${b.setting ? ` (\`${b.setting}\`)` : ''}: ${b.message}`));
    out.push('');
  }
  if (plan.conflicts.length) {
    out.push('## Conflicts', '', 'Nothing was written: these files already exist, and the migration never overwrites.', '');
    for (const c of plan.conflicts) out.push(`- \`${rel(c)}\``);
    out.push('');
  }

  out.push('## Files', '');
  if (!plan.creates.length && !plan.edits.length) out.push('No file is created.');
  else {
    out.push('| Action | Path | What |', '|---|---|---|');
    for (const f of plan.creates) {
      const what = f.role === 'script' ? 'postDeploymentScript (shell) of pattern 2' : f.role === 'apex' ? 'anonymous Apex run by the script' : f.role === 'report' ? 'this report' : `${FILE_TYPES[f.role].type}: ${FILE_TYPES[f.role].what}`;
      out.push(`| create | \`${rel(f.path)}\` | ${cell(what)} |`);
    }
    for (const e of plan.edits) out.push(`| edit | \`${rel(e.path)}\` | ${cell(e.what)} (formatting kept) |`);
  }
  out.push('');

  out.push('## Settings, one by one', '');
  out.push('| Connected App setting | Value | Went to | Outcome | Mapping | Note |', '|---|---|---|---|---|---|');
  for (const r of plan.rows) {
    out.push(`| \`${r.setting}\` | ${cell(r.value)} | ${cell(r.destination)} | ${OUTCOME[r.kind]} | ${r.evidence === 'n/a' ? '' : r.evidence} | ${cell(r.note)} |`);
  }
  out.push('', '"inferred": names and descriptions line up on both sides, but no Salesforce source read states the mapping (see `connected-app-migration.md`).', '');

  const dropped = plan.rows.filter((r) => r.kind === 'dropped' || r.kind === 'notCopied');
  if (dropped.length) {
    out.push('## Not carried over', '');
    for (const r of dropped) out.push(`- \`${r.setting}\`: ${r.note}`);
    out.push('');
  }
  if (plan.defaults.length) {
    out.push('## Values written explicitly', '');
    for (const d of plan.defaults) out.push(`- ${d}`);
    out.push('');
  }

  if (plan.pattern === '1') {
    out.push('## Pattern 1: why there is no OAuth settings file', '',
      'In pattern 1 the OAuth settings (`.ecaOauth-meta.xml`) ship in the unlocked package with an `oauthLink` that points at the OAuth consumer on the DevHub (`<OrgId>:<ConsumerRecordId>`). The platform generates that link when OAuth is enabled on the DevHub; it can only be retrieved, never constructed. OAuth settings deployed without it break the OAuth plugin ("Cannot invoke String.split(String) because oauthLink is null"), which our check `oauth-link-missing` reports as an error. So this migration does not write an OAuth settings file, nor the global OAuth settings (platform-managed in pattern 1): it lists what to enter on the DevHub, and the retrieve step brings the real file with its link.', '');
    if (plan.devHubSettings.length) {
      out.push('### Settings to enter on the DevHub', '', '| Setting | Value |', '|---|---|');
      for (const s of plan.devHubSettings) out.push(`| \`${s.setting}\` | ${cell(s.value.replace(/\n/g, ' ⏎ '))} |`);
      out.push('');
    }
  }
  if (plan.held.length) {
    out.push('## Policies held back', '');
    for (const h of plan.held) {
      out.push(`### \`${rel(h.path)}\``, '', h.why, '', '```xml', h.text.trimEnd(), '```', '');
    }
  }
  if (plan.placement.oauth === 'bootstrap') {
    out.push('## Pattern 2: what the bootstrap creates on each org', '',
      'The header deploys with the source package; the postDeploymentScript then upserts these components through the org\'s own Metadata API (the global OAuth settings carry no consumer key or secret: each org generates its own):', '');
    for (const k of ['oauth', 'globalOauth', 'canvas', 'policies', 'oauthPolicies', 'saml'] as const) {
      if (plan.placement[k] === 'bootstrap') out.push(`- ${FILE_TYPES[k].type} \`${plan.name}${FILE_TYPES[k].nameSuffix}\`: ${FILE_TYPES[k].what}`);
    }
    out.push('');
  }

  out.push('## Our checks on the result', '');
  if (!plan.checks.length) out.push('The generated files pass every check with no diagnostic.');
  else {
    out.push('| File | Line | Severity | Rule | Message |', '|---|---|---|---|---|');
    for (const c of plan.checks) out.push(`| \`${rel(c.path)}\`${c.payload ? ' (bootstrap payload)' : ''} | ${c.line} | ${c.severity} | \`${c.code}\` | ${cell(c.message)} |`);
    if (plan.checks.some((c) => c.code === 'global-oauth-in-source' && c.severity === 'information')) {
      out.push('', '`global-oauth-in-source` (information) is expected in the local flow: deploying the global OAuth settings is how Salesforce documents creating a local ECA; they hold no key or secret here.');
    }
  }
  out.push('');

  if (plan.warnings.length) {
    out.push('## Warnings', '');
    for (const w of plan.warnings) out.push(`- **${w.code}**: ${w.message}`);
    out.push('');
  }
  out.push('## Steps left to people', '');
  plan.steps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
  out.push('');
  return out.join('\n');
}
