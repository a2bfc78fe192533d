// The extension-tests entry for Restricted Mode: code-server runs with workspace trust on and the
// test workspace is not trusted.
import { runSuite } from '../suite/mocha';

export function run(): Promise<void> {
  return runSuite('restricted-mode', __dirname);
}
