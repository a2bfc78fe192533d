// An open sfdx-project.json is the truth while it is open, whatever order the editor's and the
// file watcher's events arrive in. Over the LSP wire, the sequence VS Code produces for *New
// External Client App* (pattern 2) in a nested project on a busy machine: sfdx-project.json is
// opened, the edit adding the app's package arrives as didChange, then a watcher event for
// .forceignore (delayed from the project's creation) arrives BEFORE the save reaches the disk,
// then the save, then the new header is opened. The Billing policies must end with no error:
// before the fix the .forceignore event re-read sfdx-project.json from disk (the pre-edit layout)
// and the open document then kept the model there, so a false policies-without-oauth stayed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LspClient, uriOf } from '../helpers/lspClient';
import { eca, tempTree } from '../helpers/fs';

const SFDX = {
  packageDirectories: [
    { path: 'src/app', package: 'app', versionNumber: '1.0.0.NEXT', type: 'source', default: true },
    { path: 'src/policies', package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
  ],
  sourceApiVersion: '64.0',
};
// What New External Client App (pattern 2) writes: the app's own source package, before the policies, with the bootstrap.
const WITH_BILLING = { ...SFDX, packageDirectories: [SFDX.packageDirectories[0], { path: 'src/eca-billing', package: 'eca-billing', versionNumber: '1.0.0.NEXT', type: 'source', postDeploymentScript: 'scripts/bootstrap-eca-oauth.sh' }, SFDX.packageDirectories[1]] };
const json = (v: unknown) => JSON.stringify(v, null, '\t').replace(/\n/g, '\r\n') + '\r\n';

const N = 'nested';
const BILLING_POLICIES = `${N}/src/policies/uat/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml`;
const HEADER = `${N}/src/eca-billing/externalClientApps/Billing.eca-meta.xml`;
const HEADER_TEXT = eca('ExternalClientApplication', '    <contactEmail>billing@acme.example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Billing</label>\n');

test('a .forceignore event between the edit of an open sfdx-project.json and its save does not bring back the disk\'s older layout', async () => {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    'force-app/.gitkeep': '',
    [`${N}/sfdx-project.json`]: json(SFDX),
    [`${N}/.forceignore`]: '**/extlClntAppGlobalOauthSets/**\r\n',
    [`${N}/src/app/externalClientApps/Portal.eca-meta.xml`]: eca('ExternalClientApplication', '    <contactEmail>portal@acme.example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Portal</label>\n'),
    [BILLING_POLICIES]: eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Billing</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n'),
  });
  const p = (rel: string) => `${root}/${rel}`;
  const client = new LspClient();
  try {
    await client.initialize(root);
    await client.indexed();
    const policies = p(BILLING_POLICIES);
    await client.waitForDiagnostics(policies, (ds) => ds.some((d) => d.code === 'unknown-eca'));
    // A request is answered after every notification sent before it: the server has seen them all.
    const barrier = () => client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(p(`${N}/sfdx-project.json`)) } });
    const watched = (changes: [string, number][]) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([rel, type]) => ({ uri: uriOf(p(rel)), type })) });

    // The command loads sfdx-project.json, then applies one WorkspaceEdit: the header is created
    // on disk, the package entry goes into the (unsaved) buffer.
    client.open(p(`${N}/sfdx-project.json`), json(SFDX), 1);
    mkdirSync(dirname(p(HEADER)), { recursive: true });
    writeFileSync(p(HEADER), HEADER_TEXT, { flag: 'wx' });
    client.change(p(`${N}/sfdx-project.json`), json(WITH_BILLING), 2);
    // A watcher event for .forceignore lands before the save (it was batched from the project's creation).
    await watched([[`${N}/.forceignore`, 2]]);
    await barrier();
    // The save, and its watcher event; then the new header opens in an editor.
    writeFileSync(p(`${N}/sfdx-project.json`), json(WITH_BILLING));
    await watched([[`${N}/sfdx-project.json`, 2], [`${N}/src/eca-billing`, 1]]);
    client.open(p(HEADER), HEADER_TEXT, 1);

    // The app exists now (unknown-eca goes) and its package's bootstrap enables OAuth before the
    // policies deploy: no error may stay on them.
    const settled = await client.waitForDiagnostics(policies, (ds) => !ds.some((d) => d.code === 'unknown-eca' || d.severity === 1), 10000)
      .catch(() => client.diagnostics.get(uriOf(policies))?.diagnostics ?? []);
    assert.deepEqual(settled.filter((d) => d.code === 'unknown-eca' || d.severity === 1).map((d) => `${d.code}: ${d.message}`), []);
    const header = await client.waitForDiagnostics(p(HEADER));
    assert.deepEqual(header.filter((d) => d.severity === 1).map((d) => d.code), []);
  } finally {
    await client.shutdown();
  }
});
