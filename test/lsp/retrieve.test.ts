// The retrieve requests over the LSP wire (what the thin VS Code command sends): the BUILT server
// (dist/server.js) with the harness's isolated HOME, against the org simulator. The answers are
// FileChange[]: creates for new files, one minimal edit for a changed file, nothing for unchanged
// ones; no secret in any of them; login problems carry their code and the login command.
import { HOME, childEnv, grepTree, loginToSim, makeProject, simSecrets } from '../helpers/retrieveHarness';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { startOrgSim, type OrgSim } from '../org-sim/server';
import { applyTextEdits } from '../../server/src/engine/authoring';
import type { FileChange } from '../../server/src/engine/types';
import {
  RETRIEVE_METHODS, type ListAppsAnswer, type PrepareAnswer, type RetrieveLoginsAnswer, type RetrieveProjectAnswer,
} from '../../server/src/lsp/retrieveProtocol';
import { assertEvery } from '../helpers/assert';

const ALIAS = 'LspHub';
let sim: OrgSim;
let lsp: LspClient;
let root = '';

before(async () => {
  sim = await startOrgSim();
  await loginToSim(sim, ALIAS, { setDevHub: true });
  root = makeProject();
  lsp = new LspClient(childEnv());
  await lsp.initialize(root);
});
after(async () => {
  await lsp?.shutdown();
  await sim?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Writes FileChange[] to disk the way the one WorkspaceEdit would: creates must not exist, edits apply to the current text. */
function applyToDisk(changes: FileChange[]): void {
  for (const c of changes) {
    if (c.kind === 'create') {
      mkdirSync(dirname(c.path), { recursive: true });
      writeFileSync(c.path, c.text, { flag: 'wx' });
    } else if (c.kind === 'edit') {
      writeFileSync(c.path, applyTextEdits(readFileSync(c.path, 'utf8'), c.edits));
    } else assert.fail('retrieve never renames');
  }
}

test('project, logins and the org\'s apps', async () => {
  const project = await lsp.request<RetrieveProjectAnswer | null>(RETRIEVE_METHODS.project, { target: join(root, 'force-app') });
  assert.equal(project?.root, root);
  assert.deepEqual(project?.packageDirs.map((d) => d.path), ['force-app', 'eca-pkg']);
  const { logins, loginHint } = await lsp.request<RetrieveLoginsAnswer>(RETRIEVE_METHODS.logins, { root });
  assert.ok(logins.some((l) => l.aliases.includes(ALIAS) && l.isTargetDevHub), JSON.stringify(logins));
  assert.match(loginHint, /^sf org login web /);
  const { apps } = await lsp.request<ListAppsAnswer>(RETRIEVE_METHODS.listApps, { root, targetOrg: ALIAS });
  assert.ok(apps.some((a) => a.fullName === 'ecaViaMetadata' && a.localDir === undefined), JSON.stringify(apps));
  assert.equal(await lsp.request(RETRIEVE_METHODS.project, { target: HOME }), null);
});

test('prepare answers creates; applied, a second prepare answers nothing; a local change gets one minimal edit back', async () => {
  const params = { root, targetOrg: ALIAS, ecas: ['ecaViaMetadata'] };
  const first = await lsp.request<PrepareAnswer>(RETRIEVE_METHODS.prepare, params);
  assert.equal(first.org.username, sim.username);
  assert.ok(first.files.length >= 3 && first.files.every((f) => f.state === 'Created'), JSON.stringify(first.files));
  assert.deepEqual(first.changes.map((c) => c.kind), first.files.map(() => 'create'));
  const secrets = simSecrets(sim);
  for (const c of first.changes) for (const s of secrets) assert.equal(JSON.stringify(c).includes(s), false, 'no secret in a change');
  applyToDisk(first.changes);
  assert.deepEqual(grepTree(root, secrets), []);

  const second = await lsp.request<PrepareAnswer>(RETRIEVE_METHODS.prepare, params);
  assertEvery(second.files, (f) => f.state === 'Unchanged', 'second.files');
  assert.deepEqual(second.changes, []);

  const header = second.files.find((f) => f.type === 'ExternalClientApplication')!.absPath;
  const org = readFileSync(header, 'utf8');
  const local = org.replace('<label>', '<!-- local note -->\n    <label>');
  assert.notEqual(local, org);
  writeFileSync(header, local);
  const third = await lsp.request<PrepareAnswer>(RETRIEVE_METHODS.prepare, params);
  assert.deepEqual(third.files.filter((f) => f.state === 'Changed').map((f) => f.absPath), [header]);
  assert.equal(third.files.find((f) => f.absPath === header)!.orgText, org);
  assert.equal(third.changes.length, 1);
  const [edit] = third.changes;
  assert.equal(edit.kind, 'edit');
  if (edit.kind !== 'edit') return;
  assert.equal(edit.edits.length, 1);
  assert.ok(edit.edits[0].range.end.line - edit.edits[0].range.start.line <= 1, `only the changed span: ${JSON.stringify(edit.edits[0].range)}`);
  applyToDisk(third.changes);
  assert.equal(readFileSync(header, 'utf8'), org);
});

test('an org without a login: the error carries NO_LOGIN and the login command', async () => {
  await assert.rejects(lsp.request(RETRIEVE_METHODS.listApps, { root, targetOrg: 'NoSuchAlias' }), (e: { data?: { code?: string; hint?: string } }) => {
    assert.equal(e.data?.code, 'NO_LOGIN');
    assert.match(e.data?.hint ?? '', /sf org login web/);
    return true;
  });
});
