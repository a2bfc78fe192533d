// `npm start`: build, package the .vsix, install it into a private code-server (a real VS Code
// in the browser) and open examples/ there. Prints the URL; Ctrl+C stops everything it started.
//
//   node scripts/start.mjs [--port N] [--folder DIR] [--check]
//
// --check starts everything, verifies the workbench page is served, and stops (used by tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE, ROOT, ensureCodeServer, installVsix, log, startCodeServer } from './lib/code-server.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string', default: join(ROOT, 'examples') },
    check: { type: 'boolean', default: false },
  },
});

function npm(...args) {
  log('$ npm', args.join(' '));
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}`);
}

ensureCodeServer();
npm('run', 'package:run'); // builds first
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `${name}-${version}.vsix`);
if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);

const home = join(CACHE, 'start');
const userDataDir = join(home, 'user-data');
const extensionsDir = join(home, 'extensions');
rmSync(extensionsDir, { recursive: true, force: true }); // only the freshly built extension
mkdirSync(extensionsDir, { recursive: true });
installVsix(vsix, { userDataDir, extensionsDir });

const folder = resolve(opts.folder);
const server = await startCodeServer({
  folder,
  userDataDir,
  extensionsDir,
  port: opts.port ? Number(opts.port) : undefined,
  logFile: join(home, 'code-server.log'),
});
const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(0));

if (opts.check) {
  const res = await fetch(url);
  const html = await res.text();
  const ok = res.ok && html.includes('workbench');
  console.log(ok ? `ok: ${server.url} serves the workbench for ${folder}` : `not ok: HTTP ${res.status}`);
  await shutdown(ok ? 0 : 1);
} else {
  console.log(`\nVS Code with the ECA extension (${name}-${version}.vsix) is serving ${folder}:\n`);
  console.log(`    ${server.url}`);
  console.log(`\n  (direct link: ${url})\n  Log: ${join(home, 'code-server.log')}. Press Ctrl+C to stop.\n`);
  server.exited.then((code) => {
    if (!stopping) {
      console.error(`code-server exited (${code})`);
      process.exit(1);
    }
  });
}
