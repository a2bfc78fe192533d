// End to end: the Environments and External Client Apps views in the real VS Code extension host.
// The trees are read through the TreeDataProviders the extension exposes (activate()'s API), and
// every action runs as the context menu would run it, with the node as its argument (answers that
// would be asked are passed as a second argument). The project is a nested SFDX project written
// into this run's workspace copy (pattern 1 + pattern 2 + aliasfy policies) and removed afterwards;
// the server learns about it through VS Code's file watcher, as it would about a git checkout.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvNode, AppNode, EcaViewsApi } from '../../../client/src/views';
import type { ScaffoldCommandResult } from '../../../client/src/commands/scaffoldPolicies';
import type { RetrieveCommandResult } from '../../../client/src/commands/retrieve';
import type { CopySettingResult, ScaffoldResult } from '../../../server/src/lsp/environmentsProtocol';
import { startOrgSim, type OrgSim } from '../../org-sim/server';
import { activeApi, DEADLINE_MS, workspaceRoot } from './helpers';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const DIR = 'environments-e2e';
// The pattern-1 app is named like one the org simulator holds, so "Retrieve from DevHub" finds it.
const APP1 = 'Booking_Integration_API';
const APP2 = 'Erp_Sync';
const POL = (env: string, app: string) => `src/policies/${env}/extlClntAppOauthPolicies/${app}_oauthPlcy.ecaOauthPlcy-meta.xml`;
const policy = (app: string, user: string | undefined, ip = 'Enforce') =>
  `${XML}\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n${user ? `    <clientCredentialsFlowUser>${user}</clientCredentialsFlowUser>\n` : ''}` +
  `    <externalClientApplication>${app}</externalClientApplication>\n    <ipRelaxationPolicyType>${ip}</ipRelaxationPolicyType>\n` +
  `    <isClientCredentialsFlowEnabled>${user ? 'true' : 'false'}</isClientCredentialsFlowEnabled>\n    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\n` +
  `    <label>${app}_oauthPlcy</label>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n` +
  `    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>90</refreshTokenValidityPeriod>\n` +
  `    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n</ExtlClntAppOauthConfigurablePolicies>\n`;

const FIXTURE: Record<string, string> = {
  'sfdx-project.json': JSON.stringify({
    packageDirectories: [
      { path: 'src/definition', package: 'booking-definition', versionNumber: '1.0.0.NEXT', type: 'unlocked', default: true },
      { path: 'src/erp', package: 'erp-sync', versionNumber: '1.0.0.NEXT', type: 'source', postDeploymentScript: 'scripts/bootstrap-eca-oauth.sh' },
      { path: 'src/policies', package: 'policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true },
    ],
    name: 'environments-e2e',
    sourceApiVersion: '64.0',
  }, null, 2),
  'scripts/bootstrap-eca-oauth.sh': '#!/bin/bash\nsf apex run --file scripts/bootstrap-eca-oauth.apex\n',
  [`src/definition/externalClientApps/${APP1}.eca-meta.xml`]: `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <contactEmail>integration@example.com</contactEmail>\n    <distributionState>Packaged</distributionState>\n    <label>${APP1}</label>\n</ExternalClientApplication>\n`,
  [`src/definition/extlClntAppOauthSettings/${APP1}_oauth.ecaOauth-meta.xml`]: `${XML}\n<ExtlClntAppOauthSettings xmlns="${NS}">\n    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>${APP1}</externalClientApplication>\n    <label>${APP1}_oauth</label>\n    <oauthLink>00Dbm000004ELiD:888g5000000tUDZ</oauthLink>\n</ExtlClntAppOauthSettings>\n`,
  [`src/erp/externalClientApps/${APP2}.eca-meta.xml`]: `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <contactEmail>erp@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <label>${APP2}</label>\n</ExternalClientApplication>\n`,
  [POL('prod', APP1)]: policy(APP1, 'booking@acme.example.com'),
  [POL('uat', APP1)]: policy(APP1, 'booking@acme.example.com.uat', 'Bypass'),
  [POL('default', APP1)]: policy(APP1, undefined),
  // ERP sync has policies in uat only: production and default/ lack them (drift).
  [POL('uat', APP2)]: policy(APP2, 'erp@acme.example.com.uat'),
};

type Node = EnvNode | AppNode;

suite('Environments view', () => {
  let proj = '';
  let views: EcaViewsApi;
  const abs = (rel: string) => path.join(proj, rel);
  const disk = (rel: string) => readFileSync(abs(rel), 'utf8');

  /** Resolves with `read()`'s first truthy answer, re-reading whenever the views refresh (and once now). */
  function until<T>(read: () => Promise<T | undefined | false>, what: string, timeoutMs = DEADLINE_MS, explain?: () => Promise<string>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let running = false;
      let again = false;
      const finish = (err: Error | null, v?: T) => {
        if (done) return;
        done = true;
        sub.dispose();
        clearTimeout(timer);
        if (err) reject(err); else resolve(v as T);
      };
      const attempt = async () => {
        if (running) { again = true; return; }
        running = true;
        try {
          do {
            again = false;
            const v = await read();
            if (v) return finish(null, v);
          } while (again && !done);
        } catch (e) {
          finish(e as Error);
        } finally {
          running = false;
        }
      };
      const sub = views.onDidRefresh(() => void attempt());
      const timer = setTimeout(() => {
        void (explain ? explain().catch((e: Error) => e.message) : Promise.resolve(''))
          .then((why) => finish(new Error(`timed out waiting for ${what}${why ? `; now: ${why}` : ''}`)));
      }, timeoutMs);
      void attempt();
    });
  }

  /** This project's environment nodes (the workspace holds other SFDX projects too). */
  async function environments(): Promise<Extract<EnvNode, { kind: 'environment' }>[]> {
    const top = await views.environments.getChildren();
    const mine = top.find((n) => n.kind === 'project' && n.root === proj.replace(/\\/g, '/'));
    const list = mine ? await views.environments.getChildren(mine) : top;
    return list.filter((n): n is Extract<EnvNode, { kind: 'environment' }> => n.kind === 'environment' && n.info.root === proj.replace(/\\/g, '/'));
  }
  async function env(name: string) {
    const e = (await environments()).find((n) => n.info.name === name);
    assert.ok(e, `environment ${name}`);
    return e;
  }
  async function envApp(envName: string, app: string) {
    const a = (await views.environments.getChildren(await env(envName))).find((n) => n.kind === 'envApp' && n.info.eca === app);
    assert.ok(a && a.kind === 'envApp', `${app} under ${envName}`);
    return a;
  }
  async function file(envName: string, app: string) {
    const f = (await views.environments.getChildren(await envApp(envName, app)))[0];
    assert.ok(f && f.kind === 'file', `a file of ${app} under ${envName}`);
    return f;
  }
  async function setting(envName: string, app: string, name: string) {
    const s = (await views.environments.getChildren(await file(envName, app))).find((n) => n.kind === 'setting' && n.name === name);
    assert.ok(s, `${name} of ${app} in ${envName}`);
    return s;
  }
  const item = (n: Node) => (n.kind === 'project' || n.kind === 'environment' || n.kind === 'envApp' || n.kind === 'file' || n.kind === 'setting' || n.kind === 'message'
    ? views.environments.getTreeItem(n as EnvNode) : views.apps.getTreeItem(n as AppNode));
  const desc = (n: Node) => String(item(n).description ?? '');

  async function run<T>(command: string, ...args: unknown[]): Promise<T> {
    const r = await vscode.commands.executeCommand<T>(command, ...args);
    assert.equal(views.lastError, undefined, `${command} failed: ${views.lastError}`);
    return r;
  }

  suiteSetup(async function () {
    this.timeout(90_000);
    views = (await activeApi()).views;
    await vscode.workspace.getConfiguration('eca').update('productionAliases', ['prod'], vscode.ConfigurationTarget.Workspace);
    proj = path.join(workspaceRoot(), DIR);
    rmSync(proj, { recursive: true, force: true });
    mkdirSync(proj, { recursive: true });
    // A project that appears on disk all at once (a clone, a branch switch) is read by the
    // server's workspace scan: write it, then restart the server. (VS Code's watcher reports a
    // new folder without the files created inside it in the same instant.)
    for (const [rel, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(abs(rel)), { recursive: true });
      writeFileSync(abs(rel), text);
    }
    await vscode.commands.executeCommand('eca.restartServer');
    await until(async () => {
      const list = await environments();
      const prod = list.find((e) => e.info.name === 'prod');
      return list.length === 3 && prod?.info.kind === 'production' && prod.info.counts.own === 1 && prod.info.counts.missing === 1
        && (await views.environments.getChildren(list.find((e) => e.info.name === 'uat')!)).length === 2;
    }, 'the nested project in the Environments tree', 60_000, async () => {
      const list = await environments();
      const parts = [];
      for (const e of list) parts.push(`${e.info.name} (${e.info.kind}): ${(await views.environments.getChildren(e)).map((a) => (a.kind === 'envApp' ? `${a.info.eca}/${a.info.files}` : a.kind)).join(', ')}`);
      const top = await views.environments.getChildren();
      return `top: ${top.map((n) => (n.kind === 'project' ? n.root : n.kind)).join(', ')}; mine: ${parts.join('; ')}`;
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('eca').update('productionAliases', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(proj, { recursive: true, force: true });
  });

  test('the activity bar container shows both views', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.eca-explorer');
    if (!views.environmentsView.visible) {
      await new Promise<void>((resolve) => { const s = views.environmentsView.onDidChangeVisibility((e) => { if (e.visible) { s.dispose(); resolve(); } }); });
    }
    assert.equal(views.environmentsView.visible, true);
    const all = await vscode.commands.getCommands(true);
    for (const id of ['eca.views.refresh', 'eca.views.showMatrix', 'eca.views.compareWithDefault', 'eca.views.copySetting', 'eca.views.scaffoldEnvironment', 'eca.views.retrieveFromDevHub']) assert.ok(all.includes(id), id);
  });

  test('every environment with its kind; production lacks a file and never falls back', async () => {
    const list = await environments();
    assert.deepEqual(list.map((e) => [e.info.name, e.info.kind]), [['prod', 'production'], ['uat', 'unknown'], ['default', 'default']]);
    const prod = list[0];
    // What needs attention leads (the sidebar cuts the end): missing files before the files that are fine.
    assert.match(desc(prod), /^production · 1 missing · 1 own/);
    assert.equal(item(prod).contextValue, 'ecaEnvironment;hasFolder;canScaffold');
    const [f] = await views.environments.getChildren(await envApp('prod', APP2));
    assert.ok(f.kind === 'file');
    assert.equal(f.info.status, 'missing');
    assert.match(f.info.reason, /prod\/ exists in 'policies' but lacks this file, and without merge mode sfp deploys only that folder/);
    assert.match(desc(f), /^missing/);
    assert.match(item(f).contextValue ?? '', /canScaffold/);
  });

  test('apps under an environment carry the key settings; files their source and settings', async () => {
    const a = await envApp('uat', APP1);
    assert.equal(desc(a), 'CC on · run-as booking@acme.example.com.uat · IP Bypass · refresh SpecificLifetime 90 Days');
    const f = await file('uat', APP1);
    assert.ok(f.kind === 'file');
    assert.equal(f.info.path, abs(POL('uat', APP1)).replace(/\\/g, '/'));
    assert.match(desc(f), /^uat\/ · CC on/);
    assert.equal(item(f).contextValue, 'ecaFile;hasFile;diffDefault;diffOther');
    const s = await setting('uat', APP1, 'ipRelaxationPolicyType');
    assert.equal(item(s).label, 'IP relaxation');
    assert.equal(desc(s), 'Bypass');
    assert.equal(item(s).contextValue, 'ecaSetting;canCopy');
  });

  test('the External Client Apps tree: pattern, definition, OAuth settings, bootstrap, policies per environment, deploy order', async () => {
    const top = await views.apps.getChildren();
    const project = top.find((n) => n.kind === 'project' && n.root === proj.replace(/\\/g, '/'));
    const apps = project ? await views.apps.getChildren(project) : top;
    const a1 = apps.find((n) => n.kind === 'app' && n.info.eca === APP1)!;
    const a2 = apps.find((n) => n.kind === 'app' && n.info.eca === APP2)!;
    assert.match(desc(a1), /^pattern 1 · Packaged · booking-definition/);
    assert.match(desc(a2), /^pattern 2 · Local · erp-sync/);
    const kids1 = await views.apps.getChildren(a1);
    assert.deepEqual(kids1.map((k) => String(item(k).label)), ['Pattern 1: packaged, shared OAuth consumer from the DevHub', 'Definition', 'OAuth settings', 'Policies per environment', 'Packages & deploy order', 'Notes']);
    assert.match(desc(kids1[2]), /scopes Api, RefreshToken · oauthLink 00Dbm000004ELiD/);
    const deploy = await views.apps.getChildren(kids1[4]);
    assert.deepEqual(deploy.map((d) => String(item(d).label)), ['1. booking-definition', '2. policies']);
    const kids2 = await views.apps.getChildren(a2);
    const boot = kids2.find((k) => k.kind === 'bootstrap')!;
    assert.match(desc(boot), /^scripts\/bootstrap-eca-oauth\.sh · postDeploymentScript of erp-sync/);
    const policies = await views.apps.getChildren(kids2.find((k) => k.kind === 'policies')!);
    assert.deepEqual(policies.map((p) => [String(item(p).label), desc(p).split(' · ')[1]]), [['prod', 'missing'], ['uat', 'own folder'], ['default', 'missing']]);
  });

  test('open file and reveal in explorer', async () => {
    const f = await file('prod', APP1);
    const opened = await run<vscode.Uri>('eca.views.openFile', f);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, opened.fsPath);
    assert.equal(opened.fsPath, abs(POL('prod', APP1)));
    const revealed = await run<vscode.Uri>('eca.views.revealInExplorer', await env('uat'));
    assert.equal(revealed.fsPath, abs('src/policies/uat'));
  });

  test('compare with default/ and with another environment open diff editors', async () => {
    const f = await file('uat', APP1);
    const isDiff = (l: string, r: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.original.fsPath === abs(l) && t.input.modified.fsPath === abs(r));
    const d = await run<{ left: vscode.Uri; right: vscode.Uri }>('eca.views.compareWithDefault', f);
    assert.equal(d.left.fsPath, abs(POL('default', APP1)));
    assert.ok(isDiff(POL('default', APP1), POL('uat', APP1)), 'a diff editor default/ ↔ uat/');
    await run('eca.views.compareWithEnvironment', f, 'prod');
    assert.ok(isDiff(POL('prod', APP1), POL('uat', APP1)), 'a diff editor prod/ ↔ uat/');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('copy a setting across environments: one value changes on disk, the tree follows', async () => {
    const before = disk(POL('prod', APP1));
    const res = await run<CopySettingResult>('eca.views.copySetting', await setting('uat', APP1, 'ipRelaxationPolicyType'), ['prod']);
    assert.deepEqual(res.changed, [abs(POL('prod', APP1)).replace(/\\/g, '/')]);
    assert.equal(disk(POL('prod', APP1)), before.replace('<ipRelaxationPolicyType>Enforce<', '<ipRelaxationPolicyType>Bypass<'));
    await until(async () => desc(await setting('prod', APP1, 'ipRelaxationPolicyType')) === 'Bypass', 'the tree to show Bypass in prod');
    // default/ must keep client credentials off: the server refuses.
    await vscode.commands.executeCommand('eca.views.copySetting', await setting('uat', APP1, 'isClientCredentialsFlowEnabled'), ['default']);
    assert.match(views.lastError ?? '', /default\/ must keep client credentials off/);
    assert.match(disk(POL('default', APP1)), /<isClientCredentialsFlowEnabled>false</);
  });

  test('scaffold a missing environment by copying: default/ gets client credentials off', async () => {
    const res = await run<ScaffoldResult>('eca.views.scaffoldEnvironment', await envApp('default', APP2), { from: 'uat' });
    assert.deepEqual(res.files, [abs(POL('default', APP2)).replace(/\\/g, '/')]);
    assert.equal(disk(POL('default', APP2)), policy(APP2, undefined), 'the uat file with client credentials off and no run-as user');
    await until(async () => {
      const f = await file('default', APP2);
      return f.kind === 'file' && f.info.status === 'own';
    }, 'default/ to own the ERP policies');
  });

  test('scaffold production through the authoring command, with its run-as user', async () => {
    const res = await run<ScaffoldCommandResult>('eca.views.scaffoldEnvironment', await file('prod', APP2), { mode: 'policies', runAsUsers: { prod: 'erp@acme.example.com' } });
    assert.equal(res.error, undefined, res.error?.message);
    assert.deepEqual(res.created, [abs(POL('prod', APP2))]);
    assert.match(disk(POL('prod', APP2)), /<clientCredentialsFlowUser>erp@acme\.example\.com<\/clientCredentialsFlowUser>/);
    assert.match(disk(POL('prod', APP2)), /<isClientCredentialsFlowEnabled>true</);
    await until(async () => {
      const p = await env('prod');
      return p.info.counts.missing === 0 && p.info.counts.own === 2;
    }, 'prod to receive both apps from its own folder');
  });

  test('the environment matrix shows ECAs × environments × settings with drift highlighted, and follows edits', async () => {
    const panel = await run<EcaViewsApi['matrix']>('eca.views.showMatrix');
    assert.equal(panel.visible, true);
    const m = panel.matrices.find((x) => x.root === proj.replace(/\\/g, '/'))!;
    assert.deepEqual(m.environments.map((e) => e.name), ['prod', 'uat', 'default']);
    const ip = m.rows.find((r) => r.eca === APP1 && r.setting === 'ipRelaxationPolicyType')!;
    assert.equal(ip.drift, 'drift');
    assert.deepEqual(ip.cells.map((c) => [c.value, c.differs]), [['Bypass', true], ['Bypass', true], ['Enforce', false]]);
    assert.match(panel.html, new RegExp(`<tr class="row drift" data-eca="${APP1}" data-setting="ipRelaxationPolicyType">`));
    assert.match(panel.html, /<td class="cell own differs"[^>]*>Bypass<\/td>/);
    assert.match(panel.html, new RegExp(`<tr class="row expected" data-eca="${APP1}" data-setting="clientCredentialsFlowUser">`));
    // Every component the org receives, in deploy order, and the legend that explains missing and invalid cells.
    assert.deepEqual([...new Set(m.rows.filter((r) => r.eca === APP1).map((r) => r.component))].slice(0, 2), ['header', 'oauthSettings']);
    assert.match(panel.html, new RegExp(`<tr class="row none" data-eca="${APP1}" data-setting="header.distributionState">`));
    assert.match(panel.html, /<em>missing<\/em> cells say what the org keeps/);
    // The Security section per app × environment (issue 22): the posture eca-check audit reports.
    const sec = (label: string) => m.security?.find((r) => r.eca === APP1 && r.label === label)?.cells.map((c) => c.value);
    assert.deepEqual(sec('IP relaxation'), ip.cells.map((c) => c.value), 'the same values as the IP relaxation row');
    assert.deepEqual(sec('Refresh token'), ['90 Days', '90 Days', '90 Days']);
    assert.match(sec('Client credentials flow')?.[0] ?? '', /run as booking@acme\.example\.com/);
    const findings = m.security?.find((r) => r.eca === APP1 && r.label === 'Security findings')?.cells;
    // uat's copy relaxes IP restrictions (information: not a production org here); default/'s does not.
    assert.match(findings?.[1].value ?? '', /information ip-relaxation-bypass/);
    assert.equal(findings?.[1].severity, 'information');
    assert.doesNotMatch(findings?.[2].value ?? '', /ip-relaxation-bypass/);
    assert.match(panel.html, new RegExp(`<tr class="eca security" data-eca="${APP1}"><th colspan="4">Security — ${APP1}</th></tr>`));
    assert.match(panel.html, new RegExp(`<tr class="row security" data-eca="${APP1}" data-setting="security.IP relaxation"><th class="label">IP relaxation</th><td[^>]*>Bypass</td><td[^>]*>Bypass</td><td[^>]*>Enforce</td>`));
    // Bring default/ in line through a WorkspaceEdit: the matrix re-renders without the drift.
    const uri = vscode.Uri.file(abs(POL('default', APP1)));
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.getText().indexOf('>Enforce<') + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'Enforce'.length)), 'Bypass');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { s.dispose(); reject(new Error('the matrix did not re-render without the drift')); }, DEADLINE_MS);
      const s = panel.onDidRender((ms) => {
        const row = ms.find((x) => x.root === proj.replace(/\\/g, '/'))?.rows.find((r) => r.eca === APP1 && r.setting === 'ipRelaxationPolicyType');
        if (row?.drift === 'none') { clearTimeout(timer); s.dispose(); resolve(); }
      });
    });
    await doc.save();
  });

  test('uncommitted changes: an environment lists first what they would deploy to it differently (the plan against HEAD)', async function () {
    this.timeout(90_000);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: proj, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const rel = POL('uat', APP2);
    const before = disk(rel);
    assert.match(before, /<refreshTokenValidityPeriod>90</);
    writeFileSync(abs(rel), before.replace('<refreshTokenValidityPeriod>90<', '<refreshTokenValidityPeriod>30<'));
    const uncommitted = (nodes: EnvNode[]) => nodes.flatMap((n) => (n.kind === 'uncommitted' ? [n.text] : []));
    const lines = await until(async () => {
      await vscode.commands.executeCommand('eca.views.refresh');
      const kids = await views.environments.getChildren(await env('uat'));
      const l = uncommitted(kids);
      return kids[0]?.kind === 'uncommitted' && l.some((t) => t.includes('refreshTokenValidityPeriod')) && l;
    }, 'uat lists the uncommitted change first', DEADLINE_MS, async () => `uat: ${JSON.stringify(await views.environments.getChildren(await env('uat')))}`);
    assert.ok(lines.some((t) => t.includes('90') && t.includes('30')), lines.join('\n'));
    // Production receives no such file (it never falls back), so nothing uncommitted there.
    assert.deepEqual(uncommitted(await views.environments.getChildren(await env('prod'))), []);
    assert.match(String(item(await env('uat')).description), /\d+ uncommitted/);
  });

  test('retrieve from DevHub runs eca.retrieveFromDevHub for the app (org simulator, real @salesforce/core)', async function () {
    this.timeout(90_000);
    const keys = ['HOME', 'USERPROFILE', 'SF_USE_GENERIC_UNIX_KEYCHAIN', 'SF_DISABLE_TELEMETRY', 'SF_DISABLE_LOG_FILE'] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    const home = mkdtempSync(path.join(tmpdir(), 'eca-e2e-env-home-'));
    const out = mkdtempSync(path.join(tmpdir(), 'eca-e2e-env-out-'));
    let sim: OrgSim | undefined;
    try {
      Object.assign(process.env, { HOME: home, USERPROFILE: home, SF_USE_GENERIC_UNIX_KEYCHAIN: 'true', SF_DISABLE_TELEMETRY: 'true', SF_DISABLE_LOG_FILE: 'true' });
      sim = await startOrgSim();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const core = require('@salesforce/core') as typeof import('@salesforce/core');
      const tokens = sim.issueTokens();
      const auth = await core.AuthInfo.create({ username: sim.username, oauth2Options: { refreshToken: tokens.refreshToken, loginUrl: sim.url, clientId: 'PlatformCLI' } });
      await auth.save();
      await (await core.StateAggregator.getInstance()).aliases.setAndSave('EnvHub', sim.username);
      const top = await views.apps.getChildren();
      const project = top.find((n) => n.kind === 'project' && n.root === proj.replace(/\\/g, '/'));
      const app = (project ? await views.apps.getChildren(project) : top).find((n) => n.kind === 'app' && n.info.eca === APP1)!;
      assert.equal(item(app).contextValue, 'ecaApp;hasFile');
      // The org work runs in the language server: restart it so it sees this HOME (after reading
      // the tree, which the restarted server rebuilds).
      await (await activeApi()).client.restart();
      const res = await run<RetrieveCommandResult>('eca.views.retrieveFromDevHub', app, { targetOrg: 'EnvHub', outputDir: out });
      assert.ok(res, 'the retrieve command returned its result');
      assert.equal(res.org, sim.username);
      const got: string[] = [];
      const walk = (d: string) => { for (const n of readdirSync(d)) { const p = path.join(d, n); if (statSync(p).isDirectory()) walk(p); else got.push(path.relative(out, p).split(path.sep).join('/')); } };
      walk(out);
      assert.ok(got.includes(`main/default/externalClientApps/${APP1}.eca-meta.xml`), got.join(', '));
      assert.ok(got.some((g) => g.startsWith('main/default/extlClntAppOauthSettings/')), got.join(', '));
      assert.ok(existsSync(abs(`src/definition/externalClientApps/${APP1}.eca-meta.xml`)), 'the project itself is untouched (outputDir)');
    } finally {
      await sim?.close();
      for (const k of keys) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
      await (await activeApi()).client.restart();
      rmSync(home, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
