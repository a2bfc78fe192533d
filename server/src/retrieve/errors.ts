// Errors of the retrieval, with a stable code the CLI and the command turn into messages and exit
// codes. Recognised by shape (isRetrieveError), not by class identity: the lazily loaded Salesforce
// bundle (dist/sf-lib.js) has its own copy of this module.
import { EcaError, isEcaError } from '../engine/errors';

export type RetrieveErrorCode =
  /** Bad command-line or API usage. */
  | 'USAGE'
  /** No stored login for the org: the user must run `sf org login web`. */
  | 'NO_LOGIN'
  /** The login expired and could not be refreshed. */
  | 'SESSION_EXPIRED'
  /** The user cancelled; nothing was written. */
  | 'CANCELLED'
  /** The org answered with an error (HTTP, SOAP fault, failed retrieve, time-out). */
  | 'ORG_ERROR'
  /** The zip in the org's answer could not be read or had an unexpected layout. */
  | 'BAD_ZIP'
  /** An ECA that was asked for does not exist in the org. */
  | 'NOT_FOUND'
  /** Local files differ and replacing them was not confirmed (or they changed meanwhile). */
  | 'CONFLICT'
  /** sfdx-project.json missing or unreadable, or the target folder is ambiguous. */
  | 'PROJECT'
  /** Writing into the workspace failed; everything written was rolled back. */
  | 'WRITE_FAILED'
  /** The running Node.js is too old for the Salesforce libraries. */
  | 'NODE_VERSION';

/** A member of the one error family (engine/errors.ts); `hint` is a shell command that fixes it, when there is one. */
export type RetrieveError = EcaError<RetrieveErrorCode> & { name: 'RetrieveError' };

export function retrieveError(code: RetrieveErrorCode, message: string, hint?: string): RetrieveError {
  return new EcaError(code, message, hint, 'RetrieveError') as RetrieveError;
}

export function isRetrieveError(e: unknown): e is RetrieveError {
  return isEcaError(e) && e.name === 'RetrieveError';
}

export function cancelled(): RetrieveError {
  return retrieveError('CANCELLED', 'Retrieve cancelled; the workspace was not changed.');
}

/** The command that logs in to an org under an alias (or a placeholder alias for a username). */
export function loginCommand(aliasOrUsername: string | undefined): string {
  const alias = aliasOrUsername && !aliasOrUsername.includes('@') ? aliasOrUsername : 'DevHub';
  return `sf org login web --alias ${alias} --set-default-dev-hub`;
}

/**
 * Makes a message from a library or the org safe to show: bounded in length, without long
 * base64/hex runs (a zip, a token) and without the text of any credential element.
 */
export function redact(message: string): string {
  let m = message
    .replace(/<(consumerSecret|consumerKey|password|signingKey|serviceAccount|privateKey)\b[^>]*>[\s\S]*?<\/\1\s*>/g, '<$1>[redacted]</$1>')
    .replace(/[A-Za-z0-9+/=]{80,}/g, '[…]')
    .replace(/[A-Za-z0-9+=_!]{40,}/g, '[…]');
  if (m.length > 600) m = m.slice(0, 600) + '…';
  return m;
}
