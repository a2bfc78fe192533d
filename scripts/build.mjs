// Bundles the three public entry points with esbuild. Type-checking is `npm run typecheck` (tsc),
// because esbuild strips types without checking them.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // @salesforce/* are heavy and load lazily from their own bundle (see the retrieve feature).
  external: ['vscode'],
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

/**
 * The browser builds use `X.browser.ts` wherever a module `X.ts` has one beside it (the engine's
 * disk access, host/disk.ts: a web worker has no disk).
 */
const browserVariants = {
  name: 'browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'variant') return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'variant' });
      if (r.errors.length || !r.path.endsWith('.ts')) return undefined;
      const alt = r.path.replace(/\.ts$/, '.browser.ts');
      return existsSync(alt) ? { path: alt } : undefined;
    });
  },
};

// The web extension (package.json `browser`): client and server for a web worker extension host.
// No Node built-in may reach them (test/client/browserBundle.test.ts reads the metafiles).
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: false,
  logLevel: 'warning',
  metafile: true,
  minifyWhitespace: true,
  minifySyntax: true,
  mainFields: ['browser', 'module', 'main'],
  plugins: [browserVariants],
};

const builds = await Promise.all([
  esbuild.build({ ...browser, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/browser/extension.js', format: 'cjs', external: ['vscode'] }),
  esbuild.build({ ...browser, entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/browser/server.js', format: 'iife' }),
]);
mkdirSync('out/browser-meta', { recursive: true });
writeFileSync('out/browser-meta/extension.json', JSON.stringify(builds[0].metafile));
writeFileSync('out/browser-meta/server.json', JSON.stringify(builds[1].metafile));

await Promise.all([
  // The client is thin (no engine, no XML parser, no migration: test/client/bundle.test.ts); it is
  // minified without renaming, so it loads fast and its stack traces stay readable.
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', minifyWhitespace: true, minifySyntax: true }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
