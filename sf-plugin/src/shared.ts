// What every `sf eca` command shares: running one of the eca-check CLI functions with its output
// captured, and turning a CLI failure into the SfError that sf prints (and puts in the --json
// envelope as name, message, exitCode, actions). Exit codes: 0 done/clean, 1 findings or failure,
// 2 flag (usage) errors.
import { SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';

/**
 * The base of every `sf eca` command: SfCommand, with every error of oclif's flag parser (unknown
 * flag, missing or conflicting flags, a value outside a flag's options, a file that does not
 * exist) exiting 2. oclif leaves some of them at 1 (an invalid option value, for one).
 */
export abstract class EcaCommand<T> extends SfCommand<T> {
  public async catch(error: Error & { parse?: unknown; oclif?: { exit?: number } }): Promise<never> {
    if (error && typeof error === 'object' && 'parse' in error) error.oclif = { ...error.oclif, exit: 2 };
    return super.catch(error);
  }
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Runs a CLI function with an Io that collects stdout and stderr (nothing reaches the terminal). */
export async function capture(run: (io: CliIo) => number | Promise<number>): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await run({ out: (s) => (out += s), err: (s) => (err += s), cwd: process.cwd() });
  return { code, out, err };
}

/** The CLI's --json output (one JSON document on stdout), or undefined when there is none. */
export function parseJson<T = Record<string, unknown>>(out: string): T | undefined {
  const text = out.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * The message of a CLI failure written to stderr: without the `eca-check <command>:` prefix and
 * without the usage text (which names eca-check's own flags, not sf's).
 */
export function errorMessage(err: string, fallback: string): string {
  const text = err.split(/\n(?=Usage: )/)[0].trim();
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^eca-check(?: [a-z]+)?: /, ''))
    .filter((l) => l.trim() && !/^warning: /.test(l) && !/…$/.test(l));
  return lines.join('\n') || fallback;
}

/** sf exit codes: the CLI's 2 (usage) stays a flag error, anything else (an internal error too) is 1. */
export function cliError(message: string, name: string, status: number, actions?: string[], data?: object): SfError {
  const e = new SfError(message, name, actions, status === 2 && !/^internal error/.test(message) ? 2 : 1);
  if (data !== undefined) e.setData(data as AnyJson);
  return e;
}

/** The result of `eca-check flip|scaffold|new --json` (the fields depend on the command). */
export type AuthoringResult = Record<string, unknown> & { command: string; dryRun: boolean; files: { path: string; change: 'created' | 'edited' }[] };

/**
 * Runs `eca-check flip|scaffold|new` (server/src/authoring/cli.ts runAuthoringCli) with the argv
 * the sf flags map to: --json when sf's --json is on (its result becomes the envelope's result),
 * else the CLI's text goes to the terminal. Failures become SfErrors named by the CLI's error code.
 */
export async function runAuthoring(
  command: { log: (s: string) => void; jsonEnabled: () => boolean },
  run: (name: string, argv: string[], io: CliIo) => number,
  name: 'flip' | 'scaffold' | 'new',
  argv: string[],
): Promise<AuthoringResult> {
  const json = command.jsonEnabled();
  // The JSON result is wanted in both modes (it is what run() returns); text mode prints the CLI's text.
  const r = await capture((io) => run(name, [...argv, '--json'], io));
  const doc = parseJson<AuthoringResult & { status: number; name?: string; message?: string }>(r.out);
  if (r.code !== 0 || !doc || doc.status !== 0) {
    throw cliError(doc?.message ?? errorMessage(r.err, `${name} failed`), doc?.name ?? 'AuthoringFailed', r.code);
  }
  const { status: _status, ...result } = doc;
  if (!json) printAuthoring(result, (s) => command.log(s));
  return result;
}

/** Human output of an authoring result: what was (or would be) written, and what is left to do. */
function printAuthoring(r: AuthoringResult, log: (s: string) => void): void {
  const dry = r.dryRun ? ' (dry run)' : '';
  if (r.command === 'flip') log(`${r.eca}: distributionState ${r.from === r.to ? `already ${r.to}` : `${r.from} → ${r.to}`} (pattern ${r.pattern})`);
  if (r.command === 'new') log(`${r.eca}: pattern ${r.pattern} in '${r.packageDir}'`);
  if (r.command === 'scaffold' && r.packageEntryAdded) log(`added the aliasfy package '${r.packageDir}' to sfdx-project.json${dry}`);
  for (const f of r.files) log(`${f.change}${dry} ${f.path}`);
  if (!r.files.length) log('Nothing to change.');
  const list = (key: string, prefix: string) => {
    const v = r[key];
    if (Array.isArray(v)) for (const s of v) if (typeof s === 'string') log(`${prefix}${s}`);
  };
  list('implications', '· ');
  const skipped = r.skipped;
  if (Array.isArray(skipped)) for (const s of skipped as { env: string; reason: string }[]) log(`skipped ${s.env}: ${s.reason}`);
  list('notes', 'note: ');
  list('nextSteps', 'next: ');
  const followUps = r.followUps;
  if (Array.isArray(followUps)) {
    for (const f of followUps as { id: string; title: string; detail: string; applied: boolean; recommended: boolean; command?: string }[]) {
      if (f.applied) continue;
      const how = f.command ? 'run `sf eca retrieve`' : `apply with --follow-up ${f.id}${f.recommended ? ' (recommended)' : ''}`;
      log(`follow-up [${f.id}] ${f.title}: ${f.detail} — ${how}`);
    }
  }
}
