// The ECA language server on Node (`node dist/server.js --stdio`, or IPC when started by the
// extension): the disk is its file system and it answers every request group. The server itself
// is lsp/start.ts; browserServer.ts is the same server in a web worker. With `--remote-fs` (the
// extension in a virtual workspace: github.dev's folders opened in desktop VS Code, vscode-vfs:
// and the like) it reads the workspace through the extension as the web worker does (eca/fs/*,
// lsp/remoteFs.ts) and answers only the web worker's request groups (no process, no org).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { CachedFs, RemoteFs } from './lsp/remoteFs';
import { REMOTE_FS_FLAG } from './lsp/fsProtocol';
import { docsLink } from './engine/rules/define';
import './lsp/requests/web';

export { startServer };

// Started as a program (not imported by tests): stdio with --stdio, otherwise IPC/pipe per argv.
if (require.main === module) {
  const remote = process.argv.includes(REMOTE_FS_FLAG);
  // The groups that need a process or an org register only when the disk is the workspace's.
  if (!remote) require('./lsp/requests');
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { try { connection.console.error(`uncaught: ${e.stack}`); } catch { /* connection gone */ } });
  // docs/rules.md beside the bundle (dist/server.js → the repository, or the installed .vsix, which ships it).
  const docsRoot = resolve(__dirname, '..');
  const cache = remote ? new CachedFs(new RemoteFs(connection)) : undefined;
  startServer(connection, {
    fs: cache,
    asyncFs: cache?.async,
    docsRoot: existsSync(resolve(docsRoot, docsLink('').split('#')[0])) ? docsRoot : undefined,
  });
}
