// The web extension's bundles (package.json `browser`: dist/browser/extension.js and the server's
// web worker dist/browser/server.js) import no Node built-in: a web worker has none, and one such
// import breaks loading. Read from esbuild's own record of every import (the metafiles
// scripts/build.mjs writes to out/browser-meta/), and from the bundles' text. Needs `npm run build`.
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Metafile { inputs: Record<string, { imports: { path: string; external?: boolean }[] }>; outputs: Record<string, { bytes: number }> }

function meta(name: string): Metafile {
  const file = path.join(ROOT, 'out/browser-meta', `${name}.json`);
  assert.ok(existsSync(file), `${file} is missing: npm run build`);
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}

for (const [name, bundle, externals] of [['extension', 'dist/browser/extension.js', ['vscode']], ['server', 'dist/browser/server.js', []]] as const) {
  test(`${bundle} imports no Node built-in (esbuild metafile) and needs nothing but ${externals.length ? externals.join(', ') : 'itself'}`, () => {
    const m = meta(name);
    const inputs = Object.keys(m.inputs);
    assert.ok(inputs.length > 20, `${inputs.length} inputs`);
    const offending: string[] = [];
    for (const [input, { imports }] of Object.entries(m.inputs)) {
      for (const i of imports) {
        if (BUILTINS.has(i.path)) offending.push(`${input} imports ${i.path}`);
        // Relative "externals" are imports esbuild dropped as type-only; anything else must be bundled.
        else if (i.external && !i.path.startsWith('.') && !(externals as readonly string[]).includes(i.path)) offending.push(`${input} leaves ${i.path} to the host`);
      }
    }
    assert.deepEqual(offending, []);
    // The Node-only modules have browser variants (scripts/build.mjs `X.browser.ts`): the engine's disk,
    // file modes, the planned files' disk signature.
    const nodeOnly = ['engine/host/disk.ts', 'commands/executable.ts', 'requests/fileSignature.ts'];
    assert.deepEqual(inputs.filter((p) => nodeOnly.some((n) => p.endsWith(n))), []);
    const text = readFileSync(path.join(ROOT, bundle), 'utf8');
    const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((r) => r[1]);
    assert.deepEqual(required.filter((r) => !(externals as readonly string[]).includes(r)), [], 'the bundle requires nothing at run time but its externals');
  });
}

test('the browser bundles are small and the package ships them as `browser` beside `main`', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; browser: string };
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.browser, './dist/browser/extension.js');
  const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  for (const f of ['dist/browser/extension.js', 'dist/browser/server.js']) {
    assert.ok(ignore.includes(`!${f}`), `.vscodeignore ships ${f}`);
    const size = statSync(path.join(ROOT, f)).size;
    // README "In the browser" states the sizes (about 0.6 MB and 0.85 MB, minified).
    assert.ok(size < 1_000_000, `${f} is ${size} bytes`);
  }
});
