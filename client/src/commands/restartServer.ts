// "ECA: Restart Language Server": restarts it (it re-reads settings and re-checks the workspace)
// and says so when it is back. The expected exit of the old process is not an error: the status
// item marks the restart, so "Server process exited with code 0" is not reported.
import * as vscode from 'vscode';
import type { CommandContext } from './types';

export async function restartServer({ client, status }: CommandContext): Promise<void> {
  status?.expectRestart();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Restarting ECA language server' },
      () => client.restart(),
    );
  } finally {
    status?.restartDone();
  }
  void vscode.window.showInformationMessage('ECA language server restarted: settings re-read, workspace checked again.');
}
