// The ECA language server (`node dist/server.js --stdio`, or IPC when started by the extension).
// Protocol handling only, split by concern under lsp/handlers/ (diagnostics, documents, language
// features, workspace files) and lsp/requests/ (custom requests); every answer comes from the
// engine's workspace and language service. docs/architecture.md shows how the pieces meet.
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  type InitializeParams, type InitializeResult, type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EcaWorkspace, getLanguageService } from './engine';
import { uriToPath } from './lsp/convert';
import { DEFAULT_SETTINGS, type ServerContext } from './lsp/context';
import { CODE_ACTION_KINDS, registerCodeActions } from './lsp/handlers/codeActions';
import { registerCodeLens } from './lsp/handlers/codeLens';
import { registerDiagnostics } from './lsp/handlers/diagnostics';
import { registerDocuments } from './lsp/handlers/documents';
import { registerLanguageFeatures } from './lsp/handlers/languageFeatures';
import { registerWorkspaceFiles } from './lsp/handlers/workspaceFiles';
import { registerWorkspaceSymbols } from './lsp/handlers/workspaceSymbols';
import { registerAllRequests } from './lsp/requests';

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { triggerCharacters: ['<', '>', ',', ' ', '"'], resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: true,
  codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
  workspaceSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

export function startServer(connection: Connection): void {
  const log = (msg: string) => connection.console.log(msg);
  const workspace = new EcaWorkspace({ log });
  const ctx: ServerContext = {
    connection,
    documents: new TextDocuments(TextDocument),
    workspace,
    service: getLanguageService(workspace),
    settings: DEFAULT_SETTINGS,
    roots: [],
    hasConfigCapability: false,
    clientCapabilities: {},
    log,
    diagnostics: undefined as never,
    changed: (impact) => ctx.diagnostics.apply(impact),
    projectListeners: [],
  };
  ctx.diagnostics = registerDiagnostics(ctx);
  registerDocuments(ctx);
  registerLanguageFeatures(ctx);
  registerCodeActions(ctx);
  registerWorkspaceSymbols(ctx);
  registerCodeLens(ctx);
  const files = registerWorkspaceFiles(ctx);
  registerAllRequests(ctx);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.hasConfigCapability = !!params.capabilities.workspace?.configuration;
    ctx.clientCapabilities = params.capabilities;
    ctx.roots = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
    return { capabilities: CAPABILITIES, serverInfo: { name: 'eca-language-server', version: '0.1.0' } };
  });

  connection.onInitialized(async () => {
    if (ctx.hasConfigCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    await files.start();
  });

  ctx.documents.listen(connection);
  connection.listen();
}

// Started as a program (not imported by tests): stdio with --stdio, otherwise IPC/pipe per argv.
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { try { connection.console.error(`uncaught: ${e.stack}`); } catch { /* connection gone */ } });
  startServer(connection);
}
