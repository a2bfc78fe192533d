// The ECA language server in a web worker (vscode.dev, github.dev, the web workbench): the same
// server as on Node (lsp/start.ts), over the worker's message port, reading the workspace through
// the extension (eca/fs/* requests answered from vscode.workspace.fs, cached for the rules).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp/start';
import { CachedFs, RemoteFs } from './lsp/remoteFs';
import { installImmediate } from './lsp/immediate';
import './lsp/requests/web';

// The worker global scope (no DOM types in this tsconfig: the reader's own parameter type names it).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

installImmediate();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const cache = new CachedFs(new RemoteFs(connection));
startServer(connection, { fs: cache, asyncFs: cache.async });
