// The VS Code client on Node: a thin vscode-languageclient wrapper that starts the bundled
// language server (dist/server.js) over IPC. All language logic lives in the server; start.ts
// wires it to VS Code (document selector, settings, output channel, status bar, commands).
// In a virtual workspace (a folder not on the disk: GitHub Repositories' vscode-vfs:, …) the
// server reads the workspace through this extension (--remote-fs, webFs.ts), as in the browser.
import { moduleLoadStart } from './clock';
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, startExtension, type EcaExtensionApi } from './start';
import { answerFileSystem } from './webFs';
import { REMOTE_FS_FLAG } from '../../server/src/lsp/fsProtocol';

export { CLIENT_ID, CONFIG_SECTION, SFDX_CONTEXT_KEY, type EcaExtensionApi } from './start';
void moduleLoadStart;

/**
 * The client, except that the old server's exit during a stop or restart is logged as what it
 * is (information), not as "[Error] Server process exited with code 0".
 */
class EcaLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (/^Server process exited with code 0\.?$/.test(message)) {
      this.info('Language server process stopped (exit code 0).');
      return;
    }
    super.error(message, data, showNotification);
  }
}

export function activate(context: vscode.ExtensionContext): EcaExtensionApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // A virtual workspace: the server would find nothing on the disk (and check an open file without its project).
  const noDisk = (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme !== 'file');
  const args = noDisk ? [REMOTE_FS_FLAG] : [];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const api = startExtension(context, {
    noProcess: noDisk,
    createClient: (options) => {
      const client = new EcaLanguageClient(CLIENT_ID, 'ECA Language Server', serverOptions, options);
      if (noDisk) context.subscriptions.push(...answerFileSystem(client));
      return client;
    },
    projectAtRoot: () => (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file' && existsSync(`${f.uri.fsPath}/sfdx-project.json`)),
  });
  return api;
}
