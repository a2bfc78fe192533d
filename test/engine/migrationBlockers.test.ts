// One case per blocker: the migration names it (code + the setting), still produces files our
// checks pass (leaving out what is blocked), and the report lists it. Plus refusals of bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAPPING, planMigration, type MigrationOptions } from '../../server/src/migration';
import { connectedApp, errorsOf, fileOf, memFs, PKG, plan, recheck, ROOT, SFDX, values, CA_PATH } from '../helpers/migration';

const oauth = (inner = '') => `    <oauthConfig>\n        <callbackUrl>https://app.example.com/cb</callbackUrl>\n${inner}    </oauthConfig>\n`;

interface BlockerCase { code: string; name: string; body: string; opts?: Partial<MigrationOptions>; setting?: string; extra?: (p: ReturnType<typeof plan>) => void }

const CASES: BlockerCase[] = [
  { code: 'username-password-flow', name: 'callers use the username-password flow (the user says so)', body: oauth(), opts: { usesPasswordFlow: true } },
  { code: 'installed-from-package', name: 'a namespaced developerName (installed from a managed package)', body: '    <developerName>HelloSend__HelloSend</developerName>\n    <version>2</version>\n', setting: 'developerName',
    extra: (p) => assert.equal(p.blockers.filter((b) => b.code === 'installed-from-package').length, 1, 'reported once') },
  { code: 'installed-from-package', name: 'a <version> element', body: '    <version>3</version>\n', setting: 'version' },
  { code: 'mobile-start-url', name: 'mobileStartUrl', body: '    <mobileStartUrl>https://m.example.com</mobileStartUrl>\n', setting: 'mobileStartUrl' },
  { code: 'mobile-settings', name: 'mobileAppConfig (WSDL only)', body: '    <mobileAppConfig>\n        <applicationId>x</applicationId>\n    </mobileAppConfig>\n', setting: 'mobileAppConfig' },
  { code: 'canvas-metadata', name: 'the WSDL-only <canvas> element', body: '    <canvas>\n        <x>1</x>\n    </canvas>\n', setting: 'canvas' },
  { code: 'push-notifications', name: 'push settings', body: '    <pushNotificationConfig>\n        <x>1</x>\n    </pushNotificationConfig>\n', setting: 'pushNotificationConfig' },
  { code: 'user-provisioning', name: 'user provisioning', body: '    <userProvisioningConfig>\n        <x>1</x>\n    </userProvisioningConfig>\n', setting: 'userProvisioningConfig' },
  { code: 'unknown-setting', name: 'an element no source documents', body: '    <frobnicate>true</frobnicate>\n', setting: 'frobnicate' },
  { code: 'unknown-setting', name: 'an unknown element inside oauthConfig', body: oauth('        <isMagicEnabled>true</isMagicEnabled>\n'), setting: 'oauthConfig/isMagicEnabled' },
  { code: 'unknown-scope', name: 'a scope the ECA does not know (SFApi is never guessed as SFApiPlatform)', body: oauth('        <scopes>Api</scopes>\n        <scopes>SFApi</scopes>\n'), setting: 'oauthConfig/scopes',
    extra: (p) => {
      assert.deepEqual(values(fileOf(p, 'oauth'), 'commaSeparatedOauthScopes'), ['Api']);
      const rows = p.rows.filter((r) => r.setting === 'oauthConfig/scopes');
      assert.deepEqual(rows.map((r) => [r.kind, r.value]), [['computed', 'Api'], ['blocker', 'SFApi']]);
    } },
  { code: 'id-token-custom-perms', name: 'custom permissions in the ID token', body: oauth('        <idTokenConfig>\n            <idTokenIncludeCustomPerms>true</idTokenIncludeCustomPerms>\n        </idTokenConfig>\n'), setting: 'oauthConfig/idTokenConfig/idTokenIncludeCustomPerms' },
  { code: 'canvas-location', name: 'a canvas location ECAs lack (Sidebar)', body: '    <canvasConfig>\n        <accessMethod>Get</accessMethod>\n        <canvasUrl>https://c/</canvasUrl>\n        <locations>Sidebar</locations>\n        <locations>Visualforce</locations>\n    </canvasConfig>\n', setting: 'canvasConfig/locations',
    extra: (p) => assert.deepEqual(values(fileOf(p, 'canvas'), 'canvasLocationOptions'), ['Visualforce']) },
  { code: 'canvas-option', name: 'a canvas option ECAs lack (HideFooter)', body: '    <canvasConfig>\n        <accessMethod>Get</accessMethod>\n        <canvasUrl>https://c/</canvasUrl>\n        <options>HideFooter</options>\n    </canvasConfig>\n', setting: 'canvasConfig/options' },
  { code: 'saml-not-packageable', name: 'SAML with pattern 1', body: '    <samlConfig>\n        <acsUrl>https://sp/acs</acsUrl>\n        <entityUrl>https://sp</entityUrl>\n        <samlSubjectType>Username</samlSubjectType>\n    </samlConfig>\n', opts: { pattern: '1' }, setting: 'samlConfig',
    extra: (p) => assert.equal(fileOf(p, 'saml'), undefined) },
  { code: 'private-key', name: 'a private key pasted as the certificate', body: oauth('        <certificate>-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----</certificate>\n'), setting: 'oauthConfig/certificate',
    extra: (p) => assert.deepEqual(values(fileOf(p, 'globalOauth'), 'certificate'), []) },
  { code: 'plugin-without-oauth', name: 'an Apex plugin on an app without OAuth', body: '    <plugin>MyPlugin</plugin>\n', setting: 'plugin' },
  { code: 'session-policy-without-oauth', name: 'a session policy on an app without OAuth', body: '    <sessionPolicy>\n        <sessionLevel>HIGH_ASSURANCE</sessionLevel>\n    </sessionPolicy>\n', setting: 'sessionPolicy/sessionLevel' },
  { code: 'invalid-value', name: 'an ipRelaxation value that is not one', body: oauth() + '    <oauthPolicy>\n        <ipRelaxation>SOMETIMES</ipRelaxation>\n        <refreshTokenPolicy>infinite</refreshTokenPolicy>\n    </oauthPolicy>\n', setting: 'oauthPolicy/ipRelaxation' },
  { code: 'invalid-value', name: 'a refreshTokenPolicy that is not one', body: oauth() + '    <oauthPolicy>\n        <ipRelaxation>ENFORCE</ipRelaxation>\n        <refreshTokenPolicy>specific_lifetime:0:DAYS</refreshTokenPolicy>\n    </oauthPolicy>\n', setting: 'oauthPolicy/refreshTokenPolicy' },
  { code: 'invalid-value', name: 'a boolean that is not one', body: oauth('        <isPkceRequired>yes</isPkceRequired>\n'), setting: 'oauthConfig/isPkceRequired' },
  { code: 'package-type', name: 'the local flow into an unlocked package', body: oauth(),
    opts: { sfdxProject: '{"packageDirectories":[{"path":"force-app","package":"eca","versionNumber":"1.0.0.NEXT","default":true}]}' } },
  { code: 'global-oauth-ignored', name: 'the local flow while .forceignore hides global OAuth settings', body: oauth(), opts: { forceignore: '**/*.ecaGlblOauth-meta.xml\n' } },
  { code: 'check-failed', name: 'our checks fail on the result (an ECA of that name already deploys from the same package)', body: '',
    opts: { projectFiles: [{ path: `${PKG}/other/externalClientApps/My_App.eca-meta.xml`, text: '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <distributionState>Local</distributionState>\n    <label>Old</label>\n</ExternalClientApplication>\n' }] } },
];

for (const c of CASES) {
  test(`blocker ${c.code}: ${c.name}`, () => {
    const p = plan(connectedApp(c.body), c.opts);
    const b = p.blockers.find((x) => x.code === c.code);
    assert.ok(b, `expected ${c.code}, got ${JSON.stringify(p.blockers)}`);
    if (c.setting) assert.equal(b.setting, c.setting);
    assert.match(p.report, /## Blockers/);
    assert.ok(p.report.includes(`**${c.code}**`), 'the report names the blocker');
    assert.match(p.report, /\*\*Blocked: \d+ blocker\(s\)\*\*/);
    if (c.code !== 'check-failed' && c.code !== 'package-type') {
      const extra = c.opts?.projectFiles ?? [];
      assert.deepEqual(errorsOf(recheck(p, c.opts?.sfdxProject ?? SFDX, extra)), [], 'the files still pass our checks');
    }
    c.extra?.(p);
  });
}

test('every blocker row of the mapping table has a case', () => {
  const covered = new Set(CASES.map((c) => c.setting));
  const missing = MAPPING.filter((r) => r.kind === 'blocker' && !covered.has(r.ca)).map((r) => r.ca);
  assert.deepEqual(missing, []);
});

test('username-password flow is a step to confirm (not a blocker) unless the user says callers use it', () => {
  const p = plan(connectedApp(oauth()));
  assert.deepEqual(p.blockers, []);
  assert.ok(p.steps.some((s) => /username-password flow/.test(s)));
});

test('client credentials without a run-as user: left off in the policies, with the step to set it (no error)', () => {
  const p = plan(connectedApp(oauth('        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n')));
  assert.deepEqual(values(fileOf(p, 'globalOauth'), 'isClientCredentialsFlowEnabled'), ['true']);
  assert.deepEqual(values(fileOf(p, 'oauthPolicies'), 'isClientCredentialsFlowEnabled'), ['false']);
  assert.deepEqual(values(fileOf(p, 'oauthPolicies'), 'clientCredentialsFlowUser'), []);
  assert.ok(p.warnings.some((w) => w.code === 'run-as-user-missing'));
  assert.ok(p.steps.some((s) => /run-as user/.test(s)));
  assert.deepEqual(errorsOf(recheck(p)), []);
  const bad = plan(connectedApp(oauth('        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n')), { runAsUser: 'not a username' });
  assert.deepEqual(values(fileOf(bad, 'oauthPolicies'), 'isClientCredentialsFlowEnabled'), ['false']);
  assert.deepEqual(errorsOf(recheck(bad)), []);
});

const refuse = (text: string, path = CA_PATH) => planMigration(path, text, { pattern: 'local', projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs() });

test('malformed or foreign input is refused with a message that says where', () => {
  const cases: [string, RegExp][] = [
    ['<?xml version="1.0"?>\n<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>x</label>\n', /not well-formed XML \(line \d+, column \d+/],
    ['<ConnectedApp><label>a &bogus; b</label></ConnectedApp>', /not well-formed XML.*bogus/],
    ['<?xml version="1.0"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"/>\n', /holds <CustomObject>, not <ConnectedApp>/],
    ['', /is empty/],
    ['   \n', /is empty/],
    ['\u0000\u0001binary', /not well-formed XML.*control character/],
    ['<!DOCTYPE x [<!ENTITY a "b">]><ConnectedApp/>', /not well-formed XML.*DOCTYPE/],
  ];
  for (const [text, re] of cases) {
    const r = refuse(text);
    assert.equal(r.ok, false, JSON.stringify(text));
    if (!r.ok) assert.match(r.error, re);
  }
});

test('real-file quirks are read: line breaks inside tags, CRLF, a space before ?>, mdapi file names, no namespace', () => {
  const quirky = '<?xml version="1.0" encoding="UTF-8" ?>\r\n<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">\r\n    <contactEmail\r\n    >a@b.com</contactEmail>\r\n    <label>Q</label>\r\n    <oauthConfig>\r\n        <callbackUrl\r\n    >https://x/cb</callbackUrl>\r\n        <scopes>Api</scopes>\r\n    </oauthConfig>\r\n</ConnectedApp>\r\n';
  const p = plan(quirky, {}, `${PKG}/connectedApps/Quirky.connectedApp`);
  assert.equal(p.name, 'Quirky');
  assert.deepEqual(values(fileOf(p, 'globalOauth'), 'callbackUrl'), ['https://x/cb']);
  assert.deepEqual(values(fileOf(p, 'header'), 'contactEmail'), ['a@b.com']);
  const noNs = plan('<ConnectedApp><label>N</label></ConnectedApp>');
  assert.ok(noNs.warnings.some((w) => /no xmlns/.test(w.message)));
});

test('an invalid API name is made valid and said so', () => {
  const p = plan(connectedApp(''), {}, `${PKG}/connectedApps/my-app 2.connectedApp-meta.xml`);
  assert.equal(p.name, 'my_app_2');
  assert.ok(p.warnings.some((w) => w.code === 'api-name'));
  assert.ok(p.creates.some((f) => f.path.endsWith('/externalClientApps/my_app_2.eca-meta.xml')));
});

test('never throws on garbage (random bytes, deep nesting, huge values)', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['<ConnectedApp>', '</ConnectedApp>', '<oauthConfig>', '</oauthConfig>', '<scopes>', '</scopes>', 'Api', '&amp;', '<', '>', '<label>', '</label>', '\n', '<![CDATA[x]]>', '<!-- c -->'];
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = Math.floor(rnd() * 30);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(rnd() * pieces.length)];
    assert.doesNotThrow(() => refuse(s));
  }
  assert.doesNotThrow(() => refuse(connectedApp('<a>'.repeat(5000) + '</a>'.repeat(5000))));
  assert.doesNotThrow(() => refuse(connectedApp(`    <description>${'x'.repeat(200_000)}</description>\n`)));
});
