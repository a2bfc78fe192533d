// The pre-commit hook with the real `pre-commit` tool: `pre-commit try-repo <this repository>
// eca-check --all-files` in fixture git repositories fails on a broken ECA and passes on a sound
// one (pre-commit installs the hook from this repository with npm and the system Node: the root
// package's `prepare` builds dist/, .npmignore packs the CLI). And the hook's `files` pattern,
// run by Python's `re` as pre-commit does, agrees with the engine's own idea of an ECA file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';
import { ECA_SETTINGS_FILE, ECA_SUFFIXES } from '../../server/src/engine/schema';
import { isEcaCandidate } from '../../server/src/engine/files';

const HOOKS = readFileSync(resolve(REPO, '.pre-commit-hooks.yaml'), 'utf8');

test('the hook definition: id eca-check, node on the system Node, whole project once', () => {
  assert.match(HOOKS, /^- id: eca-check$/m);
  assert.match(HOOKS, /^  language: node$/m);
  assert.match(HOOKS, /^  language_version: system$/m);
  assert.match(HOOKS, /^  pass_filenames: false$/m);
  assert.match(HOOKS, /^  require_serial: true$/m);
  assert.match(HOOKS, /^  entry: eca-check check$/m);
  const pkg = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8'));
  assert.equal(pkg.bin['eca-check'], './dist/cli.js');
  assert.match(pkg.scripts.prepare, /scripts\/build\.mjs/);
});

test("the files pattern (Python's re, as pre-commit runs it) matches exactly the engine's ECA files and the project files", () => {
  const pattern = /^  files: '(.*)'$/m.exec(HOOKS)?.[1];
  assert.ok(pattern, 'files pattern');
  const names = [
    ...ECA_SUFFIXES.map((s) => `force-app/main/default/x/App.${s}-meta.xml`),
    ...ECA_SUFFIXES.map((s) => `App.${s}-meta.xml`),
    `force-app/main/default/settings/${ECA_SETTINGS_FILE}`,
    // Misspellings the engine reports (file-suffix rule).
    'x/App.ecaOauthPolicy-meta.xml', 'x/App.extlClntAppOauthSettings-meta.xml', 'x/App.ExternalClientApp-meta.xml', 'x/App.ECA-meta.xml',
    // Not ECA files.
    'x/App.connectedApp-meta.xml', 'x/Foo.cls-meta.xml', 'x/App.eca-meta.xml.bak', 'x/App.eca', 'x/Other.settings-meta.xml', 'x/eca-notes.md',
  ];
  const project = ['sfdx-project.json', 'sub/sfdx-project.json', '.forceignore'];
  const notProject = ['sfdx-project.json.bak', 'my-sfdx-project.json'];
  const all = [...names, ...project, ...notProject];
  const py = spawnSync('python3', ['-c', 'import re,sys,json; p=re.compile(sys.argv[1]); print(json.dumps([bool(p.search(n)) for n in json.load(sys.stdin)]))', pattern!], { input: JSON.stringify(all), encoding: 'utf8' });
  assert.equal(py.status, 0, `python3 is needed to evaluate the pattern as pre-commit does: ${py.stderr}`);
  const matched: boolean[] = JSON.parse(py.stdout);
  const expected = all.map((n) => project.includes(n) || (!notProject.includes(n) && isEcaCandidate(n)));
  assert.deepEqual(all.filter((n, i) => matched[i] !== expected[i]), [], 'pattern and engine disagree on these names');
  assert.ok(expected.filter(Boolean).length >= ECA_SUFFIXES.length * 2 + 5);
});

function fixtureRepo(distributionState: string): string {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    'force-app/main/default/externalClientApps/Hooked.eca-meta.xml': eca('ExternalClientApplication', `    <contactEmail>a@example.com</contactEmail>\n    <distributionState>${distributionState}</distributionState>\n    <isProtected>false</isProtected>\n    <label>Hooked</label>\n`),
    'README.md': 'fixture\n',
  }, 'eca-precommit-repo-');
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A']]) assert.equal(spawnSync('git', args, { cwd: root }).status, 0);
  return root;
}

/** scripts/ensure-apt.mjs as a process: installs what is missing as root, else one line and exit 1. */
function ensureApt(purpose: string, specs: string[], opts: { uid?: number; gid?: number } = {}) {
  return spawnSync(process.execPath, [resolve(REPO, 'scripts/ensure-apt.mjs'), purpose, ...specs], { cwd: REPO, encoding: 'utf8', ...opts });
}

test('a missing Debian package, not root: one line naming the package and the command, exit 1', () => {
  // As root the helper would install it, so the child runs as nobody (uid 65534).
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = ensureApt('the pre-commit hook test', ['eca-no-such-package-xyz=eca-no-such-command-xyz'], asUser);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr,
    'the pre-commit hook test cannot run without eca-no-such-package-xyz, which this machine lacks: install it with `sudo apt-get install -y eca-no-such-package-xyz` (Debian/Ubuntu), then run again\n');
});

test('pre-commit try-repo: fails on a broken ECA, passes on a sound one', { timeout: 15 * 60_000 }, () => {
  // Debian's pre-commit (PyPI may be out of reach), installed as root as the e2e tests install chromium.
  const ensured = ensureApt('the pre-commit hook test', ['pre-commit=pre-commit']);
  assert.equal(ensured.status, 0, ensured.stderr.trim());
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  assert.ok(!version.error && version.status === 0, `pre-commit --version: ${version.error ?? version.stderr}`);
  const home = tempDir('eca-precommit-home-');
  const env = { ...process.env, PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' };
  const tryRepo = (cwd: string) => spawnSync('pre-commit', ['try-repo', REPO, 'eca-check', '--all-files'], { cwd, encoding: 'utf8', env });

  const broken = tryRepo(fixtureRepo('Packageable'));
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /eca-check \(Salesforce External Client App metadata\)\.+Failed/);
  assert.match(broken.stdout, /force-app\/main\/default\/externalClientApps\/Hooked\.eca-meta\.xml:\d+:\d+ error invalid-enum /);

  const sound = tryRepo(fixtureRepo('Local'));
  assert.equal(sound.status, 0, sound.stdout + sound.stderr);
  assert.match(sound.stdout, /eca-check \(Salesforce External Client App metadata\)\.+Passed/);

  // A commit that touches no ECA or project file: the hook is skipped, by the files pattern.
  const other = fixtureRepo('Packageable');
  const skipped = spawnSync('pre-commit', ['try-repo', REPO, 'eca-check', '--files', 'README.md'], { cwd: other, encoding: 'utf8', env });
  assert.equal(skipped.status, 0, skipped.stdout + skipped.stderr);
  assert.match(skipped.stdout, /eca-check \(Salesforce External Client App metadata\)\.+\(no files to check\)Skipped/);
});
