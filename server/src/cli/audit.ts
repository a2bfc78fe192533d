// `eca-check audit [paths...] [--format text|markdown|json|sarif] [--org <name>]... [--production-alias <alias>]... [--severity <rule-id>=<level>]...`:
// per External Client App and per org (each aliasfy environment, production, default/, and what
// every org receives), the security posture the engine computes (engine/security/posture.ts); this
// file only loads the project and formats the result. Exit codes: 0 no security finding of error
// severity, 1 at least one, 2 usage or internal error.
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { normalize, type EngineDiagnostic, type Severity } from '../engine';
import { loadCheckedProject } from '../engine/project/checked';
import { findProjectRoot } from '../engine/project/scan';
import { isSecurityFinding, type Audit } from '../engine/security/posture';
import { auditProject } from '../engine/security/audit';
import { postureLines } from '../engine/security/lines';
import { orgTitle } from '../engine/project/orgWords';
import { parseCommandArgs, severityOverrides } from './args';
import { rel, VERSION } from './check';
import { cell } from './summary';
import { toSarif } from './sarif';

export const AUDIT_USAGE = `Usage: eca-check audit [paths...] [--format text|markdown|json|sarif] [--org <name>]... [--production-alias <alias>]...
                       [--severity <rule-id>=<level>]...

The security posture of each External Client App in each org: each sfp aliasfy environment,
production aliases (--production-alias, eca.productionAliases, sf's auth files), default/ (the
fallback for sandboxes and scratch orgs), and what every org receives (packages without aliasfy).
Per app and org: OAuth flows (authorization code, client credentials and its run-as user, JWT
bearer, device, token exchange), PKCE, refresh-token lifetime and rotation, IP relaxation,
permitted users, session level, scopes, callbacks, Salesforce's partner controls met or missing,
and the security findings. --org limits the report to the named orgs.
The security rules are warnings or information by default (they judge practice, not what the
platform rejects); --severity makes one an error (or turns it off), as for eca-check check, so a
team can fail its pipeline on the controls it requires: --severity partner-controls=error.
Exit codes: 0 no security finding of error severity, 1 at least one, 2 usage or internal error.`;

type Format = 'text' | 'markdown' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'sarif'];

interface Io { out: (s: string) => void; err: (s: string) => void; cwd: string }
const defaultIo = (): Io => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() });

export interface AuditResult { audit: Audit; findings: EngineDiagnostic[] }

/** Load the project holding `path` and audit it (every file and project rule, security findings kept). */
export function computeAudit(path: string, opts: { productionAliases?: string[]; orgs?: string[]; severityOverrides?: Record<string, Severity | 'off'> } = {}): AuditResult {
  const target = normalize(resolve(path));
  let isDir = false;
  try { isDir = statSync(target).isDirectory(); } catch { throw new Error(`no such file or directory: ${target}`); }
  const root = findProjectRoot(target) ?? (isDir ? target : normalize(resolve(target, '..')));
  // The one loader and the one checker (project/checked.ts); the audit keeps the security findings
  // of the files the project checks and of the project rules.
  const checked = loadCheckedProject(root, { productionAliases: opts.productionAliases, check: opts.severityOverrides ? { severityOverrides: opts.severityOverrides } : undefined });
  const { model, parsed } = checked;
  const diagnostics: EngineDiagnostic[] = [];
  for (const [p, f] of parsed) if (model.isChecked(p) && !f.encodingProblem) diagnostics.push(...(checked.fileDiagnostics.get(p) ?? []).filter(isSecurityFinding));
  diagnostics.push(...checked.projectDiagnostics.filter(isSecurityFinding));
  const audit = auditProject(model, checked.viewIO().parsedOf, diagnostics);
  const within = (p: string) => p === target || p.startsWith(target + '/') || target === root;
  const keepOrg = (o: string) => !opts.orgs?.length || opts.orgs.includes(o);
  const apps = audit.apps.filter((a) => keepOrg(a.org) && (target === root || a.files.some((f) => within(f.path))));
  return { audit: { ...audit, orgs: audit.orgs.filter((o) => keepOrg(o.org)), apps }, findings: diagnostics.filter((d) => within(d.path)) };
}

// ------------------------------------------------------------------------------------ formats

const orgLabel = (o: Audit['orgs'][number]) => orgTitle(o.org, o.kind);
const appsOf = (a: Audit) => [...new Set(a.apps.map((p) => p.app))];

export function auditText(r: AuditResult): string {
  const lines: string[] = [];
  for (const app of appsOf(r.audit)) {
    lines.push(`${app}:`);
    for (const p of r.audit.apps.filter((x) => x.app === app)) {
      lines.push(`  ${orgLabel(p)}:`);
      for (const [k, v] of postureLines(p)) lines.push(`    ${k}: ${v}`);
    }
  }
  if (!r.audit.apps.length) lines.push('No External Client App in scope.');
  lines.push(...r.findings.map((d) => `${rel(d.path)}:${d.range.start.line + 1} ${d.severity} ${d.code} ${d.message}`));
  lines.push(`${r.findings.length} security finding(s), ${r.findings.filter((d) => d.severity === 'error').length} error(s).`);
  return lines.join('\n') + '\n';
}

/** One table per app: a row per posture line, a column per org. */
export function auditMarkdown(r: AuditResult, title = 'ECA security posture per org'): string {
  const lines = [`## ${title}`, ''];
  if (!r.audit.apps.length) lines.push('No External Client App in scope.', '');
  for (const app of appsOf(r.audit)) {
    const cols = r.audit.apps.filter((x) => x.app === app);
    lines.push(`### ${cell(app)}`, '', `| | ${cols.map((c) => cell(orgLabel(c))).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
    const per = cols.map(postureLines);
    // Partner controls appear only where the org receives a Packaged app's global settings; findings stay last.
    const last = (l: string) => (l === 'Security findings' ? 2 : l === 'Partner controls' ? 1 : 0);
    const labels = [...new Set(per.flatMap((p) => p.map(([k]) => k)))].sort((a, b) => last(a) - last(b));
    for (const label of labels) lines.push(`| ${label} | ${per.map((p) => cell(p.find(([k]) => k === label)?.[1] ?? '—')).join(' | ')} |`);
    lines.push('');
  }
  const errors = r.findings.filter((d) => d.severity === 'error').length;
  lines.push(`**${r.findings.length}** security finding(s), **${errors}** error(s).`, '');
  return lines.join('\n');
}

export function auditJson(r: AuditResult): string {
  return JSON.stringify({
    version: 1,
    root: r.audit.root,
    orgs: r.audit.orgs,
    apps: r.audit.apps.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, path: rel(f.path) })), findings: p.findings.map((f) => ({ ...f, path: rel(f.path) })) })),
    findings: r.findings.map((d) => ({ file: rel(d.path), range: d.range, severity: d.severity, code: d.code, message: d.message })),
  }, null, 2) + '\n';
}

export function runAuditCli(argv: string[], io: Io = defaultIo()): number {
  const args = parseCommandArgs<{ format?: string; org?: string[]; 'production-alias'?: string[]; severity?: string[] }>('audit', AUDIT_USAGE, io, argv,
    { format: { type: 'string' }, org: { type: 'string', multiple: true }, 'production-alias': { type: 'string', multiple: true }, severity: { type: 'string', multiple: true } });
  if (typeof args === 'number') return args;
  let overrides: Record<string, Severity | 'off'>;
  try { overrides = severityOverrides(args.values.severity); } catch (e) { io.err(`eca-check audit: ${(e as Error).message}\n${AUDIT_USAGE}\n`); return 2; }
  const format = (args.values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) { io.err(`eca-check audit: unknown format '${format}' (${FORMATS.join(', ')})\n`); return 2; }
  const paths = args.positionals.length ? args.positionals : ['.'];
  const results: AuditResult[] = [];
  try {
    for (const p of paths) results.push(computeAudit(resolve(io.cwd, p), { productionAliases: args.values['production-alias'], orgs: args.values.org, severityOverrides: overrides }));
  } catch (e) {
    io.err(`eca-check audit: ${(e as Error).message}\n`);
    return 2;
  }
  const findings = results.flatMap((r) => r.findings);
  const code = findings.some((d) => d.severity === 'error') ? 1 : 0;
  process.exitCode = code;
  if (format === 'sarif') io.out(JSON.stringify(toSarif(findings, rel, VERSION), null, 2) + '\n');
  else io.out(results.map(format === 'json' ? auditJson : format === 'markdown' ? (r) => auditMarkdown(r) : auditText).join('\n'));
  return code;
}
