// The layering is enforced, not hoped for: the engine (server/src/engine) imports nothing of
// vscode or the LSP libraries and nothing outside its own folder (npm libraries and node's
// built-ins are fine), the client (client/src) starts no child process, and no source file of
// server/src or client/src grows past 450 lines (engine/workspace.ts excepted while it is split).
// The engine also compiles on its own, without vscode types: server/src/engine/tsconfig.json, run
// by `npm run compile-tests` and `npm run typecheck`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const ENGINE = join(ROOT, 'server/src/engine');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier of a TypeScript source: import/export … from, import(), require(), bare import. */
export function specifiers(src: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** Why a specifier of `file` breaks the engine's layering, or undefined when it does not. */
export function engineViolation(file: string, spec: string): string | undefined {
  if (/^vscode($|-)/.test(spec)) return `imports ${spec}`;
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec);
    if (target !== ENGINE && !target.startsWith(ENGINE + '/')) return `imports ${relative(ROOT, target)}, outside server/src/engine`;
  }
  return undefined;
}

test('the scanner finds every kind of import (so the checks below can fail)', () => {
  const src = "import * as vscode from 'vscode';\nimport type { X } from '../../lsp/context';\nexport { y } from './y';\nconst z = require('vscode-languageserver/node');\nvoid import('../../cli/check');\nimport 'vscode-languageclient';\n";
  assert.deepEqual(specifiers(src), ['vscode', '../../lsp/context', './y', 'vscode-languageserver/node', '../../cli/check', 'vscode-languageclient']);
  const f = join(ENGINE, 'project/x.ts');
  assert.deepEqual(specifiers(src).map((s) => engineViolation(f, s)).map((v) => v !== undefined), [true, true, false, true, true, true]);
  assert.equal(engineViolation(f, '../schema'), undefined);
  assert.equal(engineViolation(f, 'jsonc-parser'), undefined);
});

test('server/src/engine imports no vscode, no vscode-languageserver*, nothing outside the engine', () => {
  const files = sources(ENGINE);
  assert.ok(files.length > 50, `only ${files.length} engine files found`);
  const bad: string[] = [];
  for (const f of files) {
    for (const s of specifiers(readFileSync(f, 'utf8'))) {
      const why = engineViolation(f, s);
      if (why) bad.push(`${relative(ROOT, f)} ${why}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('client/src starts no child process (verify, retrieve and the rest are server requests)', () => {
  const files = sources(join(ROOT, 'client/src'));
  assert.ok(files.length > 10);
  const bad = files.filter((f) => specifiers(readFileSync(f, 'utf8')).some((s) => s === 'child_process' || s === 'node:child_process'));
  assert.deepEqual(bad.map((f) => relative(ROOT, f)), []);
});

test('client/src keeps no module-level mutable state (each activation owns its client, views and UI)', () => {
  const files = sources(join(ROOT, 'client/src'));
  assert.ok(files.length > 10);
  const bad = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => [f, i + 1, line] as const))
    .filter(([, , line]) => /^(export\s+)?(let|var)\s/.test(line))
    .map(([f, n, line]) => `${relative(ROOT, f)}:${n}: ${line.trim()}`);
  assert.deepEqual(bad, []);
});

test('no source file of server/src or client/src is over 450 lines', () => {
  const files = [...sources(join(ROOT, 'server/src')), ...sources(join(ROOT, 'client/src'))];
  const long = files
    .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > 450);
  assert.deepEqual(long, []);
});
