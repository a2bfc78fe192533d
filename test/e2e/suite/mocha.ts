// Runs mocha inside the VS Code extension host (the `run()` contract of @vscode/test-electron)
// and records every test's outcome. The results go to the file named by ECA_E2E_RESULTS (set by
// scripts/e2e.mjs on code-server's environment, which the extension host inherits), so the
// runner can print them and the node test summary can count them.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export interface E2eResult {
  title: string;
  suite: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2eReport {
  suite: string;
  stats: { tests: number; passes: number; failures: number; pending: number };
  results: E2eResult[];
  /** Facts the suite measured (activation time etc.): printed, never asserted on. */
  facts: Record<string, unknown>;
}

/** Facts any test may record for the report (e.g. the extension's activation time). */
export const facts: Record<string, unknown> = {};

class RecordingReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const suiteName = (options.reporterOptions as { suite: string }).suite;
    const results: E2eResult[] = [];
    const lines: string[] = [];
    const suiteOf = (t: Mocha.Runnable) => t.parent?.fullTitle() ?? '';
    runner.on('pass', (t) => {
      results.push({ title: t.title, suite: suiteOf(t), state: 'passed', durationMs: t.duration });
      lines.push(`  ✔ ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: Error) => {
      const error = `${err?.message ?? err}\n${err?.stack ?? ''}`;
      results.push({ title: t.title, suite: suiteOf(t), state: 'failed', error });
      lines.push(`  ✘ ${t.fullTitle()}\n      ${error.split('\n').join('\n      ')}`);
    });
    runner.on('pending', (t) => {
      results.push({ title: t.title, suite: suiteOf(t), state: 'pending' });
      lines.push(`  - ${t.fullTitle()} (pending)`);
    });
    runner.once('end', () => {
      const s = this.stats;
      const report: E2eReport = {
        suite: suiteName,
        stats: { tests: results.length, passes: s.passes, failures: s.failures, pending: s.pending },
        results,
        facts,
      };
      console.log(lines.join('\n'));
      const out = process.env.ECA_E2E_RESULTS;
      if (out) writeFileSync(out, JSON.stringify(report, null, 2));
    });
  }
}

/** Runs every `*.e2e.js` file in `dir`; rejects when one fails or none is found. */
export function runSuite(suiteName: string, dir: string): Promise<void> {
  facts.vscodeVersion = vscode.version;
  facts.appName = vscode.env.appName;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 180_000, reporter: RecordingReporter, reporterOptions: { suite: suiteName } });
  // ECA_E2E_ONLY=authoring,migrate runs only the files whose names start so (for working on one suite).
  const only = (process.env.ECA_E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const files = readdirSync(dir).filter((f) => f.endsWith('.e2e.js') && (!only.length || only.some((o) => f.startsWith(o)))).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.e2e.js test files in ${dir}`));
  for (const f of files) mocha.addFile(join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
