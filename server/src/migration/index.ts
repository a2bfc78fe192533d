// Connected App → External Client App migration. Pure (no vscode, no LSP): the CLI (cli.ts), the
// language server (lsp/requests/migrate.ts, behind the VS Code command) call these. Layout of the
// folder: types.ts (data), state.ts + sections/*.ts + mapper.ts (reading the Connected App),
// layout.ts (paths), plan.ts (the planner), report.ts, redaction.ts, io.ts (disk, CLI only).
export { readConnectedApp, isConnectedAppFile, connectedAppName, type ConnectedAppDoc, type CaNode } from './connectedApp';
export { planMigration, analyzeConnectedApp, ecaApiName, PATTERNS, isPattern, relativeTo } from './plan';
export type {
  MigrationPattern, MigrationOptions, MigrationPlan, MigrationResult, MigrationRefusal,
  PlannedFile, PlannedRole, PlannedEdit, Finding, SettingRow, CheckResult, HeldComponent, ConnectedAppAnalysis,
} from './types';
export { MAPPING, FILE_TYPES, rowFor, type MappingRow, type FileKind } from './mapping';
export {
  connectedAppInsights, connectedAppHover, MIGRATION_DIAGNOSTIC_CODE, MIGRATE_COMMAND_ID,
  type ConnectedAppInsights, type ConnectedAppHover,
} from './insights';
