// The registration point for custom requests: each file under lsp/requests/ calls defineRequests
// once at load, and requests/index.ts imports each file (one line per file). startServer registers
// them all against the server context. See lsp/README.md.
import type { ServerContext } from '../context';

export type RegisterRequests = (ctx: ServerContext) => void;

const modules: { name: string; register: RegisterRequests }[] = [];

/** Declare a group of custom requests (names and payloads belong in lsp/protocol.ts). */
export function defineRequests(name: string, register: RegisterRequests): void {
  if (modules.some((m) => m.name === name)) throw new Error(`request group '${name}' is defined twice`);
  modules.push({ name, register });
}

export function registerAllRequests(ctx: ServerContext): void {
  for (const m of modules) m.register(ctx);
}
