// The authoring requests over the LSP wire, against the built server (dist/server.js --stdio):
// plans come from the server's model, open editors' unsaved text wins over the disk, refusals are
// ResponseErrors carrying the engine's code, `sync` brings files written behind the server's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContextAnswer, FlipAnswer, NewEcaAnswer, ScaffoldAnswer } from '../../server/src/lsp/authoringProtocol';
import { LspClient } from '../helpers/lspClient';
import { tempTree, tempDir } from '../helpers/fs';
import { assertEvery } from '../helpers/assert';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const HEADER = 'force-app/externalClientApps/App.eca-meta.xml';
const SFDX = '{\n  "packageDirectories": [\n    { "path": "force-app", "package": "app", "versionNumber": "1.0.0.NEXT", "default": true }\n  ]\n}\n';
const headerText = (state: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>${state}</distributionState>\n</ExternalClientApplication>\n`;

let root: string;
let client: LspClient;
const p = (rel: string) => `${root}/${rel}`;

before(async () => {
  root = tempTree({
    'sfdx-project.json': SFDX,
    [HEADER]: headerText('Local'),
    'force-app/extlClntAppOauthSettings/App_settings.ecaOauth-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthSettings xmlns="${NS}">\n    <externalClientApplication>App</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n</ExtlClntAppOauthSettings>\n`,
  });
  client = new LspClient({ ...process.env, HOME: root });
  await client.initialize(root);
  await client.indexed();
});
after(async () => { await client.shutdown(); });

async function refusal(method: string, params: object): Promise<{ code: number; message: string; data?: { code: string } }> {
  try {
    await client.request(method, params);
  } catch (e) {
    return e as { code: number; message: string; data?: { code: string } };
  }
  return assert.fail(`${method} was not refused`);
}

test('context: the apps with their package and pattern, environments, the app a satellite belongs to', async () => {
  const ctx = await client.request<ContextAnswer>('eca/authoring/context', { target: p('force-app/extlClntAppOauthSettings/App_settings.ecaOauth-meta.xml') });
  assert.equal(ctx.root, root);
  // The pattern is the one model's (project/pattern.ts): unlocked package + oauthLink outweigh Local.
  assert.deepEqual(ctx.ecas.map((e) => [e.name, e.distributionState, e.package?.type, e.pattern, e.hasOauthLink]), [['App', 'Local', 'unlocked', 1, true]]);
  assert.equal(ctx.targetEca, 'App', 'the OAuth settings are named unlike the app; the server knows whose they are');
  assert.deepEqual(ctx.environments.map((e) => e.alias), ['default']);
});

test('flip: the plan uses the open editor\'s unsaved text and reports its version', async () => {
  const disk = await client.request<FlipAnswer>('eca/authoring/flip', { target: p(HEADER), path: p(HEADER) });
  assert.equal(disk.from, 'Local');
  assert.deepEqual(disk.versions, { [p(HEADER)]: null }, 'not open: no version');
  client.open(p(HEADER), headerText('Packaged'), 7);
  const open = await client.request<FlipAnswer>('eca/authoring/flip', { target: p(HEADER), eca: 'App' });
  assert.equal(open.from, 'Packaged');
  assert.equal(open.to, 'Local');
  assert.deepEqual(open.versions[p(HEADER)], 7);
  assert.deepEqual(open.followUps.map((f) => f.id), ['package-source', 'forceignore']);
  client.close(p(HEADER));
});

test('refusals are ResponseErrors with the engine\'s code: an unsaved broken sfdx-project.json, an unknown app', async () => {
  client.open(p('sfdx-project.json'), '{ "packageDirectories": [', 2);
  const broken = await refusal('eca/authoring/flip', { target: p(HEADER), eca: 'App' });
  assert.equal(broken.code, -32600);
  assert.equal(broken.data?.code, 'MALFORMED_PROJECT');
  assert.match(broken.message, /sfdx-project\.json cannot be parsed/);
  client.close(p('sfdx-project.json'));
  const unknown = await refusal('eca/authoring/scaffold', { target: root, eca: 'Nope', envs: ['default'] });
  assert.equal(unknown.data?.code, 'NOT_FOUND');
  const noTarget = await refusal('eca/authoring/context', {});
  assert.equal(noTarget.code, -32602);
});

test('sync: a header written behind the server\'s back is found once the request names it', async () => {
  const rel = 'force-app/externalClientApps/Quiet.eca-meta.xml';
  writeFileSync(p(rel), headerText('Local'));
  const before = await refusal('eca/authoring/scaffold', { target: root, eca: 'Quiet', envs: ['default'] });
  assert.equal(before.data?.code, 'NOT_FOUND');
  const plan = await client.request<ScaffoldAnswer>('eca/authoring/scaffold', { target: root, eca: 'Quiet', envs: ['default'], sync: [p(rel)] });
  assert.equal(plan.packageDir, 'eca-policies');
  assert.deepEqual(plan.changes.map((c) => c.kind).sort(), ['create', 'edit']);
});

test('new in a folder outside every project: the server makes a model for it and plans the project file', async () => {
  const dir = tempDir('eca-authoring-lsp-').replace(/\\/g, '/');
  const plan = await client.request<NewEcaAnswer>('eca/authoring/new', { target: dir, name: 'Fresh', pattern: 1 });
  assert.equal(plan.projectFileCreated, true);
  assert.deepEqual(plan.created.sort(), ['.forceignore', 'sfdx-project.json', 'src/integrations/eca-fresh/externalClientApps/Fresh.eca-meta.xml']);
  assertEvery(plan.changes, (c) => c.kind === 'create' && c.path.startsWith(dir + '/'), 'plan.changes');
});
