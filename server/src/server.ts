// The ECA language server on Node (`node dist/server.js --stdio`, or IPC when started by the
// extension): the disk is its file system and it answers every request group. The server itself
// is lsp/start.ts; browserServer.ts is the same server in a web worker.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import './lsp/requests';

export { startServer };

// Started as a program (not imported by tests): stdio with --stdio, otherwise IPC/pipe per argv.
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { try { connection.console.error(`uncaught: ${e.stack}`); } catch { /* connection gone */ } });
  startServer(connection);
}
