import * as vscode from 'vscode';
import type { EcaCommand } from './types';

/** Restarts the language server (it re-reads settings and re-checks open files). */
export const restartServer: EcaCommand = {
  id: 'eca.restartServer',
  requiresTrust: false,
  run: async ({ client }) => {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Restarting ECA language server' },
      () => client.restart(),
    );
  },
};
