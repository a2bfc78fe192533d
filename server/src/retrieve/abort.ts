// Cancellation of org work (retrieve, verify): throw at a step boundary when the signal has
// aborted, and stop waiting for a library promise the moment it aborts. `cancelled` makes the
// caller's own CANCELLED error (each says what was left undone).
import type { RetrieveError } from './errors';

/** Throws the caller's CANCELLED error when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, cancelled: () => RetrieveError): void {
  if (signal?.aborted) throw cancelled();
}

/** Waits for `p`, or rejects with `cancelled()` as soon as `signal` aborts (p's outcome is then ignored). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, cancelled: () => RetrieveError): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolveP, rejectP) => {
    const onAbort = () => {
      p.catch(() => undefined);
      rejectP(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolveP(v); },
      (e) => { signal.removeEventListener('abort', onAbort); rejectP(e); },
    );
  });
}
