// Tests and benchmarks remove what they create in the temp folder: each runs here with TMPDIR set
// to a fresh folder, which must be empty afterwards (a run used to leave 57 /tmp/eca-* folders and
// the bench 492 MB in /tmp/eca-bench-100000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO } from '../helpers/fs';

function inFreshTmp(args: string[]): { left: string[]; status: number | null; output: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'eca-tmpcheck-'));
  try {
    const env: Record<string, string | undefined> = { ...process.env, TMPDIR: tmp };
    delete env.NODE_TEST_CONTEXT; // a child `node --test` runs as its own runner, not as our subtest
    const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env, maxBuffer: 1 << 26 });
    return { left: readdirSync(tmp), status: r.status, output: (r.stdout + r.stderr).slice(-3000) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

test('test files leave nothing in the temp folder (the tempDir/tempTree helpers and direct users)', () => {
  const files = ['cli/cli.test.js', 'cli/plan.test.js', 'cli/authoring.test.js', 'engine/migrationInsights.test.js', 'unit/retrieveUnits.test.js'].map((f) => resolve(REPO, 'out/test', f));
  const r = inFreshTmp(['--test', '--test-concurrency=1', ...files]);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /pass [1-9]\d*\n/);
  assert.deepEqual(r.left, []);
});

test('the bench removes its generated repository (unless --keep)', () => {
  const r = inFreshTmp(['scripts/bench.mjs', '--files', '3000', '--edits', '5']);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /BENCH_JSON /);
  assert.deepEqual(r.left, []);
});
