// The wire contract between the ECA language server and its clients: every custom request and
// notification name, and every payload, in one module. Types only, plus the method-name constants:
// the VS Code client imports this file, so it must import nothing that pulls in
// vscode-languageserver, the engine's code or Node modules (type-only imports are erased).
import type {
  AuthoringContext, FlipPlan, FlipRequest, NewEcaRequest, NewEcaResult, ScaffoldRequest, ScaffoldResult as AuthoringScaffoldResult,
} from '../engine/authoring';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileChange } from '../engine/types';
import type { AppDetail, AppInfo, EnvAppInfo, EnvironmentInfo, Matrix, ReceivedFile } from '../engine/project/environmentsView';

// ------------------------------------------------------------------------------------- authoring

export const AUTHORING_METHODS = {
  context: 'eca/authoring/context',
  flip: 'eca/authoring/flip',
  scaffold: 'eca/authoring/scaffold',
  newEca: 'eca/authoring/new',
} as const;

export interface AuthoringParams {
  /** A file or folder of the project (absolute path or file URI); its nearest sfdx-project.json is the project. */
  target: string;
  /** Files the client changed or created since (re-read from disk before answering, so the model is current). */
  sync?: string[];
}

/** Every plan carries the version of each open document an edit targets (null: not open). */
export interface Versions { versions: Record<string, number | null> }

export type ContextParams = AuthoringParams;
export type FlipParams = AuthoringParams & FlipRequest;
export type ScaffoldParams = AuthoringParams & ScaffoldRequest;
export type NewEcaParams = AuthoringParams & NewEcaRequest;

/** The project overview, and the ECA the target file belongs to (header or satellite), if any. */
export type ContextAnswer = AuthoringContext & { targetEca?: string };
export type FlipAnswer = FlipPlan & Versions;
export type ScaffoldAnswer = AuthoringScaffoldResult & Versions;
export type NewEcaAnswer = NewEcaResult & Versions;

/** Error data of a refused request: the engine's refusal code (MALFORMED_PROJECT, CONFLICT, …). */
export interface AuthoringErrorData { code: string }

// ------------------------------------------------------------------------------ environments view

export type {
  AppDetail, AppInfo, EnvAppInfo, EnvironmentInfo, Matrix, MatrixCell, MatrixComponent, MatrixRow, ReceivedFile, ReceiveStatus, EnvKind, Problems,
  PackageRef, FileRef, OAuthInfo, DeployStep, PatternEvidence, Settings, Peer,
} from '../engine/project/environmentsView';

export const ENV_METHODS = {
  /** Environments tree, one level per call: projects (several roots) → environments → ECAs → files. */
  environments: 'eca/environments',
  /** External Client Apps tree: projects (several roots) → apps; an app node → its detail. */
  apps: 'eca/apps',
  /** ECA × component (header, OAuth settings, global OAuth, policies, OAuth policies) × environment × key setting, per project. */
  matrix: 'eca/matrix',
  /** WorkspaceEdit copying one setting of a policy file to the same file of other environments. */
  copySetting: 'eca/copySetting',
  /** WorkspaceEdit creating an environment's missing files from another environment's. */
  scaffold: 'eca/scaffold',
  /** Notification (server → client): the project model or its diagnostics changed; refresh. */
  projectChanged: 'eca/projectChanged',
  /** Per org, what the uncommitted changes would deploy differently (`eca-check plan --base HEAD`). */
  uncommitted: 'eca/uncommitted',
} as const;

export type EnvTreeRef =
  | { kind: 'project'; root: string }
  | { kind: 'environment'; root: string; env: string }
  | { kind: 'envApp'; root: string; env: string; eca: string };

export interface ProjectNode { kind: 'project'; root: string; name: string }

export type EnvTreeNode =
  | ProjectNode
  | { kind: 'environment'; info: EnvironmentInfo }
  | { kind: 'envApp'; info: EnvAppInfo }
  | { kind: 'file'; info: ReceivedFile };

export interface EnvironmentsParams { node?: EnvTreeRef }
/** `indexing`: the server is still reading the workspace; a projectChanged follows when it is done. */
export interface EnvironmentsResult { nodes: EnvTreeNode[]; indexing: boolean }

export type AppTreeRef = { kind: 'project'; root: string } | { kind: 'app'; root: string; eca: string };
export type AppTreeNode = ProjectNode | { kind: 'app'; info: AppInfo };
export interface AppsParams { node?: AppTreeRef }
export interface AppsResult { nodes: AppTreeNode[]; detail?: AppDetail; indexing: boolean }

export interface MatrixParams { root?: string }
export interface MatrixResult { matrices: Matrix[]; indexing: boolean }

export interface CopySettingParams { source: string; setting: string; targets: string[] }
/**
 * Edits come twice: as an LSP WorkspaceEdit (any LSP client can apply it) and as the engine's
 * plan (`changes` + the document `versions` it was computed against), which the VS Code client
 * applies with the authoring commands' applyChanges (created files carry their bytes, nothing is
 * left unsaved, a stale plan is refused).
 */
export interface PlannedEdit { edit: WorkspaceEdit; changes: FileChange[]; versions: Record<string, number | null> }
export interface CopySettingResult extends PlannedEdit { changed: string[]; unchanged: string[] }

/** Params of ENV_METHODS.scaffold (the authoring command's are `ScaffoldParams`). */
export interface EnvScaffoldParams { root: string; env: string; from?: string; eca?: string; slot?: string }
export interface EnvScaffoldResult extends PlannedEdit { files: string[]; skipped: string[] }

export interface ProjectChangedParams { roots: string[] }

export interface UncommittedParams { root: string }
/** One org's part of the plan, in words (the plan's own rendering): changes, then findings. */
export interface UncommittedOrg { org: string; kind: string; lines: string[] }
/**
 * The working tree against HEAD, per org (`every org`: packages without aliasfy, which every org
 * receives). `error`: no plan (not a git repository, no commit yet, git missing).
 */
export interface UncommittedResult { root: string; orgs: UncommittedOrg[]; unchanged: string[]; error?: string }

// ------------------------------------------------------------------------------ problems summary

export const PROBLEMS_METHODS = {
  /** Request (client → server): the current summary. Params: none. Result: ProblemsSummary. */
  summary: 'eca/problemsSummary',
  /** Notification (server → client): the summary changed (debounced). Params: ProblemsSummary. */
  summaryChanged: 'eca/problemsSummaryChanged',
} as const;

export interface SeverityCounts { errors: number; warnings: number; infos: number; hints: number }

/** One file with at least one published diagnostic. */
export interface FileProblems {
  uri: string;
  path: string;
  /** Project root (folder of its sfdx-project.json, or the folder it was found in). */
  root: string;
  /** The External Client App the file belongs to (namespace prefix dropped); absent for sfdx-project.json and the like. */
  eca?: string;
  counts: SeverityCounts;
}

export interface AppProblems { root: string; eca: string; counts: SeverityCounts; files: number }

/**
 * Counts computed from exactly the diagnostics the server published (source `eca`), so the status
 * bar, the activity badge and the trees can show the Problems panel's numbers. `total` is the sum
 * over `files`; each app's counts are the sum over its files. `scope` is the eca.validation.scope
 * in force (`openFiles`: only open files and project-level findings are published); `indexing`:
 * the workspace scan is still running and more may follow.
 */
export interface ProblemsSummary {
  scope: 'workspace' | 'openFiles';
  indexing: boolean;
  total: SeverityCounts;
  files: FileProblems[];
  apps: AppProblems[];
}

// ---------------------------------------------------------------------------------- org aliases

export const ORG_METHODS = {
  /** Request (client → server): re-read sf's org aliases (after a login). Result: true. */
  reloadOrgs: 'eca/reloadOrgs',
} as const;
