// `eca-check verify --target-org <alias|username> [paths…] [--format text|json|sarif|github]`:
// asks one org whether it would accept exactly the ECA files it receives (see verify.ts).
// Output has the shape of `check` (JSON {"version":1,"files":N,"diagnostics":[…]}, each diagnostic
// also carrying `source`, the org). Exit codes: 0 the org would accept everything, 1 it would not,
// 2 usage, refusal (production without its aliasfy folder), connection failure or cancel.
// server/src/cli/index.ts dispatches `verify` here (dispatchVerify).
import { parseCommandArgs } from '../cli/args';
import { relative } from 'node:path';
import { toSarif } from '../cli/sarif';
import { escapeData, escapeProperty } from '../cli/github';
import { VERSION } from '../cli/check';
import type { Severity } from '../engine/types';
import { isRetrieveError } from '../retrieve/errors';
import { listOrgLogins } from '../retrieve/retrieve';
import { verifyAgainstOrg, type VerifyDiagnostic, type VerifyResult } from './verify';

export const VERIFY_USAGE = `Usage: eca-check verify --target-org <alias|username> [paths...] [--format text|json|sarif|github]

Asks an org you logged in to with \`sf org login web\` whether it would accept the External Client
App files it receives from this project: the package directories every org gets, plus, for sfp
aliasfy packages, the folder sfp picks for that org (its alias; else default/ for sandboxes and
scratch orgs; production never falls back). The org validates them with a check-only deploy
(checkOnly, no tests run: nothing is saved in the org), and run-as users, permission sets,
profiles, the app itself and the oauthLink's Dev Hub are looked up. Nothing is written.

  --target-org, -o  alias or username of the org (default: the target-org config)
  --format, -f      text (default), json, sarif or github (workflow annotations)
  paths             only verify the received files under these paths

Exit codes: 0 the org would accept everything, 1 it would not, 2 usage, connection failure or cancel.`;

export interface VerifyIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Paths in the output are relative to this (default process.cwd()). */
  cwd?: string;
}

const defaultIo: VerifyIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

type Format = 'text' | 'json' | 'sarif' | 'github';


export function formatResult(r: VerifyResult, format: Format, rel: (p: string) => string): string {
  const d = r.diagnostics;
  if (format === 'json') {
    return JSON.stringify({
      version: 1,
      files: r.files.length,
      diagnostics: d.map((x) => ({ file: rel(x.path), range: x.range, severity: x.severity, code: x.code, message: x.message, source: x.source })),
      org: { alias: r.org.target, environment: r.org.env, username: r.org.username, orgId: r.org.orgId, kind: r.org.kind },
      verified: r.files.map((f) => ({ file: rel(f.path), type: f.type, fullName: f.name, how: f.how })),
      ...(r.deploy ? { deploy: r.deploy } : {}),
    });
  }
  if (format === 'sarif') return JSON.stringify(toSarif(d, rel, VERSION), null, 2);
  const count = (s: Severity) => d.filter((x) => x.severity === s).length;
  const summary = `${count('error')} error(s), ${count('warning')} warning(s) from ${r.org.target} (${r.org.kind}) on ${r.files.length} ECA file(s)` +
    (r.deploy ? ` (check-only deploy ${r.deploy.id}: ${r.deploy.status})` : '');
  if (format === 'github') {
    const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice');
    const lines = d.map((x) =>
      `::${level(x.severity)} file=${escapeProperty(rel(x.path))},line=${x.range.start.line + 1},col=${x.range.start.character + 1},` +
      `endLine=${x.range.end.line + 1},endColumn=${x.range.end.character + 1},title=${escapeProperty(`${x.code} (${x.source})`)}::${escapeData(x.message)}`);
    lines.push(summary);
    return lines.join('\n');
  }
  const lines = d.map((x: VerifyDiagnostic) => `${rel(x.path)}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.code} ${x.message}`);
  lines.push(summary);
  return lines.join('\n');
}

export async function runVerifyCli(argv: string[], io: VerifyIo = defaultIo, signal?: AbortSignal): Promise<number> {
  const args = parseCommandArgs<{ 'target-org'?: string; format?: string }>('verify', VERIFY_USAGE, io, argv, {
    'target-org': { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const format = (values.format ?? 'text') as Format;
  if (!['text', 'json', 'sarif', 'github'].includes(format)) {
    io.err(`eca-check verify: unknown format '${values.format}' (text, json, sarif, github)\n`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  let targetOrg = values['target-org'];
  try {
    if (!targetOrg) {
      targetOrg = (await listOrgLogins(cwd)).targetOrg;
      if (!targetOrg) {
        io.err('eca-check verify: no --target-org given and no target-org is configured.\n' + VERIFY_USAGE + '\n');
        return 2;
      }
    }
    const quiet = format === 'json' || format === 'sarif';
    const result = await verifyAgainstOrg({
      targetOrg,
      cwd,
      paths: positionals,
      signal,
      progress: quiet ? undefined : (m) => io.err(`${m}…\n`),
    });
    if (!quiet) for (const n of result.notes) io.err(`note: ${n}\n`);
    const rel = (p: string) => {
      const r = relative(cwd, p).replace(/\\/g, '/');
      return r === '' ? '.' : r;
    };
    io.out(formatResult(result, format, rel) + '\n');
    return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  } catch (e) {
    if (isRetrieveError(e)) {
      io.err(`eca-check verify: ${e.message}\n`);
      return 2;
    }
    io.err(`eca-check verify: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

/**
 * Entry for the CLI's command table (server/src/cli/index.ts): runs verify and resolves with its
 * exit code. Ctrl-C (SIGINT) cancels: a started check-only deploy is cancelled in the org, nothing
 * is written, exit 2.
 */
export async function dispatchVerify(argv: string[]): Promise<number> {
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  // `on`, not `once` (see cli/retrieve.ts: signal-exit inside @salesforce/core re-raises otherwise).
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await runVerifyCli(argv, defaultIo, ac.signal);
    if (ac.signal.aborted) await new Promise<void>((res) => process.stdout.write('', () => res()));
    return code;
  } catch (e) {
    process.stderr.write(`eca-check verify: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
