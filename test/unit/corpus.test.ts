// Real ECA files retrieved from real orgs (test/fixtures/real/retrieved, provenance in its manifest.tsv): no error-severity diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../server/src/cli';
import { REAL } from '../helpers/fs';

const dir = join(REAL, 'retrieved');

test('the corpus is present (tests must not pass on nothing)', () => {
  assert.ok(existsSync(dir), `missing ${dir}`);
});

for (const project of existsSync(dir) ? readdirSync(dir).filter((n) => !n.includes('.')) : []) {
  test(`no false error on ${project}`, () => {
    const r = runCheck([join(dir, project)], { disabled: [], overrides: {} });
    assert.ok(r.files > 0);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.path}:${d.range.start.line + 1} ${d.code} ${d.message}`), []);
  });
}
