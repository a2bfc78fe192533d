// Real ECA files retrieved from real orgs (test/fixtures/real/retrieved, provenance in its
// manifest.tsv): no error-severity diagnostic except the findings the project's expectation file
// (retrieved/<project>.expected.json: {"errors": [{"file", "code", "why"}]}) lists — and those must
// still occur. The same files in metadata format (beside a package.xml) check the same, and copies
// in a scratch folder outside the package directories are still searched for credentials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCheck } from '../../server/src/cli';
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

test('files outside the package directories: secrets and consumer keys are found there, nothing else runs on them', () => {
  const tmp = tempTree({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }) });
  try {
    let copies = 0;
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
      }
    }
    assert.ok(copies >= 5, `only ${copies} real files with a consumer key`);
    writeFileSync(`${tmp}/retrieve_tmp/notes.txt`, 'not metadata');
    const r = runCheck([tmp], NO_OPTIONS);
    const outside = r.diagnostics.filter((d) => d.path.startsWith(`${tmp}/retrieve_tmp/`));
    assert.deepEqual([...new Set(outside.map((d) => d.code))].sort(), ['consumer-key-in-source']);
    assert.equal(new Set(outside.map((d) => d.path)).size, copies, 'every copy outside the package directories is reported');
    const inside = (ds: Diag[]) => ds.filter((d) => d.path.startsWith(`${tmp}/force-app/`)).map((d) => key(d, (p) => p.slice(tmp.length))).sort();
    const keyed = (ds: Diag[], prefix: string) => ds.filter((d) => d.code === 'consumer-key-in-source' && d.path.startsWith(prefix)).map((d) => `${d.path.slice(prefix.length)}:${d.range.start.line}`).sort();
    assert.deepEqual(keyed(outside, `${tmp}/retrieve_tmp/`), keyed(r.diagnostics, `${tmp}/force-app/`));
    // The copies are not part of the project: the package directory checks exactly as without them.
    rmSync(`${tmp}/retrieve_tmp`, { recursive: true, force: true });
    const without = runCheck([tmp], NO_OPTIONS);
    assert.deepEqual(inside(r.diagnostics), inside(without.diagnostics));
    assert.equal(r.files, without.files);
  } finally { rmSync(tmp, { recursive: true, force: true }); }
});
