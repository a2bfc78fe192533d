// End to end: the authoring commands in the real VS Code extension host — flip distributionState
// (and its code lens), scaffold environment policy folders, new External Client App, the XML
// snippets. Each runs with its answers passed in the argument object, on a nested SFDX project
// (tabs and CRLF) written into this run's workspace copy and removed afterwards. Every test checks
// the bytes on disk, the diagnostics the language server publishes before and after, and that one
// `undo` takes the whole edit back.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlipCommandResult } from '../../../client/src/commands/flipDistributionState';
import type { NewEcaCommandResult } from '../../../client/src/commands/newExternalClientApp';
import type { ScaffoldCommandResult } from '../../../client/src/commands/scaffoldPolicies';
import type { AuthoringContext } from '../../../server/src/engine/authoring';
import { activeApi, codeOf, ecaDiagnostics, revertAndCloseEditors, waitForDiagnostics, waitForEvent, withCode, workspaceRoot } from './helpers';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const DIR = 'authoring-e2e';

const FIXTURE: Record<string, string> = {
  'sfdx-project.json': '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "src/app",\r\n\t\t\t"package": "app",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source",\r\n\t\t\t"default": true\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/policies",\r\n\t\t\t"package": "policies",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source",\r\n\t\t\t"aliasfy": true\r\n\t\t}\r\n\t],\r\n\t"sourceApiVersion": "64.0"\r\n}\r\n',
  '.forceignore': '**/extlClntAppGlobalOauthSets/**\r\n**/*.ecaGlblOauth-meta.xml\r\n',
  'src/app/externalClientApps/Portal.eca-meta.xml': `${XML}\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<contactEmail>portal@acme.example.com</contactEmail>\r\n\t<distributionState>Packaged</distributionState>\r\n\t<label>Portal</label>\r\n</ExternalClientApplication>\r\n`,
  'src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml': `${XML}\r\n<ExtlClntAppOauthSettings xmlns="${NS}">\r\n\t<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\r\n\t<externalClientApplication>Portal</externalClientApplication>\r\n\t<oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\r\n</ExtlClntAppOauthSettings>\r\n`,
  'src/policies/uat/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml': `${XML}\r\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\r\n\t<clientCredentialsFlowUser>portal@acme.com.uat</clientCredentialsFlowUser>\r\n\t<externalClientApplication>Portal</externalClientApplication>\r\n\t<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\r\n\t<label>Portal_oauthPlcy</label>\r\n\t<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n`,
  // Policies for an app that does not exist yet: unknown-eca until "New External Client App" creates it.
  'src/policies/uat/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml': `${XML}\r\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\r\n\t<externalClientApplication>Billing</externalClientApplication>\r\n\t<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n`,
};

suite('Authoring commands', () => {
  let proj = '';
  const abs = (rel: string) => path.join(proj, rel);
  const uri = (rel: string) => vscode.Uri.file(abs(rel));
  const disk = (rel: string) => readFileSync(abs(rel), 'utf8');
  const HEADER = 'src/app/externalClientApps/Portal.eca-meta.xml';

  async function request<T>(method: string, params: object): Promise<T> {
    return (await activeApi()).client.sendRequest<T>(method, params);
  }

  /** Run VS Code's `undo` with the editor of `rel` focused, and wait until its text is `expected`. */
  async function undoIn(rel: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri(rel));
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('undo');
  }

  /** Save whatever the undo left unsaved, so the disk is compared. */
  async function saveAll(): Promise<void> {
    for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.fsPath.startsWith(proj)) await d.save();
  }

  function noErrors(rel: string): void {
    const errors = ecaDiagnostics(uri(rel)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${codeOf(d)}: ${d.message}`), [], `no error on ${rel}`);
  }

  // Each test gets a fresh copy of the project in its own folder: no test sees another's edits
  // (a flip's `type: unlocked`, a bootstrap script, a scaffolded folder), whatever order they run in.
  let run = 0;
  setup(async function () {
    this.timeout(120_000);
    await activeApi();
    proj = path.join(workspaceRoot(), `${DIR}-${++run}`);
    rmSync(proj, { recursive: true, force: true });
    mkdirSync(proj, { recursive: true });
    // The project file first, so the language server knows the nested project before its files arrive.
    writeFileSync(abs('sfdx-project.json'), FIXTURE['sfdx-project.json']);
    await request('eca/authoring/context', { target: proj });
    for (const [rel, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(abs(rel)), { recursive: true });
      writeFileSync(abs(rel), text);
    }
    const ctx = await request<AuthoringContext>('eca/authoring/context', { target: proj, sync: Object.keys(FIXTURE).map(abs) });
    assert.deepEqual(ctx.ecas.map((e) => e.name), ['Portal']);
    assert.deepEqual(ctx.packages.map((p) => p.path), ['src/app', 'src/policies']);
  });

  teardown(async () => {
    // Unsaved editors of this test's files are reverted, not saved: the folder goes with the test.
    await revertAndCloseEditors(proj);
    rmSync(proj, { recursive: true, force: true });
  });

  test('the commands are contributed and registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['eca.flipDistributionState', 'eca.scaffoldEnvironmentPolicies', 'eca.newExternalClientApp']) assert.ok(all.includes(id), id);
  });

  test('code lens on distributionState offers the flip to the other pattern', async () => {
    await vscode.window.showTextDocument(uri(HEADER));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(HEADER));
    const flip = lenses.find((l) => l.command?.command === 'eca.flipDistributionState');
    assert.ok(flip?.command, `a flip lens among ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.match(flip.command.title, /flip to Local — pattern 2: source package \+ bootstrap script/);
    assert.equal(flip.range.start.line, 3, 'on the <distributionState> line');
    assert.deepEqual(flip.command.arguments, [{ uri: uri(HEADER).toString(), to: 'Local' }]);
  });

  test('flip Packaged → Local with the bootstrap follow-up: one edit, bytes kept, diagnostics follow, one undo restores', async function () {
    this.timeout(180_000);
    await waitForDiagnostics(uri(HEADER), withCode('packaged-in-source-package'), 'packaged-in-source-package before the flip');
    const result = await vscode.commands.executeCommand<FlipCommandResult>('eca.flipDistributionState', { uri: uri(HEADER), to: 'Local', followUps: ['bootstrap'] });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.applied, true);
    assert.equal(result.from, 'Packaged');
    assert.deepEqual(result.followUps, ['bootstrap']);
    assert.equal(disk(HEADER), FIXTURE[HEADER].replace('>Packaged<', '>Local<'));
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json'].replace('"default": true\r\n', '"default": true,\r\n\t\t\t"postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\r\n'));
    assert.match(disk('scripts/bootstrap-eca-oauth.sh'), /APP_NAME="Portal"\nAPI_VERSION="/);
    assert.ok(disk('scripts/bootstrap-eca-oauth.apex').includes("'<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>'"));
    for (const p of result.edited) assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === p)?.isDirty ?? false, false, `${p} saved`);
    await waitForDiagnostics(uri(HEADER), (ds) => !ds.some((d) => codeOf(d) === 'packaged-in-source-package'), 'packaged-in-source-package to go');
    noErrors(HEADER);
    await waitForDiagnostics(uri('src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml'), withCode('oauth-settings-in-source-package'), 'the implication the plan named');

    await undoIn(HEADER);
    const header = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === abs(HEADER))!;
    assert.equal(header.getText(), FIXTURE[HEADER], 'the header is back');
    const sfdx = await vscode.workspace.openTextDocument(uri('sfdx-project.json'));
    assert.equal(sfdx.getText(), FIXTURE['sfdx-project.json'], 'sfdx-project.json is back (the same undo step)');
    assert.ok(!existsSync(abs('scripts/bootstrap-eca-oauth.sh')) && !existsSync(abs('scripts/bootstrap-eca-oauth.apex')), 'the created scripts are gone');
    await saveAll();
    assert.equal(disk(HEADER), FIXTURE[HEADER]);
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json']);
    await waitForDiagnostics(uri(HEADER), withCode('packaged-in-source-package'), 'packaged-in-source-package back after the undo');
  });

  test('finishing pattern 1 without flipping: the package becomes unlocked; undo', async function () {
    this.timeout(180_000);
    const result = await vscode.commands.executeCommand<FlipCommandResult>('eca.flipDistributionState', { eca: 'Portal', uri: uri('sfdx-project.json'), to: 'Packaged', followUps: ['package-unlocked'] });
    assert.equal(result.applied, true, result.error?.message);
    assert.deepEqual(result.created, []);
    assert.deepEqual(result.edited.map((p) => path.relative(proj, p)), ['sfdx-project.json']);
    assert.equal(disk(HEADER), FIXTURE[HEADER]);
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json'].replace('"package": "app",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source"', '"package": "app",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "unlocked"'));
    await waitForDiagnostics(uri(HEADER), (ds) => !ds.some((d) => codeOf(d) === 'packaged-in-source-package'), 'packaged-in-source-package to go');
    await waitForDiagnostics(uri('src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml'), (ds) => !ds.some((d) => codeOf(d) === 'oauth-settings-in-source-package'), 'oauth-settings-in-source-package to go');
    await undoIn('sfdx-project.json');
    await saveAll();
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json']);
    await waitForDiagnostics(uri(HEADER), withCode('packaged-in-source-package'), 'back after the undo');
  });

  test('malformed sfdx-project.json in an unsaved editor: refused with the reason, nothing changed', async function () {
    this.timeout(120_000);
    const doc = await vscode.workspace.openTextDocument(uri('sfdx-project.json'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '\t"oops" \r\n'));
    const result = await vscode.commands.executeCommand<FlipCommandResult>('eca.flipDistributionState', { uri: uri(HEADER), to: 'Local', followUps: 'none' });
    assert.equal(result.applied, false);
    assert.equal(result.error?.code, 'MALFORMED_PROJECT');
    assert.match(result.error!.message, /sfdx-project\.json cannot be parsed \(.*\); fix it first\. Nothing was changed\./);
    assert.equal(disk(HEADER), FIXTURE[HEADER]);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // The revert lands with a document change event (the command may resolve before it on a busy host).
    await waitForEvent(vscode.workspace.onDidChangeTextDocument, () => doc.getText() === FIXTURE['sfdx-project.json'] || undefined, 'the revert of sfdx-project.json');
    assert.equal(doc.getText(), FIXTURE['sfdx-project.json']);
  });

  test('scaffold default and prod (run-as user given), uat skipped; the aliasfy warning goes; undo deletes the files', async function () {
    this.timeout(180_000);
    await waitForDiagnostics(uri('sfdx-project.json'), withCode('aliasfy-no-default'), 'aliasfy-no-default before');
    // Invoked on a satellite (as from its context menu): the app is the one that file belongs to.
    const result = await vscode.commands.executeCommand<ScaffoldCommandResult>('eca.scaffoldEnvironmentPolicies', {
      uri: uri('src/app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml'), envs: ['default', 'uat', 'prod'], policies: ['oauth'], runAsUsers: { prod: 'portal@acme.com' }, askRunAsUsers: false,
    });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.eca, 'Portal');
    assert.equal(result.packageDir, 'src/policies');
    assert.deepEqual(result.skipped.map((s) => s.env), ['uat']);
    const rels = result.created.map((p) => path.relative(proj, p).split(path.sep).join('/')).sort();
    assert.deepEqual(rels, ['src/policies/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml', 'src/policies/prod/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml']);
    const uat = FIXTURE['src/policies/uat/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml'];
    assert.equal(disk(rels[0]), uat.replace('\t<clientCredentialsFlowUser>portal@acme.com.uat</clientCredentialsFlowUser>\r\n', '').replace('>true</isClientCredentialsFlowEnabled>', '>false</isClientCredentialsFlowEnabled>'), 'default/: a copy of the team\'s policies, client credentials off, no user, CRLF and tabs');
    assert.equal(disk(rels[1]), uat.replace('>portal@acme.com.uat<', '>portal@acme.com<'));
    await waitForDiagnostics(uri('sfdx-project.json'), (ds) => !ds.some((d) => codeOf(d) === 'aliasfy-no-default'), 'aliasfy-no-default to go');
    for (const r of rels) noErrors(r);
    await undoIn(rels[1]);
    assert.ok(!existsSync(abs(rels[0])) && !existsSync(abs(rels[1])), 'one undo deletes both created files');
    // VS Code does not undo the folders it made for the files: default/ and prod/ stay, empty.
    for (const env of ['default', 'prod']) {
      const folder = vscode.Uri.file(abs(`src/policies/${env}`));
      assert.deepEqual(await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder, 'extlClntAppOauthPolicies')), []);
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    // Removing empty folders matches no watched file, so nothing re-runs the project checks by itself: ask for a re-check.
    await request('eca/reloadOrgs', {});
    await waitForDiagnostics(uri('sfdx-project.json'), withCode('aliasfy-no-default'), 'aliasfy-no-default back once the empty folders are gone');
  });

  test('new External Client App (pattern 2): header, bootstrap, package entry before the policies; unknown-eca resolves; undo', async function () {
    this.timeout(180_000);
    const billing = 'src/policies/uat/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml';
    await waitForDiagnostics(uri(billing), withCode('unknown-eca'), 'unknown-eca before');
    const result = await vscode.commands.executeCommand<NewEcaCommandResult>('eca.newExternalClientApp', {
      uri: vscode.Uri.file(proj), name: 'Billing', pattern: 2, packageDir: null, label: 'Billing', contactEmail: 'billing@acme.example.com', callbackUrl: 'https://billing.acme.example.com/cb',
    });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.applied, true);
    assert.equal(result.packageDir, 'src/eca-billing');
    const rels = result.created.map((p) => path.relative(proj, p).split(path.sep).join('/')).sort();
    assert.deepEqual(rels, ['scripts/bootstrap-eca-oauth.apex', 'scripts/bootstrap-eca-oauth.sh', 'src/eca-billing/externalClientApps/Billing.eca-meta.xml']);
    assert.equal(disk('src/eca-billing/externalClientApps/Billing.eca-meta.xml'),
      `${XML}\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<contactEmail>billing@acme.example.com</contactEmail>\r\n\t<description>Pattern 2: deployed as source; the postDeploymentScript bootstraps an OAuth consumer on each org.</description>\r\n\t<distributionState>Local</distributionState>\r\n\t<isProtected>false</isProtected>\r\n\t<label>Billing</label>\r\n</ExternalClientApplication>\r\n`);
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json'].replace('\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/policies"',
      '\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/eca-billing",\r\n\t\t\t"package": "eca-billing",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source",\r\n\t\t\t"postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/policies"'));
    assert.ok(disk('scripts/bootstrap-eca-oauth.apex').includes("'<callbackUrl>https://billing.acme.example.com/cb</callbackUrl>'"));
    assert.equal(disk('.forceignore'), FIXTURE['.forceignore'], '.forceignore already had the lines');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, abs('src/eca-billing/externalClientApps/Billing.eca-meta.xml'), 'the new header is open');
    await waitForDiagnostics(uri(billing), (ds) => !ds.some((d) => codeOf(d) === 'unknown-eca'), 'unknown-eca to go');
    await waitForDiagnostics(uri('src/eca-billing/externalClientApps/Billing.eca-meta.xml'), () => true, 'the new header is checked');
    noErrors('src/eca-billing/externalClientApps/Billing.eca-meta.xml');
    await waitForDiagnostics(uri(billing), (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error on the policies once the project is re-read');
    await undoIn('src/eca-billing/externalClientApps/Billing.eca-meta.xml');
    await saveAll();
    assert.equal(disk('sfdx-project.json'), FIXTURE['sfdx-project.json'], 'the package entry is gone with the same undo');
    for (const r of rels) assert.ok(!existsSync(abs(r)), `${r} deleted by the undo`);
    await waitForDiagnostics(uri(billing), withCode('unknown-eca'), 'unknown-eca back');
  });

  test('from nothing: New External Client App (pattern 2) then Scaffold in an empty folder; every file checks clean', async function () {
    this.timeout(240_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'eca-e2e-empty-'));
    const cfg = vscode.workspace.getConfiguration('eca');
    await cfg.update('productionAliases', ['prod'], vscode.ConfigurationTarget.Workspace);
    try {
      const n = await vscode.commands.executeCommand<NewEcaCommandResult>('eca.newExternalClientApp', {
        uri: vscode.Uri.file(dir), name: 'Erp_Sync', pattern: 2, packageDir: null, label: 'ERP Sync', contactEmail: 'erp@acme.example.com', open: false,
      });
      assert.equal(n.applied, true, n.error?.message);
      assert.deepEqual(n.created.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort(),
        ['.forceignore', 'scripts/bootstrap-eca-oauth.apex', 'scripts/bootstrap-eca-oauth.sh', 'sfdx-project.json', 'src/integrations/eca-erp-sync/externalClientApps/Erp_Sync.eca-meta.xml']);
      const s = await vscode.commands.executeCommand<ScaffoldCommandResult>('eca.scaffoldEnvironmentPolicies', {
        uri: vscode.Uri.file(path.join(dir, 'sfdx-project.json')), eca: 'Erp_Sync', envs: ['default', 'uat', 'prod'], policies: ['oauth', 'plugin'],
        runAsUsers: { uat: 'erp@acme.com.uat', prod: 'erp@acme.com' }, askRunAsUsers: false,
      });
      assert.equal(s.applied, true, s.error?.message);
      assert.equal(s.packageEntryAdded, true);
      assert.equal(s.created.length, 6);
      assert.match(readFileSync(path.join(dir, 'sfdx-project.json'), 'utf8'), /"path": "src\/integrations\/eca-policies",\n      "package": "eca-policies",\n      "versionNumber": "1\.0\.0\.NEXT",\n      "type": "source",\n      "aliasfy": true/);
      const files: string[] = [];
      const walk = (d: string) => { for (const e of readdirSync(d)) { const p = path.join(d, e); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('-meta.xml') || e === 'sfdx-project.json') files.push(p); } };
      walk(dir);
      assert.equal(files.length, 8);
      // Open every file, then ask the server to re-check everything open and wait for each publication.
      for (const f of files) await vscode.window.showTextDocument(vscode.Uri.file(f), { preview: false, preserveFocus: true });
      const pending = new Set(files.map((f) => vscode.Uri.file(f).toString()));
      const published = new Promise<void>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          for (const u of e.uris) pending.delete(u.toString());
          if (!pending.size) { sub.dispose(); resolve(); }
        });
      });
      await request('eca/reloadOrgs', {});
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([published, new Promise<void>((_, reject) => { timer = setTimeout(() => reject(new Error(`no diagnostics published for ${[...pending].join(', ')}`)), 120_000); })]).finally(() => clearTimeout(timer));
      for (const f of files) {
        const bad = ecaDiagnostics(vscode.Uri.file(f)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
        assert.deepEqual(bad.map((d) => `${codeOf(d)}: ${d.message}`), [], path.relative(dir, f));
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await cfg.update('productionAliases', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('snippets: the header snippet inserted in a new file names the app after the file and checks clean', async function () {
    this.timeout(120_000);
    const rel = 'src/app/externalClientApps/Snip_App.eca-meta.xml';
    writeFileSync(abs(rel), '');
    try {
      const editor = await vscode.window.showTextDocument(uri(rel));
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'xml', name: 'ECA header (ExternalClientApplication)' });
      const text = editor.document.getText();
      assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ExternalClientApplication xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">\n/);
      assert.match(text, /<label>Snip_App<\/label>/);
      assert.match(text, /<distributionState>Packaged<\/distributionState>/);
      await editor.document.save();
      // Packaged in the source package: the engine sees the snippet's file as a real header.
      await waitForDiagnostics(uri(rel), withCode('packaged-in-source-package'), 'the snippet\'s header checked');
      noErrors(rel);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(abs(rel), { force: true });
    }
  });
});
