// The one error family: why a command, a request or a CLI run refused, as a message for people and
// a stable code for programs (LSP error data, CLI exit codes). AuthoringError, RetrieveError, the
// Environments view's refusals, migrate's refusals and the CLIs' usage errors are all EcaErrors;
// anything else that escapes is an internal error. Recognised by shape (isEcaError), not by class
// identity, because the lazily loaded Salesforce bundle (dist/sf-lib.js) has its own copy.

/** The names the family's members carry (Error.name), so a copy from another bundle is recognised. */
const FAMILY = new Set(['EcaError', 'AuthoringError', 'RetrieveError', 'UsageError']);

export class EcaError<Code extends string = string> extends Error {
  /** A shell command that fixes the problem, when there is one (e.g. a login command). */
  declare hint?: string;
  constructor(readonly code: Code, message: string, hint?: string, name = 'EcaError') {
    super(message);
    this.name = name;
    if (hint) this.hint = hint;
  }
}

export function isEcaError(e: unknown): e is EcaError {
  return !!e && typeof e === 'object' && FAMILY.has((e as { name?: unknown }).name as string) && typeof (e as { code?: unknown }).code === 'string'
    && typeof (e as { message?: unknown }).message === 'string';
}

/** Bad command-line or API usage (the CLIs exit with their usage code). */
export class UsageError extends EcaError<'USAGE'> {
  constructor(message: string) { super('USAGE', message, undefined, 'UsageError'); }
}
