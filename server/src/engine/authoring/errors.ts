// Why an authoring command refused to change anything. The message is for people (the VS Code
// notification, the CLI's stderr); the code is for programs (LSP error data, CLI exit codes).

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

export class AuthoringError extends Error {
  constructor(readonly code: AuthoringErrorCode, message: string) {
    super(message);
    this.name = 'AuthoringError';
  }
}

export function isAuthoringError(e: unknown): e is AuthoringError {
  return e instanceof AuthoringError || (!!e && typeof e === 'object' && (e as { name?: unknown }).name === 'AuthoringError' && typeof (e as { code?: unknown }).code === 'string');
}
