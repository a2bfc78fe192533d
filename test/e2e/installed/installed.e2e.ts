/// <reference types="mocha" />
// The packaged artifact: the .vsix built by `npm run package`, installed into code-server with
// `--install-extension`, must activate from its install folder and validate files.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { facts } from '../suite/mocha';
import { activeApi, codeOf, EXTENSION_ID, open, waitForDiagnostics, withCode } from '../suite/helpers';

suite('Installed .vsix', () => {
  test('the extension runs from the extensions folder, not from the repository', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const dir = process.env.ECA_E2E_EXTENSIONS_DIR;
    assert.ok(dir, 'ECA_E2E_EXTENSIONS_DIR is set by the runner');
    assert.ok(ext.extensionPath.startsWith(path.resolve(dir) + path.sep), `${ext.extensionPath} is under ${dir}`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    facts.installedPath = ext.extensionPath;
  });

  test('the package holds the bundles and no sources', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const f of ['dist/extension.js', 'dist/server.js', 'package.json', 'images/icon.png']) {
      assert.ok(existsSync(path.join(root, f)), `${f} is shipped`);
    }
    // vsce stores them as LICENSE.txt and readme.md
    const top = readdirSync(root).map((f) => f.toLowerCase());
    assert.ok(top.some((f) => f.startsWith('license')), `a license is shipped (${top.join(', ')})`);
    assert.ok(top.includes('readme.md'), 'the README is shipped');
    for (const f of ['client', 'server', 'test', 'out', 'node_modules', '.cache', 'examples', 'tsconfig.json']) {
      assert.ok(!existsSync(path.join(root, f)), `${f} is not shipped`);
    }
  });

  test('the details page shows its screenshots: every image and page the README links is shipped', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const readme = readdirSync(root).find((f) => f.toLowerCase() === 'readme.md')!;
    const text = readFileSync(path.join(root, readme), 'utf8');
    const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, `the README shows screenshots (${images.join(', ')})`);
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (const rel of images) {
      assert.ok(!/^https?:/.test(rel), `${rel} is a file in the package, so it loads offline`);
      const file = path.join(root, rel);
      assert.ok(existsSync(file), `${rel} is shipped`);
      assert.ok(readFileSync(file).subarray(0, 8).equals(PNG), `${rel} is a PNG image`);
    }
    const pages = [...text.matchAll(/(?<!!)\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^(https?|mailto):/.test(l));
    // vsce stores README.md and CHANGELOG.md lower-cased (the details page has tabs for them)
    const shipped = (rel: string) => existsSync(path.join(root, rel)) || (!rel.includes('/') && top.includes(rel.toLowerCase()));
    const top = readdirSync(root).map((f) => f.toLowerCase());
    for (const rel of pages) assert.ok(shipped(rel), `${rel} (linked from the README) is shipped`);
  });

  test('it activates, starts its bundled server and validates a broken file', async () => {
    const api = await activeApi();
    assert.equal(api.client.state, State.Running);
    facts.activationMs = Math.round(api.activationMs);
    facts.serverReadyMs = Math.round(await api.serverReady);
    const editor = await open('force-app/main/default/externalClientApps/Broken_App.eca-meta.xml');
    const diags = await waitForDiagnostics(editor.document.uri, withCode('invalid-enum'), 'invalid-enum');
    const d = diags.find((x) => codeOf(x) === 'invalid-enum')!;
    assert.equal(editor.document.getText(d.range), 'Lokal');
  });
});
