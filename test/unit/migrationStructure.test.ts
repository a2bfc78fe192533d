// The migration is split by concern (issue 14): types, state + one mapper per Connected App
// section, the mapper, layout, planner, report, redaction. No import cycle among its modules
// (type-only imports included), and no file over 700 lines.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const DIR = path.resolve(__dirname, '../../../server/src/migration');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), m[1]) + '.ts';
    if (target.startsWith(DIR)) out.push(target);
  }
  return out;
}

test('no import cycle inside server/src/migration', () => {
  const all = files(DIR);
  const graph = new Map(all.map((f) => [f, localImports(f)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') assert.fail(`import cycle: ${[...stack.slice(stack.indexOf(f)), f].map((p) => path.relative(DIR, p)).join(' → ')}`);
    state.set(f, 'visiting');
    stack.push(f);
    for (const g of graph.get(f) ?? []) visit(g);
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of all) visit(f);
});

test('one mapper per section, and every file stays small', () => {
  assert.deepEqual(readdirSync(path.join(DIR, 'sections')).sort(), ['canvas.ts', 'header.ts', 'oauth.ts', 'oauthPolicy.ts', 'saml.ts', 'session.ts']);
  for (const f of files(DIR)) {
    const lines = readFileSync(f, 'utf8').split('\n').length;
    assert.ok(lines <= 700, `${path.relative(DIR, f)} has ${lines} lines`);
  }
});
