// Quick fixes change only the bytes they must: indentation, tabs, CRLF and comments survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, type Fix, type TextEdit } from '../../server/src/engine';
import { applyTextEdits as applyEdits } from '../../server/src/engine/authoring/source';
import { modelOf, ROOT } from '../helpers/engine';

function fixFor(path: string, text: string, code: string, title?: RegExp, files: Record<string, string> = {}): Fix {
  const d = checkFile(`${ROOT}/${path}`, text, modelOf(files)).find((x) => x.code === code);
  assert.ok(d, `no ${code} diagnostic`);
  const f = title ? d.fixes?.find((x) => title.test(x.title)) : d.fixes?.[0];
  assert.ok(f, `no fix on ${code}: ${JSON.stringify(d.fixes?.map((x) => x.title))}`);
  return f;
}

function applyFix(text: string, fix: Fix): string {
  assert.equal(fix.changes.length, 1);
  const c = fix.changes[0];
  assert.equal(c.kind, 'edit');
  return applyEdits(text, c.kind === 'edit' ? c.edits : []);
}

const P = 'force-app/main/default/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

test('invalid-boolean fix keeps CRLF and tabs', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExtlClntAppOauthConfigurablePolicies ${NS}>\r\n\t<!-- run-as user -->\r\n\t<clientCredentialsFlowUser>a@b.com</clientCredentialsFlowUser>\r\n\t<externalClientApplication>A</externalClientApplication>\r\n\t<isClientCredentialsFlowEnabled>True</isClientCredentialsFlowEnabled>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n`;
  assert.equal(applyFix(text, fixFor(P, text, 'invalid-boolean')), text.replace('>True<', '>true<'));
});

test('client-credentials-user-missing inserts the user in alphabetical position with the file\'s indentation and line ending', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExtlClntAppOauthConfigurablePolicies ${NS}>\r\n\t<externalClientApplication>A</externalClientApplication>\r\n\t<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n`;
  const out = applyFix(text, fixFor(P, text, 'client-credentials-user-missing'));
  assert.equal(out, text.replace('\t<externalClientApplication>', '\t<clientCredentialsFlowUser>integration.user@example.com</clientCredentialsFlowUser>\r\n\t<externalClientApplication>'));
  assert.equal(checkFile(`${ROOT}/${P}`, out, null).filter((d) => d.severity === 'error').length, 0);
});

test('missing-required inserts externalClientApplication named after the ECA in the project', () => {
  const path = 'force-app/main/default/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml';
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppConfigurablePolicies ${NS}>\n    <isEnabled>true</isEnabled>\n    <label>x</label>\n</ExtlClntAppConfigurablePolicies>\n`;
  const files = { 'force-app/main/default/externalClientApps/MyApp.eca-meta.xml': `<ExternalClientApplication ${NS}/>` };
  const out = applyFix(text, fixFor(path, text, 'missing-required', undefined, files));
  assert.equal(out, text.replace('    <isEnabled>', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>'));
});

test('duplicate-element removes the later line only', () => {
  const path = 'force-app/main/default/externalClientApps/A.eca-meta.xml';
  const text = `<ExternalClientApplication ${NS}>\n  <label>A</label>\n  <!-- keep me -->\n  <label>B</label>\n</ExternalClientApplication>\n`;
  assert.equal(applyFix(text, fixFor(path, text, 'duplicate-element')), `<ExternalClientApplication ${NS}>\n  <label>A</label>\n  <!-- keep me -->\n</ExternalClientApplication>\n`);
});

test('invalid-scope maps protocol tokens to metadata names in place', () => {
  const path = 'force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml';
  const text = `<ExtlClntAppOauthSettings ${NS}>\n    <commaSeparatedOauthScopes>Api, refresh_token</commaSeparatedOauthScopes>\n    <externalClientApplication>A</externalClientApplication>\n</ExtlClntAppOauthSettings>\n`;
  assert.equal(applyFix(text, fixFor(path, text, 'invalid-scope')), text.replace('refresh_token', 'RefreshToken'));
});

test('invalid-enum suggests the closest value', () => {
  const path = 'force-app/main/default/externalClientApps/A.eca-meta.xml';
  const text = `<ExternalClientApplication ${NS}>\n    <distributionState>Packageable</distributionState>\n</ExternalClientApplication>\n`;
  assert.equal(applyFix(text, fixFor(path, text, 'invalid-enum')), text.replace('Packageable', 'Packaged'));
});

test('unknown-element renames a typo in both tags', () => {
  const text = `<ExtlClntAppOauthConfigurablePolicies ${NS}>\n    <externalClientApplication>A</externalClientApplication>\n    <ipRelaxationPolicyTyp>Enforce</ipRelaxationPolicyTyp>\n</ExtlClntAppOauthConfigurablePolicies>\n`;
  assert.equal(applyFix(text, fixFor(P, text, 'unknown-element')), text.replace(/ipRelaxationPolicyTyp>/g, 'ipRelaxationPolicyType>'));
});

test('xml-namespace adds the namespace', () => {
  const path = 'force-app/main/default/externalClientApps/A.eca-meta.xml';
  const text = `<?xml version="1.0"?>\n<ExternalClientApplication>\n    <label>A</label>\n</ExternalClientApplication>\n`;
  assert.equal(applyFix(text, fixFor(path, text, 'xml-namespace')), text.replace('<ExternalClientApplication>', `<ExternalClientApplication ${NS}>`));
});

test('consumer-key-in-source removes the element line', () => {
  const path = 'force-app/main/default/extlClntAppGlobalOauthSets/A_glbloauth.ecaGlblOauth-meta.xml';
  const text = `<ExtlClntAppGlobalOauthSettings ${NS}>\n    <consumerKey>3MVG9xyz</consumerKey>\n    <externalClientApplication>A</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n`;
  assert.equal(applyFix(text, fixFor(path, text, 'consumer-key-in-source')), text.replace('    <consumerKey>3MVG9xyz</consumerKey>\n', ''));
});

test('global-oauth-in-source creates .forceignore or appends one line, keeping CRLF', () => {
  const path = 'force-app/main/default/extlClntAppGlobalOauthSets/A_glbloauth.ecaGlblOauth-meta.xml';
  const text = `<ExtlClntAppGlobalOauthSettings ${NS}>\n    <externalClientApplication>A</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n`;
  const create = fixFor(path, text, 'global-oauth-in-source');
  assert.equal(create.changes[0].kind, 'create');
  const append = fixFor(path, text, 'global-oauth-in-source', undefined, { '.forceignore': '# sf\r\n**/jsconfig.json' });
  const ch = append.changes[0];
  assert.ok(ch.kind === 'edit' && ch.path === `${ROOT}/.forceignore`);
  assert.equal(applyEdits('# sf\r\n**/jsconfig.json', ch.kind === 'edit' ? ch.edits : []), '# sf\r\n**/jsconfig.json\r\n**/*.ecaGlblOauth-meta.xml\r\n');
});

test('root-mismatch and file-suffix offer renames, never edits of content', () => {
  const path = 'force-app/main/default/extlClntAppOauthSettings/A_oauth.extlClntAppOauthSettings-meta.xml';
  const text = `<ExtlClntAppOauthSettings ${NS}>\n    <externalClientApplication>A</externalClientApplication>\n</ExtlClntAppOauthSettings>\n`;
  const fix = fixFor(path, text, 'file-suffix');
  assert.deepEqual(fix.changes, [{ kind: 'rename', from: `${ROOT}/${path}`, to: `${ROOT}/force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml` }]);
});

test('a stray <scopes> beside commaSeparatedOauthScopes is merged into it, never renamed into a duplicate', () => {
  const path = 'force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml';
  const text = `<ExtlClntAppOauthSettings ${NS}>\n    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>A</externalClientApplication>\n    <scopes>Web, Api</scopes>\n</ExtlClntAppOauthSettings>\n`;
  const fix = fixFor(path, text, 'unknown-element');
  assert.equal(fix.title, 'Merge Web into <commaSeparatedOauthScopes>');
  const out = applyFix(text, fix);
  assert.equal(out, `<ExtlClntAppOauthSettings ${NS}>\n    <commaSeparatedOauthScopes>Api, RefreshToken, Web</commaSeparatedOauthScopes>\n    <externalClientApplication>A</externalClientApplication>\n</ExtlClntAppOauthSettings>\n`);
  const same = text.replace('Web, Api', 'Api');
  assert.equal(fixFor(path, same, 'unknown-element').title, 'Remove this <scopes> (<commaSeparatedOauthScopes> already exists)');
});

test('connected-app-new offers the existing migration command for the file', () => {
  const path = `${ROOT}/force-app/main/default/connectedApps/Legacy.connectedApp-meta.xml`;
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ConnectedApp ${NS}>\n    <label>Legacy</label>\n</ConnectedApp>\n`;
  const d = checkFile(path, text, null);
  assert.deepEqual(d.map((x) => [x.code, x.severity]), [['connected-app-new', 'warning']]);
  assert.deepEqual(d[0].commands, [{ title: 'Migrate to External Client App…', command: 'eca.migrateConnectedApp', arguments: [path] }]);
  assert.match(d[0].message, /Connected App creation via APIs \(including the Metadata API\) is blocked/);
});

// The security quick fixes (issue 22): PKCE on, and a 30-day idle lifetime instead of Infinite.
const G = 'force-app/main/default/extlClntAppGlobalOauthSets/A_glbloauth.ecaGlblOauth-meta.xml';
const HEADER = (state: string) => ({ 'force-app/main/default/externalClientApps/A.eca-meta.xml': `<ExternalClientApplication ${NS}>\n    <distributionState>${state}</distributionState>\n    <label>A</label>\n</ExternalClientApplication>\n` });
const codes = (path: string, text: string, files: Record<string, string>) => checkFile(`${ROOT}/${path}`, text, modelOf(files)).map((d) => d.code);

test('pkce-disabled: the fix sets isPkceRequired to true, or adds it in alphabetical position; the warning goes', () => {
  const off = `<ExtlClntAppGlobalOauthSettings ${NS}>\n\t<callbackUrl>https://a.example.com/cb</callbackUrl>\n\t<externalClientApplication>A</externalClientApplication>\n\t<isPkceRequired>false</isPkceRequired>\n</ExtlClntAppGlobalOauthSettings>\n`;
  const fixed = applyFix(off, fixFor(G, off, 'pkce-disabled', /Set isPkceRequired to true/, HEADER('Packaged')));
  assert.equal(fixed, off.replace('>false<', '>true<'));
  assert.ok(!codes(G, fixed, HEADER('Packaged')).includes('pkce-disabled'));
  const absent = off.replace('\t<isPkceRequired>false</isPkceRequired>\n', '').replace(/\n/g, '\r\n');
  const added = applyFix(absent, fixFor(G, absent, 'pkce-disabled', /Add <isPkceRequired>true/, HEADER('Local')));
  assert.equal(added, absent.replace('</externalClientApplication>\r\n', '</externalClientApplication>\r\n\t<isPkceRequired>true</isPkceRequired>\r\n'));
  assert.ok(!codes(G, added, HEADER('Local')).includes('pkce-disabled'));
});

test('refresh-token-never-expires: the fix writes SpecificInactivity, 30 Days in place or inserts what is missing; the warning goes', () => {
  const inPlace = `<ExtlClntAppOauthConfigurablePolicies ${NS}>\n    <externalClientApplication>A</externalClientApplication>\n    <!-- reviewed -->\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Hours</refreshTokenValidityUnit>\n</ExtlClntAppOauthConfigurablePolicies>\n`;
  const fixed = applyFix(inPlace, fixFor(P, inPlace, 'refresh-token-never-expires', /30 days/));
  assert.equal(fixed, inPlace.replace('>Infinite<', '>SpecificInactivity<').replace('>0<', '>30<').replace('>Hours<', '>Days<'));
  assert.ok(!codes(P, fixed, {}).includes('refresh-token-never-expires'));
  const bare = inPlace.replace(/ {4}<refreshTokenValidity[^\n]*\n/g, '');
  const inserted = applyFix(bare, fixFor(P, bare, 'refresh-token-never-expires', /30 days/));
  for (const line of ['<refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>', '<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>', '<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>']) {
    assert.ok(inserted.includes(`\n    ${line}\n`), `${line} on a line of its own with the file's indentation:\n${inserted}`);
  }
  assert.match(inserted, /<!-- reviewed -->/);
  // In the platform's alphabetical order: Period before Unit (two inserts at one offset keep their order, as LSP applies them).
  assert.ok(inserted.indexOf('<refreshTokenValidityPeriod>') < inserted.indexOf('<refreshTokenValidityUnit>'), inserted);
  assert.deepEqual(checkFile(`${ROOT}/${P}`, inserted, modelOf({})).filter((d) => d.code === 'refresh-token-never-expires' || d.severity === 'error').map((d) => d.code), []);
});

test('duplicate-element: a split-off repeated element moves next to the others, line and indentation kept; the error goes', () => {
  const O = 'force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml';
  const text = `<ExtlClntAppOauthSettings ${NS}>\r\n\t<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\r\n\t<customAttributes>\r\n\t\t<formula>1</formula>\r\n\t\t<key>a</key>\r\n\t</customAttributes>\r\n\t<externalClientApplication>A</externalClientApplication>\r\n\t<!-- from the other branch -->\r\n\t<customAttributes><formula>2</formula><key>b</key></customAttributes>\r\n\t<label>A_oauth</label>\r\n</ExtlClntAppOauthSettings>\r\n`;
  const fixed = applyFix(text, fixFor(O, text, 'duplicate-element', /Move/));
  assert.equal(fixed, text.replace('\t<customAttributes><formula>2</formula><key>b</key></customAttributes>\r\n', '').replace('\t</customAttributes>\r\n', '\t</customAttributes>\r\n\t<customAttributes><formula>2</formula><key>b</key></customAttributes>\r\n'));
  assert.ok(!codes(O, fixed, {}).includes('duplicate-element'));
  assert.match(fixed, /<!-- from the other branch -->/);
});
