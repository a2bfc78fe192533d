// The extension-tests entry (`extensionTestsPath`) of the development suite: runs in the VS Code
// extension host with this repository loaded as the extension under development.
import { runSuite } from './mocha';

export function run(): Promise<void> {
  return runSuite('development', __dirname);
}
