// The migration requests over the LSP wire (what the thin VS Code command sends), on the BUILT
// server (dist/server.js): `prepare` offers the patterns and package directories, `plan` answers
// the same files as the migration core as FileChange[] (creates + the sfdx-project.json edit),
// and refuses conflicts with an empty change list. Nothing is written by the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { listFiles, REAL, tempTree } from '../helpers/fs';
import { applyTextEdits } from '../../server/src/engine/authoring';
import { planMigration } from '../../server/src/migration';
import { loadProjectContext, optionsFor } from '../../server/src/migration/io';
import { MIGRATE_METHODS, type MigratePlanAnswer, type MigratePrepareAnswer } from '../../server/src/lsp/migrateProtocol';

const SOURCE = join(REAL, 'connected-apps/Thomas-Raj-SF__salesforce_githubactions/force-app/main/default/connectedApps/Jenkins.connectedApp-meta.xml');
const CA = 'force-app/main/default/connectedApps/Jenkins.connectedApp-meta.xml';
const SFDX = '{\n  "packageDirectories": [\n    {\n      "path": "force-app",\n      "default": true\n    }\n  ],\n  "sourceApiVersion": "64.0"\n}\n';
let root = '';
let lsp: LspClient;

before(async () => {
  root = tempTree({ 'sfdx-project.json': SFDX }, 'eca-migrate-lsp-');
  mkdirSync(dirname(join(root, CA)), { recursive: true });
  copyFileSync(SOURCE, join(root, CA));
  lsp = new LspClient();
  await lsp.initialize(root);
});
after(async () => {
  await lsp?.shutdown();
  rmSync(root, { recursive: true, force: true });
});

test('prepare: the app, the three patterns, the folder beside the Connected App first', async () => {
  const prep = await lsp.request<MigratePrepareAnswer>(MIGRATE_METHODS.prepare, { target: join(root, CA) });
  assert.equal(prep.name, 'Jenkins');
  assert.equal(prep.projectRoot, root);
  assert.deepEqual(prep.patterns.map((p) => p.id), ['local', '2', '1']);
  assert.equal(prep.packageDirs[0].beside, true);
  assert.equal(prep.packageDirs[0].path, `${root}/force-app/main/default`);
  assert.ok(prep.packageDirs.some((d) => d.path === `${root}/force-app`), JSON.stringify(prep.packageDirs));
});

test('plan: the migration core\'s files as creates, sfdx-project.json as an edit; nothing written', async () => {
  const before = listFiles(root).sort();
  const params = { target: join(root, CA), pattern: '2' as const, packageDir: 'force-app/main/default' };
  const plan = await lsp.request<MigratePlanAnswer>(MIGRATE_METHODS.plan, params);
  assert.deepEqual(listFiles(root).sort(), before, 'the server wrote nothing');
  const core = planMigration(join(root, CA), readFileSync(join(root, CA), 'utf8'), optionsFor(loadProjectContext(root), { pattern: '2', packageDir: `${root}/force-app/main/default` }));
  assert.ok(core.ok);
  const creates = plan.changes.filter((c) => c.kind === 'create');
  assert.deepEqual(creates.map((c) => c.kind === 'create' && [c.path, c.text]), core.creates.map((f) => [f.path, f.text]));
  assert.deepEqual(plan.executables, core.creates.filter((f) => f.executable).map((f) => f.path));
  assert.equal(plan.headerPath, `${root}/force-app/main/default/externalClientApps/Jenkins.eca-meta.xml`);
  const edit = plan.changes.find((c) => c.kind === 'edit');
  assert.ok(edit && edit.kind === 'edit' && edit.path === `${root}/sfdx-project.json`);
  assert.equal(applyTextEdits(SFDX, edit.edits), core.edits[0].text, 'the edit gives the core\'s sfdx-project.json');
  assert.match(plan.report, /Jenkins/);
  assert.deepEqual(plan.conflicts, []);

  // Once the files exist, the plan lists the conflicts and changes nothing.
  for (const c of creates) if (c.kind === 'create') { mkdirSync(dirname(c.path), { recursive: true }); writeFileSync(c.path, c.text); }
  const again = await lsp.request<MigratePlanAnswer>(MIGRATE_METHODS.plan, params);
  assert.ok(again.conflicts.length >= 1);
  assert.deepEqual(again.changes, []);
});

test('a file that is not a Connected App is refused with a code, not a crash', async () => {
  writeFileSync(join(root, 'Broken.connectedApp-meta.xml'), '');
  await assert.rejects(lsp.request(MIGRATE_METHODS.plan, { target: join(root, 'Broken.connectedApp-meta.xml'), pattern: '2', packageDir: 'force-app' }), (e: { data?: { code?: string }; message: string }) => {
    assert.equal(e.data?.code, 'INVALID');
    assert.match(e.message, /empty/);
    return true;
  });
});
