// The environment matrix's Security section (issue 22), through the language service as the server
// answers `eca/matrix`: per app × environment the posture eca-check audit reports, with the security
// findings the workspace published for the files each environment receives — production vs sandbox.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { EcaWorkspace, getLanguageService } from '../../server/src/engine';
import { eca, tempTree } from '../helpers/fs';
import { sfHome } from '../helpers/sfHome';

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const POL = (env: string) => `pol/${env}/extlClntAppOauthPolicies/Shop_oauthPlcy.ecaOauthPlcy-meta.xml`;
const policies = (ip: string, refresh: string) => eca('ExtlClntAppOauthConfigurablePolicies',
  `    <externalClientApplication>Shop</externalClientApplication>\n    <ipRelaxationPolicyType>${ip}</ipRelaxationPolicyType>\n    <refreshTokenPolicyType>${refresh}</refreshTokenPolicyType>\n`);

test('Security rows per app × environment: posture and findings, production first', async () => {
  const root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'app', default: true }, { path: 'pol', aliasfy: true }] }),
    'app/externalClientApps/Shop.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Shop</label>\n'),
    'app/extlClntAppGlobalOauthSets/Shop_glbl.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://shop.example.com/cb</callbackUrl>\n    <externalClientApplication>Shop</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n'),
    [POL('prod')]: policies('Bypass', 'Infinite'),
    [POL('qa')]: policies('Bypass', 'SpecificLifetime'),
    [POL('default')]: policies('Enforce', 'Zero'),
  });
  const home = sfHome({ prod: 'production', qa: 'sandbox' });
  dirs.push(root, home);
  const ws = new EcaWorkspace({ home });
  ws.addRoot(root);
  await ws.scan(root);
  const m = getLanguageService(ws).environmentsView(root)!.matrix();
  assert.deepEqual(m.environments.map((e) => e.name), ['prod', 'qa', 'default']);
  const row = (label: string) => m.security?.find((r) => r.eca === 'Shop' && r.label === label)?.cells;
  assert.deepEqual(row('IP relaxation')?.map((c) => c.value), ['Bypass', 'Bypass', 'Enforce']);
  assert.deepEqual(row('PKCE required')?.map((c) => c.value), ['yes', 'yes', 'yes']);
  assert.equal(row('Refresh token')?.[0].value, 'never expires');
  const findings = row('Security findings')!;
  // Bypass in production is a warning; in a sandbox, information; default/ has none.
  assert.match(findings[0].value, /warning ip-relaxation-bypass/);
  assert.match(findings[0].value, /warning refresh-token-never-expires/);
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[1].value, /information ip-relaxation-bypass/);
  assert.equal(findings[1].severity, 'information');
  assert.equal(findings[2].value, 'none');
  assert.equal(findings[2].severity, undefined);
});
