// The built CLI on a repository with ECA source outside its package directories
// (test/fixtures/units/loose-folder: eca-source/, deployed with `sf project deploy start -d
// eca-source`): the folder is checked as a deploy unit of its own, --exclude leaves folders out
// (repeatable, in --help), a path named on the command line is always checked, and the JSON shape
// stays version 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIXTURES, REPO, tempDir } from '../helpers/fs';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const LOOSE_OAUTH = 'eca-source/extlClntAppOauthSettings/Loose_oauth.ecaOauth-meta.xml';
const LONE_POLICY = 'eca-source/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml';

interface Json { version: number; files: number; diagnostics: { file: string; range: { start: { line: number } }; severity: string; code: string; message: string }[] }

function project(): string {
  const root = tempDir();
  cpSync(join(FIXTURES, 'units/loose-folder'), root, { recursive: true });
  return root;
}

function json(args: string[], cwd: string): { status: number | null; j: Json } {
  const r = run([...args, '--format', 'json'], cwd);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const j = JSON.parse(r.stdout) as Json;
  assert.deepEqual(Object.keys(j), ['version', 'files', 'diagnostics']);
  assert.equal(j.version, 1);
  return { status: r.status, j };
}

const rows = (j: Json) => j.diagnostics.map((d) => [d.file, d.range.start.line + 1, d.severity, d.code]);

test('a folder outside packageDirectories: invalid-scope errors on their line, its cross-file finding a "may fail" warning, exit 1', () => {
  const { status, j } = json(['check'], project());
  assert.equal(status, 1);
  assert.equal(j.files, 6);
  assert.deepEqual(rows(j), [
    [LONE_POLICY, 2, 'warning', 'policies-without-oauth'],
    [LOOSE_OAUTH, 2, 'warning', 'oauth-link-missing'],
    [LOOSE_OAUTH, 3, 'error', 'invalid-scope'],
    [LOOSE_OAUTH, 3, 'error', 'invalid-scope'],
  ]);
  for (const d of j.diagnostics.filter((x) => x.severity === 'warning')) assert.match(d.message, /the deploy may fail/);
});

test('--exclude leaves the folder out (repeatable; exit 0 when what is left is clean); --help names it', () => {
  const root = project();
  const { status, j } = json(['check', '--exclude', 'eca-source/'], root);
  assert.equal(status, 0);
  assert.deepEqual(rows(j), []);
  assert.equal(j.files, 2);
  const two = json(['check', '--exclude', '**/extlClntAppOauthSettings/**', '--exclude', 'eca-source/extlClntAppOauthPolicies/'], root).j;
  assert.deepEqual(rows(two), [], 'each --exclude counts');
  assert.equal(two.files, 3);
  const text = run(['check', '--exclude', 'eca-source/'], root);
  assert.match(text.stdout, /^0 error\(s\), 0 warning\(s\), 0 information, 0 hint\(s\) in 2 ECA file\(s\)$/m);
  const help = run(['check', '--help'], root);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /\[--exclude <pattern>\]\.\.\./);
  assert.equal(run(['check', '--exclude'], root).status, 2, 'a pattern is required');
});

test('a path named on the command line is always checked: an excluded file, a .forceignore\'d file, a folder outside packageDirectories', () => {
  const root = project();
  const named = json(['check', LOOSE_OAUTH, '--exclude', 'eca-source/'], root);
  assert.equal(named.status, 1);
  assert.deepEqual(rows(named.j).filter((r) => r[3] === 'invalid-scope').map((r) => r[2]), ['error', 'error']);
  assert.equal(named.j.files, 1);
  writeFileSync(join(root, '.forceignore'), 'eca-source/\n');
  // Walked, a .forceignore'd file is searched for credentials only…
  assert.deepEqual(rows(json(['check'], root).j).filter((r) => r[0] === LOOSE_OAUTH), []);
  // …named, it gets every rule.
  assert.equal(rows(json(['check', LOOSE_OAUTH], root).j).filter((r) => r[3] === 'invalid-scope').length, 2);
  writeFileSync(join(root, '.forceignore'), '');
  const folder = json(['check', 'eca-source'], root);
  assert.equal(folder.j.files, 4);
  assert.deepEqual(rows(folder.j).map((r) => r[0]), [LONE_POLICY, LOOSE_OAUTH, LOOSE_OAUTH, LOOSE_OAUTH]);
});
