// Starting the ECA language server on a connection: one ServerContext (lsp/context.ts) and small
// handlers, split by concern under lsp/handlers/ (diagnostics, documents, language features,
// workspace files) and lsp/requests/ (custom requests). The entry points choose the transport,
// the file system and the request groups: server.ts (Node: the disk, every group) and
// browserServer.ts (a web worker: the workspace read through the extension, the groups that need
// no process or org). docs/architecture.md shows how the pieces meet.
import {
  TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  type InitializeParams, type InitializeResult, type Connection,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EcaWorkspace, getLanguageService, type AsyncEngineFs, type EngineFs } from '../engine';
import { setDocsRoot, setUriBase, uriToPath } from './convert';
import { DEFAULT_SETTINGS, type ServerContext } from './context';
import { CODE_ACTION_KINDS, registerCodeActions } from './handlers/codeActions';
import { registerCodeLens } from './handlers/codeLens';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerDocuments } from './handlers/documents';
import { registerLanguageFeatures } from './handlers/languageFeatures';
import { registerWorkspaceFiles } from './handlers/workspaceFiles';
import { registerWorkspaceSymbols } from './handlers/workspaceSymbols';
import { registerAllRequests } from './requests/registry';

/** Where the server runs: the file system it reads (default: the disk). */
export interface ServerHost {
  fs?: EngineFs;
  asyncFs?: AsyncEngineFs;
  /** The folder with docs/rules.md, which each rule id links to (codeDescription); none: no link. */
  docsRoot?: string;
}

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

export function startServer(connection: Connection, host: ServerHost = {}): void {
  const log = (msg: string) => connection.console.log(msg);
  const workspace = new EcaWorkspace({ log, fs: host.fs, asyncFs: host.asyncFs });
  setDocsRoot(host.docsRoot);
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
  if (host.asyncFs) {
    let resolve = () => {};
    const promise = new Promise<void>((r) => { resolve = r; });
    ctx.rootsKnown = { promise, resolve: () => resolve() };
  }
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
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // A web workbench's folders are not file: URIs (vscode-remote:, vscode-vfs:): paths keep their scheme.
    if (folders[0]) setUriBase(folders[0]);
    ctx.roots = folders.map(uriToPath);
    return { capabilities: CAPABILITIES, serverInfo: { name: 'eca-language-server', version: '0.1.0' } };
  });

  connection.onInitialized(async () => {
    if (ctx.hasConfigCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    await files.start();
  });

  ctx.documents.listen(connection);
  connection.listen();
}
