// Builds the `sf eca` plugin (sf-plugin/) into sf-plugin/lib:
//   lib/engine/index.js  the engine and the eca-check CLI functions (server/src), bundled with their
//                        parsers (CommonJS, like dist/cli.js), so the plugin needs nothing from the
//                        repository's node_modules at run time;
//   lib/engine/sf-lib.js the retrieve's Salesforce entry (server/src/retrieve/sf-lib-entry.ts) with
//                        jszip; @salesforce/core stays external: the plugin's own dependency, the
//                        same copy @salesforce/sf-plugins-core resolves the -v/--target-dev-hub
//                        login with;
//   lib/**.js            the oclif commands (ESM, one file per command, as oclif discovers them),
//                        their npm imports left to the plugin's node_modules (package.json).
// Type-checking is `tsc -p sf-plugin/tsconfig.typecheck.json` (needs sf-plugin's node_modules).
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'sf-plugin', 'src');
const LIB = join(ROOT, 'sf-plugin', 'lib');

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'engine' ? [] : tsFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

rmSync(LIB, { recursive: true, force: true });
mkdirSync(join(LIB, 'engine'), { recursive: true });
// The engine bundles are CommonJS inside an ESM package.
writeFileSync(join(LIB, 'engine', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: false, logLevel: 'warning' };
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [join(SRC, 'engine', 'index.ts')],
    outfile: join(LIB, 'engine', 'index.js'),
    // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
  }),
  esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'server', 'src', 'retrieve', 'sf-lib-entry.ts')],
    outfile: join(LIB, 'engine', 'sf-lib.js'),
    external: ['@salesforce/core'],
  }),
  esbuild.build({
    entryPoints: tsFiles(SRC),
    outdir: LIB,
    outbase: SRC,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  }),
]);
console.error(`[sf-plugin] built ${relative(ROOT, LIB)}`);
