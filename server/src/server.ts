// The ECA language server on Node (`node dist/server.js --stdio`, or IPC when started by the
// extension): the disk is its file system and it answers every request group. The server itself
// is lsp/start.ts; browserServer.ts is the same server in a web worker.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { docsLink } from './engine/rules/define';
import './lsp/requests';

export { startServer };

// Started as a program (not imported by tests): stdio with --stdio, otherwise IPC/pipe per argv.
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { try { connection.console.error(`uncaught: ${e.stack}`); } catch { /* connection gone */ } });
  // docs/rules.md beside the bundle (dist/server.js → the repository, or the installed .vsix, which ships it).
  const docsRoot = resolve(__dirname, '..');
  startServer(connection, { docsRoot: existsSync(resolve(docsRoot, docsLink('').split('#')[0])) ? docsRoot : undefined });
}
