import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_CASES } from './ruleCases';
import { checkIn } from '../helpers/engine';
import { CATALOGUE, RULE_KIND } from '../../server/src/engine';

for (const c of RULE_CASES) {
  test(`${c.id}: ${c.title}`, () => {
    // Single-file rules: project rules are tested in projectRules.test.ts.
    const { diags, marked } = checkIn(c.files, c.target, { projectRules: false, productionAliases: c.productionAliases });
    const mine = diags.filter((d) => d.code === c.id);
    assert.equal(marked.ranges.length, c.expect.length, 'fixture markers and expectations disagree');
    assert.deepEqual(
      mine.map((d) => ({ severity: d.severity, range: d.range })),
      c.expect.map((severity, i) => ({ severity, range: marked.ranges[i] })),
      `diagnostics: ${JSON.stringify(diags.map((d) => [d.code, d.severity, d.range, d.message.slice(0, 60)]))}`,
    );
    if (c.expect.length === 0) {
      assert.deepEqual(diags.filter((d) => d.severity === 'error'), [], 'a valid fixture raises no error at all');
    }
  });
}

test('every file rule has a valid and an invalid case', () => {
  for (const r of CATALOGUE.filter((x) => RULE_KIND.get(x.id) === 'file' && !['file-too-large', 'file-encoding'].includes(x.id))) {
    const cases = RULE_CASES.filter((c) => c.id === r.id);
    assert.ok(cases.some((c) => c.expect.length > 0), `${r.id} lacks an invalid fixture`);
    assert.ok(cases.some((c) => c.expect.length === 0), `${r.id} lacks a valid fixture`);
  }
});
