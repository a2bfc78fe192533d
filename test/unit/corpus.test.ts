// Real ECA files retrieved from real orgs (test/fixtures/real/retrieved, provenance in its
// manifest.tsv): no error-severity diagnostic except the findings the project's expectation file
// (retrieved/<project>.expected.json: {"errors": [{"file", "code", "why"}]}) lists — and those must
// still occur. The same files in metadata format (beside a package.xml) check the same, and copies
// in a scratch folder outside the package directories are checked as a deploy unit of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCheck } from '../../server/src/cli';
import { RULE_KIND } from '../../server/src/engine';
import { classify } from '../../server/src/engine/files';
import { walkEcaFiles } from '../../server/src/engine/project/scan';
import { REAL, tempTree } from '../helpers/fs';
import { NEWEST_API_VERSION, formatApiVersion } from '../../server/src/engine/schema/versions';

const dir = join(REAL, 'retrieved');
const PROJECTS = existsSync(dir) ? readdirSync(dir).filter((n) => !n.includes('.')) : [];
const NO_OPTIONS = { disabled: [], overrides: {} };

interface Expected { errors: { file: string; code: string; why: string }[] }
function expectedOf(project: string): Expected {
  const p = join(dir, `${project}.expected.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) as Expected : { errors: [] };
}

type Diag = ReturnType<typeof runCheck>['diagnostics'][number];
/** A diagnostic without its directory: `<file name>:<line>:<col> <severity> <code>`. */
const key = (d: Diag, name: (p: string) => string) => `${name(d.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`;

test('the corpus is present (tests must not pass on nothing)', () => {
  assert.ok(PROJECTS.length >= 10, `only ${PROJECTS.length} projects in ${dir}`);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.expected.json'))) {
    assert.ok(PROJECTS.includes(f.replace(/\.expected\.json$/, '')), `${f} names no project`);
  }
});

for (const project of PROJECTS) {
  test(`no false error on ${project}`, () => {
    const root = join(dir, project).replace(/\\/g, '/');
    const r = runCheck([root], NO_OPTIONS);
    assert.ok(r.files > 0);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path.slice(root.length + 1)} ${d.code}`).sort();
    const expected = expectedOf(project).errors.map((e) => `${e.file} ${e.code}`).sort();
    assert.deepEqual(errors, expected, errors.length ? r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n') : undefined);
  });

  test(`metadata format: ${project} as an mdapi tree (X.eca beside a package.xml) is seen and checks the same`, () => {
    const src = join(dir, project).replace(/\\/g, '/');
    const files = walkEcaFiles(src).files;
    const tmp = tempTree({ 'unpackaged/package.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n    <version>${formatApiVersion(NEWEST_API_VERSION)}</version>\n</Package>\n` });
    try {
      const toMdapi = new Map<string, string>();
      for (const f of files) {
        const cls = classify(f);
        if (cls?.kind !== 'eca') continue;
        const target = cls.suffix === 'settings' ? `${tmp}/unpackaged/settings/ExternalClientApp.settings` : `${tmp}/unpackaged/${cls.type.folder}/${cls.name}.${cls.suffix}`;
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(f, target);
        toMdapi.set(f, target);
      }
      // Judged at the bundle's version (package.xml, an error where a version removed something) and,
      // for the source tree that names none, at the same version given as --api-version.
      const source = runCheck([src], { ...NO_OPTIONS, apiVersion: formatApiVersion(NEWEST_API_VERSION) });
      const mdapi = runCheck([tmp], NO_OPTIONS);
      assert.equal(mdapi.files, toMdapi.size, 'every metadata-format file is checked');
      assert.equal(mdapi.files, source.files);
      const base = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/-meta\.xml$/, '');
      // file-folder depends on where the source file sits; mdapi files always sit in their folder.
      const keep = (d: Diag) => d.code !== 'file-folder';
      assert.deepEqual(mdapi.diagnostics.filter(keep).map((d) => key(d, base)).sort(), source.diagnostics.filter(keep).map((d) => key(d, base)).sort());
    } finally { rmSync(tmp, { recursive: true, force: true }); }
  });
}

test('files outside the package directories: a scratch folder is a deploy unit of its own (its errors are the file rules\' errors, cross-file findings are warnings); a stray in the project root is searched for credentials only', () => {
  const tmp = tempTree({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }) });
  try {
    let copies = 0;
    let stray = '';
    for (const project of PROJECTS) {
      for (const f of walkEcaFiles(join(dir, project)).files) {
        const rel = f.slice(join(dir, project).replace(/\\/g, '/').length + 1);
        const inPkg = `${tmp}/force-app/${project}/${rel}`;
        mkdirSync(dirname(inPkg), { recursive: true });
        copyFileSync(f, inPkg);
        if (!/<consumerKey\s*>[^<]/.test(readFileSync(f, 'utf8'))) continue;
        // The same file left behind in a scratch folder, as real repositories do (retrieve_tmp/…).
        const scratch = `${tmp}/retrieve_tmp/${project}/${rel}`;
        mkdirSync(dirname(scratch), { recursive: true });
        copyFileSync(f, scratch);
        copies++;
        if (!stray && f.endsWith('-meta.xml')) { stray = `${tmp}/${f.slice(f.lastIndexOf('/') + 1)}`; copyFileSync(f, stray); }
      }
    }
    assert.ok(copies >= 5, `only ${copies} real files with a consumer key`);
    writeFileSync(`${tmp}/retrieve_tmp/notes.txt`, 'not metadata');
    const r = runCheck([tmp], NO_OPTIONS);
    const outside = r.diagnostics.filter((d) => d.path.startsWith(`${tmp}/retrieve_tmp/`));
    const keyed = (ds: Diag[], prefix: string, code?: string) => ds.filter((d) => (!code || d.code === code) && d.path.startsWith(prefix)).map((d) => `${d.path.slice(prefix.length)}:${d.range.start.line} ${d.code}`).sort();
    assert.equal(new Set(outside.filter((d) => d.code === 'consumer-key-in-source').map((d) => d.path)).size, copies, 'every copy outside the package directories is reported');
    assert.deepEqual(keyed(outside, `${tmp}/retrieve_tmp/`, 'consumer-key-in-source'), keyed(r.diagnostics, `${tmp}/force-app/`, 'consumer-key-in-source'));
    // Every rule ran on the scratch folder: its errors are errors of the same files in the package…
    const inside = new Set(keyed(r.diagnostics.filter((d) => d.severity === 'error'), `${tmp}/force-app/`));
    for (const k of keyed(outside.filter((d) => d.severity === 'error'), `${tmp}/retrieve_tmp/`)) assert.ok(inside.has(k), `${k}: an error outside the package directories the same file has not inside`);
    // …and what it finds across its files is a warning that says the deploy may fail.
    for (const d of outside.filter((x) => RULE_KIND.get(x.code) === 'project')) {
      assert.notEqual(d.severity, 'error', `${d.code} ${d.message}`);
    }
    assert.ok(outside.some((d) => d.code !== 'consumer-key-in-source'), 'the scratch folder got more than the secret checks');
    // A source file directly in the project root deploys with no folder: its credentials only.
    assert.deepEqual([...new Set(r.diagnostics.filter((d) => d.path === stray).map((d) => d.code))], ['consumer-key-in-source']);
    // The copies are not part of the project: the package directory checks exactly as without them.
    const pkg = (ds: Diag[]) => ds.filter((d) => d.path.startsWith(`${tmp}/force-app/`)).map((d) => key(d, (p) => p.slice(tmp.length))).sort();
    rmSync(`${tmp}/retrieve_tmp`, { recursive: true, force: true });
    rmSync(stray);
    const without = runCheck([tmp], NO_OPTIONS);
    assert.deepEqual(pkg(r.diagnostics), pkg(without.diagnostics));
    assert.equal(r.files, without.files + copies, 'files counts the scratch folder\'s files too (every rule ran on them)');
  } finally { rmSync(tmp, { recursive: true, force: true }); }
});
