// The @vscode/test-electron entry, for machines that can download VS Code:
//   npm run build && npm run compile-tests && node out/test/e2e/runTest.js
// It runs the same suite module that scripts/e2e.mjs runs inside code-server on machines that
// cannot (see docs/reference/real-vscode-on-this-machine.md).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../../..');
  const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'eca-e2e-')), 'workspace');
  cpSync(path.join(repo, 'test/e2e/workspace'), workspace, { recursive: true });
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'suite', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err) => {
  console.error('end-to-end tests failed:', err);
  process.exit(1);
});
