// No cascades from an invalid value (issue 18.2): for every boolean and enum field a rule declares
// it reads (RuleMeta.reads), a value the engine cannot read must behave as "unknown". Checked as a
// property over one project that exercises all of them: whatever the file and project rules say
// about an unreadable value, they must also say it for EVERY readable value of that field — so no
// diagnostic (and no fix, e.g. "Remove <clientCredentialsFlowUser>") rests on a guess at the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE, checkFile, type EngineDiagnostic } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { TYPE_BY_NAME } from '../../server/src/engine/schema';
import { modelOf, ROOT } from '../helpers/engine';
import { eca } from '../helpers/fs';

const slot = (field: string, fallback: string) => `{{${field}|${fallback}}}`;
const sfdx = JSON.stringify({ packageDirectories: [
  { path: 'src/app', package: 'app', versionNumber: '1.0.0.NEXT', type: 'source' },
  { path: 'src/pol', type: 'source', aliasfy: true },
] }, null, 2);

/** One project holding every field the rules read, each as a {{Type.field|default}} slot. */
const PROJECT: Record<string, string> = {
  'sfdx-project.json': sfdx,
  'src/app/externalClientApps/MyApp.eca-meta.xml': eca('ExternalClientApplication',
    `    <distributionState>${slot('ExternalClientApplication.distributionState', 'Local')}</distributionState>\n    <label>MyApp</label>\n`),
  'src/app/externalClientApps/Other.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Other</label>\n'),
  'src/app/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings',
    '    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n'),
  'src/app/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings',
    '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n'
    + `    <isPkceRequired>${slot('ExtlClntAppGlobalOauthSettings.isPkceRequired', 'false')}</isPkceRequired>\n`
    + `    <isRefreshTokenRotationEnabled>${slot('ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled', 'false')}</isRefreshTokenRotationEnabled>\n`
    + `    <isConsumerSecretOptional>${slot('ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional', 'true')}</isConsumerSecretOptional>\n`
    + '    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n'),
  // A Packaged app with every partner control but the idle limit, and a public client without PKCE.
  'src/app/externalClientApps/Partner.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packaged</distributionState>\n    <label>Partner</label>\n'),
  'src/app/extlClntAppGlobalOauthSets/Partner_glbloauth.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings',
    '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>Partner</externalClientApplication>\n'
    + `    <isEnforceRefreshTokenTTL>${slot('ExtlClntAppGlobalOauthSettings.isEnforceRefreshTokenTTL', 'false')}</isEnforceRefreshTokenTTL>\n`
    + '    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n'),
  'src/app/extlClntAppOauthSecuritySettings/Partner_oauthSecurity.ecaOauthSecurity-meta.xml': eca('ExtlClntAppOauthSecuritySettings', '    <externalClientApplication>Partner</externalClientApplication>\n'),
  'src/app/externalClientApps/Native.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Native</label>\n'),
  'src/app/extlClntAppGlobalOauthSets/Native_glbloauth.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings',
    '    <callbackUrl>com.example.native:/cb</callbackUrl>\n    <externalClientApplication>Native</externalClientApplication>\n'
    + `    <isSecretRequiredForRefreshToken>${slot('ExtlClntAppGlobalOauthSettings.isSecretRequiredForRefreshToken', 'false')}</isSecretRequiredForRefreshToken>\n`),
  'src/app/settings/ExternalClientApp.settings-meta.xml': eca('ExternalClientAppSettings',
    `    <enableConsumerSecretApiAccess>${slot('ExternalClientAppSettings.enableConsumerSecretApiAccess', 'true')}</enableConsumerSecretApiAccess>\n`),
  'src/pol/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies',
    '    <clientCredentialsFlowUser>integration@acme.com</clientCredentialsFlowUser>\n    <externalClientApplication>MyApp</externalClientApplication>\n'
    + `    <isClientCredentialsFlowEnabled>${slot('ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled', 'true')}</isClientCredentialsFlowEnabled>\n`
    + `    <ipRelaxationPolicyType>${slot('ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType', 'Bypass')}</ipRelaxationPolicyType>\n`
    + `    <refreshTokenPolicyType>${slot('ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType', 'Zero')}</refreshTokenPolicyType>\n`
    + '    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n'),
  'src/pol/default/extlClntAppPolicies/Other_plcy.ecaPlcy-meta.xml': eca('ExtlClntAppConfigurablePolicies',
    `    <externalClientApplication>Other</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>${slot('ExtlClntAppConfigurablePolicies.isOauthPluginEnabled', 'true')}</isOauthPluginEnabled>\n`),
};

const SLOT_RE = /\{\{([A-Za-z]+\.[A-Za-z]+)\|([^}]*)\}\}/g;

/** The project with `field` set to `value` and every other slot at its default. */
function projectWith(field: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(PROJECT)) out[k] = v.replace(SLOT_RE, (_, f: string, d: string) => (f === field ? value : d));
  return out;
}

function allDiagnostics(files: Record<string, string>): EngineDiagnostic[] {
  const model = modelOf(files);
  const out = checkProjectRules(model);
  for (const [rel, text] of Object.entries(files)) if (rel.endsWith('-meta.xml')) out.push(...checkFile(`${ROOT}/${rel}`, text, model));
  return out;
}

/** What a diagnostic claims, independent of the value's length (lines, not columns). */
const claim = (d: EngineDiagnostic) => `${d.path.slice(ROOT.length + 1)}:${d.range.start.line} ${d.code} ${d.severity} [${(d.fixes ?? []).map((f) => f.title).join(' | ')}]`;

const READS = [...new Set(CATALOGUE.flatMap((r) => r.reads ?? []))].sort();

test('every field a rule reads has a slot in the cascade project', () => {
  const slots = new Set(Object.values(PROJECT).flatMap((t) => [...t.matchAll(SLOT_RE)].map((m) => m[1])));
  assert.deepEqual(READS.filter((f) => !slots.has(f)), []);
  assert.ok(READS.length >= 7, `reads declared: ${READS.join(', ')}`);
});

for (const field of READS) {
  const [typeName, name] = field.split('.');
  const info = TYPE_BY_NAME.get(typeName)?.fieldMap.get(name);
  test(`an unreadable ${field} cascades into nothing`, () => {
    assert.ok(info && (info.kind === 'boolean' || info.kind === 'enum'), `${field} is a boolean or enum field of the schema`);
    const valid = info.kind === 'boolean' ? ['true', 'false'] : info.values!;
    const invalid = info.kind === 'boolean' ? 'True' : 'Bogus_Value';
    const schemaCode = info.kind === 'boolean' ? 'invalid-boolean' : 'invalid-enum';
    const perValue = valid.map((v) => new Set(allDiagnostics(projectWith(field, v)).map(claim)));
    const unreadable = allDiagnostics(projectWith(field, invalid));
    assert.ok(unreadable.some((d) => d.code === schemaCode), `the invalid value gets ${schemaCode}`);
    // The rules must say something different for some readable values, or the test proves nothing.
    const union = new Set(perValue.flatMap((s) => [...s]));
    const common = [...union].filter((c) => perValue.every((s) => s.has(c)));
    assert.ok(union.size > common.length, `${field}: no rule's verdict depends on the value in this project`);
    const cascades = unreadable.filter((d) => d.code !== schemaCode).map(claim).filter((c) => !perValue.every((s) => s.has(c)));
    assert.deepEqual(cascades, [], `${field}='${invalid}' produced claims that hold only for some readable values`);
  });
}

test("the prod policies' <isClientCredentialsFlowEnabled>True: no 'has no effect' hint, no 'Remove <clientCredentialsFlowUser>'", () => {
  const d = allDiagnostics(projectWith('ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled', 'True'));
  assert.deepEqual(d.filter((x) => x.code === 'client-credentials-user-unused' || (x.fixes ?? []).some((f) => /Remove <clientCredentialsFlowUser>/.test(f.title))), []);
  assert.deepEqual(d.filter((x) => x.code === 'client-credentials-user-missing'), []);
});
