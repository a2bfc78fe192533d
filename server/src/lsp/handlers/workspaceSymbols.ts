// workspace/symbol (Ctrl+T): every External Client App and every component in the workspace by
// name, the app, the component's kind and its environment as the container. The engine answers
// (services/workspaceSymbols.ts); this file only converts.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { pathToUri } from '../convert';
import type { ServerContext } from '../context';

export function registerWorkspaceSymbols(ctx: ServerContext): void {
  ctx.connection.onWorkspaceSymbol((params): SymbolInformation[] =>
    ctx.service.findWorkspaceSymbols(params.query ?? '').map((s) => ({
      name: s.name,
      kind: s.kind === 'app' ? SymbolKind.Module : SymbolKind.File,
      containerName: s.detail,
      location: { uri: pathToUri(s.path), range: s.range },
    })));
}
