// One case per row of the mapping table (server/src/migration/mapping.ts): a Connected App with
// that setting is migrated (local flow, so every component is a file) and the ECA value is read
// back from the generated file. A final test fails when a row has no case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAPPING, type MigrationOptions, type PlannedRole } from '../../server/src/migration';
import { connectedApp, errorsOf, fileOf, plan, recheck, values } from '../helpers/migration';

interface Case {
  /** The mapping rows this case covers. */
  rows: string[];
  body: string;
  head?: string;
  opts?: Partial<MigrationOptions>;
  expect: [PlannedRole, string, string | string[]][];
}

const oauth = (inner: string) => `    <oauthConfig>\n        <callbackUrl>https://app.example.com/cb</callbackUrl>\n${inner}    </oauthConfig>\n`;

const CASES: Case[] = [
  { rows: ['label', 'contactEmail'], body: '', expect: [['header', 'label', 'My App'], ['header', 'contactEmail', 'dev@example.com']] },
  { rows: ['contactPhone', 'description', 'logoUrl', 'infoUrl', 'iconUrl'],
    body: '    <contactPhone>+41 1</contactPhone>\n    <description>Does &amp; things</description>\n    <iconUrl>https://i/icon.png</iconUrl>\n    <infoUrl>https://i/info</infoUrl>\n    <logoUrl>https://i/logo.png?a=1&amp;b=2</logoUrl>\n',
    expect: [['header', 'contactPhone', '+41 1'], ['header', 'description', 'Does & things'], ['header', 'iconUrl', 'https://i/icon.png'], ['header', 'infoUrl', 'https://i/info'], ['header', 'logoUrl', 'https://i/logo.png?a=1&b=2']] },
  { rows: ['startUrl'], body: '    <startUrl>/apex/Home</startUrl>\n', expect: [['policies', 'startUrl', '/apex/Home'], ['policies', 'startPage', 'Custom']] },
  { rows: ['ipRanges', 'ipRanges/start', 'ipRanges/end', 'ipRanges/description'],
    body: oauth('') + '    <ipRanges>\n        <description>office</description>\n        <end>10.0.0.255</end>\n        <start>10.0.0.1</start>\n    </ipRanges>\n    <ipRanges>\n        <end>10.1.0.9</end>\n        <start>10.1.0.1</start>\n    </ipRanges>\n',
    expect: [['oauth', 'trustedIpRanges/startIpAddress', ['10.0.0.1', '10.1.0.1']], ['oauth', 'trustedIpRanges/endIpAddress', ['10.0.0.255', '10.1.0.9']], ['oauth', 'trustedIpRanges/description', 'office']] },
  { rows: ['attributes', 'attributes/key', 'attributes/formula'],
    body: oauth('') + '    <attributes>\n        <formula>$User.Email</formula>\n        <key>mail</key>\n    </attributes>\n',
    expect: [['oauth', 'customAttributes/key', 'mail'], ['oauth', 'customAttributes/formula', '$User.Email']] },
  { rows: ['profileName', 'permissionSetName', 'oauthConfig/isAdminApproved'],
    body: oauth('        <isAdminApproved>true</isAdminApproved>\n') + '    <permissionSetName>Integration</permissionSetName>\n    <profileName>System Administrator</profileName>\n    <profileName>API Only</profileName>\n',
    expect: [['oauthPolicies', 'permittedUsersPolicyType', 'AdminApprovedPreAuthorized'], ['oauthPolicies', 'commaSeparatedProfile', 'System Administrator,API Only'], ['oauthPolicies', 'commaSeparatedPermissionSet', 'Integration']] },
  { rows: ['oauthConfig/isAdminApproved'], body: oauth('        <isAdminApproved>false</isAdminApproved>\n'), expect: [['oauthPolicies', 'permittedUsersPolicyType', 'AllSelfAuthorized']] },
  { rows: ['plugin', 'pluginExecutionUser'], body: oauth('') + '    <plugin>MyPlugin</plugin>\n    <pluginExecutionUser>runner@acme.com</pluginExecutionUser>\n',
    expect: [['oauthPolicies', 'apexHandler', 'MyPlugin'], ['oauthPolicies', 'executeHandlerAs', 'runner@acme.com']] },
  { rows: ['oauthConfig', 'oauthConfig/callbackUrl'], body: oauth('').replace('https://app.example.com/cb', 'https://a.example.com/cb\n  https://b.example.com/cb  '),
    expect: [['policies', 'isOauthPluginEnabled', 'true'], ['globalOauth', 'callbackUrl', 'https://a.example.com/cb\nhttps://b.example.com/cb'], ['oauth', 'externalClientApplication', 'My_App'], ['oauthPolicies', 'externalClientApplication', 'My_App']] },
  { rows: ['oauthConfig/certificate'], body: oauth('        <certificate>-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----</certificate>\n'),
    expect: [['globalOauth', 'certificate', '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----']] },
  { rows: ['oauthConfig/scopes'], body: oauth('        <scopes>Api</scopes>\n        <scopes>RefreshToken</scopes>\n        <scopes>OpenID</scopes>\n        <scopes>Api</scopes>\n'),
    expect: [['oauth', 'commaSeparatedOauthScopes', 'Api, RefreshToken, OpenID']] },
  // The Connected App token SFAP is written as the platform's ECA scope name (platform-facts-2026-12.md).
  { rows: ['oauthConfig/scopes'], body: oauth('        <scopes>Api</scopes>\n        <scopes>SFAP</scopes>\n'),
    expect: [['oauth', 'commaSeparatedOauthScopes', 'Api, SFApiPlatform']] },
  { rows: ['oauthConfig/isClientCredentialEnabled', 'oauthConfig/oauthClientCredentialUser'],
    body: oauth('        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n        <oauthClientCredentialUser>integration@acme.com</oauthClientCredentialUser>\n'),
    expect: [['globalOauth', 'isClientCredentialsFlowEnabled', 'true'], ['oauthPolicies', 'isClientCredentialsFlowEnabled', 'true'], ['oauthPolicies', 'clientCredentialsFlowUser', 'integration@acme.com']] },
  { rows: ['oauthConfig/isClientCredentialEnabled'], body: oauth('        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n'), opts: { runAsUser: 'given@acme.com.uat' },
    expect: [['globalOauth', 'isClientCredentialsFlowEnabled', 'true'], ['oauthPolicies', 'clientCredentialsFlowUser', 'given@acme.com.uat']] },
  { rows: ['oauthConfig/isCodeCredentialEnabled', 'oauthConfig/isCodeCredentialPostOnly', 'oauthConfig/isConsumerSecretOptional', 'oauthConfig/isIntrospectAllTokens', 'oauthConfig/isNamedUserJwtEnabled', 'oauthConfig/isRefreshTokenRotationEnabled', 'oauthConfig/isSecretRequiredForTokenExchange', 'oauthConfig/isTokenExchangeEnabled'],
    body: oauth('        <isCodeCredentialEnabled>true</isCodeCredentialEnabled>\n        <isCodeCredentialPostOnly>true</isCodeCredentialPostOnly>\n        <isConsumerSecretOptional>true</isConsumerSecretOptional>\n        <isIntrospectAllTokens>true</isIntrospectAllTokens>\n        <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n        <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n        <isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>\n        <isTokenExchangeEnabled>true</isTokenExchangeEnabled>\n'),
    expect: [['globalOauth', 'isCodeCredFlowEnabled', 'true'], ['globalOauth', 'isCodeCredPostOnly', 'true'], ['globalOauth', 'isConsumerSecretOptional', 'true'], ['globalOauth', 'isIntrospectAllTokens', 'true'], ['globalOauth', 'isNamedUserJwtEnabled', 'true'], ['globalOauth', 'isRefreshTokenRotationEnabled', 'true'], ['globalOauth', 'isSecretRequiredForTokenExchange', 'true'], ['globalOauth', 'isTokenExchangeEnabled', 'true']] },
  { rows: ['oauthConfig/isPkceRequired', 'oauthConfig/isSecretRequiredForRefreshToken'], body: oauth('        <isPkceRequired>true</isPkceRequired>\n        <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>\n'),
    expect: [['globalOauth', 'isPkceRequired', 'true'], ['globalOauth', 'isSecretRequiredForRefreshToken', 'false']] },
  // The defaults differ between the two sides: absent → written explicitly.
  { rows: ['oauthConfig/isPkceRequired', 'oauthConfig/isSecretRequiredForRefreshToken'], body: oauth(''),
    expect: [['globalOauth', 'isPkceRequired', 'false'], ['globalOauth', 'isSecretRequiredForRefreshToken', 'true'], ['oauthPolicies', 'ipRelaxationPolicyType', 'Enforce'], ['oauthPolicies', 'refreshTokenPolicyType', 'Infinite'], ['oauthPolicies', 'isClientCredentialsFlowEnabled', 'false']] },
  { rows: ['oauthConfig/singleLogoutUrl'], body: oauth('        <singleLogoutUrl>https://app.example.com/logout</singleLogoutUrl>\n'), expect: [['oauth', 'singleLogoutUrl', 'https://app.example.com/logout']] },
  { rows: ['oauthConfig/idTokenConfig', 'oauthConfig/idTokenConfig/idTokenAudience', 'oauthConfig/idTokenConfig/idTokenIncludeAttributes', 'oauthConfig/idTokenConfig/idTokenIncludeStandardClaims', 'oauthConfig/idTokenConfig/idTokenValidity'],
    body: oauth('        <idTokenConfig>\n            <idTokenAudience>aud1</idTokenAudience>\n            <idTokenIncludeAttributes>true</idTokenIncludeAttributes>\n            <idTokenIncludeStandardClaims>true</idTokenIncludeStandardClaims>\n            <idTokenValidity>30</idTokenValidity>\n        </idTokenConfig>\n'),
    expect: [['globalOauth', 'idTokenConfig/idTokenAudience', 'aud1'], ['globalOauth', 'idTokenConfig/idTokenIncludeAttributes', 'true'], ['globalOauth', 'idTokenConfig/idTokenIncludeStandardClaims', 'true'], ['globalOauth', 'idTokenConfig/idTokenValidityInMinutes', '30']] },
  { rows: ['oauthConfig/assetTokenConfig', 'oauthConfig/assetTokenConfig/assetAudiences', 'oauthConfig/assetTokenConfig/assetIncludeAttributes', 'oauthConfig/assetTokenConfig/assetIncludeCustomPerms', 'oauthConfig/assetTokenConfig/assetValidityPeriod'],
    body: oauth('        <assetTokenConfig>\n            <assetAudiences>https://device</assetAudiences>\n            <assetIncludeAttributes>true</assetIncludeAttributes>\n            <assetIncludeCustomPerms>false</assetIncludeCustomPerms>\n            <assetSigningCertId>0P1000000000001</assetSigningCertId>\n            <assetValidityPeriod>60</assetValidityPeriod>\n        </assetTokenConfig>\n'),
    expect: [['oauth', 'assetTokenAudiences', 'https://device'], ['oauth', 'areAttributesIncludedInAssetToken', 'true'], ['oauth', 'areCustomPermsIncludedInAssetToken', 'false'], ['oauth', 'assetTokenValidity', '60'], ['oauth', 'assetTokenSigningCertificate', []]] },
  { rows: ['oauthPolicy', 'oauthPolicy/ipRelaxation', 'oauthPolicy/refreshTokenPolicy', 'oauthPolicy/singleLogoutUrl', 'oauthPolicy/isTokenExchangeFlowEnabled'],
    body: oauth('') + '    <oauthPolicy>\n        <ipRelaxation>BYPASS</ipRelaxation>\n        <isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>\n        <refreshTokenPolicy>zero</refreshTokenPolicy>\n        <singleLogoutUrl>https://app.example.com/slo</singleLogoutUrl>\n    </oauthPolicy>\n',
    expect: [['oauthPolicies', 'ipRelaxationPolicyType', 'Bypass'], ['oauthPolicies', 'refreshTokenPolicyType', 'Zero'], ['oauthPolicies', 'singleLogoutUrl', 'https://app.example.com/slo'], ['oauthPolicies', 'isTokenExchangeFlowEnabled', 'true']] },
  { rows: ['oauthPolicy/ipRelaxation'], body: oauth('') + '    <oauthPolicy>\n        <ipRelaxation>BYPASS_2FACTOR</ipRelaxation>\n        <refreshTokenPolicy>infinite</refreshTokenPolicy>\n    </oauthPolicy>\n',
    expect: [['oauthPolicies', 'ipRelaxationPolicyType', 'Bypass_2factor'], ['oauthPolicies', 'refreshTokenPolicyType', 'Infinite']] },
  { rows: ['oauthPolicy/ipRelaxation', 'oauthPolicy/refreshTokenPolicy'], body: oauth('') + '    <oauthPolicy>\n        <ipRelaxation>ENFORCE_RELAXREFRESH</ipRelaxation>\n        <refreshTokenPolicy>specific_lifetime:90:DAYS</refreshTokenPolicy>\n    </oauthPolicy>\n',
    expect: [['oauthPolicies', 'ipRelaxationPolicyType', 'Enforce_relaxrefresh'], ['oauthPolicies', 'refreshTokenPolicyType', 'SpecificLifetime'], ['oauthPolicies', 'refreshTokenValidityPeriod', '90'], ['oauthPolicies', 'refreshTokenValidityUnit', 'Days']] },
  { rows: ['oauthPolicy/refreshTokenPolicy'], body: oauth('') + '    <oauthPolicy>\n        <ipRelaxation>ENFORCE</ipRelaxation>\n        <refreshTokenPolicy>specific_inactivity:12:HOURS</refreshTokenPolicy>\n    </oauthPolicy>\n',
    expect: [['oauthPolicies', 'ipRelaxationPolicyType', 'Enforce'], ['oauthPolicies', 'refreshTokenPolicyType', 'SpecificInactivity'], ['oauthPolicies', 'refreshTokenValidityPeriod', '12'], ['oauthPolicies', 'refreshTokenValidityUnit', 'Hours']] },
  { rows: ['sessionPolicy', 'sessionPolicy/policyAction', 'sessionPolicy/sessionLevel', 'sessionPolicy/sessionTimeout'],
    body: oauth('') + '    <sessionPolicy>\n        <policyAction>RaiseSessionLevel</policyAction>\n        <sessionLevel>HIGH_ASSURANCE</sessionLevel>\n        <sessionTimeout>15</sessionTimeout>\n    </sessionPolicy>\n',
    expect: [['oauthPolicies', 'policyAction', 'RaiseSessionLevel'], ['oauthPolicies', 'requiredSessionLevel', 'HIGH_ASSURANCE'], ['oauthPolicies', 'sessionTimeoutInMinutes', '15']] },
  { rows: ['samlConfig', 'samlConfig/acsUrl', 'samlConfig/entityUrl', 'samlConfig/issuer', 'samlConfig/certificate', 'samlConfig/encryptionCertificate', 'samlConfig/encryptionType', 'samlConfig/samlNameIdFormat', 'samlConfig/samlSigningAlgoType', 'samlConfig/samlIdpSLOBindingEnum', 'samlConfig/samlSloUrl', 'samlConfig/samlSubjectType', 'samlConfig/samlSubjectCustomAttr'],
    body: '    <samlConfig>\n        <acsUrl>https://sp/acs</acsUrl>\n        <certificate>SigningCert</certificate>\n        <encryptionCertificate>EncCert</encryptionCertificate>\n        <encryptionType>AES_256</encryptionType>\n        <entityUrl>https://sp</entityUrl>\n        <issuer>https://idp</issuer>\n        <samlIdpSLOBindingEnum>RedirectBinding</samlIdpSLOBindingEnum>\n        <samlNameIdFormat>EmailAddress</samlNameIdFormat>\n        <samlSigningAlgoType>SHA256</samlSigningAlgoType>\n        <samlSloUrl>https://sp/slo</samlSloUrl>\n        <samlSubjectCustomAttr>Emp_Id__c</samlSubjectCustomAttr>\n        <samlSubjectType>CustomAttr</samlSubjectType>\n    </samlConfig>\n',
    expect: [['policies', 'isSamlPluginEnabled', 'true'], ['saml', 'acsUrl', 'https://sp/acs'], ['saml', 'certificate', 'SigningCert'], ['saml', 'encryptionCertificate', 'EncCert'], ['saml', 'encryptionType', 'AES_256'], ['saml', 'entityUrl', 'https://sp'], ['saml', 'issuer', 'https://idp'],
      ['saml', 'singleLogoutBindingType', 'RedirectBinding'], ['saml', 'nameIdFormat', 'EmailAddress'], ['saml', 'signingAlgorithmType', 'SHA256'], ['saml', 'singleLogoutUrl', 'https://sp/slo'], ['saml', 'subjectCustomAttribute', 'Emp_Id__c'], ['saml', 'subjectType', 'CustomAttribute']] },
  { rows: ['samlConfig/samlSubjectType', 'profileName', 'attributes'], body: '    <attributes>\n        <formula>$User.Id</formula>\n        <key>uid</key>\n    </attributes>\n    <profileName>Standard User</profileName>\n    <samlConfig>\n        <acsUrl>https://sp/acs</acsUrl>\n        <entityUrl>https://sp</entityUrl>\n        <samlSubjectType>PersistentID</samlSubjectType>\n    </samlConfig>\n',
    expect: [['saml', 'subjectType', 'PersistentId'], ['saml', 'commaSeparatedProfile', 'Standard User'], ['saml', 'customAttributes/key', 'uid']] },
  { rows: ['canvasConfig', 'canvasConfig/accessMethod', 'canvasConfig/canvasUrl', 'canvasConfig/lifecycleClass', 'canvasConfig/locations', 'canvasConfig/options', 'canvasConfig/samlInitiationMethod'],
    body: '    <canvasConfig>\n        <accessMethod>Post</accessMethod>\n        <canvasUrl>https://canvas.example.com/</canvasUrl>\n        <lifecycleClass>MyLifecycle</lifecycleClass>\n        <locations>Visualforce</locations>\n        <locations>Aura</locations>\n        <options>HideHeader</options>\n        <samlInitiationMethod>None</samlInitiationMethod>\n    </canvasConfig>\n',
    expect: [['policies', 'isCanvasPluginEnabled', 'true'], ['canvas', 'accessMethod', 'Post'], ['canvas', 'canvasUrl', 'https://canvas.example.com/'], ['canvas', 'lifeCycleHandler', 'MyLifecycle'], ['canvas', 'canvasLocationOptions', ['Visualforce', 'Aura']], ['canvas', 'canvasOptions', 'HideHeader'], ['canvas', 'samlInitiationMethod', 'None']] },
];

for (const c of CASES) {
  test(`mapping: ${c.rows.join(', ')}${c.opts ? ` (${JSON.stringify(c.opts)})` : ''}`, () => {
    const p = plan(connectedApp(c.body, c.head), c.opts);
    for (const [role, path, expected] of c.expect) {
      const got = values(fileOf(p, role), path);
      assert.deepEqual(got, Array.isArray(expected) ? expected : [expected], `${role} ${path}`);
    }
    assert.deepEqual(p.blockers, [], 'no blocker');
    assert.deepEqual(errorsOf(recheck(p)), [], 'our checks pass on the generated files');
    // The report names every setting of the input.
    for (const r of c.rows) {
      const leaf = r.split('/').pop()!;
      if (MAPPING.find((m) => m.ca === r)?.kind === 'container' || !c.body.includes(`<${leaf}>`)) continue;
      assert.ok(p.report.includes(`| \`${r}\` |`), `report row for ${r}`);
    }
  });
}

test('every mapped row of the table has a case (so a new row cannot go untested)', () => {
  const covered = new Set(CASES.flatMap((c) => c.rows));
  const missing = MAPPING.filter((r) => (r.kind === 'mapped' || r.kind === 'computed' || r.kind === 'container') && !covered.has(r.ca)).map((r) => r.ca);
  assert.deepEqual(missing, []);
});

test('not copied and dropped rows: consumer key and secret never reach any output', () => {
  const body = `    <developerName>My_App</developerName>\n    <fullName>My_App</fullName>\n    <oauthConfig>\n        <callbackUrl>https://x/cb</callbackUrl>\n        <consumerKey>3MVGsecretKEYvalue123456</consumerKey>\n        <consumerSecret>SECRETvalue98765432</consumerSecret>\n        <idTokenConfig>\n            <idTokenIncludeCustomPerms>false</idTokenIncludeCustomPerms>\n        </idTokenConfig>\n        <isConsumerKeyOptional>false</isConsumerKeyOptional>\n    </oauthConfig>\n`;
  for (const pattern of ['1', '2', 'local'] as const) {
    const p = plan(connectedApp(body), { pattern, reportPath: '/p/report.md' });
    const everything = JSON.stringify(p);
    assert.ok(!everything.includes('3MVGsecretKEYvalue123456'), `${pattern}: key leaked`);
    assert.ok(!everything.includes('SECRETvalue98765432'), `${pattern}: secret leaked`);
    for (const f of p.creates) if (f.role !== 'report') assert.doesNotMatch(f.text, /consumerKey|consumerSecret/, `${pattern}: ${f.path}`);
    assert.deepEqual(p.blockers, []);
    const rows = new Map(p.rows.map((r) => [r.setting, r]));
    assert.equal(rows.get('oauthConfig/consumerKey')?.kind, 'notCopied');
    assert.equal(rows.get('oauthConfig/consumerKey')?.value, '(present, not shown)');
    assert.equal(rows.get('oauthConfig/consumerSecret')?.kind, 'notCopied');
    for (const d of ['developerName', 'fullName', 'oauthConfig/isConsumerKeyOptional', 'oauthConfig/idTokenConfig/idTokenIncludeCustomPerms']) assert.equal(rows.get(d)?.kind, 'dropped', d);
  }
});

test('a secret value repeated in another field is redacted everywhere', () => {
  const p = plan(connectedApp('    <oauthConfig>\n        <callbackUrl>https://x/cb</callbackUrl>\n        <consumerKey>3MVGrepeatedKey0001</consumerKey>\n    </oauthConfig>\n', '    <description>key is 3MVGrepeatedKey0001</description>\n    <label>L</label>\n'), { reportPath: '/p/r.md' });
  assert.ok(!JSON.stringify(p).includes('3MVGrepeatedKey0001'));
  assert.deepEqual(values(fileOf(p, 'header'), 'description'), ['key is [redacted]']);
  assert.ok(p.warnings.some((w) => w.code === 'secret-redacted'));
});

test('pattern layout: local writes every component; 2 writes the header + bootstrap; 1 the header only', () => {
  const body = oauth('        <scopes>Api</scopes>\n') + '    <oauthPolicy>\n        <ipRelaxation>ENFORCE</ipRelaxation>\n        <refreshTokenPolicy>infinite</refreshTokenPolicy>\n    </oauthPolicy>\n';
  const roles = (o: Partial<MigrationOptions>) => plan(connectedApp(body), o).creates.map((f) => f.role).sort();
  assert.deepEqual(roles({ pattern: 'local' }), ['globalOauth', 'header', 'oauth', 'oauthPolicies', 'policies']);
  assert.deepEqual(roles({ pattern: '2' }), ['apex', 'header', 'script']);
  assert.deepEqual(roles({ pattern: '1' }), ['header']);
  const p1 = plan(connectedApp(body), { pattern: '1' });
  assert.deepEqual(values(fileOf(p1, 'header'), 'distributionState'), ['Packaged']);
  assert.deepEqual(p1.held.map((h) => h.role).sort(), ['oauthPolicies', 'policies']);
  assert.deepEqual(p1.devHubSettings.find((s) => s.setting === 'commaSeparatedOauthScopes')?.value, 'Api');
  assert.match(p1.report, /why there is no OAuth settings file/);
  assert.match(p1.report, /oauth-link-missing/);
  const p2 = plan(connectedApp(body), { pattern: '2' });
  assert.deepEqual(values(fileOf(p2, 'header'), 'distributionState'), ['Local']);
  const apex = fileOf(p2, 'apex')!;
  for (const t of ['ExtlClntAppOauthSettings', 'ExtlClntAppGlobalOauthSettings', 'ExtlClntAppConfigurablePolicies', 'ExtlClntAppOauthConfigurablePolicies']) assert.ok(apex.includes(`upsert('${t}'`), t);
  assert.ok(apex.includes("'<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>'"));
  assert.doesNotMatch(apex, /consumerKey|consumerSecret/);
  assert.equal(p2.edits.length, 1);
  assert.equal(p2.edits[0].text, SFDX_WITH_SCRIPT);
});

const SFDX_WITH_SCRIPT = '{\n  "packageDirectories": [\n    {\n      "path": "force-app",\n      "default": true,\n      "postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\n    }\n  ],\n  "sourceApiVersion": "64.0"\n}\n';

test('an app without OAuth maps to an ECA with no plugin (header + policies), in every pattern', () => {
  const body = '    <logoUrl>https://x/logo.png</logoUrl>\n    <startUrl>https://jira.example.com</startUrl>\n';
  for (const pattern of ['local', '2'] as const) {
    const p = plan(connectedApp(body), { pattern });
    assert.deepEqual(p.creates.map((f) => f.role).sort(), ['header', 'policies'], pattern);
    assert.deepEqual(values(fileOf(p, 'policies'), 'isOauthPluginEnabled'), []);
    assert.deepEqual(p.edits, []);
    assert.deepEqual(errorsOf(recheck(p)), []);
  }
});
