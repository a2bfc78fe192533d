// Reading a subcommand's flags the one way every eca-check subcommand does: node's parseArgs,
// strict. `readFlags` turns parseArgs' refusals into the one UsageError (engine/errors.ts, exit 2);
// `parseCommandArgs` adds -h/--help and prints: a usage error goes with the usage to stderr (exit
// 2), --help prints the usage to stdout (exit 0). Callers return the number when they get one.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../engine/errors';
import type { Severity } from '../engine/types';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ArgsIo { out(s: string): void; err(s: string): void }

/** node's parseArgs (strict); throws UsageError on an unknown flag, a missing value or a stray positional. */
export function readFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((e as Error).message);
    throw e;
  }
}

/** The levels `--severity <rule-id>=<level>` takes. */
export const SEVERITY_LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;

/** `--severity <rule-id>=<level>` flags (check, audit) as severity overrides; throws UsageError on a bad one. */
export function severityOverrides(flags: readonly string[] | undefined): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const v of flags ?? []) {
    const [id, level] = v.split('=');
    if (!id || !(SEVERITY_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--severity wants <rule-id>=${SEVERITY_LEVELS.join('|')}, got '${v}'`);
    out[id] = level as Severity | 'off';
  }
  return out;
}

/** The parsed flags and positionals, or the exit code to return at once. */
export function parseCommandArgs<V extends object>(
  command: string, usage: string, io: ArgsIo, argv: string[], options: Options, allowPositionals = true,
): { values: V & { help?: boolean }; positionals: string[] } | number {
  let parsed;
  try {
    parsed = readFlags({ args: argv, strict: true, allowPositionals, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`eca-check ${command}: ${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const values = parsed.values as V & { help?: boolean };
  if (values.help) {
    io.out(usage + '\n');
    return 0;
  }
  return { values, positionals: parsed.positionals };
}
