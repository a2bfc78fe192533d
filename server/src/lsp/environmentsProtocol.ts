// The wire contract of the environments view (custom LSP requests and one notification). Types
// only, plus the method names: the client imports this file, so it must not import anything
// that pulls in vscode-languageserver.
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileChange } from '../engine/types';
import type { AppDetail, AppInfo, EnvAppInfo, EnvironmentInfo, Matrix, ReceivedFile } from '../engine/project/environmentsView';

export type {
  AppDetail, AppInfo, EnvAppInfo, EnvironmentInfo, Matrix, MatrixCell, MatrixRow, ReceivedFile, ReceiveStatus, EnvKind, Problems,
  PackageRef, FileRef, OAuthInfo, DeployStep, PatternEvidence, Settings, Peer,
} from '../engine/project/environmentsView';

export const ENV_METHODS = {
  /** Environments tree, one level per call: projects (several roots) → environments → ECAs → files. */
  environments: 'eca/environments',
  /** External Client Apps tree: projects (several roots) → apps; an app node → its detail. */
  apps: 'eca/apps',
  /** ECA × environment × key setting, per project. */
  matrix: 'eca/matrix',
  /** WorkspaceEdit copying one setting of a policy file to the same file of other environments. */
  copySetting: 'eca/copySetting',
  /** WorkspaceEdit creating an environment's missing files from another environment's. */
  scaffold: 'eca/scaffold',
  /** Notification (server → client): the project model or its diagnostics changed; refresh. */
  projectChanged: 'eca/projectChanged',
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

export interface ScaffoldParams { root: string; env: string; from?: string; eca?: string; slot?: string }
export interface ScaffoldResult extends PlannedEdit { files: string[]; skipped: string[] }

export interface ProjectChangedParams { roots: string[] }
