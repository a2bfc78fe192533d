// `eca-check check` and `eca-check rules`: the engine for CI pipelines (runCheck, the output
// formats). Public interface (flags, exit codes, JSON shape) — extend, never rename. Exit: 0 no
// error-severity diagnostic, 1 at least one, 2 usage or internal failure.
import { UsageError } from '../engine/errors';
import { readFlags, severityOverrides } from './args';
import { relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { checkParsed, checkSecretsOnly, createUnitModel, loadProject, readParsed, CATALOGUE, RULE_BY_ID, normalize, type EngineDiagnostic, type ParsedFile, type ProjectModel, type Severity } from '../engine';
import { findProjectRoot, scopeOf, type UnitScope, type WalkedFile } from '../engine/project/scan';
import { checkProjectRules } from '../engine/project/projectRules';
import { toSarif } from './sarif';
import { renderRuleSection } from '../engine/rules/docSection';
import { closest } from '../engine/text';
import { toGithub } from './github';
import { toMarkdown } from './summary';
import { parseApiVersion } from '../engine/schema/versions';

export const VERSION = '0.1.0';

export const CHECK_USAGE = `Usage: eca-check check [paths...] [--format text|json|sarif|github|markdown] [--disable <rule-id>]...
                       [--severity <rule-id>=<level>]... [--production-alias <alias>]...
                       [--api-version <version>] [--exclude <pattern>]...
       eca-check rules            list the rule catalogue
       eca-check rules <id>...    print a rule's documentation (its section of docs/rules.md)

Checks Salesforce External Client App metadata. Paths default to the current directory; a
project's sfdx-project.json package directories and .forceignore are honoured. A folder outside
the package directories that holds ECA source is checked as a deploy unit of its own (as
sf project deploy start -d <folder> deploys it; its cross-file findings are warnings). --exclude
leaves out files it matches (a .gitignore pattern relative to the project root, e.g. 'fixtures/'
or '**/templates/**'; repeatable), as .forceignore'd files are searched only for credentials; a
file named on the command line is always checked with every rule. Org aliases
come from sf's state in $HOME (~/.sfdx, ~/.sf); --production-alias marks aliases as production
for the aliasfy checks. Each file is judged at the API version it deploys at (a metadata-format
bundle's package.xml <version>, else sourceApiVersion of sfdx-project.json, else the newest known);
--api-version judges every file at the version given, as sf … --api-version deploys at it.
--format github prints GitHub Actions annotations (paths relative to
$GITHUB_WORKSPACE when set); --format markdown a summary for $GITHUB_STEP_SUMMARY.
Exit codes: 0 no errors, 1 errors found, 2 usage or internal failure.`;

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'github', 'markdown'];

interface Args { command: string; paths: string[]; format: CheckFormat; disabled: string[]; overrides: Record<string, Severity | 'off'>; productionAliases: string[]; apiVersion?: string; exclude: string[] }

export { UsageError };

function parseArgs(argv: string[]): Args {
  const { values, positionals } = readFlags({
    args: argv, strict: true, allowPositionals: true,
    options: {
      format: { type: 'string' }, disable: { type: 'string', multiple: true }, severity: { type: 'string', multiple: true },
      'production-alias': { type: 'string', multiple: true }, 'api-version': { type: 'string' }, exclude: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
    },
  });
  const [command = '', ...paths] = positionals;
  const args: Args = { command, paths, format: 'text', disabled: values.disable ?? [], overrides: {}, productionAliases: values['production-alias'] ?? [], exclude: values.exclude ?? [] };
  const v = values['api-version'];
  if (v !== undefined) {
    if (parseApiVersion(v) === undefined) throw new UsageError(`--api-version wants a version such as 66.0, got '${v}'`);
    args.apiVersion = v;
  }
  if (values.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`unknown format '${values.format}' (${FORMATS.join(', ')})`);
    args.format = values.format as CheckFormat;
  }
  args.overrides = severityOverrides(values.severity);
  if (values.help) args.command = 'help';
  else if (values.version) args.command = 'version';
  return args;
}

export interface CheckResult { files: number; diagnostics: EngineDiagnostic[] }

export function runCheck(paths: string[], opts: { disabled: string[]; overrides: Record<string, Severity | 'off'>; productionAliases?: string[]; apiVersion?: string; exclude?: string[] }): CheckResult {
  const v = opts.apiVersion === undefined ? undefined : parseApiVersion(opts.apiVersion);
  if (opts.apiVersion !== undefined && v === undefined) throw new UsageError(`--api-version wants a version such as 66.0, got '${opts.apiVersion}'`);
  const apiVersion = v === undefined ? undefined : { version: v, label: '--api-version' };
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
      pf = readParsed(f) ?? undefined;
      if (pf) parsed.set(f, pf);
    }
    return pf;
  };
  // Which files count and how is the engine's answer (scan.ts scopeOf): package directories are the
  // project; a metadata-format tree or a source folder outside them is checked as its own deploy
  // unit; a source file directly in the project root is checked for committed secrets only, as is a
  // file .forceignore leaves out of the deploy; a file --exclude matches is not checked. A file
  // named on the command line is always checked with every rule of its unit.
  const units = new Map<string, ProjectModel>();
  const secretsOnly = new Map<string, ProjectModel>();
  const modelFor = (target: string) => {
    const root = findProjectRoot(target) ?? (isDir.get(target) ? target : normalize(resolve(target, '..', '..')));
    let entry = models.get(root);
    if (!entry) {
      const loaded = loadProject(root, { scope: 'repository', productionAliases: opts.productionAliases, apiVersion, exclude: opts.exclude, onParsed: (pf) => parsed.set(pf.path, pf) });
      for (const [r, m] of loaded.others) if (!units.has(r)) units.set(r, m);
      entry = { model: loaded.model, walked: loaded.walked };
      models.set(root, entry);
    }
    return entry;
  };
  const unitModel = (scope: UnitScope, project: ProjectModel) => {
    let m = units.get(scope.root);
    if (!m) units.set(scope.root, (m = createUnitModel(scope, project, { productionAliases: opts.productionAliases, apiVersion })));
    return m;
  };
  const toCheck = new Map<string, ProjectModel>();
  for (const t of targets) {
    const { model, walked } = modelFor(t);
    if (!isDir.get(t)) {
      const f = walked.find((w) => w.path === t) ?? { path: t, scope: scopeOf(model, t), project: model };
      toCheck.set(t, f.scope.kind === 'mdapi' || f.scope.kind === 'folder' ? unitModel(f.scope, f.project) : f.project);
      continue;
    }
    const files = t === model.root ? walked : walked.filter((f) => f.path.startsWith(t + '/'));
    for (const f of files) {
      if (f.scope.kind === 'secrets') secretsOnly.set(f.path, f.project);
      else if (f.scope.kind === 'mdapi') toCheck.set(f.path, unitModel(f.scope, f.project));
      else if (f.project.isIgnored(f.path)) secretsOnly.set(f.path, f.project);
      else toCheck.set(f.path, f.scope.kind === 'folder' ? unitModel(f.scope, f.project) : f.project);
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
  // Each model once (a nested project named as a target is also one of its enclosing walk's).
  const all = new Map<string, ProjectModel>([...units, ...[...models].map(([r, e]): [string, ProjectModel] => [r, e.model])]);
  for (const model of all.values()) {
    for (const d of checkProjectRules(model, checkOpts)) {
      if (toCheck.has(d.path) || targets.some((t) => d.path === t || d.path.startsWith(t + '/'))) diagnostics.push(d);
    }
  }
  diagnostics.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // `files` counts the files every rule checked (the public JSON shape's meaning since version 1);
  // .forceignore'd files and source files directly in the project root were only searched for credentials.
  return { files: toCheck.size, diagnostics };
}

/** A path as printed: relative to the current directory (GitHub annotations: to $GITHUB_WORKSPACE). */
export function rel(p: string, base = process.cwd()): string {
  const r = relative(base, p).replace(/\\/g, '/');
  return r === '' ? '.' : r;
}

export function toJson(r: CheckResult): string {
  return JSON.stringify({
    version: 1,
    files: r.files,
    diagnostics: r.diagnostics.map((d) => ({ file: rel(d.path), range: d.range, severity: d.severity, code: d.code, message: d.message })),
  });
}

export function toText(r: CheckResult, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, number> = { error: 31, warning: 33, information: 36, hint: 90 };
  const lines = r.diagnostics.map((d) =>
    `${rel(d.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(sevColor[d.severity], d.severity)} ${paint(2, d.code)} ${d.message}`);
  const count = (s: Severity) => r.diagnostics.filter((d) => d.severity === s).length;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('information')} information, ${count('hint')} hint(s) in ${r.files} ECA file(s)`);
  return lines.join('\n');
}

/** The exit code of a check: 1 when any error-severity diagnostic, else 0. */
export function exitCodeOf(r: CheckResult): number {
  return r.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Renders a check result in one of the formats of `--format`. */
export function formatResult(result: CheckResult, format: CheckFormat, color = false): string {
  switch (format) {
    case 'json': return toJson(result);
    case 'sarif': return JSON.stringify(toSarif(result.diagnostics, rel, VERSION), null, 2);
    case 'github': {
      const base = process.env.GITHUB_WORKSPACE ? resolve(process.env.GITHUB_WORKSPACE) : process.cwd();
      return toGithub(result.diagnostics, (p) => rel(p, base));
    }
    case 'markdown': return toMarkdown(result, rel);
    default: return toText(result, color);
  }
}

/**
 * `eca-check check …` and `eca-check rules` (argv starts with the command; flags may come before
 * it, as they always could). Returns the exit code; sets process.exitCode before writing, so a
 * reader that closes the pipe early still sees the check's status (see index.ts).
 */
export function runCheckCli(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`eca-check: ${(e as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') { process.stdout.write(CHECK_USAGE + '\n'); return 0; }
  if (args.command === 'version') { process.stdout.write(VERSION + '\n'); return 0; }
  if (args.command === 'rules') {
    // `rules <id>…`: each rule's section of docs/rules.md, as `ruff rule <id>` prints its doc.
    const unknown = args.paths.filter((id) => !RULE_BY_ID.has(id));
    if (unknown.length) {
      const hint = (id: string) => { const near = closest(id, CATALOGUE.map((r) => r.id), 3)[0]; return near ? ` (did you mean '${near}'?)` : ''; };
      process.stderr.write(unknown.map((id) => `eca-check: unknown rule '${id}'${hint(id)}; \`eca-check rules\` lists them\n`).join(''));
      return 2;
    }
    process.exitCode = 0;
    process.stdout.write(args.paths.length
      ? args.paths.map((id) => renderRuleSection(RULE_BY_ID.get(id)!)).join('\n')
      : CATALOGUE.map((r) => `${r.id}\t${r.severity}\t${r.summary}\n`).join(''));
    return 0;
  }
  if (args.command !== 'check') {
    process.stderr.write(`eca-check: unknown command '${args.command}'\n${CHECK_USAGE}\n`);
    return 2;
  }
  let result: CheckResult;
  try {
    result = runCheck(args.paths, args);
  } catch (e) {
    process.stderr.write(`eca-check: ${e instanceof UsageError ? e.message : `internal error: ${(e as Error).stack}`}\n`);
    return 2;
  }
  const code = exitCodeOf(result);
  process.exitCode = code;
  const out = formatResult(result, args.format, !!process.stdout.isTTY && !process.env.NO_COLOR);
  process.stdout.write(out && !out.endsWith('\n') ? out + '\n' : out);
  return code;
}
