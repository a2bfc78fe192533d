// The engine's workspace in process: one walk, documents parsed once per version, open documents
// winning over disk, and the impact of a change (which files to check again) decided by the engine.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { EcaWorkspace, loadProject } from '../../server/src/engine';
import { eca, tempTree } from '../helpers/fs';

const D = 'force-app/main/default';
const H = `${D}/externalClientApps/MyApp.eca-meta.xml`;
const O = `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`;
const X = `${D}/extlClntAppOauthSettings/Other_oauth.ecaOauth-meta.xml`;
const header = (state: string, label = 'MyApp') => eca('ExternalClientApplication', `    <distributionState>${state}</distributionState>\n    <label>${label}</label>\n`);
const oauth = (app: string) => eca('ExtlClntAppOauthSettings', `    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>${app}</externalClientApplication>\n`);
const FILES = {
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
  [H]: header('Local'),
  [O]: oauth('MyApp'),
  [X]: oauth('Other'),
  'unpackaged/externalClientApps/Stray.eca-meta.xml': header('Local', 'Stray'),
};

const roots: string[] = [];
after(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

async function indexed(): Promise<{ ws: EcaWorkspace; p: (rel: string) => string }> {
  const root = tempTree(FILES);
  roots.push(root);
  const ws = new EcaWorkspace({ home: root });
  ws.addRoot(root);
  const stats = await ws.scan(root);
  assert.equal(stats.ecaFiles, 4);
  return { ws, p: (rel) => `${root}/${rel}` };
}

test('a document is parsed once per version: every service reads the same parse', async () => {
  const { ws, p } = await indexed();
  ws.setDocument(p(H), header('Packaged'), 2);
  const parsed = ws.document(p(H))!.parsed;
  ws.fileDiagnostics(p(H));
  assert.equal(ws.parsed(p(H)), parsed, 'validation did not parse again');
  ws.setDocument(p(H), header('Packaged'), 2);
  assert.equal(ws.document(p(H))!.parsed, parsed, 'the same version is not parsed again');
  assert.equal(ws.modelFor(p(H)).components.get(p(H))!.distributionState, 'Packaged', 'the project index reads the editor text');
});

test('impact: a fact other files read re-checks the app\'s files and the project; a label edit only the file', async () => {
  const { ws, p } = await indexed();
  const otherBefore = ws.fileDiagnostics(p(X));
  const facts = ws.setDocument(p(H), header('Packaged'), 1);
  assert.deepEqual([...facts.files].sort(), [p(H), p(O)].sort());
  assert.equal(facts.project, true);
  assert.equal(facts.all, false);
  const label = ws.setDocument(p(H), header('Packaged', 'Renamed label'), 2);
  assert.deepEqual([...label.files], [p(H)]);
  assert.equal(label.project, false, 'no fact and no range the project rules read moved');
  const moved = ws.setDocument(p(H), header('Packaged', 'Renamed label').replace('<distributionState>', '\n    <distributionState>'), 3);
  assert.deepEqual([...moved.files], [p(H)]);
  assert.equal(moved.project, true, 'ranges moved: project findings on the file move with them');
  // The dependent's cached diagnostics were dropped: oauth-link-missing now applies.
  assert.ok(ws.fileDiagnostics(p(O)).some((d) => d.code === 'oauth-link-missing'));
  assert.equal(ws.fileDiagnostics(p(X)), otherBefore, 'another app\'s files keep their cached diagnostics');
});

test('project rules ahead of time, in slices: the same answer as at once; a change during the run drops its answer', async () => {
  const { ws, p } = await indexed();
  const atOnce = JSON.stringify(ws.projectDiagnostics());
  ws.invalidateAll();
  assert.equal(ws.projectStale, true);
  await ws.refreshProject(0); // slices of 0 ms: the event loop gets a turn after every rule
  assert.equal(ws.projectStale, false);
  assert.equal(JSON.stringify(ws.projectDiagnostics()), atOnce);

  ws.invalidateAll();
  const run = ws.refreshProject(0);
  // While the run waits for its next turn, a project fact changes: what the run computed is stale.
  assert.equal(ws.setDocument(p(O), oauth('Nobody'), 1).project, true);
  await run;
  assert.equal(ws.projectStale, true, 'the run saw a change: its answer is not kept');
  assert.ok(ws.projectDiagnostics().some((d) => d.code === 'unknown-eca' && d.path === p(O)), 'asked now, the rules run on the changed model');
  assert.equal(ws.projectStale, false);
});

test('closing a document makes the disk the truth again; sfdx-project.json changes affect everything', async () => {
  const { ws, p } = await indexed();
  ws.setDocument(p(H), header('Packaged'), 1);
  const closed = ws.closeDocument(p(H));
  assert.ok(closed.files.has(p(O)));
  assert.equal(ws.modelFor(p(H)).components.get(p(H))!.distributionState, 'Local');
  writeFileSync(p('sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app' }, { path: 'unpackaged' }] }));
  assert.equal(ws.diskChanged(p('sfdx-project.json'), false).all, true);
  assert.deepEqual(ws.ecaFiles().map((f) => f.slice(f.indexOf('/force-app') + 1 || f.indexOf('/unpackaged') + 1)).sort(),
    [H, O, X, 'unpackaged/externalClientApps/Stray.eca-meta.xml'].sort());
});

test('a disk deletion removes the file and re-checks its app', async () => {
  const { ws, p } = await indexed();
  rmSync(p(H));
  const impact = ws.diskChanged(p(H), true);
  assert.ok(impact.files.has(p(O)) && impact.project);
  assert.ok(!ws.ecaFiles().includes(p(H)));
  assert.ok(ws.diagnostics(p(O)).some((d) => d.code === 'unknown-eca'));
});

test('loadProject: one walk of the package directories, each file parsed once', () => {
  const root = tempTree(FILES);
  roots.push(root);
  const seen: string[] = [];
  const { model, files } = loadProject(root, { home: root, onParsed: (f) => seen.push(f.path) });
  assert.deepEqual(files.sort(), [H, O, X].map((r) => `${root}/${r}`).sort(), 'only the package directory');
  assert.deepEqual(seen.sort(), files.sort());
  assert.deepEqual(model.ecaNames(), ['MyApp']);
});
