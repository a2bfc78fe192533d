// The engine's disk walker and file classes decide which files count (the CLI, the server and the
// Environments view share them): source format anywhere, metadata format inside its type folder,
// and for each file found in a repository, how it is checked (scopeOf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { win32 } from 'node:path';
import { absolutePath } from '../../server/src/engine/host/disk';
import { classify, isEcaPath } from '../../server/src/engine/files';
import { ProjectModel } from '../../server/src/engine/project/model';
import { loadProjectFiles, scopeOf, walkEcaFiles, walkRepository } from '../../server/src/engine/project/scan';
import { checkFile } from '../../server/src/engine';
import { tempTree, eca } from '../helpers/fs';

test('metadata-format files are ECA files inside their type folder only', () => {
  const c = classify('/r/unpackaged/extlClntAppOauthSettings/App_oauth.ecaOauth');
  assert.ok(c?.kind === 'eca' && c.metadataFormat && c.name === 'App_oauth' && c.type.name === 'ExtlClntAppOauthSettings');
  const settings = classify('/r/unpackaged/settings/ExternalClientApp.settings');
  assert.ok(settings?.kind === 'eca' && settings.type.name === 'ExternalClientAppSettings');
  assert.equal(classify('/r/docs/App.eca'), null, 'not in externalClientApps/');
  assert.equal(classify('/r/unpackaged/externalClientApps/App.ecaOauth'), null, 'suffix of another type');
  assert.equal(classify('/r/unpackaged/settings/Security.settings'), null);
  assert.ok(isEcaPath('/r/unpackaged/externalClientApps/App.eca'));
  assert.ok(isEcaPath('/r/force-app/x/App.eca-meta.xml'));
  assert.ok(!isEcaPath('/r/externalClientApps/README.md'));
});

test('walkEcaFiles finds both formats, skips tool folders and bundles, does not follow directory links', () => {
  const root = tempTree({
    'force-app/main/default/externalClientApps/A.eca-meta.xml': 'x',
    'mdapi/externalClientApps/B.eca': 'x',
    'mdapi/extlClntAppGlobalOauthSets/B_glbl.ecaGlblOauth': 'x',
    'mdapi/settings/ExternalClientApp.settings': 'x',
    'mdapi/package.xml': '<Package/>',
    'docs/notes.eca': 'x',
    'node_modules/p/externalClientApps/C.eca': 'x',
    '.sfdx/tools/externalClientApps/D.eca-meta.xml': 'x',
    'force-app/main/default/lwc/externalClientApps/E.eca': 'x',
  });
  try {
    symlinkSync(`${root}/mdapi`, `${root}/loop`, 'dir');
    const files = walkEcaFiles(root).files.map((f) => f.slice(root.length + 1)).sort();
    assert.deepEqual(files, [
      'force-app/main/default/externalClientApps/A.eca-meta.xml',
      'mdapi/externalClientApps/B.eca',
      'mdapi/extlClntAppGlobalOauthSets/B_glbl.ecaGlblOauth',
      'mdapi/settings/ExternalClientApp.settings',
    ]);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('scopeOf: package directories are the project; a package.xml tree and a source folder outside them are deploy units of their own; a stray in the root is searched for secrets; excluded files are not walked', () => {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }, { path: 'src/main' }] }),
    'force-app/main/default/externalClientApps/A.eca-meta.xml': 'x',
    'unpackaged/package.xml': '<Package/>',
    'unpackaged/externalClientApps/B.eca': 'x',
    'retrieve_tmp/main/default/extlClntAppGlobalOauthSets/A.ecaGlblOauth-meta.xml': 'x',
    'src/main/externalClientApps/C.eca-meta.xml': 'x',
    'src/extra/externalClientApps/D.eca-meta.xml': 'x',
    'E.eca-meta.xml': 'x',
    'test/fixtures/externalClientApps/F.eca-meta.xml': 'x',
  });
  try {
    const model = new ProjectModel(root);
    loadProjectFiles(model);
    model.setExclude(['test/fixtures/']);
    const scopes = Object.fromEntries(walkRepository(model).files.map((f) => [f.path.slice(root.length + 1), f.scope]));
    assert.deepEqual(scopes, {
      'force-app/main/default/externalClientApps/A.eca-meta.xml': { kind: 'project' },
      'unpackaged/externalClientApps/B.eca': { kind: 'mdapi', root: `${root}/unpackaged` },
      // The folder `sf project deploy start -d retrieve_tmp` names: the topmost one below the root…
      'retrieve_tmp/main/default/extlClntAppGlobalOauthSets/A.ecaGlblOauth-meta.xml': { kind: 'folder', root: `${root}/retrieve_tmp` },
      'src/main/externalClientApps/C.eca-meta.xml': { kind: 'project' },
      // …that holds no package directory (src/ holds src/main).
      'src/extra/externalClientApps/D.eca-meta.xml': { kind: 'folder', root: `${root}/src/extra` },
      'E.eca-meta.xml': { kind: 'secrets' },
    });
    // Without sfdx-project.json the whole tree is the project.
    const bare = new ProjectModel(`${root}/retrieve_tmp`);
    assert.deepEqual(scopeOf(bare, `${root}/retrieve_tmp/main/default/extlClntAppGlobalOauthSets/A.ecaGlblOauth-meta.xml`), { kind: 'project' });
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('a metadata-format file gets the same checks as source format; its root-mismatch fix does not rename it to another suffix', () => {
  const text = eca('ExtlClntAppOauthSettings', '    <externalClientApplication>A</externalClientApplication>\n');
  const mdapi = checkFile('/r/unpackaged/externalClientApps/A.eca', text, null);
  const source = checkFile('/r/force-app/externalClientApps/A.eca-meta.xml', text, null);
  assert.deepEqual(mdapi.map((d) => d.code), source.map((d) => d.code));
  const fix = mdapi.find((d) => d.code === 'root-mismatch')!;
  assert.ok(fix);
  assert.ok(!(fix.fixes ?? []).some((f) => f.changes.some((c) => c.kind === 'rename')));
  assert.ok((source.find((d) => d.code === 'root-mismatch')!.fixes ?? []).some((f) => f.changes.some((c) => c.kind === 'rename')));
});

test("absolute paths: a path rooted at '/' stays there on Windows too (a virtual workspace's), others resolve on the platform", () => {
  // Windows in C:\\work (path.win32 itself; on this machine's cwd it would find no drive).
  const onWindows = (p: string) => win32.resolve('C:\\work', p);
  assert.equal(absolutePath('/owner/repo/force-app', onWindows), '/owner/repo/force-app');
  assert.equal(absolutePath('/owner/repo/./a/../b/', onWindows), '/owner/repo/b');
  assert.equal(absolutePath('force-app', onWindows), 'C:/work/force-app');
  assert.equal(absolutePath('D:\\repo\\src', onWindows), 'D:/repo/src');
  assert.equal(absolutePath('\\\\srv\\share\\repo', onWindows), '//srv/share/repo');
  assert.equal(absolutePath('/owner/repo'), '/owner/repo');
});
