// The one request runner of the custom requests: every handler under lsp/requests/ answers through
// `handle`, which maps the engine's refusals (the EcaError family, engine/errors.ts) to a
// ResponseError whose data carries the refusal's code (and hint), logs and reports anything else as
// an internal error, and hands the handler an AbortSignal that follows the request's cancellation.
// Before a handler runs, the files of earlier plans the client has since applied are re-read
// (planned.ts); the files of the plan it answers are remembered. It also holds the one helper that
// gives the versions of the open documents a plan edits, so the client can refuse a plan made
// against an editor version that changed since.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { isEcaError } from '../../engine/errors';
import { normalize } from '../../engine/project/model';
import { uriToPath } from '../convert';
import type { ServerContext } from '../context';
import { PlannedFiles, plannedChanges } from './planned';

/** The data of every refusal: the domain code (`NOT_FOUND`, `CONFLICT`, `NO_LOGIN` …) and a fixing command when there is one. */
export interface RefusalData { code: string; hint?: string }

/** The ResponseError a thrown value becomes: refusals keep their code, the rest are internal errors (logged). */
export function toResponseError(e: unknown, log: (msg: string) => void): ResponseError<RefusalData | undefined> {
  if (e instanceof ResponseError) return e;
  if (isEcaError(e)) return new ResponseError<RefusalData>(ErrorCodes.InvalidRequest, e.message, e.hint ? { code: e.code, hint: e.hint } : { code: e.code });
  log(`request failed: ${(e as Error)?.stack ?? String(e)}`);
  return new ResponseError<RefusalData>(ErrorCodes.InternalError, `internal error: ${(e as Error)?.message ?? String(e)}`, { code: 'INTERNAL' });
}

/** An AbortSignal that aborts when the request is cancelled. */
export function signalOf(token: CancellationToken | undefined): AbortSignal {
  const ac = new AbortController();
  if (token?.isCancellationRequested) ac.abort();
  else token?.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

/** Register `method`; the handler gets the params and a cancellation signal, and its refusals reach the client with their code. */
export function handle<P, R>(ctx: ServerContext, method: string, fn: (params: P, signal: AbortSignal) => R | Promise<R>): void {
  const planned = plannedFilesOf(ctx);
  ctx.connection.onRequest(method, async (params: P, token: CancellationToken) => {
    try {
      planned.sync();
      const answer = await fn(params, signalOf(token));
      planned.remember(plannedChanges(answer));
      return answer;
    } catch (e) {
      throw toResponseError(e, (m) => ctx.log(m));
    }
  });
}

const plannedFiles = new WeakMap<ServerContext, PlannedFiles>();
function plannedFilesOf(ctx: ServerContext): PlannedFiles {
  let p = plannedFiles.get(ctx);
  if (!p) plannedFiles.set(ctx, (p = new PlannedFiles(ctx)));
  return p;
}

export { documentVersion, versionsOf } from '../versions';

/** A request's target (a `file:` URI or a path) as a normalized path. */
export function targetPath(target: string): string {
  return normalize(target.startsWith('file:') ? uriToPath(target) : target);
}
