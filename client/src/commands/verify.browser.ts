// verify.ts in the browser build (scripts/build.mjs uses this file instead): verifying asks an
// org through the user's sf logins, which VS Code in the browser cannot reach. The command is
// hidden there (`!isWeb || eca.nodeHost`) and refused by the command table; this keeps the
// Node-only module out of the web bundle.
import * as vscode from 'vscode';
import { DESKTOP_ONLY_MESSAGE } from './index';

export async function verifyAgainstOrg(): Promise<undefined> {
  void vscode.window.showInformationMessage(DESKTOP_ONLY_MESSAGE);
  return undefined;
}
