// The rule catalogue is derived from the rules' own declarations: docs/rules.md is current, every
// rule documents itself, and every typed read of a field is declared in `reads`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, RULE_KIND } from '../../server/src/engine';
import { REPORTED_CODES } from '../../server/src/engine/rules/reported';
import { renderRulesDoc } from '../../server/src/engine/rules/doc';
import { REPO } from '../helpers/fs';

test('docs/rules.md is current (run `npm run gen:docs`)', () => {
  assert.equal(readFileSync(join(REPO, 'docs/rules.md'), 'utf8'), renderRulesDoc(CATALOGUE, (id) => RULE_KIND.get(id)));
});

test('every rule id of docs/reference/eca-rules.md is declared by a rule, and the reverse', () => {
  const ref = readFileSync(join(REPO, 'docs/reference/eca-rules.md'), 'utf8');
  const referenced = new Set([...ref.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
  const declared = new Set(CATALOGUE.map((r) => r.id));
  assert.deepEqual([...referenced].filter((id) => !declared.has(id)), []);
  // Internal rules, and the codes migrate and verify report (engine/rules/reported.ts): not part of the platform contract.
  const internal = new Set(['file-too-large', 'file-encoding', 'sfdx-project-invalid', ...REPORTED_CODES.map((r) => r.id)]);
  assert.deepEqual([...declared].filter((id) => !referenced.has(id) && !internal.has(id)), []);
  assert.equal(declared.size, CATALOGUE.length, 'ids are unique');
});

test('every rule describes itself', () => {
  for (const r of CATALOGUE) {
    assert.ok(r.summary.length > 10 && r.description.length > 20 && r.scope, r.id);
  }
});

test('a rule that reads a field through the typed accessor declares it in `reads`', () => {
  const dir = join(REPO, 'server/src/engine/rules');
  const files: string[] = [];
  const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\.ts$/.test(n)) files.push(p); } };
  walk(dir);
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const id = /\bid: '([a-z0-9-]+)'/.exec(src)?.[1];
    if (!id) continue;
    const reads = CATALOGUE.find((r) => r.id === id)?.reads ?? [];
    for (const m of src.matchAll(/read(?:Boolean|Enum)\([^,]+,\s*(?:([A-Z_]+|'[A-Za-z]+'),\s*)?'([A-Za-z]+)'/g)) {
      assert.ok(reads.some((r) => r.endsWith(`.${m[2]}`)), `${id} reads ${m[2]} without declaring it`);
    }
    for (const m of src.matchAll(/summary(?:Boolean|DistributionState)\(s\.([A-Za-z]+)\)/g)) {
      assert.ok(reads.some((r) => r.endsWith(`.${m[1]}`)), `${id} reads ${m[1]} without declaring it`);
    }
  }
});
