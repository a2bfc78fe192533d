// Keeps two kinds of test defects from coming back (issue 23): an `assert.ok(list.every(…))` that
// holds vacuously for an empty list (use `assertEvery` from test/helpers/assert.ts, or assert the
// length in the same assertion), and a fixed sleep (`setTimeout` whose callback only resolves)
// instead of waiting on the event that says the state is settled. Helpers may race a deadline
// against a promise; the org simulator may delay on purpose (a fault it is told to inject).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const TEST = join(ROOT, 'test');
/** Where a timer that resolves is allowed: deadline races in helpers, the simulator's injected delays. */
const SLEEP_ALLOWED = [/^test\/helpers\//, /^test\/e2e\/suite\/helpers\.ts$/, /^test\/org-sim\//];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** The text of the call starting at `open` (the index of its `(`), up to the matching `)`. */
function callText(src: string, open: number): string {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return src.slice(open, i + 1);
  }
  return src.slice(open);
}

const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;
/** Whether `index` stands in a `//` or `/* … *\/` comment line (prose about the pattern, not code). */
const inComment = (src: string, index: number) => /^\s*(?:\/\/|\*|\/\*)/.test(src.slice(src.lastIndexOf('\n', index) + 1, index));

/** `assert.ok(…every(…))` calls that say nothing of the list's length: they pass on an empty list. */
export function vacuousEvery(src: string): number[] {
  const lines: number[] = [];
  const re = /assert\.ok\(/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const call = callText(src, m.index + 'assert.ok'.length);
    if (/\.every\(/.test(call) && !/\.length\b/.test(call) && !inComment(src, m.index)) lines.push(lineOf(src, m.index));
  }
  return lines;
}

/** Timers whose callback only resolves a promise, and sleep helpers: fixed waits. */
export function fixedSleeps(src: string): number[] {
  const lines: number[] = [];
  const patterns = [
    /setTimeout\(\s*(?:r|res|resolve|done|next|ok)\s*,/g,
    /setTimeout\(\s*\(\)\s*=>\s*(?:r|res|resolve|done|next|ok)\(\)\s*,/g,
    /from\s+['"](?:node:)?timers\/promises['"]/g,
    /\b(?:function|const|let)\s+(?:sleep|delay|wait)\b\s*[=(]/g,
  ];
  for (const re of patterns) for (let m = re.exec(src); m; m = re.exec(src)) if (!inComment(src, m.index)) lines.push(lineOf(src, m.index));
  return lines.sort((a, b) => a - b);
}

test('the detectors find what they are for (and nothing in correct code)', () => {
  assert.deepEqual(vacuousEvery('x;\nassert.ok(files.every((f) => f.ok));\n'), [2]);
  assert.deepEqual(vacuousEvery("assert.ok(list.every((f) => f.ok), 'msg');"), [1]);
  assert.deepEqual(vacuousEvery('assert.ok(files.length === 3 && files.every((f) => f.ok));'), []);
  assert.deepEqual(vacuousEvery("assertEvery(files, (f) => f.ok, 'files');\nassert.ok(x.some((y) => y));"), []);
  assert.deepEqual(vacuousEvery('// never `assert.ok(list.every(p))`\n * assert.ok(a.every(b))'), []);
  assert.deepEqual(fixedSleeps('await new Promise((r) => setTimeout(r, 150));'), [1]);
  assert.deepEqual(fixedSleeps('\nawait new Promise((resolve) => setTimeout(() => resolve(), 5));'), [2]);
  assert.deepEqual(fixedSleeps("import { setTimeout } from 'node:timers/promises';"), [1]);
  assert.deepEqual(fixedSleeps('const sleep = (ms) => new Promise(…);'), [1]);
  assert.deepEqual(fixedSleeps("const t = setTimeout(() => reject(new Error('deadline')), 10_000);"), []);
});

test('no test asserts .every() over a list without its length (it would pass on an empty list)', () => {
  const found: string[] = [];
  for (const file of sources(TEST)) {
    const rel = relative(ROOT, file);
    if (rel === 'test/unit/testHygiene.test.ts') continue;
    for (const line of vacuousEvery(readFileSync(file, 'utf8'))) found.push(`${rel}:${line}`);
  }
  assert.deepEqual(found, [], 'use assertEvery (test/helpers/assert.ts) or assert the length in the same assertion');
});

test('no fixed sleep in tests: wait on the event that says the state is settled, with one deadline', () => {
  const files = sources(TEST);
  assert.ok(files.length > 50, `found only ${files.length} test sources`);
  const found: string[] = [];
  for (const file of files) {
    const rel = relative(ROOT, file);
    if (rel === 'test/unit/testHygiene.test.ts' || SLEEP_ALLOWED.some((re) => re.test(rel))) continue;
    for (const line of fixedSleeps(readFileSync(file, 'utf8'))) found.push(`${rel}:${line}`);
  }
  assert.deepEqual(found, []);
});
