// Why an authoring command refused to change anything. The message is for people (the VS Code
// notification, the CLI's stderr); the code is for programs (LSP error data, CLI exit codes).
// A member of the one error family (../errors.ts).
import { EcaError, isEcaError } from '../errors';

export type AuthoringErrorCode =
  /** sfdx-project.json cannot be parsed. */
  | 'MALFORMED_PROJECT'
  /** An XML file the command must read or edit is not well-formed. */
  | 'MALFORMED_XML'
  /** The named ECA, file or package directory does not exist. */
  | 'NOT_FOUND'
  /** The change would clash with what is there (a file or ECA of that name, an incompatible package). */
  | 'CONFLICT'
  /** The request itself is wrong (bad name, unknown option value). */
  | 'INVALID';

export class AuthoringError extends EcaError<AuthoringErrorCode> {
  constructor(code: AuthoringErrorCode, message: string) {
    super(code, message, undefined, 'AuthoringError');
  }
}

export function isAuthoringError(e: unknown): e is AuthoringError {
  return isEcaError(e) && e.name === 'AuthoringError';
}
