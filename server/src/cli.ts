// `eca-check` / `node dist/cli.js`: the engine for CI pipelines. Public interface (flags, exit
// codes, JSON shape) — extend, never rename. Exit: 0 no error-severity diagnostic, 1 at least one,
// 2 usage or internal failure.
import { relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { checkParsed, checkSecretsOnly, parseFile, ProjectModel, CATALOGUE, normalize, type EngineDiagnostic, type ParsedFile, type Severity } from './engine';
import { findProjectRoot, loadProjectFiles, readText, scopeOf, walkRepository, type FileScope } from './engine/project/scan';

type WalkedFile = { path: string; scope: FileScope };
import { checkProjectRules } from './engine/project/projectRules';
import { toSarif } from './cliSarif';
import { readSfOrgs } from './engine/project/orgs';
import { homedir } from 'node:os';

const VERSION = '0.1.0';

const USAGE = `Usage: eca-check check [paths...] [--format text|json|sarif] [--disable <rule-id>]... [--severity <rule-id>=<level>]...
                                 [--production-alias <alias>]...
       eca-check rules            list the rule catalogue
       eca-check --version

Checks Salesforce External Client App metadata. Paths default to the current directory; a
project's sfdx-project.json package directories and .forceignore are honoured. Org aliases
come from sf's state in $HOME (~/.sfdx, ~/.sf); --production-alias marks aliases as production
for the aliasfy checks.
Exit codes: 0 no errors, 1 errors found, 2 usage or internal failure.`;

interface Args { command: string; paths: string[]; format: 'text' | 'json' | 'sarif'; disabled: string[]; overrides: Record<string, Severity | 'off'>; productionAliases: string[] }

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: '', paths: [], format: 'text', disabled: [], overrides: {}, productionAliases: [] };
  const rest = [...argv];
  while (rest.length) {
    const a = rest.shift()!;
    const value = (flag: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq !== -1) return a.slice(eq + 1);
      const v = rest.shift();
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (text, json, sarif)`);
      args.format = f;
    } else if (a === '--disable' || a.startsWith('--disable=')) {
      args.disabled.push(value('--disable'));
    } else if (a === '--severity' || a.startsWith('--severity=')) {
      const v = value('--severity');
      const [id, level] = v.split('=');
      if (!id || !['error', 'warning', 'information', 'hint', 'off'].includes(level)) throw new UsageError(`--severity wants <rule-id>=error|warning|information|hint|off, got '${v}'`);
      args.overrides[id] = level as Severity | 'off';
    } else if (a === '--production-alias' || a.startsWith('--production-alias=')) {
      args.productionAliases.push(value('--production-alias'));
    } else if (a === '--help' || a === '-h') {
      args.command = 'help';
    } else if (a === '--version' || a === '-v') {
      args.command = 'version';
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option '${a}'`);
    } else if (!args.command) {
      args.command = a;
    } else {
      args.paths.push(a);
    }
  }
  return args;
}

interface CheckResult { files: number; diagnostics: EngineDiagnostic[] }

export function runCheck(paths: string[], opts: { disabled: string[]; overrides: Record<string, Severity | 'off'>; productionAliases?: string[] }): CheckResult {
  const targets = (paths.length ? paths : ['.']).map((p) => normalize(resolve(p)));
  const isDir = new Map<string, boolean>();
  for (const t of targets) {
    try { isDir.set(t, statSync(t).isDirectory()); } catch { throw new UsageError(`no such file or directory: ${t}`); }
  }
  // One model per project root, built from one walk; every file is read and parsed once.
  const models = new Map<string, { model: ProjectModel; walked: WalkedFile[] }>();
  const parsed = new Map<string, ParsedFile>();
  const load = (f: string): ParsedFile | undefined => {
    let pf = parsed.get(f);
    if (!pf) {
      const t = readText(f);
      if (!t) return undefined;
      pf = parseFile(f, t.text, t.encodingProblem);
      parsed.set(f, pf);
    }
    return pf;
  };
  // Which files count and how is the engine's answer (scan.ts scopeOf): package directories are the
  // project; a metadata-format tree outside them is checked as its own project; any other ECA file
  // of the repository is checked for committed secrets only.
  const mdapiModels = new Map<string, ProjectModel>();
  const secretsOnly = new Map<string, ProjectModel>();
  const modelFor = (target: string) => {
    const root = findProjectRoot(target) ?? (isDir.get(target) ? target : normalize(resolve(target, '..', '..')));
    let entry = models.get(root);
    if (!entry) {
      const model = new ProjectModel(root);
      loadProjectFiles(model);
      model.orgs = readSfOrgs(process.env.HOME || homedir(), root);
      model.productionAliases = opts.productionAliases ?? [];
      const repo = walkRepository(model);
      const walked: WalkedFile[] = [];
      for (const f of repo.files) {
        walked.push(f);
        if (f.scope.kind === 'secrets') continue;
        const target = f.scope.kind === 'mdapi' ? mdapiModel(f.scope.root) : model;
        const pf = load(f.path);
        if (pf && !pf.encodingProblem && !pf.tooLarge) target.update(f.path, pf.text, pf.xml);
      }
      entry = { model, walked };
      models.set(root, entry);
    }
    return entry;
  };
  const mdapiModel = (root: string) => {
    let m = mdapiModels.get(root);
    if (!m) {
      m = new ProjectModel(root);
      loadProjectFiles(m);
      m.productionAliases = opts.productionAliases ?? [];
      mdapiModels.set(root, m);
    }
    return m;
  };
  const toCheck = new Map<string, ProjectModel>();
  for (const t of targets) {
    const { model, walked } = modelFor(t);
    let files: WalkedFile[];
    if (!isDir.get(t)) files = [walked.find((f) => f.path === t) ?? { path: t, scope: scopeOf(model, t) }];
    else files = t === model.root ? walked : walked.filter((f) => f.path.startsWith(t + '/'));
    for (const f of files) {
      if (f.scope.kind === 'secrets') secretsOnly.set(f.path, model);
      else if (f.scope.kind === 'mdapi') toCheck.set(f.path, mdapiModel(f.scope.root));
      else if (model.isIgnored(f.path)) secretsOnly.set(f.path, model);
      else toCheck.set(f.path, model);
    }
  }
  const diagnostics: EngineDiagnostic[] = [];
  const checkOpts = { disabledRules: opts.disabled, severityOverrides: opts.overrides };
  for (const [f, model] of toCheck) {
    const pf = load(f);
    if (pf) diagnostics.push(...checkParsed(pf, model, checkOpts));
  }
  for (const [f, model] of secretsOnly) {
    const pf = load(f);
    if (pf) diagnostics.push(...checkSecretsOnly(pf, model, checkOpts));
  }
  for (const model of [...[...models.values()].map((e) => e.model), ...mdapiModels.values()]) {
    for (const d of checkProjectRules(model, checkOpts)) {
      if (toCheck.has(d.path) || targets.some((t) => d.path === t || d.path.startsWith(t + '/'))) diagnostics.push(d);
    }
  }
  diagnostics.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // `files` counts the files every rule checked (the public JSON shape's meaning since version 1);
  // files outside the package directories were only searched for credentials.
  return { files: toCheck.size, diagnostics };
}

function rel(p: string): string {
  const r = relative(process.cwd(), p).replace(/\\/g, '/');
  return r === '' ? '.' : r;
}

function toJson(r: CheckResult): string {
  return JSON.stringify({
    version: 1,
    files: r.files,
    diagnostics: r.diagnostics.map((d) => ({ file: rel(d.path), range: d.range, severity: d.severity, code: d.code, message: d.message })),
  });
}

function toText(r: CheckResult, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, number> = { error: 31, warning: 33, information: 36, hint: 90 };
  const lines = r.diagnostics.map((d) =>
    `${rel(d.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(sevColor[d.severity], d.severity)} ${paint(2, d.code)} ${d.message}`);
  const count = (s: Severity) => r.diagnostics.filter((d) => d.severity === s).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('information')} information, ${count('hint')} hint(s) in ${r.files} ECA file(s)`);
  return lines.join('\n');
}

export function main(argv: string[]): number {
  if (argv[0] === 'retrieve') return (require('./retrieve/cli') as typeof import('./retrieve/cli')).dispatchRetrieve(argv.slice(1));
  if (argv[0] === 'flip' || argv[0] === 'scaffold' || argv[0] === 'new') return (require('./authoring/cli') as typeof import('./authoring/cli')).dispatchAuthoring(argv);
  if (argv[0] === 'verify') return (require('./verify/cli') as typeof import('./verify/cli')).dispatchVerify(argv.slice(1));
  if (argv[0] === 'migrate') return (require('./migration/cli') as typeof import('./migration/cli')).dispatchMigrate(argv.slice(1));
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`eca-check: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help' || args.command === '') {
    process.stdout.write(USAGE + '\n');
    return args.command === 'help' ? 0 : 2;
  }
  if (args.command === 'version') { process.stdout.write(VERSION + '\n'); return 0; }
  if (args.command === 'rules') {
    for (const r of CATALOGUE) process.stdout.write(`${r.id}\t${r.severity}\t${r.summary}\n`);
    return 0;
  }
  if (args.command !== 'check') {
    process.stderr.write(`eca-check: unknown command '${args.command}'\n${USAGE}\n`);
    return 2;
  }
  let result: CheckResult;
  try {
    result = runCheck(args.paths, args);
  } catch (e) {
    process.stderr.write(`eca-check: ${e instanceof UsageError ? e.message : `internal error: ${(e as Error).stack}`}\n`);
    return 2;
  }
  if (args.format === 'json') process.stdout.write(toJson(result) + '\n');
  else if (args.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(result.diagnostics, rel, VERSION), null, 2) + '\n');
  else process.stdout.write(toText(result, !!process.stdout.isTTY && !process.env.NO_COLOR) + '\n');
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  // Let stdout drain before exiting (large JSON through a pipe).
  process.exitCode = code;
}
