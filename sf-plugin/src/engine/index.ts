// The engine entry of the sf plugin: re-exports the functions the `eca-check` CLI runs, so that
// `sf eca …` and `eca-check …` are one implementation. scripts/build-sf-plugin.mjs bundles this
// file (with the engine and its parsers) into sf-plugin/lib/engine/index.js (CommonJS), and
// server/src/retrieve/sf-lib-entry.ts next to it as sf-lib.js, which the retrieve loads lazily.
export { runCheck, toJson, toText, UsageError, VERSION, type CheckResult } from '../../../server/src/cli.js';
export { runAuthoringCli } from '../../../server/src/authoring/cli.js';
export { runMigrateCli } from '../../../server/src/migration/cli.js';
export { runRetrieveCli } from '../../../server/src/retrieve/cli.js';
export type { Severity } from '../../../server/src/engine/index.js';
