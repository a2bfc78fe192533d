// Hooks the end-to-end runner into `npm test`: runs scripts/e2e.mjs (a real VS Code, code-server,
// with the extension under development, then the packaged .vsix, then the UI driven as a person
// would) and turns every end-to-end test it ran into a subtest here, so node's test summary
// counts them. Fails when the runner fails, times out or runs no test.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

interface Summary {
  ok: boolean;
  error?: string;
  total?: { passes: number; failures: number; pending: number };
  reports: { suite: string; results: { suite: string; title: string; state: string; error?: string }[] }[];
}

test('end-to-end in a real VS Code (code-server)', { timeout: 45 * 60_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eca-e2e-results-'));
  const resultsFile = path.join(dir, 'e2e.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts/e2e.mjs'), '--results', resultsFile], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        // on timeout or cancellation the runner gets SIGTERM and stops code-server and chromium
        signal: t.signal,
        killSignal: 'SIGTERM',
      });
      child.on('error', (err) => (err.name === 'AbortError' ? undefined : reject(err)));
      child.on('exit', (c) => resolve(c));
    });
    const summary = JSON.parse(readFileSync(resultsFile, 'utf8')) as Summary;
    for (const report of summary.reports) {
      for (const r of report.results) {
        await t.test(`${report.suite}: ${r.suite ? `${r.suite} › ` : ''}${r.title}`, () => {
          if (r.state !== 'passed') assert.fail(`${r.state}: ${r.error ?? ''}`);
        });
      }
    }
    assert.equal(summary.error, undefined, summary.error);
    assert.ok((summary.total?.passes ?? 0) > 0, 'the end-to-end runner ran at least one test');
    assert.equal(summary.total?.failures, 0);
    assert.equal(summary.total?.pending, 0, 'no end-to-end test was skipped');
    assert.equal(code, 0, `scripts/e2e.mjs exited ${code}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
