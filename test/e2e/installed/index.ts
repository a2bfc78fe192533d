// The extension-tests entry for the packaged artifact: the .vsix was installed with
// `code-server --install-extension`, and these tests check that the installed copy works.
import { runSuite } from '../suite/mocha';

export function run(): Promise<void> {
  return runSuite('installed-vsix', __dirname);
}
