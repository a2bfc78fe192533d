// eca/uncommitted: per org, what the uncommitted changes of a project would deploy differently —
// the answer of `eca-check plan --base HEAD` (server/src/cli/plan.ts computePlan over
// server/src/plan), for the Environments view. Reads git and the disk (saved files); writes nothing.
// git runs as child processes the handler awaits (computePlanAsync), so the server keeps answering.
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { computePlanAsync } from '../../cli/plan';
import { GitError, orgLines } from '../../plan';
import type { ServerContext } from '../context';
import { ENV_METHODS, type UncommittedParams, type UncommittedResult } from '../protocol';
import { defineRequests } from './registry';
import { handle } from './runner';

defineRequests('uncommitted', (ctx: ServerContext) => {
  handle(ctx, ENV_METHODS.uncommitted, async (p: UncommittedParams | undefined, signal): Promise<UncommittedResult> => {
    const root = p?.root;
    if (typeof root !== 'string' || !ctx.workspace.modelAt(root)) throw new ResponseError(ErrorCodes.InvalidParams, `No project at ${root}.`);
    try {
      const plan = await computePlanAsync({ base: 'HEAD', cwd: root, productionAliases: ctx.settings.productionAliases }, signal);
      return { root, orgs: plan.orgs.map((o) => ({ org: o.org, kind: o.kind, lines: orgLines(o) })), unchanged: plan.unchanged };
    } catch (e) {
      if (e instanceof GitError) return { root, orgs: [], unchanged: [], error: e.message };
      if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw e;
    }
  });
});
