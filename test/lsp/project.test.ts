// Project-level features over the LSP wire: cross-file diagnostics, definition, references,
// rename (full WorkspaceEdit), watched-file events, and incremental state = a fresh full check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { LspClient, uriOf, type Diag } from '../helpers/lspClient';
import { tempTree } from '../helpers/fs';
import { PATTERN1 } from '../unit/projectCases';
import { unmark } from '../helpers/engine';
import { runCheck } from '../../server/src/cli';

const PO = 'src/integrations/eca-policies';
const D = 'src/integrations/eca-definition';
let root: string;
let client: LspClient;
const p = (rel: string) => `${root}/${rel}`;
const files = Object.fromEntries(Object.entries(PATTERN1).map(([k, v]) => [k, unmark(v).text]));

before(async () => {
  root = tempTree(files);
  client = new LspClient({ ...process.env, HOME: root });
  await client.initialize(root);
  await client.indexed();
});
after(async () => { await client.shutdown(); });

const UAT = `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;

test('definition jumps from externalClientApplication to the ECA header', async () => {
  client.open(p(UAT), files[UAT]);
  const line = files[UAT].split('\n').findIndex((l) => l.includes('<externalClientApplication>'));
  const locs = await client.request<{ uri: string; range: unknown }[]>('textDocument/definition', { textDocument: { uri: uriOf(p(UAT)) }, position: { line, character: 33 } });
  assert.deepEqual(locs.map((l) => l.uri), [uriOf(p(`${D}/externalClientApps/MyApp.eca-meta.xml`))]);
});

test('references list every satellite in every environment', async () => {
  const line = files[UAT].split('\n').findIndex((l) => l.includes('<externalClientApplication>'));
  const locs = await client.request<{ uri: string }[]>('textDocument/references', { textDocument: { uri: uriOf(p(UAT)) }, position: { line, character: 33 }, context: { includeDeclaration: true } });
  assert.deepEqual(locs.map((l) => l.uri).sort(), [
    `${D}/externalClientApps/MyApp.eca-meta.xml`, `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`,
    `${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, `${PO}/prod/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, UAT,
  ].map((r) => uriOf(p(r))).sort());
});

test('rename returns the full WorkspaceEdit: values, then file renames', async () => {
  const line = files[UAT].split('\n').findIndex((l) => l.includes('<externalClientApplication>'));
  const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uriOf(p(UAT)) }, position: { line, character: 33 } });
  assert.equal(prep.placeholder, 'MyApp');
  const edit = await client.request<{ documentChanges: Record<string, unknown>[] }>('textDocument/rename', { textDocument: { uri: uriOf(p(UAT)) }, position: { line, character: 33 }, newName: 'Billing' });
  const edits = edit.documentChanges.filter((c) => 'textDocument' in c) as { textDocument: { uri: string; version: number | null }; edits: { newText: string; range: { start: { line: number; character: number } } }[] }[];
  const renames = edit.documentChanges.filter((c) => c.kind === 'rename') as { oldUri: string; newUri: string }[];
  const valueLine = (rel: string) => files[rel].split('\n').findIndex((l) => l.includes('<externalClientApplication>'));
  assert.deepEqual(edits.map((e) => [e.textDocument.uri, e.edits.map((x) => [x.newText, x.range.start.line, x.range.start.character])]).sort(), [
    [uriOf(p(`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`)), [['Billing', valueLine(`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`), 31]]],
    ...['default', 'prod', 'uat'].map((e) => [uriOf(p(`${PO}/${e}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`)), [['Billing', valueLine(`${PO}/${e}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`), 31]]]),
  ].sort());
  assert.equal(edits.find((e) => e.textDocument.uri === uriOf(p(UAT)))!.textDocument.version, 1, 'open documents are versioned');
  assert.deepEqual(renames.map((r) => [r.oldUri, r.newUri]).sort(), [
    [`${D}/externalClientApps/MyApp.eca-meta.xml`, `${D}/externalClientApps/Billing.eca-meta.xml`],
    [`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`, `${D}/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml`],
    ...['default', 'prod', 'uat'].map((e) => [`${PO}/${e}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, `${PO}/${e}/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml`]),
  ].map(([a, b]) => [uriOf(p(a)), uriOf(p(b))]).sort());
  const bad = await client.request('textDocument/rename', { textDocument: { uri: uriOf(p(UAT)) }, position: { line, character: 33 }, newName: 'not valid' }).then(() => null, (e: Error) => e.message);
  assert.match(String(bad), /not a valid API name/);
});

test('a watched-file event re-checks the files that depend on it', async () => {
  const oauth = `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`;
  const header = `${D}/externalClientApps/MyApp.eca-meta.xml`;
  client.open(p(oauth), files[oauth]);
  await client.waitForDiagnostics(p(oauth), (d) => !d.some((x) => x.code === 'local-in-unlocked-package'));
  // The header changes on disk (e.g. git checkout): Packaged → Local, not open in the editor.
  writeFileSync(p(header), files[header].replace('Packaged', 'Local'));
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(p(header)), type: 2 }] });
  // The header's own project diagnostic is published although the file is not open.
  await client.waitForDiagnostics(p(header), (d: Diag[]) => d.some((x) => x.code === 'local-in-unlocked-package'));
  writeFileSync(p(header), files[header]);
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(p(header)), type: 2 }] });
  await client.waitForDiagnostics(p(header), (d: Diag[]) => !d.some((x) => x.code === 'local-in-unlocked-package'));
});

test('deleting the ECA header makes its satellites unknown-eca; restoring it clears them', async () => {
  const header = `${D}/externalClientApps/MyApp.eca-meta.xml`;
  rmSync(p(header));
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(p(header)), type: 3 }] });
  await client.waitForDiagnostics(p(UAT), (d) => d.some((x) => x.code === 'unknown-eca'));
  writeFileSync(p(header), files[header]);
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(p(header)), type: 1 }] });
  await client.waitForDiagnostics(p(UAT), (d) => !d.some((x) => x.code === 'unknown-eca'));
});

test('differential: after random edits, the editor state equals a fresh full check', async () => {
  let seed = 42;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const targets = Object.keys(files).filter((k) => k.endsWith('-meta.xml'));
  const mutations: ((t: string) => string)[] = [
    (t) => t.replace(/Packaged|Local/, (m) => (m === 'Packaged' ? 'Local' : 'Packaged')),
    (t) => t.replace(/<isClientCredentialsFlowEnabled>(true|false)</, (_m, v) => `<isClientCredentialsFlowEnabled>${v === 'true' ? 'false' : 'true'}<`),
    (t) => t.replace('<externalClientApplication>MyApp<', '<externalClientApplication>MyAp<'),
    (t) => t.replace('<externalClientApplication>MyAp<', '<externalClientApplication>MyApp<'),
    (t) => t.replace('Enforce', 'ENFORCE'),
    (t) => t.replace('</label>', '</labl>'),
    (t) => t.replace(/<clientCredentialsFlowUser>[^<]*</, '<clientCredentialsFlowUser>integration-user@prod.example.com<'),
    (t) => t.replace('<externalClientApplication>', '<!-- moved -->\n    <externalClientApplication>'),
  ];
  const current = new Map<string, { text: string; version: number }>();
  for (let i = 0; i < 40; i++) {
    const rel = targets[rand(targets.length)];
    const cur = current.get(rel) ?? { text: files[rel], version: 1 };
    if (!current.has(rel)) { client.close(p(rel)); client.open(p(rel), cur.text, cur.version); }
    const next = { text: mutations[rand(mutations.length)](cur.text), version: cur.version + 1 };
    current.set(rel, next);
    client.change(p(rel), next.text, next.version);
  }
  // Save every edited document to disk, then compare with the CLI's fresh check of the tree.
  for (const [rel, { text }] of current) writeFileSync(p(rel), text);
  const fresh = runCheck([root], { disabled: [], overrides: {} });
  const key = (ds: { code: string; range: { start: { line: number; character: number } } }[]) =>
    ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();
  for (const [rel, { version }] of current) {
    const expected = key(fresh.diagnostics.filter((d) => d.path === p(rel)));
    // The publication for the last version first; then, since dependents may be re-published after
    // it, the state converges on the fresh check (every publication re-checks; one deadline).
    await client.waitForDiagnostics(p(rel), () => client.diagnostics.get(uriOf(p(rel)))?.version === version);
    const now = () => key(client.diagnostics.get(uriOf(p(rel)))?.diagnostics ?? []);
    await client
      .until(() => JSON.stringify(now()) === JSON.stringify(expected), `${rel} to match a fresh check`, 10000, () => JSON.stringify(now()))
      .catch(() => undefined);
    assert.deepEqual(now(), expected, `state of ${rel} differs from a fresh check`);
  }
});

test('editing sfdx-project.json in the editor re-checks the project before it is saved', async () => {
  const sfdx = p('sfdx-project.json');
  const text = files['sfdx-project.json'];
  client.open(sfdx, text);
  // Put the policies package first: deploy-order appears on sfdx-project.json itself.
  const parsed = JSON.parse(text);
  parsed.packageDirectories.reverse();
  client.change(sfdx, JSON.stringify(parsed, null, 2), 2);
  await client.waitForDiagnostics(sfdx, (d) => d.some((x) => x.code === 'deploy-order'));
  client.change(sfdx, text, 3);
  await client.waitForDiagnostics(sfdx, (d) => !d.some((x) => x.code === 'deploy-order'));
  client.close(sfdx);
});

test('a Connected App file gets the migration offer and ECA-equivalent hovers', async () => {
  const ca = p('force-app/main/default/connectedApps/Legacy.connectedApp-meta.xml');
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">\n    <contactEmail>admin@example.com</contactEmail>\n    <label>Legacy</label>\n    <oauthConfig>\n        <callbackUrl>https://example.com/cb</callbackUrl>\n        <consumerKey>3MVG9SECRETKEYVALUE</consumerKey>\n        <scopes>Api</scopes>\n    </oauthConfig>\n</ConnectedApp>\n';
  client.open(ca, text);
  const d = await client.waitForDiagnostics(ca, (x) => x.some((y) => y.code === 'connected-app-migration'));
  assert.equal(d.find((y) => y.code === 'connected-app-migration')!.severity, 3);
  assert.ok(!d.some((y) => y.severity === 1), 'no ECA schema errors on a Connected App');
  const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uriOf(ca) }, position: { line: 5, character: 12 } });
  assert.match(h.contents.value, /callbackUrl/);
  assert.match(h.contents.value, /ExtlClntAppGlobalOauthSettings/);
  assert.doesNotMatch(JSON.stringify(d) + h.contents.value, /3MVG9SECRETKEYVALUE/);
});

test('a folder created with files inside is indexed from its creation event', async () => {
  const { mkdirSync, writeFileSync: write } = await import('node:fs');
  const dir = p('src/integrations/eca-definition/newApp');
  mkdirSync(`${dir}/externalClientApps`, { recursive: true });
  write(`${dir}/externalClientApps/Fresh.eca-meta.xml`, '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <distributionState>Packaged</distributionState>\n</ExternalClientApplication>\n');
  const sat = p('src/integrations/eca-definition/extlClntAppOauthSettings/Fresh_oauth.ecaOauth-meta.xml');
  client.open(sat, '<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>Fresh</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n</ExtlClntAppOauthSettings>\n');
  await client.waitForDiagnostics(sat, (d) => d.some((x) => x.code === 'unknown-eca'));
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir), type: 1 }] });
  await client.waitForDiagnostics(sat, (d) => !d.some((x) => x.code === 'unknown-eca'));
  client.close(sat);
});

test('editing a run-as user re-runs the project rules: the shared-user warning appears on the other environment', async () => {
  const prod = `${PO}/prod/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;
  client.open(p(prod), files[prod]);
  client.open(p(UAT), files[UAT]);
  await client.waitForDiagnostics(p(prod), (d) => !d.some((x) => x.code === 'client-credentials-user-shared'));
  const shared = files[UAT].replace(/<clientCredentialsFlowUser>[^<]*</, '<clientCredentialsFlowUser>integration-user@prod.example.com<');
  client.change(p(UAT), shared, 100);
  await client.waitForDiagnostics(p(prod), (d) => d.some((x) => x.code === 'client-credentials-user-shared'));
  client.change(p(UAT), files[UAT], 101);
  await client.waitForDiagnostics(p(prod), (d) => !d.some((x) => x.code === 'client-credentials-user-shared'));
  client.close(p(prod));
});

test('sfdx-project.json: skipDeployOnOrgs completes the known aliases and environment folders', async () => {
  const sfdx = p('sfdx-project.json');
  const parsed = JSON.parse(files['sfdx-project.json']);
  parsed.packageDirectories[1].skipDeployOnOrgs = ['u'];
  const text = JSON.stringify(parsed, null, 2);
  client.open(sfdx, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"u"'));
  const character = lines[line].indexOf('"u"') + 2;
  const items = await client.request<{ label: string; textEdit: { newText: string; range: { start: { character: number }; end: { character: number } } } }[]>('textDocument/completion', { textDocument: { uri: uriOf(sfdx) }, position: { line, character } });
  assert.deepEqual(items.map((i) => i.label), ['prod', 'uat']);
  assert.equal(items[1].textEdit.newText, '"uat"');
  assert.deepEqual([items[1].textEdit.range.start.character, items[1].textEdit.range.end.character], [character - 2, character + 1]);
  client.close(sfdx);
});
