// The retrieve requests' wire contract ("Retrieve External Client App from DevHub"), shared by the
// server (lsp/requests/retrieve.ts) and the client command. The server runs the Salesforce
// libraries (dist/sf-lib.js, loaded on the first request) and answers with FileChange[]; the
// client asks the questions and applies the changes. Plain constants and type-only imports.
import type { FileChange } from '../engine/types';
import type { OrgLogin } from '../retrieve/sfLoader';
import type { RetrievePackageDir } from '../retrieve/project';

export const RETRIEVE_METHODS = {
  /** The SFDX project a file or folder belongs to: root and package directories (null: none). */
  project: 'eca/retrieve/project',
  /** The user's sf logins, target-dev-hub first. */
  logins: 'eca/retrieve/logins',
  /** The ECAs of an org, with where each already is in the project. Cancellable. */
  listApps: 'eca/retrieve/listApps',
  /** Retrieve and plan: the files with their states, and the FileChange[] that writes them. Cancellable. */
  prepare: 'eca/retrieve/prepare',
} as const;

export type { OrgLogin, RetrievePackageDir };

export interface RetrieveProjectAnswer {
  root: string;
  packageDirs: RetrievePackageDir[];
  /** Where new apps go when no folder is picked. */
  defaultDir: string;
}

export interface RetrieveLoginsAnswer {
  logins: OrgLogin[];
  /** The command that logs in to a Dev Hub (offered when there is no login). */
  loginHint: string;
}

export interface ListAppsParams { root: string; targetOrg: string }
export interface ListAppsAnswer {
  apps: { fullName: string; lastModifiedDate?: string; lastModifiedByName?: string; localDir?: string }[];
}

export interface PrepareParams {
  root: string;
  targetOrg: string;
  ecas: string[];
  /** Folder to place every file in (absolute or project-relative). */
  outputDir?: string;
}

export interface RetrievedFile {
  path: string;
  absPath: string;
  type: string;
  fullName: string;
  state: 'Created' | 'Changed' | 'Unchanged';
  /** The org's text (Changed files: shown in the diff editor). */
  orgText?: string;
}

export interface PrepareAnswer {
  org: { username: string; orgId: string; instanceUrl: string; apiVersion: string };
  files: RetrievedFile[];
  warnings: string[];
  /** Creates for new files, one minimal edit per changed file; nothing for unchanged ones. */
  changes: FileChange[];
  versions: Record<string, number | null>;
}

/** Error data of a refused request: the retrieval's code (NO_LOGIN, CANCELLED, …) and a hint (a login command). */
export interface RetrieveErrorData { code: string; hint?: string }
