// The authoring commands for CI scripts, on the same engine as VS Code:
//   eca-check flip <file|EcaName> [--to Local|Packaged] [--with-follow-ups | --follow-up <id>...]
//   eca-check scaffold --eca <Name> --env <alias>... [--package-dir <dir>] [--run-as-user <env>=<username>]...
//   eca-check new --name <Name> --pattern 1|2 [--package-dir <dir>]
// Exit codes: 0 done (or nothing to do), 1 refused (malformed input, conflict, not found) or a write
// failed (everything written is rolled back), 2 usage error.
import { UsageError } from '../engine/errors';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeChanges } from '../io/writeChanges';
import { relative, resolve } from 'node:path';
import { readFlags } from './args';
import { decodeBytes, loadProject, normalize, type FileChange, type ProjectModel } from '../engine';
import {
  applyTextEdits, AuthoringError, chosenFollowUps, flipChanges, isAuthoringError, planFlip, planNewEca, planScaffold,
  type AuthoringSource, type FollowUpSelection, type PolicyKind,
} from '../engine/authoring';
import { findProjectRoot } from '../engine/project/scan';

export const AUTHORING_USAGE = `Usage: eca-check flip <file|EcaName> [--to Local|Packaged] [--with-follow-ups | --follow-up <id>...]
       eca-check scaffold --eca <Name> --env <alias>... [--plugin-policies] [--package-dir <dir>]
                          [--run-as-user <env>=<username>]... [--production-alias <alias>]...
       eca-check new --name <Name> --pattern 1|2 [--package-dir <dir>] [--label <text>]
                     [--contact-email <email>] [--description <text>]
                     [--scopes <Api,RefreshToken>] [--callback-url <url>] [--client-credentials]
  common: [--dry-run] [--json]

flip      sets an ECA's distributionState (default: the other value) and lists what the other
          deployment pattern needs; --with-follow-ups also applies the recommended follow-ups
          (package type, bootstrap script, .forceignore), --follow-up <id> picks them one by one.
scaffold  creates <aliasfy package>/<env>/extlClntAppOauthPolicies/<Name>_oauthPlcy.ecaOauthPlcy-meta.xml
          per environment (default/: client credentials off, no user; an environment with
          --run-as-user: on, with that user) and the aliasfy package entry when missing.
          Existing files are never overwritten: they are listed as skipped.
new       a new External Client App: pattern 1 (unlocked package, Packaged, ready for the OAuth
          settings retrieved from the DevHub) or 2 (source package, Local, bootstrap script as
          postDeploymentScript), plus the .forceignore lines for global OAuth settings.

The project is the nearest folder with sfdx-project.json above the current directory (or the
file given to flip); \`new\` creates one in the current directory when there is none.
Exit codes: 0 done, 1 refused (malformed input, conflict, not found), 2 usage error.`;

export interface Io { out: (s: string) => void; err: (s: string) => void; cwd: string }

const defaultIo = (): Io => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() });


/** The project model from disk, the way `check` builds it. */
function loadModel(root: string, productionAliases: string[]): ProjectModel {
  return loadProject(root, { productionAliases }).model;
}

function diskSource(model: ProjectModel): AuthoringSource {
  return {
    model,
    read: (p) => {
      try { return decodeBytes(readFileSync(p)).text; } catch { return undefined; }
    },
    exists: (p) => existsSync(p),
  };
}

function fileList(changes: FileChange[], cwd: string): { path: string; change: 'created' | 'edited' }[] {
  return changes.map((c) => ({ path: relative(cwd, c.kind === 'rename' ? c.to : c.path).replace(/\\/g, '/'), change: c.kind === 'create' ? 'created' as const : 'edited' as const }));
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

// ---------------------------------------------------------------- subcommands

function runFlip(argv: string[], io: Io): number {
  const { values, positionals } = readFlags({
    args: argv, strict: true, allowPositionals: true,
    options: {
      to: { type: 'string' }, 'with-follow-ups': { type: 'boolean' }, 'follow-up': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, 'production-alias': { type: 'string', multiple: true },
    },
  });
  if (positionals.length !== 1) throw new UsageError('flip takes one <file|EcaName>');
  const to = values.to;
  if (to !== undefined && to !== 'Local' && to !== 'Packaged') throw new UsageError(`--to must be Local or Packaged, not '${to}'`);
  if (values['with-follow-ups'] && values['follow-up']) throw new UsageError('use --with-follow-ups or --follow-up <id>, not both');
  const arg = positionals[0];
  const asFile = resolve(io.cwd, arg);
  const file = isFile(asFile) ? normalize(asFile) : undefined;
  if (!file && /[\\/]|-meta\.xml$/.test(arg)) throw new AuthoringError('NOT_FOUND', `no such file: ${arg}`);
  const root = findProjectRoot(file ?? io.cwd);
  if (!root) throw new AuthoringError('NOT_FOUND', `no sfdx-project.json above ${file ?? io.cwd}`);
  const src = diskSource(loadModel(root, values['production-alias'] ?? []));
  const plan = planFlip(src, { path: file, eca: file ? undefined : arg, to: to as 'Local' | 'Packaged' | undefined });
  const selection: FollowUpSelection = values['with-follow-ups'] ? 'recommended' : values['follow-up'] ?? 'none';
  const chosen = chosenFollowUps(plan, selection);
  const changes = flipChanges(plan, selection);
  if (!values['dry-run']) writeChanges(changes);
  const files = fileList(changes, io.cwd);
  if (values.json) {
    io.out(JSON.stringify({
      status: 0, command: 'flip', dryRun: !!values['dry-run'], eca: plan.eca, from: plan.from, to: plan.to, pattern: plan.pattern, files,
      implications: plan.implications,
      followUps: plan.followUps.map((f) => ({ id: f.id, title: f.title, detail: f.detail, recommended: f.recommended, applied: chosen.includes(f) && !!f.changes, command: f.command ? f.command.command : undefined })),
    }, null, 2) + '\n');
    return 0;
  }
  const verb = values['dry-run'] ? 'would be' : '';
  io.out(`${plan.eca}: distributionState ${plan.changes.length ? `${plan.from} → ${plan.to}` : `already ${plan.to}`} (pattern ${plan.pattern})\n`);
  for (const f of files) io.out(`  ${verb ? `${f.change} (dry run)` : f.change} ${f.path}\n`);
  for (const i of plan.implications) io.out(`  · ${i}\n`);
  const open = plan.followUps.filter((f) => !chosen.includes(f) || f.command);
  if (open.length) {
    io.out('Follow-ups:\n');
    for (const f of open) {
      const how = f.command ? `run \`eca-check retrieve --eca ${plan.eca}\`` : `apply with --follow-up ${f.id}${f.recommended ? ' (recommended; --with-follow-ups applies all recommended)' : ''}`;
      io.out(`  [${f.id}] ${f.title}: ${f.detail} — ${how}\n`);
    }
  }
  return 0;
}

function runScaffold(argv: string[], io: Io): number {
  const { values, positionals } = readFlags({
    args: argv, strict: true, allowPositionals: false,
    options: {
      eca: { type: 'string' }, env: { type: 'string', multiple: true }, 'package-dir': { type: 'string' },
      'run-as-user': { type: 'string', multiple: true }, 'plugin-policies': { type: 'boolean' }, 'no-oauth-policies': { type: 'boolean' },
      'production-alias': { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
    },
  });
  void positionals;
  if (!values.eca) throw new UsageError('scaffold needs --eca <Name>');
  const envs = (values.env ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  if (!envs.length) throw new UsageError('scaffold needs at least one --env <alias> (default for the fallback folder)');
  const runAsUsers: Record<string, string> = {};
  for (const v of values['run-as-user'] ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--run-as-user wants <env>=<username>, got '${v}'`);
    runAsUsers[v.slice(0, eq)] = v.slice(eq + 1);
  }
  const policies: PolicyKind[] = [...(values['no-oauth-policies'] ? [] : ['oauth' as const]), ...(values['plugin-policies'] ? ['plugin' as const] : [])];
  if (!policies.length) throw new UsageError('--no-oauth-policies without --plugin-policies leaves nothing to scaffold');
  const root = findProjectRoot(io.cwd);
  if (!root) throw new AuthoringError('NOT_FOUND', `no sfdx-project.json above ${io.cwd}`);
  const src = diskSource(loadModel(root, values['production-alias'] ?? []));
  const r = planScaffold(src, { eca: values.eca, envs, policies, runAsUsers, packageDir: values['package-dir'] });
  if (!values['dry-run']) writeChanges(r.changes);
  const rel = (p: string) => relative(io.cwd, p).replace(/\\/g, '/');
  if (values.json) {
    io.out(JSON.stringify({
      status: 0, command: 'scaffold', dryRun: !!values['dry-run'], eca: r.eca, packageDir: r.packageDir, packageEntryAdded: r.packageEntryAdded,
      files: fileList(r.changes, io.cwd),
      created: r.created.map((c) => ({ env: c.env, kind: c.kind, path: rel(c.path), clientCredentials: c.clientCredentials })),
      skipped: r.skipped.map((s) => ({ env: s.env, kind: s.kind, path: rel(s.path), reason: s.reason })),
      notes: r.notes,
    }, null, 2) + '\n');
    return 0;
  }
  const dry = values['dry-run'] ? ' (dry run)' : '';
  if (r.packageEntryAdded) io.out(`added the aliasfy package '${r.packageDir}' to sfdx-project.json${dry}\n`);
  for (const c of r.created) io.out(`created${dry} ${rel(c.path)}${c.kind === 'oauth' ? ` (client credentials ${c.clientCredentials ? 'on' : 'off'})` : ''}\n`);
  for (const s of r.skipped) io.out(`skipped ${s.env}: ${s.reason}\n`);
  for (const n of r.notes) io.out(`note: ${n}\n`);
  if (!r.created.length) io.out(`nothing to create for ${r.eca}\n`);
  return 0;
}

function runNew(argv: string[], io: Io): number {
  const { values } = readFlags({
    args: argv, strict: true, allowPositionals: false,
    options: {
      name: { type: 'string' }, pattern: { type: 'string' }, 'package-dir': { type: 'string' }, label: { type: 'string' },
      'contact-email': { type: 'string' }, description: { type: 'string' }, scopes: { type: 'string' }, 'callback-url': { type: 'string' },
      'client-credentials': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
    },
  });
  if (!values.name) throw new UsageError('new needs --name <Name>');
  if (values.pattern !== '1' && values.pattern !== '2') throw new UsageError('new needs --pattern 1 (unlocked package, Packaged) or --pattern 2 (source package, Local, bootstrap script)');
  const root = findProjectRoot(io.cwd) ?? normalize(resolve(io.cwd));
  const src = diskSource(loadModel(root, []));
  const r = planNewEca(src, {
    name: values.name, pattern: Number(values.pattern) as 1 | 2, packageDir: values['package-dir'], label: values.label,
    contactEmail: values['contact-email'], description: values.description, scopes: values.scopes, callbackUrl: values['callback-url'],
    clientCredentials: values['client-credentials'] ? true : undefined,
  });
  if (!values['dry-run']) writeChanges(r.changes);
  const files = fileList(r.changes, io.cwd);
  if (values.json) {
    io.out(JSON.stringify({
      status: 0, command: 'new', dryRun: !!values['dry-run'], eca: r.eca, pattern: r.pattern, packageDir: r.packageDir, packageName: r.packageName,
      packageEntryAdded: r.packageEntryAdded, projectFileCreated: r.projectFileCreated, header: r.header, script: r.script, files, nextSteps: r.nextSteps,
    }, null, 2) + '\n');
    return 0;
  }
  const dry = values['dry-run'] ? ' (dry run)' : '';
  io.out(`${r.eca}: pattern ${r.pattern} in '${r.packageDir}'\n`);
  for (const f of files) io.out(`  ${f.change}${dry} ${f.path}\n`);
  for (const s of r.nextSteps) io.out(`next: ${s}\n`);
  return 0;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: Io) => number> = { flip: runFlip, scaffold: runScaffold, new: runNew };

/** `eca-check flip|scaffold|new …`: returns the exit code. */
export function runAuthoringCli(command: string, argv: string[], io: Io = defaultIo()): number {
  const json = argv.includes('--json');
  if (argv.includes('--help') || argv.includes('-h')) { io.out(AUTHORING_USAGE + '\n'); return 0; }
  const run = SUBCOMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown authoring command '${command}'`);
    return run(argv, io);
  } catch (e) {
    const usage = e instanceof UsageError || (isAuthoringError(e) && e.code === 'INVALID');
    const status = usage ? 2 : 1;
    const name = isAuthoringError(e) ? e.code : usage ? 'USAGE' : 'ERROR';
    if (json) io.out(JSON.stringify({ status, command, name, message: (e as Error).message }, null, 2) + '\n');
    else io.err(`eca-check ${command}: ${(e as Error).message}\n${usage && !isAuthoringError(e) ? AUTHORING_USAGE + '\n' : ''}`);
    return status;
  }
}

/** Entry for the dispatcher (server/src/cli/index.ts): `argv[0]` is flip, scaffold or new. */
export function dispatchAuthoring(argv: string[]): number {
  return runAuthoringCli(argv[0], argv.slice(1));
}
