// Every ECA file of a repository is checked: a source folder outside the package directories
// (test/fixtures/units/loose-folder/eca-source, deployed with `sf project deploy start -d
// eca-source`) is a deploy unit of its own. File rules run on it (its protocol-token scopes are
// invalid-scope errors, the defect real repositories showed), and the project rules with that
// folder as the unit, their errors turned into "may fail" warnings. The CLI's engine (runCheck) and
// the server's workspace (EcaWorkspace) agree; eca.exclude / --exclude leave a folder out entirely.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../server/src/cli';
import { EcaWorkspace, loadProject, readParsed, type EngineDiagnostic } from '../../server/src/engine';
import { effectiveApiVersion } from '../../server/src/engine/project/apiVersion';
import { FIXTURES, tempDir } from '../helpers/fs';

const FIXTURE = join(FIXTURES, 'units/loose-folder');
const LOOSE_OAUTH = 'eca-source/extlClntAppOauthSettings/Loose_oauth.ecaOauth-meta.xml';
const LONE_POLICY = 'eca-source/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml';
const NO_OPTIONS = { disabled: [], overrides: {} };

const roots: string[] = [];
after(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

/** A fresh copy of the fixture project. */
function project(): { root: string; p: (rel: string) => string } {
  const root = tempDir().replace(/\\/g, '/');
  roots.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  return { root, p: (rel) => `${root}/${rel}` };
}

const brief = (ds: readonly EngineDiagnostic[], root: string) => ds.map((d) => `${d.path.slice(root.length + 1)}:${d.range.start.line + 1} ${d.severity} ${d.code}`).sort();

function assertLooseFolderFindings(ds: readonly EngineDiagnostic[], root: string): void {
  // The missed defect: protocol tokens as scopes, each an error on its line.
  const scopes = ds.filter((d) => d.path === `${root}/${LOOSE_OAUTH}` && d.code === 'invalid-scope');
  assert.deepEqual(scopes.map((d) => [d.severity, d.range.start.line + 1]), [['error', 3], ['error', 3]], brief(ds, root).join('\n'));
  assert.match(scopes[0].message, /'api' is an OAuth protocol scope token/);
  // A cross-file finding of the folder: a warning that says the deploy may fail.
  const order = ds.find((d) => d.path === `${root}/${LONE_POLICY}` && d.code === 'policies-without-oauth');
  assert.ok(order, brief(ds, root).join('\n'));
  assert.equal(order.severity, 'warning');
  assert.match(order.message, /eca-source\/ lies outside the package directories: .*sf project deploy start -d eca-source, the deploy may fail/);
  // The package directory stays clean, and no finding of the folder lands in it (separate units).
  assert.deepEqual(ds.filter((d) => d.path.startsWith(`${root}/force-app/`)).map((d) => d.code), []);
}

test('the CLI engine: a folder outside packageDirectories gets the file rules (invalid-scope errors on their line) and its project rules as warnings', () => {
  const { root } = project();
  const r = runCheck([root], NO_OPTIONS);
  assertLooseFolderFindings(r.diagnostics, root);
  assert.equal(r.files, 6, 'every ECA file got every rule');
});

test('the same folder listed in packageDirectories: the cross-file finding is an error again (the warning comes from the folder being loose)', () => {
  const { root, p } = project();
  writeFileSync(p('sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'eca-source' }], sourceApiVersion: '66.0' }));
  const order = runCheck([root], NO_OPTIONS).diagnostics.find((d) => d.code === 'policies-without-oauth');
  assert.equal(order?.severity, 'error');
  assert.doesNotMatch(order!.message, /may fail/);
});

test('a loose folder deploys at its project\'s sourceApiVersion, under its .forceignore', () => {
  const { root, p } = project();
  const loaded = loadProject(root, { scope: 'repository' });
  const unit = loaded.others.get(p('eca-source'));
  assert.ok(unit, [...loaded.others.keys()].join(', '));
  assert.equal(unit.unit?.kind, 'folder');
  assert.equal(unit.components.size, 4);
  assert.equal(loaded.model.components.size, 2, 'the project model holds the package directory only');
  const v = effectiveApiVersion(readParsed(p(LOOSE_OAUTH))!, unit);
  assert.deepEqual([v.version, v.source, v.path], [66, 'sfdx-project.json', p('sfdx-project.json')]);
  writeFileSync(p('.forceignore'), 'eca-source/extlClntAppOauthSettings/\n');
  const r = runCheck([root], NO_OPTIONS);
  assert.ok(!r.diagnostics.some((d) => d.path === p(LOOSE_OAUTH) && d.code === 'invalid-scope'), 'a .forceignore\'d file is searched for credentials only');
});

test('--exclude (the engine option) leaves a folder out entirely; a file named explicitly is still checked', () => {
  const { root, p } = project();
  const r = runCheck([root], { ...NO_OPTIONS, exclude: ['eca-source/'] });
  assert.deepEqual(r.diagnostics.filter((d) => d.path.startsWith(p('eca-source/'))), []);
  assert.equal(r.files, 2);
  const named = runCheck([p(LOOSE_OAUTH)], { ...NO_OPTIONS, exclude: ['eca-source/'] });
  assert.deepEqual(named.diagnostics.filter((d) => d.code === 'invalid-scope').map((d) => d.severity), ['error', 'error']);
  assert.equal(named.files, 1);
});

test('the server\'s workspace agrees with the CLI; eca.exclude silences the folder and bringing it back re-checks it', async () => {
  const { root, p } = project();
  const ws = new EcaWorkspace({ home: root });
  ws.addRoot(root);
  await ws.scan(root);
  const all = () => ws.ecaFiles().flatMap((f) => ws.diagnostics(f)).concat(ws.projectDiagnostics().filter((d) => !ws.ecaFiles().includes(d.path)));
  assertLooseFolderFindings(all(), root);
  assert.deepEqual(brief(all(), root), brief(runCheck([root], NO_OPTIONS).diagnostics, root));
  assert.equal(ws.modelFor(p(LOOSE_OAUTH)).unit?.kind, 'folder');

  const impact = ws.configure({ exclude: ['eca-source/'] });
  assert.ok(impact.all);
  assert.ok(!ws.covers(p(LOOSE_OAUTH)));
  assert.ok(!ws.ecaFiles().some((f) => f.startsWith(p('eca-source/'))));
  assert.deepEqual(ws.diagnostics(p(LOOSE_OAUTH)), []);
  assert.deepEqual(ws.diagnostics(p(LONE_POLICY)), []);
  assert.ok(!ws.projectDiagnostics().some((d) => d.path.startsWith(p('eca-source/'))));
  // An excluded file opened in the editor stays silent too.
  ws.setDocument(p(LOOSE_OAUTH), readFileSync(p(LOOSE_OAUTH), 'utf8'), 1);
  assert.deepEqual(ws.diagnostics(p(LOOSE_OAUTH)), []);
  ws.closeDocument(p(LOOSE_OAUTH));

  ws.configure({ exclude: [] });
  assertLooseFolderFindings(all(), root);
});

test('the workspace follows sfdx-project.json: a loose folder that joins the package directories becomes part of the project', async () => {
  const { root, p } = project();
  const ws = new EcaWorkspace({ home: root });
  ws.addRoot(root);
  await ws.scan(root);
  assert.equal(ws.projectDiagnostics().find((d) => d.code === 'policies-without-oauth')?.severity, 'warning');
  writeFileSync(p('sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'eca-source' }], sourceApiVersion: '66.0' }));
  ws.diskChanged(p('sfdx-project.json'), false);
  assert.equal(ws.modelFor(p(LONE_POLICY)).root, root);
  assert.ok(!ws.models.some((m) => m.unit), 'the emptied unit is dropped');
  assert.equal(ws.projectDiagnostics().find((d) => d.code === 'policies-without-oauth')?.severity, 'error');
  assert.deepEqual(ws.diagnostics(p(LOOSE_OAUTH)).filter((d) => d.code === 'invalid-scope').length, 2);
});

test('a nested project below the root is a project of its own, not a loose folder: its own package directories and sourceApiVersion', () => {
  const { root, p } = project();
  const nested = 'examples/legacy';
  writeFileSync(p('sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
  cpSync(p('eca-source/externalClientApps/Lone.eca-meta.xml'), p(`${nested}/force-app/externalClientApps/Lone.eca-meta.xml`), { recursive: true });
  // isNamedUserJwtEnabled is declared up to API 63.0: valid in a project at 62.0, an error at 66.0.
  const policy = readFileSync(p(LONE_POLICY), 'utf8').replace('    <label>', '    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>\n    <label>');
  cpSync(p(LONE_POLICY), p(`${nested}/force-app/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml`));
  writeFileSync(p(`${nested}/force-app/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml`), policy);
  writeFileSync(p(`${nested}/sfdx-project.json`), JSON.stringify({ packageDirectories: [{ path: 'force-app' }], sourceApiVersion: '62.0' }));
  const inNested = (d: EngineDiagnostic) => d.path.startsWith(p(`${nested}/`));
  const fromRoot = runCheck([root], NO_OPTIONS).diagnostics.filter(inNested);
  assert.deepEqual(brief(fromRoot, root), [`${nested}/force-app/extlClntAppOauthPolicies/Lone_oauthPlcy.ecaOauthPlcy-meta.xml:2 error policies-without-oauth`]);
  assert.deepEqual(brief(runCheck([p(nested)], NO_OPTIONS).diagnostics, root), brief(fromRoot, root), 'the same as checking the nested project alone');
  // Judged at the outer project's 66.0, the element would be an error: the nested project's version applies.
  writeFileSync(p(`${nested}/sfdx-project.json`), JSON.stringify({ packageDirectories: [{ path: 'force-app' }], sourceApiVersion: '66.0' }));
  assert.ok(runCheck([root], NO_OPTIONS).diagnostics.filter(inNested).some((d) => d.code === 'unknown-element' && d.severity === 'error'));
});
