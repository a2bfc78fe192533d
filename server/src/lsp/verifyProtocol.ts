// The verify request's wire contract ("Verify Against Org…"), shared by the server
// (lsp/requests/verify.ts) and the client command. The server finds the project, resolves what the
// org receives, asks the org (a check-only deploy through dist/sf-lib.js, plus lookups) and answers
// with the diagnostics; cancelling the request cancels the deploy in the org. Nothing is written.
// Plain constants and type-only imports.
import type { VerifyDiagnostic } from '../verify/verify';
import type { OrgKind } from '../engine/project/orgs';

export const VERIFY_METHODS = {
  /** Verify the project (or the files under `paths`) against one org. Cancellable. */
  verify: 'eca/verify',
} as const;

export interface VerifyParams {
  /** Alias or username of a stored `sf` login. */
  targetOrg: string;
  /** A file or folder of the project (absolute path or file URI): its nearest sfdx-project.json is the project. */
  target: string;
  /** Only the received files under these paths (absolute) are verified; all of them when absent. */
  paths?: string[];
}

export interface VerifyAnswer {
  org: { target: string; env: string; username: string; orgId: string; kind: OrgKind };
  projectRoot: string;
  /** How many ECA files the org receives (and was asked about). */
  files: number;
  /** Absolute paths; `source` names the org. */
  diagnostics: VerifyDiagnostic[];
  notes: string[];
}

/** Error data of a refused verify (NO_LOGIN, ORG_ERROR, CANCELLED, PROJECT, USAGE …) and the login command when there is one. */
export interface VerifyErrorData { code: string; hint?: string }
