// `eca-check` / `node dist/cli.js`: the dispatcher of every subcommand (built to dist/cli.js) and
// the public module the sf plugin imports. Public interface (flags, exit codes, JSON shapes) —
// extend, never rename. Exit codes: 0 clean, 1 findings or failure, 2 usage or internal error.
// Adding a subcommand is one entry in COMMANDS (docs/recipes/add-a-cli-command.md).
import { CHECK_USAGE, runCheckCli, VERSION } from './check';

export { runCheck, toJson, toText, formatResult, exitCodeOf, rel, UsageError, VERSION, CHECK_USAGE, type CheckResult, type CheckFormat } from './check';
export { toGithub, escapeData, escapeProperty } from './github';
export { toMarkdown } from './summary';
export { runAuthoringCli, AUTHORING_USAGE } from './authoring';
export { runMigrateCli, MIGRATE_USAGE } from './migrate';
export { runRetrieveCli, RETRIEVE_USAGE } from './retrieve';
export { runPlanCli, computePlan, PLAN_USAGE } from './plan';
export { runAuditCli, computeAudit, auditText, auditMarkdown, auditJson, AUDIT_USAGE, type AuditResult } from './audit';
export { runVerifyCli, VERIFY_USAGE } from '../verify/cli';
export { planChange, planText, planMarkdown, planJson, type PlanResult, type FileSet } from '../plan';

export interface Command {
  name: string;
  /** One line for the top-level --help. */
  summary: string;
  /** argv after the command name; the exit code (a promise for commands that wait on I/O). */
  run: (argv: string[]) => number | Promise<number>;
}

// Modules are required when their command runs, so `check` never loads the migration or the
// Salesforce libraries' loader.
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: Command[] = [
  { name: 'check', summary: 'check ECA metadata and project rules (text, json, sarif, github, markdown)', run: (argv) => runCheckCli(['check', ...argv]) },
  { name: 'rules', summary: 'list the rule catalogue (id, default severity, summary); rules <id>: the rule\'s documentation', run: (argv) => runCheckCli(['rules', ...argv]) },
  { name: 'audit', summary: 'per app and org, the security posture (flows, PKCE, refresh tokens, IP relaxation, scopes, partner controls)', run: (argv) => (require('./audit') as typeof import('./audit')).runAuditCli(argv) },
  { name: 'plan', summary: 'per org, what a change against a git base ref deploys differently', run: (argv) => (require('./plan') as typeof import('./plan')).runPlanCli(argv) },
  { name: 'retrieve', summary: 'retrieve External Client Apps and their settings from an org', run: (argv) => (require('./retrieve') as typeof import('./retrieve')).dispatchRetrieve(argv) },
  { name: 'verify', summary: 'ask an org whether it would accept the ECA files it receives (check-only deploy, lookups)', run: (argv) => (require('../verify/cli') as typeof import('../verify/cli')).dispatchVerify(argv) },
  { name: 'migrate', summary: 'migrate a Connected App to an External Client App', run: (argv) => (require('./migrate') as typeof import('./migrate')).dispatchMigrate(argv) },
  { name: 'flip', summary: "switch an ECA's distributionState (Local ⇄ Packaged) and its follow-ups", run: (argv) => (require('./authoring') as typeof import('./authoring')).runAuthoringCli('flip', argv) },
  { name: 'scaffold', summary: 'create per-environment policy files in an sfp aliasfy package', run: (argv) => (require('./authoring') as typeof import('./authoring')).runAuthoringCli('scaffold', argv) },
  { name: 'new', summary: 'create a new External Client App (pattern 1 or 2)', run: (argv) => (require('./authoring') as typeof import('./authoring')).runAuthoringCli('new', argv) },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: eca-check <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'eca-check <command> --help shows the options of one command; eca-check --version the version.',
    '',
    CHECK_USAGE,
  ].join('\n');
}

/** Runs one command line; the exit code (a promise when the command waits on I/O). */
export function main(argv: string[]): number | Promise<number> {
  const first = argv[0];
  if (first === undefined) { process.stdout.write(usage() + '\n'); return 2; }
  if (first === '--help' || first === '-h' || first === 'help') { process.stdout.write(usage() + '\n'); return 0; }
  if (first === '--version' || first === '-v') { process.stdout.write(VERSION + '\n'); return 0; }
  const command = COMMANDS.find((c) => c.name === first);
  if (command) return command.run(argv.slice(1));
  // Flags before the command (`eca-check --format json check .`) have always worked for check.
  if (first.startsWith('-')) return runCheckCli(argv);
  process.stderr.write(`eca-check: unknown command '${first}'\n${usage()}\n`);
  return 2;
}

/**
 * A reader that stops early (`eca-check rules | head -1`) closes the pipe: end quietly with the
 * exit code already decided (0 for rules, the check's own for check), never an EPIPE stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  Promise.resolve(main(process.argv.slice(2))).then(
    // Let stdout drain before exiting (large JSON through a pipe).
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`eca-check: internal error: ${(e as Error)?.stack ?? String(e)}\n`); process.exitCode = 2; },
  );
}
