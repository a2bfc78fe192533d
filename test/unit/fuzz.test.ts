// A short, bounded fuzz run inside `npm test` (the long run is `npm run fuzz`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runFuzz } from '../helpers/fuzzer';
import { REAL } from '../helpers/fs';

test('fuzz: 3,000 mutated ECA files and project trees, no crash, no range outside the document, no hang', () => {
  // Only a runaway input (40× the long run's bound, i.e. seconds) counts as a hang here: CI machines
  // are shared and this is not a benchmark. `npm run fuzz` keeps the tight bound.
  const stats = runFuzz({ count: 3000, seed: 20261123, corpusDir: join(REAL, 'retrieved'), slowScale: 40 });
  assert.equal(stats.inputs, 3000);
  assert.ok(stats.projects >= 6);
  assert.deepEqual(stats.findings.slice(0, 3).map((f) => `${f.kind}: ${f.detail}\n--- input (${f.path}):\n${f.input.slice(0, 500)}`), []);
});
