// `node dist/cli.js migrate <file.connectedApp-meta.xml> [--pattern 1|2|local] [--package-dir <dir>]
//   [--report <file>] [--run-as-user <username>] [--uses-password-flow] [--dry-run] [--json]`
// Exit codes: 0 migrated (or planned) without blocker, 1 blocker(s) found (the files are still
// written, leaving out what is blocked), 2 usage error, unreadable or malformed input, or a target
// file that already exists (nothing is written then).
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCommandArgs } from './args';
import { decodeBytes } from '../engine/document';
import { normalize } from '../engine/project/model';
import { planMigration, isPattern, type MigrationPattern } from '../migration/plan';
import type { MigrationPlan } from '../migration/types';
import { applyPlan, ApplyError, defaultPackageDir, loadProjectContext, optionsFor, projectRootFor } from '../migration/io';

export const MIGRATE_USAGE = `Usage: eca-check migrate <file.connectedApp-meta.xml> [--pattern 1|2|local] [--package-dir <dir>]
                        [--report <file>] [--run-as-user <username>] [--uses-password-flow]
                        [--dry-run] [--json]

Migrates a Connected App to an External Client App: writes the ECA files (never overwriting) and
a Markdown report of every setting, what was dropped and why, blockers and the steps left to
people. The Connected App file is never changed, and its consumer key and secret are never copied.

  --pattern             1      unlocked package, Packaged ECA (OAuth settings retrieved from the DevHub)
                        2      source package, Local ECA + postDeploymentScript bootstrap (shell + Apex)
                        local  Local ECA deployed with its global OAuth settings (default)
  --package-dir         folder for externalClientApps/ etc. (default: next to the connectedApps/ folder)
  --report              write the report to this file (default: print it)
  --run-as-user         client credentials run-as user when the Connected App names none
  --uses-password-flow  callers use the username-password flow (ECAs don't support it: a blocker)
  --dry-run             write nothing; print what would be written
  --json                machine-readable result on stdout

Exit codes: 0 no blocker, 1 blocker(s) found, 2 usage error, bad input or an existing target file.`;

export interface MigrateIo { out: (s: string) => void; err: (s: string) => void; cwd: string }

const defaultIo = (): MigrateIo => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() });

function relCwd(cwd: string, p: string): string {
  const r = relative(cwd, p).replace(/\\/g, '/');
  return r === '' ? '.' : r;
}

function toJson(plan: MigrationPlan, cwd: string, written: boolean, dryRun: boolean) {
  const rel = (p: string) => relCwd(cwd, p);
  return {
    version: 1,
    source: rel(plan.source),
    name: plan.name,
    pattern: plan.pattern,
    packageDir: rel(plan.packageDir),
    dryRun,
    written,
    files: [
      ...plan.creates.map((f) => ({ path: rel(f.path), action: 'create', role: f.role })),
      ...plan.edits.map((e) => ({ path: rel(e.path), action: 'edit', role: 'sfdx-project', what: e.what })),
    ],
    conflicts: plan.conflicts.map(rel),
    blockers: plan.blockers,
    warnings: plan.warnings,
    checks: plan.checks.map((c) => ({ ...c, path: rel(c.path) })),
    steps: plan.steps,
    report: plan.report,
  };
}

export async function runMigrateCli(argv: string[], io: MigrateIo = defaultIo()): Promise<number> {
  const args = parseCommandArgs<{ pattern?: string; 'package-dir'?: string; report?: string; 'run-as-user'?: string; 'uses-password-flow'?: boolean; 'dry-run'?: boolean; json?: boolean }>('migrate', MIGRATE_USAGE, io, argv, {
    pattern: { type: 'string', short: 'p' },
    'package-dir': { type: 'string', short: 'd' },
    report: { type: 'string', short: 'r' },
    'run-as-user': { type: 'string' },
    'uses-password-flow': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) {
    io.err(`eca-check migrate: ${positionals.length ? 'give exactly one Connected App file' : 'which Connected App file? (e.g. force-app/main/default/connectedApps/MyApp.connectedApp-meta.xml)'}\n${MIGRATE_USAGE}\n`);
    return 2;
  }
  const pattern = values.pattern ?? 'local';
  if (!isPattern(pattern)) {
    io.err(`eca-check migrate: unknown pattern '${pattern}' (1, 2 or local)\n`);
    return 2;
  }
  const file = normalize(resolve(io.cwd, positionals[0]));
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    const decoded = decodeBytes(readFileSync(file));
    if (decoded.encodingProblem) { io.err(`eca-check migrate: ${relCwd(io.cwd, file)}: ${decoded.encodingProblem}\n`); return 2; }
    text = decoded.text;
  } catch {
    io.err(`eca-check migrate: no such file: ${positionals[0]}\n`);
    return 2;
  }
  const packageDir = normalize(values['package-dir'] ? resolve(io.cwd, values['package-dir']) : defaultPackageDir(file));
  const projectRoot = projectRootFor(file, values['package-dir'] ? packageDir : undefined, io.cwd);
  const reportPath = values.report ? normalize(resolve(io.cwd, values.report)) : undefined;
  const dryRun = !!values['dry-run'];

  let plan;
  try {
    const ctx = loadProjectContext(projectRoot);
    plan = planMigration(file, text, optionsFor(ctx, {
      pattern: pattern as MigrationPattern, packageDir, reportPath,
      runAsUser: values['run-as-user'], usesPasswordFlow: !!values['uses-password-flow'],
    }));
  } catch (e) {
    io.err(`eca-check migrate: internal error: ${(e as Error).stack}\n`);
    return 2;
  }
  if (!plan.ok) {
    io.err(`eca-check migrate: ${plan.error}\n`);
    return 2;
  }
  if (plan.conflicts.length) {
    if (values.json) io.out(JSON.stringify(toJson(plan, io.cwd, false, dryRun)) + '\n');
    io.err(`eca-check migrate: nothing written: ${plan.conflicts.length} target file(s) already exist and are never overwritten:\n${plan.conflicts.map((c) => `  ${relCwd(io.cwd, c)}\n`).join('')}`);
    return 2;
  }
  let written = false;
  if (!dryRun) {
    try {
      applyPlan(plan);
      written = true;
    } catch (e) {
      io.err(`eca-check migrate: ${e instanceof ApplyError ? e.message : `internal error: ${(e as Error).stack}`}\n`);
      return 2;
    }
  }
  if (values.json) {
    io.out(JSON.stringify(toJson(plan, io.cwd, written, dryRun)) + '\n');
  } else if (reportPath && written) {
    const lines = [
      `Migrated ${relCwd(io.cwd, plan.source)} → External Client App ${plan.name} (${plan.pattern === 'local' ? 'local flow' : `pattern ${plan.pattern}`}).`,
      ...plan.creates.map((f) => `  created ${relCwd(io.cwd, f.path)}`),
      ...plan.edits.map((e) => `  edited  ${relCwd(io.cwd, e.path)} (${e.what})`),
      plan.blockers.length ? `${plan.blockers.length} blocker(s): ${plan.blockers.map((b) => b.code).join(', ')}; see the report.` : 'No blocker.',
    ];
    io.out(lines.join('\n') + '\n');
  } else {
    io.out(plan.report + (dryRun ? '\n(dry run: nothing was written)\n' : ''));
  }
  if (plan.blockers.length) {
    if (!values.json) io.err(`eca-check migrate: ${plan.blockers.length} blocker(s) found: ${[...new Set(plan.blockers.map((b) => b.code))].join(', ')}\n`);
    return 1;
  }
  return 0;
}

/** Entry for the dispatcher (server/src/cli/index.ts): the exit code once the command is done. */
export function dispatchMigrate(argv: string[]): Promise<number> {
  return runMigrateCli(argv).catch((e: unknown) => {
    process.stderr.write(`eca-check migrate: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  });
}
