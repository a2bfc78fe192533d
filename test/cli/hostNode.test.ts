// The check runs on the Node the user has, not only on the tool chain's Node 24: `npm test` on a
// Node 20 machine runs the tests on Node 24 (scripts/run.mjs) and passes the user's own Node as
// ECA_HOST_NODE; the built CLI must check a project with it, the same as with Node 24.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { eca, REPO, tempTree } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const HOST = process.env.ECA_HOST_NODE || process.execPath;

test(`eca-check check runs on the host Node (${HOST}) with the same result as on ${process.version}`, (t) => {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packageable</distributionState>\n'),
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const version = spawnSync(HOST, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, `${HOST} --version: ${version.stderr}`);
  const onHost = spawnSync(HOST, [CLI, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  const onThis = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(onHost.status, 1, `on ${version.stdout.trim()}: ${onHost.stderr}`);
  assert.equal(onHost.stdout, onThis.stdout);
  assert.deepEqual(JSON.parse(onHost.stdout).diagnostics.map((d: { code: string }) => d.code), ['invalid-enum']);
});
