// Bundles the Salesforce libraries (@salesforce/core, jsforce, jszip) with the one module that uses
// them (server/src/retrieve/sf-lib-entry.ts) into dist/sf-lib.js. The extension, the language
// server and the CLI never import it statically: server/src/retrieve/sfLoader.ts requires it at
// call time, when a retrieve runs. Recipe: docs/reference/bundling-salesforce-libraries.md.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['server/src/retrieve/sf-lib-entry.ts'],
  outfile: 'dist/sf-lib.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // The libraries need Node >= 22 (undici 8); sfLoader refuses older hosts with a clear message.
  target: 'node22',
  external: ['vscode'],
  // core's Logger would otherwise start a pino worker whose transport path does not exist in a
  // bundle ("unable to determine transport target"); with this, no worker and no log file.
  define: { 'process.env.SF_DISABLE_LOG_FILE': '"true"' },
  sourcemap: false,
  logLevel: 'warning',
});
