// CodeLens "who receives this file" atop every ECA file of a project where that is a question (an
// aliasfy package, or several package directories): "received by prod, uat · default/ serves
// sandboxes and scratch orgs", or "received by every org". It opens the environment matrix at the
// file's row. The engine answers (services/receivers.ts, from the environments view); after each
// project pass the client is asked to refresh the lenses, since another file can change the answer.
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import { normalize } from '../../engine';
import { uriToPath } from '../convert';
import type { ServerContext } from '../context';

/** The client command that opens the matrix (client/src/views/index.ts VIEW_COMMANDS.showMatrix). */
export const SHOW_MATRIX_COMMAND = 'eca.views.showMatrix';

export function registerCodeLens(ctx: ServerContext): void {
  const { connection, documents, service } = ctx;

  connection.onCodeLens((params): CodeLens[] => {
    if (!documents.get(params.textDocument.uri)) return [];
    const r = service.findReceivers(normalize(uriToPath(params.textDocument.uri)));
    if (!r) return [];
    const line = r.range.start.line;
    return [{
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: r.text, command: SHOW_MATRIX_COMMAND, arguments: [{ root: r.root, eca: r.eca, component: r.component }] },
    }];
  });

  let refreshing = false;
  ctx.projectListeners.push(() => {
    if (refreshing || !ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) return;
    refreshing = true;
    connection.sendRequest(CodeLensRefreshRequest.type).then(() => { refreshing = false; }, () => { refreshing = false; });
  });
}
