// The migration's data: options in, the plan out (files, edits, findings, report rows, checks).
// Types only; every migration module imports them from here (no cycle through the planner).
import type { ComponentSummary, ProjectFs } from '../engine/project/model';
import type { EngineDiagnostic, Range } from '../engine/types';
import type { CaNode, ConnectedAppDoc } from './connectedApp';
import type { FileKind, RowKind } from './mapping';
import type { MigrationPattern } from './patterns';

export type { MigrationPattern };

export interface MigrationOptions {
  pattern: MigrationPattern;
  /** The SFDX project root (absolute); relative paths in sfdx-project.json are resolved from it. */
  projectRoot: string;
  /** The folder the ECA files go into (absolute): `externalClientApps/` etc. are created below it. */
  packageDir: string;
  /** Client credentials run-as user, when the Connected App enables the flow without naming one. */
  runAsUser?: string;
  /** The user says callers use the username-password flow (a blocker: ECAs don't support it). */
  usesPasswordFlow?: boolean;
  /** Text of sfdx-project.json, or null/undefined when the project has none. */
  sfdxProject?: string | null;
  forceignore?: string | null;
  /** The project's existing ECA files, so the checks see what the new files deploy with. */
  projectFiles?: { path: string; text: string }[];
  /** The same as an index another model already holds (the server's workspace: nothing is read again). */
  projectComponents?: ComponentSummary[];
  /** Existence of files and folders (conflicts, script paths); defaults to the real file system. */
  fs?: ProjectFs;
  /** Where the report will be written (it is then part of the plan and must not exist). */
  reportPath?: string;
}

export type PlannedRole = FileKind | 'script' | 'apex' | 'report';

export interface PlannedFile {
  path: string;
  role: PlannedRole;
  text: string;
  /** The shell script: make it executable. */
  executable?: boolean;
}

export interface PlannedEdit {
  path: string;
  /** The file's text the edit was computed on, and the result. */
  original: string;
  text: string;
  /** jsonc-parser edits: offsets into `original`. */
  edits: { offset: number; length: number; content: string }[];
  what: string;
}

export interface Finding { code: string; message: string; setting?: string }

export interface SettingRow {
  setting: string;
  value: string;
  kind: RowKind | 'unknown';
  /** Where the value went, in words (pattern-aware). */
  destination: string;
  evidence: 'verified' | 'inferred' | 'n/a';
  note: string;
}

export interface CheckResult {
  path: string;
  line: number;
  character: number;
  code: string;
  severity: EngineDiagnostic['severity'];
  message: string;
  /** Checked as part of the bootstrap payload, not a file. */
  payload?: boolean;
}

/** ECA components the plan describes but does not write (they belong elsewhere for this pattern). */
export interface HeldComponent { role: FileKind; path: string; text: string; why: string }

export type Placement = 'file' | 'bootstrap' | 'devhub' | 'report' | 'none';

export interface MigrationPlan {
  ok: true;
  source: string;
  name: string;
  label: string;
  pattern: MigrationPattern;
  projectRoot: string;
  packageDir: string;
  creates: PlannedFile[];
  edits: PlannedEdit[];
  /** Planned paths that already exist: nothing may be written while this is non-empty. */
  conflicts: string[];
  placement: Partial<Record<FileKind, Placement>>;
  held: HeldComponent[];
  /** Pattern 1: what to enter on the DevHub when enabling OAuth there. */
  devHubSettings: { setting: string; value: string }[];
  blockers: Finding[];
  warnings: Finding[];
  /** Values written explicitly because the Connected App relied on a default. */
  defaults: string[];
  steps: string[];
  rows: SettingRow[];
  checks: CheckResult[];
  report: string;
}

export interface MigrationRefusal { ok: false; source: string; error: string; range?: Range }

export type MigrationResult = MigrationPlan | MigrationRefusal;

/** What happened to one element of the Connected App. */
export interface Outcome { kind: RowKind | 'unknown'; note?: string }

export interface ConnectedAppAnalysis {
  ok: true;
  doc: ConnectedAppDoc;
  name: string;
  blockers: Finding[];
  warnings: Finding[];
  /** What happens to one element (undefined for containers whose children carry the values). */
  outcome(n: CaNode): { kind: RowKind | 'unknown'; note?: string } | undefined;
}
