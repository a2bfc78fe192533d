// The VS Code client in the browser (vscode.dev, github.dev, a web workbench): the same extension
// as on Node (start.ts), with the language server in a web worker (dist/browser/server.js) that
// reads the workspace through this extension (webFs.ts). Commands that need a process or an org
// are hidden and refused here.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { LanguageClient as NodeLanguageClient } from 'vscode-languageclient/node';
import { CLIENT_ID, startExtension, type EcaExtensionApi } from './start';
import { answerFileSystem } from './webFs';

export { CLIENT_ID, CONFIG_SECTION, SFDX_CONTEXT_KEY, type EcaExtensionApi } from './start';

// The web worker extension host's Worker (no DOM types in this tsconfig).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

/**
 * The server's web worker. An extension served from a remote (code-server, a codespace) cannot
 * start a worker from its own URL ("Creating workers from remote extensions is currently not
 * supported"): then the bundle is read through VS Code and started from a blob URL.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<ConstructorParameters<typeof LanguageClient>[3]> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
  if (uri.scheme === 'http' || uri.scheme === 'https') return new Worker(uri.toString(true));
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
}

export async function activate(context: vscode.ExtensionContext): Promise<EcaExtensionApi> {
  const worker = await serverWorker(context);
  return startExtension(context, {
    noProcess: true,
    createClient: (options) => {
      const client = new LanguageClient(CLIENT_ID, 'ECA Language Server', options, worker);
      context.subscriptions.push(...answerFileSystem(client));
      // The rest of the extension is typed against the Node client; both share BaseLanguageClient's API.
      return client as unknown as NodeLanguageClient;
    },
  });
}
