// The real Salesforce CLI (`sf`, npm package @salesforce/cli) and the `sf eca` plugin's own
// dependencies, installed on demand into git-ignored folders the way code-server is
// (scripts/lib/code-server.mjs): .cache/sf-cli for `sf`, sf-plugin/node_modules for the plugin
// (from its own lockfile). Both run on the tool chain's Node (scripts/lib/node.mjs), with a clean
// environment. Used by test/cli/sf-plugin.test.ts and by anyone who wants to try the plugin from a clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanEnv, npmOf, ROOT, toolchainNode } from './node.mjs';

export const SF_CLI_VERSION = '2.150.6';
export const SF_PREFIX = join(ROOT, '.cache', 'sf-cli');
/** The `sf` entry point: run it as `node <SF_RUN> <args…>`. */
export const SF_RUN = join(SF_PREFIX, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
const SF_MARKER = join(SF_PREFIX, `.installed-${SF_CLI_VERSION}`);
export const PLUGIN_DIR = join(ROOT, 'sf-plugin');
const PLUGIN_MARKER = join(PLUGIN_DIR, 'node_modules', '.eca-lock-hash');

function log(...args) {
  console.error('[sf]', ...args);
}

function npm(node, args, opts) {
  const [cmd, ...pre] = npmOf(node);
  log('$ npm', args.join(' '));
  const r = spawnSync(cmd, [...pre, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    ...opts,
    env: cleanEnv({ PATH: `${dirname(node)}:${process.env.PATH ?? ''}`, npm_config_nodedir: join(dirname(node), '..'), ...opts?.env }),
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status ?? r.signal}`);
}

/** Installs @salesforce/cli into .cache/sf-cli once (about a minute); returns the path of bin/run.js. */
export function ensureSfCli() {
  if (existsSync(SF_MARKER) && existsSync(SF_RUN)) return SF_RUN;
  const node = toolchainNode();
  mkdirSync(SF_PREFIX, { recursive: true });
  writeFileSync(join(SF_PREFIX, 'package.json'), JSON.stringify({ private: true, dependencies: { '@salesforce/cli': SF_CLI_VERSION } }, null, 2) + '\n');
  npm(node, ['install', '--prefix', SF_PREFIX, '--no-audit', '--no-fund', `@salesforce/cli@${SF_CLI_VERSION}`]);
  if (!existsSync(SF_RUN)) throw new Error(`@salesforce/cli install left no ${SF_RUN}`);
  writeFileSync(SF_MARKER, new Date().toISOString() + '\n');
  return SF_RUN;
}

/** `npm ci` in sf-plugin/ when its lockfile changed since the last install (the plugin's runtime dependencies). */
export function ensurePluginDeps() {
  const lock = readFileSync(join(PLUGIN_DIR, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  if (existsSync(PLUGIN_MARKER) && readFileSync(PLUGIN_MARKER, 'utf8').trim() === hash) return;
  npm(toolchainNode(), ['ci', '--no-audit', '--no-fund', '--omit=dev'], { cwd: PLUGIN_DIR });
  writeFileSync(PLUGIN_MARKER, hash + '\n');
}

/** Builds sf-plugin/lib (scripts/build-sf-plugin.mjs) on the tool chain's Node. */
export function buildPlugin() {
  const node = toolchainNode();
  const r = spawnSync(node, [join(ROOT, 'scripts', 'build-sf-plugin.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv() });
  if (r.status !== 0) throw new Error(`build-sf-plugin.mjs exited ${r.status ?? r.signal}`);
}
