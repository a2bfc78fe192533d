// Reading a subcommand's flags the one way every eca-check subcommand does: node's parseArgs,
// strict, with -h/--help added. A usage error prints the message and the usage to stderr (exit 2);
// --help prints the usage to stdout (exit 0). Callers return the number when they get one.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ArgsIo { out(s: string): void; err(s: string): void }

/** The parsed flags and positionals, or the exit code to return at once. */
export function parseCommandArgs<V extends object>(
  command: string, usage: string, io: ArgsIo, argv: string[], options: Options, allowPositionals = true,
): { values: V & { help?: boolean }; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals, options: { ...options, help: { type: 'boolean', short: 'h' } } });
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
