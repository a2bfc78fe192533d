// The engine entry of the sf plugin: re-exports the functions the `eca-check` CLI runs (its public
// module, server/src/cli/index.ts), so that `sf eca …` and `eca-check …` are one implementation.
// scripts/build-sf-plugin.mjs bundles this file (with the engine and its parsers) into
// sf-plugin/lib/engine/index.js (CommonJS), and server/src/retrieve/sf-lib-entry.ts next to it as
// sf-lib.js, which a retrieve loads lazily.
export {
  runCheck, toJson, formatResult, exitCodeOf, UsageError, VERSION, runAuthoringCli, runMigrateCli, runRetrieveCli, runPlanCli, runVerifyCli, runAuditCli,
  type CheckResult, type CheckFormat, type PlanResult,
} from '../../../server/src/cli/index.js';
export type { Severity } from '../../../server/src/engine/index.js';
