// The step of action.yml (the composite GitHub Action at the repository root): runs `eca-check
// check` as a process and
//   - prints the findings as workflow-command annotations (--format github),
//   - appends a Markdown summary to $GITHUB_STEP_SUMMARY (counts by severity, a table of findings,
//     plus `eca-check plan` against the base ref when one is known, and `eca-check audit` — the
//     security posture — of the orgs that plan says the change touches),
//   - writes a SARIF file when INPUT_SARIF_FILE is set,
//   - writes errors=, warnings=, findings=, sarif-file= to $GITHUB_OUTPUT,
//   - exits with the check's exit code (1 on errors unless INPUT_FAIL_ON_ERROR is false; 2 on usage).
// Inputs arrive as INPUT_* environment variables (set by action.yml): PATHS (whitespace-separated),
// WORKING_DIRECTORY, SARIF_FILE, BASE_REF, FAIL_ON_ERROR, ARGS (extra check flags), CLI (the built
// dist/cli.js; default: next to this script).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name, def = '') => (env[`INPUT_${name}`] ?? def).trim();
const cli = resolve(input('CLI') || resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js'));
const cwd = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), input('WORKING_DIRECTORY') || '.');
const paths = input('PATHS').split(/\s+/).filter(Boolean);
const extra = input('ARGS').split(/\s+/).filter(Boolean);
const failOnError = input('FAIL_ON_ERROR', 'true') !== 'false';

function run(args) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env });
}
const append = (file, text) => { if (file) appendFileSync(file, text); };
/** The --production-alias flags among the extra check flags (audit takes those, not the rest). */
const productionAliases = (args) => args.flatMap((a, i) => (a === '--production-alias' && args[i + 1] ? [a, args[i + 1]] : a.startsWith('--production-alias=') ? [a] : []));

const gh = run(['check', '--format', 'github', ...extra, ...paths]);
process.stdout.write(gh.stdout);
process.stderr.write(gh.stderr);
if (gh.status === 2 || gh.status === null) {
  console.error(`::error title=eca-check::eca-check could not run (exit ${gh.status}); see the log above.`);
  process.exit(2);
}
const summary = run(['check', '--format', 'markdown', ...extra, ...paths]);
append(env.GITHUB_STEP_SUMMARY, summary.stdout + '\n');

const json = JSON.parse(run(['check', '--format', 'json', ...extra, ...paths]).stdout);
const count = (s) => json.diagnostics.filter((d) => d.severity === s).length;

// The per-org review when the base is known: the input, else the pull request's base branch.
const base = input('BASE_REF') || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
if (base) {
  const plan = run(['plan', '--base', base, '--format', 'markdown', ...paths]);
  if (plan.status === 2) {
    console.log(`::warning title=eca-check plan::${(plan.stderr.trim().split('\n')[0] || 'plan failed').replace(/%/g, '%25')} (check out with fetch-depth: 0 so the base ref is present)`);
    append(env.GITHUB_STEP_SUMMARY, `_Per-org review against \`${base}\` unavailable: ${plan.stderr.trim().split('\n')[0]}_\n\n`);
  } else {
    append(env.GITHUB_STEP_SUMMARY, plan.stdout + '\n');
    // The security posture of the orgs the change touches (eca-check audit, one column per org).
    const changed = JSON.parse(run(['plan', '--base', base, '--format', 'json', ...paths]).stdout).orgs.map((o) => o.org);
    if (changed.length) {
      const audit = run(['audit', '--format', 'markdown', ...productionAliases(extra), ...changed.flatMap((o) => ['--org', o]), ...paths]);
      if (audit.status === 0 || audit.status === 1) append(env.GITHUB_STEP_SUMMARY, audit.stdout + '\n');
    }
  }
}

const sarifFile = input('SARIF_FILE');
if (sarifFile) {
  const out = resolve(cwd, sarifFile);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, run(['check', '--format', 'sarif', ...extra, ...paths]).stdout);
}
append(env.GITHUB_OUTPUT, `errors=${count('error')}\nwarnings=${count('warning')}\nfindings=${json.diagnostics.length}\nsarif-file=${sarifFile ? resolve(cwd, sarifFile) : ''}\n`);
process.exit(gh.status === 1 && !failOnError ? 0 : gh.status);
