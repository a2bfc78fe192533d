// Language features of open documents: completion, hover, symbols, definition, references and
// rename (code actions are codeActions.ts). Each answer comes from the engine's language service;
// this file only converts between LSP and engine shapes.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { normalize } from '../../engine';
import { connectedAppHover } from '../../migration/insights';
import { isConnectedAppFile } from '../../migration/connectedApp';
import { fixToWorkspaceEdit, pathToUri, toCompletionItem, toDocumentSymbol, uriToPath } from '../convert';
import type { ServerContext } from '../context';
import { documentVersion } from '../versions';

export function registerLanguageFeatures(ctx: ServerContext): void {
  const { connection, documents, service, workspace: ws } = ctx;
  /** The path of an open document, or undefined (features answer open documents only). */
  const openPath = (uri: string): string | undefined => (documents.get(uri) ? normalize(uriToPath(uri)) : undefined);
  const versionOf = (path: string) => documentVersion(documents, path);
  const toLocation = (l: { path: string; range: unknown }) => ({ uri: pathToUri(l.path), range: l.range as never });

  connection.onCompletion((params) => {
    const path = openPath(params.textDocument.uri);
    return path ? service.doComplete(path, params.position).map(toCompletionItem) : [];
  });

  connection.onHover((params) => {
    const path = openPath(params.textDocument.uri);
    if (!path) return null;
    if (isConnectedAppFile(path)) {
      const parsed = ws.parsed(path);
      const ca = parsed ? connectedAppHover(path, parsed.text, parsed.lines.offset(params.position)) : null;
      return ca ? { contents: { kind: 'markdown', value: ca.markdown }, range: ca.range } : null;
    }
    const h = service.doHover(path, params.position);
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
  });

  connection.onDocumentSymbol((params) => {
    const path = openPath(params.textDocument.uri);
    return path ? service.findDocumentSymbols(path).map(toDocumentSymbol) : [];
  });

  connection.onDefinition((params) => {
    const path = openPath(params.textDocument.uri);
    return path ? service.findDefinition(path, params.position).map(toLocation) : [];
  });

  connection.onReferences((params) => {
    const path = openPath(params.textDocument.uri);
    return path ? service.findReferences(path, params.position, params.context.includeDeclaration).map(toLocation) : [];
  });

  connection.onPrepareRename((params) => {
    const path = openPath(params.textDocument.uri);
    return path ? service.prepareRename(path, params.position) : null;
  });

  connection.onRenameRequest((params) => {
    const path = openPath(params.textDocument.uri);
    if (!path) return null;
    try {
      const changes = service.doRename(path, params.position, params.newName);
      return changes ? fixToWorkspaceEdit({ title: 'rename', changes }, versionOf) : null;
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidRequest, (e as Error).message);
    }
  });
}
