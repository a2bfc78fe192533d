// End to end: "ECA: Migrate Connected App to External Client App" in the real VS Code extension
// host, on a real Connected App from test/fixtures/real (copied into this run's workspace copy and
// removed afterwards). Questions are answered through the command's arguments; the files must
// arrive through the WorkspaceEdit, be saved, pass the language server's checks, and never
// overwrite anything on a second run.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MigrateCommandResult } from '../../../client/src/commands/migrate';
import { activeApi, DEADLINE_MS, ecaDiagnostics, workspaceRoot } from './helpers';

const REPO = path.resolve(__dirname, '../../../..');
const SOURCE = path.resolve(REPO, 'test/fixtures/real/connected-apps/Thomas-Raj-SF__salesforce_githubactions/force-app/main/default/connectedApps/Jenkins.connectedApp-meta.xml');
const CA_REL = 'force-app/main/default/connectedApps/Jenkins.connectedApp-meta.xml';

suite('Migrate a Connected App', () => {
  let root = '';
  let sfdxBefore = '';
  let caBytes: Buffer = Buffer.alloc(0);
  const created: string[] = [];

  suiteSetup(async () => {
    await activeApi();
    root = workspaceRoot();
    sfdxBefore = readFileSync(path.join(root, 'sfdx-project.json'), 'utf8');
    caBytes = readFileSync(SOURCE);
    mkdirSync(path.join(root, path.dirname(CA_REL)), { recursive: true });
    writeFileSync(path.join(root, CA_REL), caBytes);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of created) rmSync(f, { force: true });
    rmSync(path.join(root, CA_REL), { force: true });
    writeFileSync(path.join(root, 'sfdx-project.json'), sfdxBefore);
  });

  test('the command is contributed', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('eca.migrateConnectedApp'));
  });

  test('pattern 2: one WorkspaceEdit creates the header and the bootstrap, edits sfdx-project.json, opens the report', async function () {
    this.timeout(60_000);
    const uri = vscode.Uri.file(path.join(root, CA_REL));
    const header = vscode.Uri.file(path.join(root, 'force-app/main/default/externalClientApps/Jenkins.eca-meta.xml'));
    // The server publishes (possibly an empty list) for every file it checks: listen before it can happen.
    const published = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === header.toString())) { sub.dispose(); resolve(); }
      });
    });
    const result = await vscode.commands.executeCommand<MigrateCommandResult>('eca.migrateConnectedApp', { uri, pattern: '2', packageDir: 'force-app/main/default', confirm: true });
    assert.ok(result, 'the command returns its result');
    created.push(...result.created);
    assert.equal(result.applied, true);
    assert.deepEqual(result.blockers, []);
    const rel = result.created.map((f) => path.relative(root, f).replace(/\\/g, '/')).sort();
    assert.deepEqual(rel, ['force-app/main/default/externalClientApps/Jenkins.eca-meta.xml', 'scripts/bootstrap-eca-oauth.apex', 'scripts/bootstrap-eca-oauth.sh']);
    for (const f of result.created) {
      assert.ok(existsSync(f), `${f} saved to disk`);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === vscode.Uri.file(f).fsPath);
      assert.ok(!doc?.isDirty, `${f} is not left dirty`);
    }
    assert.match(readFileSync(path.join(root, 'force-app/main/default/externalClientApps/Jenkins.eca-meta.xml'), 'utf8'), /<distributionState>Local<\/distributionState>/);
    assert.match(readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'), /"postDeploymentScript": "scripts\/bootstrap-eca-oauth\.sh"/);
    assert.deepEqual(readFileSync(path.join(root, CA_REL)), caBytes, 'the Connected App is untouched');
    const key = /<consumerKey>([^<]+)</.exec(caBytes.toString('utf8'))?.[1];
    assert.ok(key, 'the fixture carries a consumer key');
    for (const f of result.created) assert.ok(!readFileSync(f, 'utf8').includes(key), `no consumer key in ${f}`);
    assert.ok(result.report, 'the report is open');
    assert.equal(result.report.languageId, 'markdown');
    assert.ok(!result.report.getText().includes(key));
    assert.match(result.report.getText(), /## Steps left to people/);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === result.report), 'the report is visible');
    // The language server checks the new header (the command opened it): no error.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((_, reject) => { timer = setTimeout(() => reject(new Error('the server never published diagnostics for the new header')), DEADLINE_MS); });
    await Promise.race([published, deadline]).finally(() => clearTimeout(timer));
    assert.deepEqual(ecaDiagnostics(header).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });

  test('a second run finds the files and overwrites nothing', async function () {
    this.timeout(60_000);
    const header = path.join(root, 'force-app/main/default/externalClientApps/Jenkins.eca-meta.xml');
    const before = readFileSync(header, 'utf8');
    const sfdx = readFileSync(path.join(root, 'sfdx-project.json'), 'utf8');
    const result = await vscode.commands.executeCommand<MigrateCommandResult>('eca.migrateConnectedApp', { uri: vscode.Uri.file(path.join(root, CA_REL)), pattern: '2', packageDir: 'force-app/main/default', confirm: true });
    assert.equal(result.applied, false);
    assert.equal(result.conflicts.length, 3);
    assert.equal(readFileSync(header, 'utf8'), before);
    assert.equal(readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'), sfdx);
  });
});
