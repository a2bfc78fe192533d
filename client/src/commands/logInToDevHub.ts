// "ECA: Log In to DevHub": opens a terminal with `sf org login web --alias DevHub --set-default-dev-hub` typed
// (not run: the user presses Enter), the first step of the Get Started walkthrough. Retrieve and
// the oauthLink follow-ups use the login it stores. Needs a trusted workspace (it runs `sf`).
import * as vscode from 'vscode';
import { loginCommand } from '../../../server/src/retrieve/errors';

/** The same command the retrieve's "no login" error offers. */
export const LOGIN_DEVHUB_COMMAND = loginCommand(undefined);

export function logInToDevHub(): vscode.Terminal {
  const t = vscode.window.createTerminal({ name: 'sf: log in to DevHub' });
  t.show();
  t.sendText(LOGIN_DEVHUB_COMMAND, false);
  return t;
}
