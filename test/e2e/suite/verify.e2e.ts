// End to end: "ECA: Verify Against Org…" in the real VS Code extension host, against simulated orgs
// on 127.0.0.1. The command sends eca/verify to the language server (which loads dist/sf-lib.js) on
// a copy of the held-out sfp project; the org's refusals arrive as diagnostics whose source names
// the org, only check-only deploys reach the org, and the project stays byte-identical.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startOrgSim, type OrgSim } from '../../org-sim/server';
import type { VerifyCommandResult } from '../../../client/src/commands/verify';
import { activeApi } from './helpers';
import { assertEvery } from '../../helpers/assert';

const ENV_KEYS = ['HOME', 'USERPROFILE', 'SF_USE_GENERIC_UNIX_KEYCHAIN', 'SF_DISABLE_TELEMETRY', 'SF_DISABLE_LOG_FILE'] as const;
const REPO = path.join(__dirname, '..', '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'verify', 'sfp-aliasfy');

function snapshot(root: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else parts.push(`${path.relative(root, p)}\n${readFileSync(p, 'base64')}`);
    }
  };
  walk(root);
  return parts.join('\n');
}

suite('Verify against org', () => {
  const sims: OrgSim[] = [];
  let home = '';
  let root = '';
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {};

  suiteSetup(async function () {
    this.timeout(120_000);
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    home = mkdtempSync(path.join(tmpdir(), 'eca-e2e-home-'));
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
    process.env.SF_DISABLE_TELEMETRY = 'true';
    process.env.SF_DISABLE_LOG_FILE = 'true';
    root = mkdtempSync(path.join(tmpdir(), 'eca-e2e-verify-'));
    cpSync(FIXTURE, root, { recursive: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@salesforce/core') as typeof import('@salesforce/core');
    const login = async (alias: string, opts: Parameters<typeof startOrgSim>[0]) => {
      const sim = await startOrgSim({ components: [], devHubOrgId: '00DHUB000000001AAA', ...opts });
      sims.push(sim);
      const tokens = sim.issueTokens();
      const auth = await core.AuthInfo.create({
        username: sim.username,
        oauth2Options: { refreshToken: tokens.refreshToken, loginUrl: sim.url, clientId: 'PlatformCLI' },
      });
      await auth.save();
      await core.StateAggregator.clearInstanceAsync();
      const state = await core.StateAggregator.getInstance();
      await state.aliases.setAndSave(alias, sim.username);
    };
    await login('uat', { orgKind: 'sandbox', users: [{ Username: 'integration.booking@acme.example.com.uat', IsActive: true }], permissionSets: ['Booking_Integration'] });
    await login('prod', { orgKind: 'production', permissionSets: ['Booking_Integration'] });
    // The org work runs in the language server: restart it so it sees this HOME.
    await (await activeApi()).client.restart();
  });

  suiteTeardown(async () => {
    for (const s of sims) await s.close();
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await (await activeApi()).client.restart();
    for (const t of [home, root]) if (t) rmSync(t, { recursive: true, force: true });
  });

  test('the command is contributed, registered and enabled in a trusted workspace', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('eca.verifyAgainstOrg'));
    assert.equal(vscode.workspace.isTrusted, true);
  });

  test("prod's refusals become diagnostics on prod/ with the org as source; uat accepts; nothing deployed or written", async function () {
    this.timeout(90_000);
    const before = snapshot(root);
    const [uat, prod] = sims;
    const refused = await vscode.commands.executeCommand<VerifyCommandResult | undefined>('eca.verifyAgainstOrg', { targetOrg: 'prod', uri: vscode.Uri.file(root) });
    assert.ok(refused, 'the command returned its result');
    assert.equal(refused.exitCode, 1, JSON.stringify(refused));
    const pol = vscode.Uri.file(path.join(root, 'src/booking-policies/prod/extlClntAppOauthPolicies/Booking_Partner_API_oauthPlcy.ecaOauthPlcy-meta.xml'));
    const diags = vscode.languages.getDiagnostics(pol).filter((d) => d.source === 'org prod');
    assert.ok(diags.some((d) => d.code === 'org-deploy-check' && d.message === 'Enter a valid execution user for the OAuth client credentials flow.' && d.range.start.line === 2), JSON.stringify(diags));
    assert.ok(diags.some((d) => d.code === 'org-user-missing'));
    const uatPol = vscode.Uri.file(path.join(root, 'src/booking-policies/uat/extlClntAppOauthPolicies/Booking_Partner_API_oauthPlcy.ecaOauthPlcy-meta.xml'));
    assert.deepEqual(vscode.languages.getDiagnostics(uatPol).filter((d) => String(d.source).startsWith('org ')), []);
    const accepted = await vscode.commands.executeCommand<VerifyCommandResult | undefined>('eca.verifyAgainstOrg', { targetOrg: 'uat', uri: vscode.Uri.file(root) });
    assert.equal(accepted?.exitCode, 0, JSON.stringify(accepted));
    assert.equal(accepted?.files, 4);
    for (const s of [uat, prod]) {
      assert.equal(s.deploys.length, 1);
      assertEvery(s.deploys, (d) => d.checkOnly && d.options.testLevel === 'NoTestRun', 's.deploys');
    }
    assert.equal(snapshot(root), before, 'the project changed');
  });
});
