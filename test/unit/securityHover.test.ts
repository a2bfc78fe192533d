// Hover on a security setting (issue 22): what the value means, for which org(s) — production or not,
// from the aliasfy model — and the security rules that judge it, each with the source it cites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine';
import { hover } from '../../server/src/engine/services/hover';
import { modelOf, ROOT } from '../helpers/engine';
import { eca } from '../helpers/fs';

const SFDX = JSON.stringify({ packageDirectories: [{ path: 'app', default: true }, { path: 'pol', aliasfy: true }] });
const POL = (env: string) => `pol/${env}/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml`;
const policies = eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>A</externalClientApplication>\n    <ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n');

function hoverOn(rel: string, files: Record<string, string>, needle: string, productionAliases: string[] = []): string {
  const model = modelOf(files, { productionAliases });
  const text = files[rel];
  const h = hover(parseFile(`${ROOT}/${rel}`, text), text.indexOf(needle) + 1, model);
  assert.ok(h, `a hover on ${needle}`);
  return h.markdown;
}

test('IP relaxation Bypass: in the production folder it says production; in default/ never production', () => {
  const files = { 'sfdx-project.json': SFDX, [POL('prod')]: policies, [POL('default')]: policies };
  const prod = hoverOn(POL('prod'), files, 'Bypass<', ['prod']);
  assert.match(prod, /\*\*Security\*\* — Tokens of this app work from any address/);
  assert.match(prod, /In the org aliased `prod` — `prod` \(production\).*a production org/);
  assert.match(prod, /`ip-relaxation-bypass`: .*\(\[Salesforce Metadata API: ExtlClntAppOauthConfigurablePolicies/);
  const def = hoverOn(POL('default'), files, 'Bypass<', ['prod']);
  assert.match(def, /In sandboxes and scratch orgs without a folder of their own \(never production\)/);
});

test('refresh token policy Infinite and a non-security field', () => {
  const files = { 'sfdx-project.json': SFDX, [POL('uat')]: policies };
  const md = hoverOn(POL('uat'), files, '<refreshTokenPolicyType>');
  assert.match(md, /Refresh tokens stay valid until revoked/);
  assert.match(md, /`refresh-token-never-expires`.*\[RFC 9700 §4\.14\.2/);
  assert.doesNotMatch(hoverOn(POL('uat'), files, '<externalClientApplication>'), /\*\*Security\*\*/);
});

test('a callback URL outside aliasfy reaches every org, production included', () => {
  const rel = 'app/extlClntAppGlobalOauthSets/A_glbl.ecaGlblOauth-meta.xml';
  const files = { 'sfdx-project.json': SFDX, [rel]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>http://app.example.com/cb</callbackUrl>\n    <externalClientApplication>A</externalClientApplication>\n') };
  const md = hoverOn(rel, files, 'http://app');
  assert.match(md, /plain http to a remote host/);
  assert.match(md, /In every org that deploys this package, production included/);
  assert.match(md, /`callback-url-insecure`.*RFC 8252 §7\.3/);
});
