// Connected App → External Client App migration. Pure (no vscode, no LSP): the CLI (cli.ts), the
// VS Code command (client/src/commands/migrate.ts) and the language server call these.
export { readConnectedApp, isConnectedAppFile, connectedAppName, type ConnectedAppDoc, type CaNode } from './connectedApp';
export {
  planMigration, analyzeConnectedApp, ecaApiName, PATTERNS, isPattern, relativeTo,
  type MigrationPattern, type MigrationOptions, type MigrationPlan, type MigrationResult, type MigrationRefusal,
  type PlannedFile, type PlannedRole, type PlannedEdit, type Finding, type SettingRow, type CheckResult, type HeldComponent, type ConnectedAppAnalysis,
} from './migrate';
export { MAPPING, FILE_TYPES, rowFor, type MappingRow, type FileKind } from './mapping';
export {
  connectedAppInsights, connectedAppHover, MIGRATION_DIAGNOSTIC_CODE, MIGRATE_COMMAND_ID,
  type ConnectedAppInsights, type ConnectedAppHover,
} from './insights';
