// Debian packages the test suites need (chromium and build headers for the real VS Code,
// pre-commit for the hook test): one place that installs the missing ones when it can (root,
// apt-get) and otherwise fails with one line naming the packages and the command. Never skips.
// Used by scripts/lib/code-server.mjs and, as a process, by scripts/ensure-apt.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v '${cmd.replace(/'/g, '')}'`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function run(cmd, args, opts) {
  console.error('[apt] $', cmd, args.join(' '));
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}`);
}

/**
 * Makes sure every package is there. A package is present when dpkg says it is installed, or
 * when its `present()` test holds (a command on the PATH, a binary at a known place: the same
 * tool installed another way). `tools` are commands that must be on the PATH (apt package of the
 * same name). `purpose` starts the one-line message: "<purpose> cannot run without …".
 * @param {{ packages: { name: string, present?: () => boolean }[], tools?: string[], purpose: string, alternative?: string }} opts
 */
export function ensureDebianPackages({ packages, tools = [], purpose, alternative }) {
  const hasDpkg = onPath('dpkg-query');
  const missing = packages
    // without dpkg (not Debian) only a package with its own presence test can be checked
    .filter((p) => !(p.present?.() ?? !hasDpkg) && !(hasDpkg && dpkgInstalled(p.name)))
    .map((p) => p.name);
  const missingTools = tools.filter((t) => !onPath(t));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const installable = [...missing, ...missingTools];
  if (installable.length && isRoot && hasDpkg && onPath('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...installable], { env });
    installable.length = 0;
  }
  if (installable.length) {
    throw Object.assign(new Error(
      `${purpose} cannot run without ${installable.join(', ')}, which this machine lacks: ` +
        `install ${installable.length === 1 ? 'it' : 'them'} with \`sudo apt-get install -y ${installable.join(' ')}\` (Debian/Ubuntu)` +
        `${alternative ? `, or ${alternative}` : ''}, then run again`,
    ), { name: 'MissingPrerequisite' });
  }
}

/** A `present` test: the command is on the PATH. */
export const command = (cmd) => () => onPath(cmd);
/** A `present` test: the file exists. */
export const file = (path) => () => existsSync(path);
