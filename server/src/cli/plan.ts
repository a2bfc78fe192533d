// `eca-check plan --base <git-ref> [--format text|markdown|json] [paths…]`: org by org, what the
// working tree deploys differently from the base ref (server/src/plan). Reads the base with git,
// writes nothing. Exit codes: 0 done, 1 the change introduces error-severity findings, 2 usage,
// not a git repository, or an unknown ref.
import { homedir } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseCommandArgs } from './args';
import { parse as parseJsonc } from 'jsonc-parser';
import { isEcaCandidate } from '../engine/files';
import { normalize } from '../engine/project/model';
import { readSfOrgs } from '../engine/project/orgs';
import { findProjectRoot, readText } from '../engine/project/scan';
import { fileSetAtRef, fileSetAtRefAsync, fileSetOfWorkingTree, fileSetOfWorkingTreeAsync, GitError, planChange, planJson, planMarkdown, planText, type FileSet, type PlanResult } from '../plan';

export const PLAN_USAGE = `Usage: eca-check plan --base <git-ref> [--format text|markdown|json] [--production-alias <alias>]... [paths...]

Compares the working tree with <git-ref> (read with git; nothing is checked out or written) and
says, org by org — each sfp aliasfy environment folder, the orgs sf knows, production aliases
(--production-alias and eca.productionAliases in .vscode/settings.json), the default/ fallback
and the packages every org receives — which External Client App components that org will receive
differently, the settings that change, and the findings the change introduces or fixes.
Paths limit the report to components below them.
Exit codes: 0 done, 1 the change introduces error findings, 2 usage or git error.`;

interface Io { out: (s: string) => void; err: (s: string) => void; cwd: string }
const defaultIo = (): Io => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() });

/** eca.productionAliases from the project's .vscode/settings.json (JSON with comments), if any. */
export function settingsProductionAliases(root: string): string[] {
  const t = readText(`${root}/.vscode/settings.json`);
  if (!t) return [];
  const json = parseJsonc(t.text, [], { allowTrailingComma: true }) as Record<string, unknown> | undefined;
  const v = json?.['eca.productionAliases'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

interface ComputePlanOptions { base: string; cwd: string; paths?: string[]; productionAliases?: string[] }

export function computePlan(opts: ComputePlanOptions): PlanResult {
  const root = projectOf(opts);
  return planFor(opts, root, fileSetAtRef(root, opts.base, isEcaCandidate), fileSetOfWorkingTree(root));
}

/** `computePlan` for the language server: git runs as child processes it awaits (nothing blocks). */
export async function computePlanAsync(opts: ComputePlanOptions, signal?: AbortSignal): Promise<PlanResult> {
  const root = projectOf(opts);
  const base = await fileSetAtRefAsync(root, opts.base, isEcaCandidate, signal);
  return planFor(opts, root, base, await fileSetOfWorkingTreeAsync(root, signal));
}

const projectOf = (opts: ComputePlanOptions): string => findProjectRoot(opts.cwd) ?? normalize(resolve(opts.cwd));

function planFor(opts: ComputePlanOptions, root: string, base: FileSet, head: FileSet): PlanResult {
  const productionAliases = [...new Set([...(opts.productionAliases ?? []), ...settingsProductionAliases(root)])];
  const only = (opts.paths ?? []).map((p) => relative(root, resolve(opts.cwd, p)).replace(/\\/g, '/')).filter((p) => p !== '');
  return planChange(base, head, { root, orgs: readSfOrgs(process.env.HOME || homedir(), root), productionAliases, only });
}

export function runPlanCli(argv: string[], io: Io = defaultIo()): number {
  const args = parseCommandArgs<{ base?: string; format?: string; 'production-alias'?: string[] }>('plan', PLAN_USAGE, io, argv, { base: { type: 'string' }, format: { type: 'string' }, 'production-alias': { type: 'string', multiple: true } });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const format = values.format ?? 'text';
  if (!values.base) { io.err(`eca-check plan: --base <git-ref> is required (e.g. --base origin/main)\n${PLAN_USAGE}\n`); return 2; }
  if (format !== 'text' && format !== 'markdown' && format !== 'json') { io.err(`eca-check plan: unknown format '${format}' (text, markdown, json)\n`); return 2; }
  let result: PlanResult;
  try {
    result = computePlan({ base: values.base, cwd: io.cwd, paths: positionals, productionAliases: values['production-alias'] });
  } catch (e) {
    if (e instanceof GitError) { io.err(`eca-check plan: ${e.message}\n`); return 2; }
    io.err(`eca-check plan: internal error: ${(e as Error).stack}\n`);
    return 2;
  }
  const code = result.introduced.some((f) => f.severity === 'error') ? 1 : 0;
  process.exitCode = code;
  io.out(format === 'json' ? planJson(result) : format === 'markdown' ? planMarkdown(result) : planText(result));
  return code;
}
