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

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): EcaExtensionApi {
  return startExtension(context, {
    web: true,
    createClient: (options) => {
      const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js').toString(true));
      client = new LanguageClient(CLIENT_ID, 'ECA Language Server', options, worker);
      context.subscriptions.push(...answerFileSystem(client));
      // The rest of the extension is typed against the Node client; both share BaseLanguageClient's API.
      return client as unknown as NodeLanguageClient;
    },
  });
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop().catch(() => undefined);
  client = undefined;
}
