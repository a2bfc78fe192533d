// End to end: the command "ECA: Retrieve External Client App from DevHub" in the real VS Code
// extension host, against the org simulator on 127.0.0.1, with the extension's own lazily loaded
// dist/sf-lib.js, which the language server loads (the client only asks). HOME is pointed at a temp
// dir for this suite only (restored afterwards) and the server restarted so it inherits it; the
// login is made there with the real @salesforce/core, as `sf org login web` would leave it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startOrgSim, type OrgSim } from '../../org-sim/server';
import type { RetrieveCommandResult } from '../../../client/src/commands/retrieve';
import { activeApi } from './helpers';

const ENV_KEYS = ['HOME', 'USERPROFILE', 'SF_USE_GENERIC_UNIX_KEYCHAIN', 'SF_DISABLE_TELEMETRY', 'SF_DISABLE_LOG_FILE'] as const;
const ALIAS = 'E2eHub';

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

function containing(root: string, needles: string[]): string[] {
  return filesUnder(root).filter((f) => {
    const data = readFileSync(f);
    return needles.some((n) => data.includes(Buffer.from(n)));
  });
}

suite('Retrieve from DevHub', () => {
  let sim: OrgSim | undefined;
  let home = '';
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {};
  const temps: string[] = [];

  suiteSetup(async function () {
    this.timeout(120_000);
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    home = mkdtempSync(path.join(tmpdir(), 'eca-e2e-home-'));
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
    process.env.SF_DISABLE_TELEMETRY = 'true';
    process.env.SF_DISABLE_LOG_FILE = 'true';
    sim = await startOrgSim();
    // The test's own login, with the repository's @salesforce/core (the extension uses its bundle).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@salesforce/core') as typeof import('@salesforce/core');
    const tokens = sim.issueTokens();
    const auth = await core.AuthInfo.create({
      username: sim.username,
      oauth2Options: { refreshToken: tokens.refreshToken, loginUrl: sim.url, clientId: 'PlatformCLI' },
    });
    await auth.save();
    const state = await core.StateAggregator.getInstance();
    await state.aliases.setAndSave(ALIAS, sim.username);
    // The org work runs in the language server: restart it so it sees this HOME.
    await (await activeApi()).client.restart();
  });

  suiteTeardown(async () => {
    await sim?.close();
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await (await activeApi()).client.restart();
    for (const t of [home, ...temps]) if (t) rmSync(t, { recursive: true, force: true });
  });

  test('the command is registered and enabled in a trusted workspace', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('eca.retrieveFromDevHub'));
    assert.equal(vscode.workspace.isTrusted, true);
  });

  test('retrieves an app and its differently named OAuth settings; the consumer secret never reaches disk', async function () {
    this.timeout(60_000);
    sim!.answerAlsoWith = ['ExtlClntAppGlobalOauthSettings'];
    // The token expires once the retrieve started: the bundle's core refreshes it and carries on.
    sim!.inject({ on: 'checkRetrieveStatus', kind: 'expireSession' });
    const out = mkdtempSync(path.join(tmpdir(), 'eca-e2e-out-'));
    temps.push(out);
    const result = await vscode.commands.executeCommand<RetrieveCommandResult | undefined>('eca.retrieveFromDevHub', {
      eca: 'ecaViaMetadata',
      targetOrg: ALIAS,
      outputDir: out,
    });
    assert.ok(result, 'the command returned its result (an error would have been shown instead)');
    const rel = filesUnder(out).map((f) => path.relative(out, f).split(path.sep).join('/')).sort();
    assert.deepEqual(rel, [
      'main/default/externalClientApps/ecaViaMetadata.eca-meta.xml',
      'main/default/extlClntAppOauthPolicies/ecaViaMetadataSettings_defaultPolicy.ecaOauthPlcy-meta.xml',
      'main/default/extlClntAppOauthSettings/ecaViaMetadataSettings.ecaOauth-meta.xml',
    ]);
    assert.equal(
      readFileSync(path.join(out, 'main/default/extlClntAppOauthSettings/ecaViaMetadataSettings.ecaOauth-meta.xml'), 'utf8'),
      sim!.component('ExtlClntAppOauthSettings', 'ecaViaMetadataSettings')!.xml,
    );
    const secrets = [...sim!.secrets.values()].flatMap((s) => [s.consumerKey, s.consumerSecret]);
    assert.deepEqual(containing(out, secrets), []);
    assert.deepEqual(containing(home, secrets), []);
    assert.ok(sim!.refreshCount >= 2, 'the expired token was refreshed (login + mid-flow)');
  });
});
