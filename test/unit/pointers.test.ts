// Pointers that are true: every repository path written in backticks in the documentation
// (README, CONTRIBUTING, CHANGELOG, docs/ but for the copied references, the READMEs beside the
// code) and every repository path in the header comment of a source file (the comment lines before
// the first line of code, backticked or not) names a file or folder that exists. Paths are those
// that start at the repository root (`server/src/...`, `docs/...`); patterns and placeholders
// (`*`, `<name>`, `{a,b}`) and build output (`sf-plugin/lib`, `packages/eca-check/dist`) are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const TOP = ['server', 'client', 'docs', 'test', 'scripts', 'sf-plugin', 'schemas', 'examples', 'packages', 'snippets', 'syntaxes', 'images', '.ci'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.cache', '.git', 'fixtures', 'workspaces', 'lib']);

function files(dir: string, want: (name: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (!SKIP_DIRS.has(name)) files(p, want, out); }
    else if (want(name)) out.push(p);
  }
  return out;
}

/** Build output (`dist/`, `lib/`, `out/` anywhere in the path): there after a build, not in a checkout. */
const BUILT = /(^|\/)(dist|lib|out)(\/|$)/;

/** Repository paths in a text: backticked ones, or (`bare`) any path that starts at a top folder. */
export function repoPaths(text: string, bare = false): string[] {
  const out: string[] = [];
  const tokens = bare
    ? [...text.matchAll(new RegExp(`(?<![\\w/.@-])((?:${TOP.map((t) => t.replace('.', '\\.')).join('|')})/[^\\s\`'"()\\],;]*)`, 'g'))].map((m) => m[1])
    : [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  for (const t of tokens) {
    const p = t.replace(/[.,:;)]+$/, '').replace(/#.*$/, '').replace(/:\d+(-\d+)?$/, '');
    if (!TOP.some((x) => p.startsWith(`${x}/`))) continue;
    if (/[*<>{}$]|\.\.\./.test(p) || BUILT.test(p)) continue;
    out.push(p);
  }
  return out;
}

/** The leading comment block of a source file (its purpose comment). */
export function headerComment(src: string): string {
  const lines: string[] = [];
  for (const line of src.split('\n')) {
    if (/^\s*(\/\/|\/\*|\*|#!)/.test(line) || (!line.trim() && lines.length === 0)) lines.push(line);
    else break;
  }
  return lines.join('\n');
}

test('the path finder sees root paths and skips patterns (so the check below can fail)', () => {
  assert.deepEqual(repoPaths('see `server/src/engine/nothing-here.ts`, `docs/rules.md#x`, `test/<area>/lsp.test.ts`, `client/src/*.ts`, `plain`'),
    ['server/src/engine/nothing-here.ts', 'docs/rules.md']);
  assert.equal(headerComment('// a `docs/x.md`\n// b\nimport x;\n// not `docs/y.md`\n'), '// a `docs/x.md`\n// b');
  assert.deepEqual(repoPaths('// runs (server/src/cli.ts runCheck) and server/src/engine/, not a/server/x', true), ['server/src/cli.ts', 'server/src/engine/']);
  assert.deepEqual(repoPaths('`packages/eca-check/dist/` and `sf-plugin/lib` are built'), []);
});

test('every backticked repository path in the docs and in source header comments exists', () => {
  const docs = [
    ...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].map((f) => join(ROOT, f)),
    // docs/reference holds copied platform references, which name other repositories' files.
    ...files(join(ROOT, 'docs'), (n) => n.endsWith('.md')).filter((f) => !f.startsWith(join(ROOT, 'docs/reference'))),
    ...files(join(ROOT, 'server'), (n) => n.endsWith('.md')),
    ...files(join(ROOT, 'client'), (n) => n.endsWith('.md')),
    ...files(join(ROOT, 'sf-plugin'), (n) => n.endsWith('.md')),
  ].filter((f) => existsSync(f));
  const sources = ['server/src', 'client/src', 'sf-plugin/src', 'scripts', 'test']
    .flatMap((d) => files(join(ROOT, d), (n) => /\.(ts|mts|mjs|js)$/.test(n)));
  assert.ok(docs.length > 5 && sources.length > 100, `${docs.length} docs, ${sources.length} sources`);
  const missing: string[] = [];
  const check = (file: string, paths: string[]) => {
    for (const p of paths) if (!existsSync(join(ROOT, p))) missing.push(`${relative(ROOT, file)}: ${p}`);
  };
  for (const f of docs) check(f, repoPaths(readFileSync(f, 'utf8')));
  for (const f of sources) check(f, repoPaths(headerComment(readFileSync(f, 'utf8')), true));
  assert.deepEqual(missing, []);
});
