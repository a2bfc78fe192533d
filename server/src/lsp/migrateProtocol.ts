// The migration requests' wire contract ("Migrate Connected App to External Client App"), shared by
// the server (lsp/requests/migrate.ts) and the client command. Plain constants and type-only
// imports: the client bundle pulls in nothing of the migration or the engine.
import type { FileChange } from '../engine/types';
import type { MigrationPattern } from '../migration/patterns';

export const MIGRATE_METHODS = {
  /** What the command asks about before planning: the app, the patterns, the package directories. */
  prepare: 'eca/migrate/prepare',
  /** The plan: the FileChange[] to apply, the report, blockers and conflicts. Writes nothing. */
  plan: 'eca/migrate/plan',
} as const;

/** The file name of a Connected App source file; the server's migration uses the same suffixes. */
export const CONNECTED_APP_FILE_RE = /\.connectedApp(-meta\.xml)?$/;

export interface MigrateTarget {
  /** The Connected App file (absolute path or file URI). */
  target: string;
  /** Its text when the editor has unsaved changes (else the server reads the file). */
  text?: string;
}

export interface MigratePackageDirChoice {
  /** Absolute folder. */
  path: string;
  label: string;
  description: string;
  /** True for the folder next to the Connected App (the default). */
  beside?: boolean;
}

export interface MigratePrepareAnswer {
  projectRoot: string;
  /** The Connected App's developer name and label. */
  name: string;
  label: string;
  patterns: { id: MigrationPattern; label: string; detail: string }[];
  packageDirs: MigratePackageDirChoice[];
  /** The client credentials flow is on without a run-as user: ask for one (patterns other than 1). */
  asksRunAsUser: boolean;
  /** The app has an OAuth configuration (the username-password flow warning applies). */
  hasOauth: boolean;
}

export interface MigratePlanParams extends MigrateTarget {
  pattern: MigrationPattern;
  /** Absolute package directory. */
  packageDir: string;
  runAsUser?: string;
  /** Open editors' text of sfdx-project.json, when unsaved. */
  sfdxProject?: string;
}

export interface MigratePlanAnswer {
  name: string;
  label: string;
  patternLabel: string;
  projectRoot: string;
  /** Every new file (create) and the sfdx-project.json edit, to apply as one WorkspaceEdit. */
  changes: FileChange[];
  /** Versions of open documents the edits were computed on (null: not open). */
  versions: Record<string, number | null>;
  /** Absolute paths of created files to make executable (the bootstrap shell script). */
  executables: string[];
  /** The new ExternalClientApplication header. */
  headerPath?: string;
  report: string;
  blockers: string[];
  conflicts: string[];
}

/** Error data of a refused request. */
export interface MigrateErrorData { code: string }
