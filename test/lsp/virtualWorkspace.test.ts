// Desktop VS Code in a virtual workspace (GitHub Repositories opens github.com folders as
// vscode-vfs://github/owner/repo; nothing of it is on the disk): the extension starts the Node
// server with --remote-fs, and the server reads the workspace through the extension (eca/fs/*,
// answered from vscode.workspace.fs) as the browser build does. Here the built server
// (dist/server.js --stdio --remote-fs) gets a vscode-vfs: folder whose files are an in-memory copy
// of a fixture project, answered by this test over eca/fs/*, and must publish the diagnostics the
// same server publishes for the project on disk, file by file (paths relative to each root).
// Without --remote-fs the server would look on the disk, find no project and check an open file
// alone: no workspace diagnostics, or false cross-file ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { ResponseError } from 'vscode-jsonrpc/node';
import { comparable, filesOf, nodeRun, pathOfUri, type Published } from '../helpers/agreement';
import { LspClient } from '../helpers/lspClient';
import { FIXTURES, REPO, tempDir } from '../helpers/fs';

const VROOT = '/owner/repo';
const vfsUri = (path: string) => `vscode-vfs://github${path.split('/').map(encodeURIComponent).join('/')}`;

/** The in-memory workspace: `files` (path → base64) answered over eca/fs/* as webFs.ts answers from vscode.workspace.fs. */
function serveFiles(c: LspClient, files: Record<string, string>): Set<string> {
  const dirs = new Map<string, Map<string, 'file' | 'dir'>>();
  for (const path of Object.keys(files)) {
    let child = path;
    for (let d = path.slice(0, path.lastIndexOf('/')) || '/'; ; d = d.slice(0, d.lastIndexOf('/')) || '/') {
      if (!dirs.has(d)) dirs.set(d, new Map());
      dirs.get(d)!.set(child.slice(child.lastIndexOf('/') + 1), child === path ? 'file' : 'dir');
      if (d === '/') break;
      child = d;
    }
  }
  const asked = new Set<string>();
  const missing = (path: string) => new ResponseError(-32803, `ENOENT: ${path}`, { code: 'ENOENT' });
  c.onRequest('eca/fs/readDir', ({ path }: { path: string }) => {
    asked.add(path);
    const list = dirs.get(path);
    if (!list) throw missing(path);
    return [...list].map(([name, kind]) => ({ name, kind }));
  });
  c.onRequest('eca/fs/readFile', ({ path }: { path: string }) => {
    asked.add(path);
    if (!(path in files)) throw missing(path);
    return files[path];
  });
  c.onRequest('eca/fs/stat', ({ path }: { path: string }) => {
    asked.add(path);
    return path in files ? 'file' : dirs.has(path) ? 'dir' : null;
  });
  return asked;
}

/** The project at `root` as the virtual workspace VROOT, served to `dist/server.js --stdio --remote-fs`. */
async function virtualRun(root: string, openFile?: string): Promise<{ published: Published; asked: Set<string> }> {
  const files = Object.fromEntries(Object.entries(filesOf(root)).map(([p, b]) => [VROOT + p.slice(root.length), b]));
  const c = new LspClient({ ...process.env, HOME: tempDir('eca-home-') }, ['--remote-fs']);
  try {
    const asked = serveFiles(c, files);
    const published: Published = {};
    c.onPublish.push((p) => { published[p.uri] = p.diagnostics; });
    await c.initialize(VROOT, {}, vfsUri(VROOT));
    const opened = openFile && VROOT + openFile.slice(root.length);
    if (opened) void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: vfsUri(opened), languageId: 'xml', version: 1, text: readFileSync(openFile, 'utf8') } });
    await c.waitForLog(/^workspace diagnostics/, 60000);
    if (opened) await c.until(() => c.diagnostics.get(vfsUri(opened))?.version === 1, `diagnostics of the open ${opened}`);
    return { published, asked };
  } finally {
    await c.shutdown();
  }
}

const PROJECTS = [resolve(REPO, 'examples'), join(FIXTURES, 'verify/sfp-aliasfy'), join(FIXTURES, 'patterns/source-local-two-apps')];

for (const root of PROJECTS) {
  const name = root.slice(REPO.length + 1);
  test(`virtual workspace (vscode-vfs:, --remote-fs) = disk: ${name}`, async () => {
    const virtual = await virtualRun(root);
    const disk = await nodeRun(root);
    assert.ok(virtual.asked.has(`${VROOT}/sfdx-project.json`), `the server read the project through eca/fs/*: ${[...virtual.asked].slice(0, 5).join(', ')}`);
    for (const uri of Object.keys(virtual.published)) assert.match(uri, /^vscode-vfs:\/\/github\/owner\/repo\//);
    const v = comparable(virtual.published, VROOT);
    const d = comparable(disk.published, root);
    if (name === 'examples') assert.ok(Object.keys(d).length > 0, 'the example project has problems');
    assert.deepEqual(v, d);
  });
}

test('an open file of a virtual workspace is checked with its project, as on disk', async () => {
  const root = resolve(REPO, 'examples');
  const file = join(root, 'src/integrations/eca-definition/extlClntAppOauthSettings/Acme_Portal_oauth.ecaOauth-meta.xml');
  const virtual = await virtualRun(root, file);
  const disk = await nodeRun(root, file);
  const opened = `${VROOT}${file.slice(root.length)}`;
  assert.ok(Object.keys(virtual.published).some((u) => pathOfUri(u) === opened), `published ${opened}`);
  assert.deepEqual(comparable(virtual.published, VROOT)[`<root>${file.slice(root.length)}`], comparable(disk.published, root)[`<root>${file.slice(root.length)}`]);
  assert.deepEqual(comparable(virtual.published, VROOT), comparable(disk.published, root));
});
