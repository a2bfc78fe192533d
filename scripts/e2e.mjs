// End-to-end runner for machines that cannot download VS Code: runs the extension's suites in a
// real VS Code (code-server + Debian chromium through playwright-core), the way
// @vscode/test-electron would on a desktop. Expects `npm run build && npm run compile-tests`.
//
//   node scripts/e2e.mjs [--only dev,restricted,vsix,ui,web] [--results FILE] [--screenshots DIR] [--timeout SEC]
//
// Phases:
//   dev   this repository as the extension under development + out/test/e2e/suite (mocha)
//   restricted  the same with workspace trust on and the workspace untrusted (Restricted Mode):
//         out/test/e2e/restricted
//   vsix  `vsce package`, `code-server --install-extension`, then out/test/e2e/installed (mocha)
//   ui    the installed extension driven as a person would, on a copy of examples/: open a file,
//         see squiggles, open the Problems panel; screenshots go to --screenshots DIR
//   web   the same .vsix forced into the web worker extension host (the browser build, as on
//         vscode.dev): the four errors in Problems, a quick fix, the Environments view (lib/web.mjs)
// Each phase starts its own code-server on a free loopback port in its own process group and
// stops it afterwards, whatever happens. Exit code 0 only when every phase ran and passed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, ensureCodeServer, installVsix, launchBrowser, log, startCodeServer, stopAllOnSignals, workbenchUrl,
} from './lib/code-server.mjs';
import { driveUi } from './lib/ui.mjs';
import { driveWeb } from './lib/web.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string', default: 'dev,restricted,vsix,ui,web' },
    results: { type: 'string' },
    screenshots: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
stopAllOnSignals(1);
const phases = opts.only.split(',').map((s) => s.trim()).filter(Boolean);
const phaseTimeoutMs = Number(opts.timeout) * 1000;
const work = mkdtempSync(join(tmpdir(), 'eca-e2e-'));
// also on the signal path (stopAllOnSignals exits the process)
process.on('exit', () => opts.keep || rmSync(work, { recursive: true, force: true }));
const reports = [];
let failed = false;

function copyWorkspace(from, name) {
  const to = join(work, name);
  cpSync(from, to, { recursive: true });
  return to;
}

function requireCompiled(p) {
  if (!existsSync(p + '.js')) throw new Error(`${p}.js is missing: run \`npm run build && npm run compile-tests\` first`);
}

/** Opens the workbench with the extension-tests payload and resolves with the suite's exit code. */
async function runSuiteInCodeServer({ name, server, folder, developmentPath, testsPath, resultsFile, userDataDir }) {
  const browser = await launchBrowser();
  const hostLog = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let exit;
    const exited = new Promise((res) => (exit = res));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (...args) => hostLog.push(args.map(String).join(' ')));
    let timer;
    const timeout = new Promise((res) => {
      timer = setTimeout(() => {
        log(`${name}: no exit code from the suite within ${phaseTimeoutMs / 1000}s`);
        res('timeout');
      }, phaseTimeoutMs);
    });
    await page.goto(workbenchUrl(server, folder, { developmentPath, testsPath }));
    try {
      const code = await Promise.race([exited, timeout]);
      log(`${name}: suite exit code ${code}`);
      const report = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
      if (report && userDataDir) report.facts.clientLog = clientLogLines(userDataDir).slice(0, 2);
      return { code, report, hostLog };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => {});
  }
}

/** The client's own activation log lines ("[client] activated in ...") from the output channel logs. */
function clientLogLines(userDataDir) {
  const lines = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('ECA Language Server.log')) {
        lines.push(...readFileSync(p, 'utf8').split('\n').filter((l) => l.includes('[client]')));
      }
    }
  };
  if (existsSync(join(userDataDir, 'logs'))) walk(join(userDataDir, 'logs'));
  return lines;
}

function printReport(name, report) {
  console.log(`\n${name}: end-to-end tests in ${report.facts?.appName ?? 'VS Code'} ${report.facts?.vscodeVersion ?? ''}`.trimEnd());
  for (const r of report.results) {
    const mark = r.state === 'passed' ? '✔' : r.state === 'failed' ? '✘' : '-';
    console.log(`  ${mark} ${r.suite ? r.suite + ' › ' : ''}${r.title}${r.durationMs !== undefined ? ` (${r.durationMs} ms)` : ''}`);
    if (r.error) console.log('      ' + r.error.split('\n').slice(0, 12).join('\n      '));
  }
  const s = report.stats;
  console.log(`  ${name}: ${s.passes} passed, ${s.failures} failed, ${s.pending} pending`);
  const f = report.facts ?? {};
  if (f.activationMs !== undefined) console.log(`  ${name}: activation ${f.activationMs} ms, language server ready after ${f.serverReadyMs} ms`);
  for (const l of f.clientLog ?? []) console.log(`  ${name}: ${l.replace(/^.*?\[client\]/, '[client]')}`);
}

async function phaseDev() {
  requireCompiled(join(ROOT, 'out/test/e2e/suite/index'));
  const folder = copyWorkspace(join(ROOT, 'test/e2e/workspace'), 'dev-workspace');
  const resultsFile = join(work, 'dev-results.json');
  const server = await startCodeServer({
    folder,
    userDataDir: join(work, 'dev-user-data'),
    extensionsDir: join(work, 'dev-extensions'),
    logFile: join(work, 'dev-code-server.log'),
    env: { ECA_E2E_RESULTS: resultsFile },
  });
  try {
    return await runSuiteInCodeServer({
      name: 'dev', server, folder, developmentPath: ROOT, userDataDir: join(work, 'dev-user-data'), testsPath: join(ROOT, 'out/test/e2e/suite/index'), resultsFile,
    });
  } finally {
    await server.stop();
  }
}

async function phaseRestricted() {
  requireCompiled(join(ROOT, 'out/test/e2e/restricted/index'));
  const folder = copyWorkspace(join(ROOT, 'test/e2e/workspace'), 'restricted-workspace');
  const resultsFile = join(work, 'restricted-results.json');
  const server = await startCodeServer({
    folder,
    trust: true, // workspace trust on; nothing marks this folder trusted
    userDataDir: join(work, 'restricted-user-data'),
    extensionsDir: join(work, 'restricted-extensions'),
    logFile: join(work, 'restricted-code-server.log'),
    env: { ECA_E2E_RESULTS: resultsFile },
  });
  try {
    return await runSuiteInCodeServer({
      name: 'restricted', server, folder, developmentPath: ROOT, userDataDir: join(work, 'restricted-user-data'), testsPath: join(ROOT, 'out/test/e2e/restricted/index'), resultsFile,
    });
  } finally {
    await server.stop();
  }
}

function packageVsix() {
  const out = join(work, 'eca-tools.vsix');
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  log('$ vsce package --no-dependencies');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`vsce package exited ${r.status}`);
  return out;
}

async function phaseVsixAndUi(runVsix, runUi, runWeb) {
  if (runVsix) requireCompiled(join(ROOT, 'out/test/e2e/installed/index'));
  const vsix = packageVsix();
  const userDataDir = join(work, 'vsix-user-data');
  const extensionsDir = join(work, 'vsix-extensions');
  installVsix(vsix, { userDataDir, extensionsDir });
  const results = [];
  if (runVsix) {
    const folder = copyWorkspace(join(ROOT, 'test/e2e/workspace'), 'vsix-workspace');
    const resultsFile = join(work, 'vsix-results.json');
    const server = await startCodeServer({
      folder, userDataDir, extensionsDir, logFile: join(work, 'vsix-code-server.log'),
      env: { ECA_E2E_RESULTS: resultsFile, ECA_E2E_EXTENSIONS_DIR: extensionsDir },
    });
    try {
      results.push(['vsix', await runSuiteInCodeServer({
        name: 'vsix', server, folder, resultsFile, userDataDir,
        // VS Code runs extension tests only in a development session: an empty host extension
        // provides one, while the extension under test is the installed .vsix.
        developmentPath: join(ROOT, 'test/e2e/installed/host'),
        testsPath: join(ROOT, 'out/test/e2e/installed/index'),
      })]);
    } finally {
      await server.stop();
    }
  }
  if (runUi) {
    const folder = copyWorkspace(join(ROOT, 'examples'), 'examples');
    const server = await startCodeServer({ folder, userDataDir, extensionsDir, logFile: join(work, 'ui-code-server.log') });
    try {
      const report = await driveUi({ server, folder, screenshots: opts.screenshots ? resolve(opts.screenshots) : join(work, 'screenshots'), timeoutMs: phaseTimeoutMs });
      results.push(['ui', { code: report.stats.failures === 0 ? 0 : 1, report, hostLog: [] }]);
    } finally {
      await server.stop();
    }
  }
  if (runWeb) results.push(['web', await phaseWeb(vsix)]);
  return results;
}

/** The packaged extension in the web worker extension host (its `browser` entry). */
async function phaseWeb(vsix) {
  const userDataDir = join(work, 'web-user-data');
  const extensionsDir = join(work, 'web-extensions');
  installVsix(vsix, { userDataDir, extensionsDir });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const folder = copyWorkspace(join(ROOT, 'examples'), 'web-examples');
  const server = await startCodeServer({
    folder, userDataDir, extensionsDir, logFile: join(work, 'web-code-server.log'),
    settings: { 'remote.extensionKind': { [`${pkg.publisher}.${pkg.name}`]: ['web'] } },
  });
  try {
    const report = await driveWeb({ server, folder, timeoutMs: phaseTimeoutMs });
    return { code: report.stats.failures === 0 ? 0 : 1, report, hostLog: [] };
  } finally {
    await server.stop();
  }
}

async function main() {
  ensureCodeServer();
  const outcomes = [];
  const attempt = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      console.error(`${name}: ${err?.stack ?? err}`);
      return [[name, { code: -1, report: null, hostLog: [String(err?.message ?? err)] }]];
    }
  };
  if (phases.includes('dev')) outcomes.push(...(await attempt('dev', async () => [['dev', await phaseDev()]])));
  if (phases.includes('restricted')) outcomes.push(...(await attempt('restricted', async () => [['restricted', await phaseRestricted()]])));
  if (phases.includes('vsix') || phases.includes('ui') || phases.includes('web')) {
    outcomes.push(...(await attempt('vsix/ui/web', () => phaseVsixAndUi(phases.includes('vsix'), phases.includes('ui'), phases.includes('web')))));
  }
  for (const [name, { code, report, hostLog }] of outcomes) {
    if (!report) {
      failed = true;
      console.log(`\n${name}: the suite wrote no results (exit code ${code}). Extension host log:\n${hostLog.slice(-80).join('\n')}`);
      reports.push({ suite: name, stats: { tests: 0, passes: 0, failures: 1, pending: 0 }, results: [{ title: 'suite ran', suite: name, state: 'failed', error: `no results; exit code ${code}` }], facts: {} });
      continue;
    }
    printReport(name, report);
    reports.push({ ...report, suite: name });
    if (code !== 0 || report.stats.failures > 0 || report.stats.passes === 0) failed = true;
  }
  const total = reports.reduce((a, r) => ({ passes: a.passes + r.stats.passes, failures: a.failures + r.stats.failures, pending: a.pending + r.stats.pending }), { passes: 0, failures: 0, pending: 0 });
  if (total.pending > 0) failed = true; // a skipped end-to-end test is not a pass
  console.log(`\ne2e total: ${total.passes} passed, ${total.failures} failed, ${total.pending} pending (phases: ${phases.join(', ')})`);
  if (opts.results) writeFileSync(opts.results, JSON.stringify({ ok: !failed, total, reports }, null, 2));
}

try {
  await main();
} catch (err) {
  failed = true;
  // a missing prerequisite is one line that says what to install; anything else keeps its stack
  const text = err?.name === 'MissingPrerequisite' ? err.message : String(err?.stack ?? err);
  console.error('e2e runner failed:', text);
  if (opts.results) writeFileSync(opts.results, JSON.stringify({ ok: false, error: text, reports }, null, 2));
} finally {
  if (opts.keep) log('kept', work);
}
process.exit(failed ? 1 : 0);
