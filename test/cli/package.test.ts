// The installable CLI package (packages/eca-check, scripts/pack-cli.mjs): packed, installed with
// npm into an empty folder, then `npx eca-check` run as users do: output and exit codes. Only the
// CLI's two bundles ship (no VS Code client, no language server, no sources).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';

// npm and npx of the Node running the tests (the tool chain's), first on PATH.
const PATH = `${dirname(process.execPath)}:${process.env.PATH}`;
const sh = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, PATH, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

test('npm pack + npm install <tarball> in an empty folder gives a working eca-check', { timeout: 5 * 60_000 }, () => {
  const out = tempDir('eca-pack-');
  const pack = sh(process.execPath, [resolve(REPO, 'scripts/pack-cli.mjs'), out], REPO);
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = pack.stdout.trim().split('\n').pop()!;
  assert.ok(existsSync(tarball), tarball);
  const list = sh('tar', ['tzf', tarball], out).stdout.trim().split('\n').sort();
  assert.deepEqual(list, ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/sf-lib.js', 'package/package.json']);
  const manifest = JSON.parse(sh('tar', ['xzOf', tarball, 'package/package.json'], out).stdout);
  assert.equal(manifest.version, JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')).version);
  assert.equal(manifest.dependencies, undefined, 'the bundles carry their libraries');

  const app = tempDir('eca-pack-install-');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'ci-project', version: '1.0.0', private: true }));
  const install = sh('npm', ['install', '--no-audit', '--no-fund', tarball], app);
  assert.equal(install.status, 0, install.stderr);
  assert.ok(existsSync(join(app, 'node_modules/.bin/eca-check')));

  const broken = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packageable</distributionState>\n'),
  });
  const npx = (args: string[], cwd: string) => sh('npx', ['--no-install', '--prefix', app, 'eca-check', ...args], cwd);
  const bad = npx(['check', '.'], broken);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml:3:24 error invalid-enum /m);
  const json = JSON.parse(npx(['check', '.', '--format', 'json'], broken).stdout);
  assert.deepEqual(Object.keys(json), ['version', 'files', 'diagnostics']);
  const clean = tempTree({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }), 'force-app/.keep': '' });
  const ok = npx(['check', '.'], clean);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /0 error\(s\)/);
  assert.equal(npx(['check', '--format', 'nope'], clean).status, 2);
  assert.match(npx(['--help'], clean).stdout, /^  plan /m);
  // Inside the installed folder, as `npx eca-check check .` from the project itself.
  const local = sh('npx', ['--no-install', 'eca-check', 'check', '.'], app);
  assert.equal(local.status, 0, local.stderr);
});
