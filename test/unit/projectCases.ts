// One fixture project per rule of catalogue sections 4–5, plus the seed layouts (pattern 1,
// pattern 2, the prod/non-prod pair) that must raise no error.
import type { RuleCase } from './ruleCases';
import type { SfOrgs, OrgKind } from '../../server/src/engine/project/orgs';
import { eca } from '../helpers/fs';

export interface ProjectCase extends RuleCase { orgs?: SfOrgs; productionAliases?: string[] }

const header = (name: string, state: string) => eca('ExternalClientApplication', `    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>${state}</distributionState>\n    <label>${name}</label>\n`);
const oauth = (name: string, link = '00Dbm000004ELiD:888bm000002gH3J') => eca('ExtlClntAppOauthSettings', `    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>${name}</externalClientApplication>\n    <label>${name}_oauth</label>\n    <oauthLink>${link}</oauthLink>\n`);
const policy = (name: string, user?: string) => eca('ExtlClntAppOauthConfigurablePolicies', `${user ? `    <clientCredentialsFlowUser>${user}</clientCredentialsFlowUser>\n` : ''}    <externalClientApplication>${name}</externalClientApplication>\n    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n    <isClientCredentialsFlowEnabled>${user ? 'true' : 'false'}</isClientCredentialsFlowEnabled>\n    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\n    <label>${name}_oauthPlcy</label>\n    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n`);
const sfdx = (dirs: object[]) => JSON.stringify({ packageDirectories: dirs, namespace: '', sourceApiVersion: '64.0' }, null, 2);

const DEF = { path: 'src/integrations/eca-definition', package: 'eca-definition', versionNumber: '1.0.0.NEXT', type: 'unlocked' };
const POL = { path: 'src/integrations/eca-policies', package: 'eca-policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true };
const D = 'src/integrations/eca-definition';
const PO = 'src/integrations/eca-policies';

/** Seed pattern 1: unlocked package (Packaged + oauthLink) and an aliasfy policies package. */
export const PATTERN1: Record<string, string> = {
  'sfdx-project.json': sfdx([DEF, POL]),
  [`${D}/externalClientApps/MyApp.eca-meta.xml`]: header('MyApp', 'Packaged'),
  [`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`]: oauth('MyApp'),
  [`${PO}/prod/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp', 'integration-user@prod.example.com'),
  [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp', 'integration-user@prod.example.com.uat'),
  [`${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp'),
};

/** Seed pattern 2: source package (Local) with a bootstrap script, aliasfy policies. */
export const PATTERN2: Record<string, string> = {
  'sfdx-project.json': sfdx([{ path: D, package: 'eca-definition', versionNumber: '1.0.0.NEXT', type: 'source', postDeploymentScript: 'scripts/bootstrap-eca-oauth.sh' }, POL]),
  'scripts/bootstrap-eca-oauth.sh': '#!/bin/bash\nsf apex run --file scripts/bootstrap-eca-oauth.apex\n',
  [`${D}/externalClientApps/MyApp.eca-meta.xml`]: header('MyApp', 'Local'),
  [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp', 'integration@acme.com.uat'),
  [`${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp'),
};

/** Seed's prod/non-prod pair: two unlocked packages, shared aliasfy policies. */
export const PROD_NONPROD: Record<string, string> = {
  'sfdx-project.json': sfdx([DEF, { path: 'src/integrations/eca-definition-nonprod', package: 'eca-definition-nonprod', versionNumber: '1.0.0.NEXT', type: 'unlocked' }, POL]),
  [`${D}/externalClientApps/MyApp.eca-meta.xml`]: header('MyApp', 'Packaged'),
  [`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`]: oauth('MyApp'),
  'src/integrations/eca-definition-nonprod/externalClientApps/MyApp_NonProd.eca-meta.xml': header('MyApp_NonProd', 'Packaged'),
  'src/integrations/eca-definition-nonprod/extlClntAppOauthSettings/MyApp_NonProd_oauth.ecaOauth-meta.xml': oauth('MyApp_NonProd', '00Dbm000004ELiD:888bm000002gH9Z'),
  [`${PO}/prod/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp', 'integration-user@prod.example.com'),
  [`${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp'),
  [`${PO}/prod/extlClntAppOauthPolicies/MyApp_NonProd_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp_NonProd'),
  [`${PO}/default/extlClntAppOauthPolicies/MyApp_NonProd_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp_NonProd'),
};

const mark = (text: string, inner: string) => text.replace(inner, `⟦${inner}⟧`);
const markRoot = (text: string, root: string) => text.replace(`<${root} `, `<⟦${root}⟧ `);
const with_ = (base: Record<string, string>, over: Record<string, string | undefined>) => {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) { if (v === undefined) delete out[k]; else out[k] = v; }
  return out;
};
const orgs = (aliases: Record<string, [string, OrgKind]>): SfOrgs => ({
  aliases: new Map(Object.entries(aliases).map(([a, [u]]) => [a, u])),
  orgs: new Map(Object.values(aliases).map(([u, kind]) => [u, { username: u, kind, orgId: '00Dbm000004ELiD' }])),
});
const P1POL = `${PO}/prod/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;
const P1OAUTH = `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`;
const GL = 'force-app/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml';
const SECURE_GLOBAL = eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnforceRefreshTokenTTL>true</isEnforceRefreshTokenTTL>\n    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n');

export const PROJECT_CASES: ProjectCase[] = [
  // ---- section 4
  { id: 'unknown-eca', title: 'typo in the reference: a warning (the app may exist in the org)', target: P1POL, expect: ['warning'],
    files: with_(PATTERN1, { [P1POL]: mark(policy('MyAp', 'integration-user@prod.example.com'), 'MyAp<').replace('⟦MyAp<⟧', '⟦MyAp⟧<') }) },
  { id: 'unknown-eca', title: 'the same typo in a file .forceignore leaves out: nothing (it is never deployed)', target: P1POL, expect: [],
    files: with_(PATTERN1, { '.forceignore': '# not deployed\n**/prod/extlClntAppOauthPolicies/\n', [P1POL]: policy('MyAp', 'integration-user@prod.example.com') }) },
  { id: 'unknown-eca', title: 'information when a package dependency may provide it', target: 'force-app/extlClntAppOauthPolicies/Other_oauthPlcy.ecaOauthPlcy-meta.xml', expect: ['information'],
    files: { 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', dependencies: [{ package: 'eca-definition@1.0.0-1' }] }] }),
      'force-app/extlClntAppOauthPolicies/Other_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>⟦Other⟧</externalClientApplication>\n') } },
  { id: 'unknown-eca', title: 'namespaced reference ns__Name resolves', target: 'force-app/extlClntAppOauthSettings/acme__MyApp_oauth.ecaOauth-meta.xml', expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'), 'force-app/extlClntAppGlobalOauthSets/MyApp_g.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings', '    <externalClientApplication>acme__MyApp</externalClientApplication>\n'),
      'force-app/extlClntAppOauthSettings/acme__MyApp_oauth.ecaOauth-meta.xml': oauth('acme__MyApp') } },

  { id: 'duplicate-component', title: 'same header twice in one package: a warning (only one reaches the org; no platform rejection seen)', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: ['warning'],
    files: with_(PATTERN1, { [`${D}/externalClientApps/MyApp.eca-meta.xml`]: markRoot(header('MyApp', 'Packaged'), 'ExternalClientApplication'), [`${D}/other/externalClientApps/MyApp.eca-meta.xml`]: header('MyApp', 'Packaged') }) },
  { id: 'duplicate-component', title: 'same policies in different environment folders is fine', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'oauth-settings-duplicate', title: 'two OAuth settings for one ECA', target: P1OAUTH, expect: ['error'],
    files: with_(PATTERN1, { [P1OAUTH]: mark(oauth('MyApp'), 'MyApp<').replace('⟦MyApp<⟧', '⟦MyApp⟧<'), [`${D}/extlClntAppOauthSettings/MyApp_oauth2.ecaOauth-meta.xml`]: oauth('MyApp') }) },
  { id: 'oauth-settings-duplicate', title: 'one per ECA', target: P1OAUTH, expect: [], files: PATTERN1 },

  { id: 'oauth-link-org-mismatch', title: 'links of one package from two orgs', target: P1OAUTH, expect: ['warning'],
    files: with_(PATTERN1, { [P1OAUTH]: mark(oauth('MyApp', '00Dbm000009XXXX:888bm000002gH3J'), '00Dbm000009XXXX:888bm000002gH3J'),
      [`${D}/externalClientApps/B.eca-meta.xml`]: header('B', 'Packaged'), [`${D}/extlClntAppOauthSettings/B_oauth.ecaOauth-meta.xml`]: oauth('B'), [`${D}/externalClientApps/C.eca-meta.xml`]: header('C', 'Packaged'), [`${D}/extlClntAppOauthSettings/C_oauth.ecaOauth-meta.xml`]: oauth('C') }) },
  { id: 'oauth-link-org-mismatch', title: 'link from another org than the DevHub', target: P1OAUTH, expect: ['warning'],
    orgs: { ...orgs({ hub: ['admin@hub.example.com', 'devhub'] }), devHub: { aliasOrUsername: 'hub', org: { username: 'admin@hub.example.com', kind: 'devhub', orgId: '00D5g000001AAAAEA4' } } },
    files: with_(PATTERN1, { [P1OAUTH]: mark(oauth('MyApp'), '00Dbm000004ELiD:888bm000002gH3J') }) },
  { id: 'oauth-link-org-mismatch', title: 'all links from the DevHub', target: P1OAUTH, expect: [],
    orgs: { ...orgs({ hub: ['admin@hub.example.com', 'devhub'] }), devHub: { aliasOrUsername: 'hub', org: { username: 'admin@hub.example.com', kind: 'devhub', orgId: '00Dbm000004ELiDEAW' } } },
    files: PATTERN1 },

  { id: 'packaged-in-source-package', title: 'Packaged ECA in an sfp source package', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: ['warning'],
    files: with_(PATTERN2, { [`${D}/externalClientApps/MyApp.eca-meta.xml`]: mark(header('MyApp', 'Packaged'), 'Packaged') }) },
  { id: 'packaged-in-source-package', title: 'pattern 1', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: [], files: PATTERN1 },

  { id: 'local-in-unlocked-package', title: 'Local ECA in the unlocked package', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: ['warning'],
    files: with_(PATTERN1, { [`${D}/externalClientApps/MyApp.eca-meta.xml`]: mark(header('MyApp', 'Local'), 'Local') }) },
  { id: 'local-in-unlocked-package', title: 'pattern 2', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: [], files: PATTERN2 },

  { id: 'oauth-settings-in-source-package', title: 'OAuth settings with a link in a source package', target: `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`, expect: ['warning'],
    files: with_(PATTERN2, { [`${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`]: mark(oauth('MyApp'), '00Dbm000004ELiD:888bm000002gH3J') }) },
  { id: 'oauth-settings-in-source-package', title: 'in the unlocked package', target: P1OAUTH, expect: [], files: PATTERN1 },

  { id: 'policies-without-oauth', title: 'source ECA without bootstrap or OAuth settings', target: `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['error'],
    files: with_(PATTERN2, {
      'sfdx-project.json': sfdx([{ path: D, package: 'eca-definition', versionNumber: '1.0.0.NEXT', type: 'source' }, POL]),
      [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp', 'integration@acme.com.uat'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'policies-without-oauth', title: "policies in the ECA's own package deploy before its bootstrap script runs", target: `${D}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['error'],
    files: with_(PATTERN2, { [`${D}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'policies-without-oauth', title: 'pattern 2 with its bootstrap', target: `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: [], files: PATTERN2 },

  { id: 'deploy-order', title: 'policies package listed first', target: 'sfdx-project.json', expect: ['error'],
    files: with_(PATTERN1, { 'sfdx-project.json': sfdx([POL, DEF]).replace('"path": "src/integrations/eca-policies"', '"path": ⟦"src/integrations/eca-policies"⟧') }) },
  { id: 'deploy-order', title: 'ECA → OAuth → policies', target: 'sfdx-project.json', expect: [], files: PATTERN1 },

  { id: 'post-deploy-script-missing', title: 'bootstrap script path does not exist', target: 'sfdx-project.json', expect: ['error'],
    files: with_(PATTERN2, { 'scripts/bootstrap-eca-oauth.sh': undefined, 'sfdx-project.json': PATTERN2['sfdx-project.json'].replace('"postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"', '"postDeploymentScript": ⟦"scripts/bootstrap-eca-oauth.sh"⟧') }) },
  { id: 'post-deploy-script-missing', title: 'script present', target: 'sfdx-project.json', expect: [], files: PATTERN2 },

  { id: 'api-version-newer', title: 'sourceApiVersion newer than any known', target: 'sfdx-project.json', expect: ['information'],
    files: with_(PATTERN2, { 'sfdx-project.json': PATTERN2['sfdx-project.json'].replace('"sourceApiVersion": "64.0"', '"sourceApiVersion": ⟦"99.0"⟧') }) },
  { id: 'api-version-newer', title: 'a known version', target: 'sfdx-project.json', expect: [], files: PATTERN2 },

  // ---- section 5
  { id: 'aliasfy-not-source', title: 'aliasfy on an unlocked package', target: 'sfdx-project.json', expect: ['error'],
    files: with_(PATTERN1, { 'sfdx-project.json': sfdx([DEF, { ...POL, type: 'unlocked' }]).replace('"aliasfy": true', '"aliasfy": ⟦true⟧') }) },
  { id: 'aliasfy-not-source', title: 'source', target: 'sfdx-project.json', expect: [], files: PATTERN1 },

  { id: 'aliasfy-loose-file', title: 'policies directly in the aliasfy root', target: `${PO}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['warning'],
    files: with_(PATTERN1, { [`${PO}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'aliasfy-loose-file', title: 'inside environment folders', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'aliasfy-no-default', title: 'no default/', target: 'sfdx-project.json', expect: ['warning'],
    files: with_(PATTERN1, { [`${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: undefined, 'sfdx-project.json': PATTERN1['sfdx-project.json'].replace('"path": "src/integrations/eca-policies"', '"path": ⟦"src/integrations/eca-policies"⟧') }) },
  { id: 'aliasfy-no-default', title: 'default/ present', target: 'sfdx-project.json', expect: [], files: PATTERN1 },

  { id: 'aliasfy-no-production', title: 'production alias without a folder', target: 'sfdx-project.json', expect: ['warning'], productionAliases: ['production'],
    files: with_(PATTERN1, { 'sfdx-project.json': PATTERN1['sfdx-project.json'].replace('"path": "src/integrations/eca-policies"', '"path": ⟦"src/integrations/eca-policies"⟧') }) },
  { id: 'aliasfy-no-production', title: 'production alias known from sf auth files has a folder', target: 'sfdx-project.json', expect: [], orgs: orgs({ prod: ['admin@acme.com', 'production'], uat: ['admin@acme.com.uat', 'sandbox'] }), files: PATTERN1 },

  { id: 'aliasfy-alias-case', title: 'UAT/ vs alias uat', target: `${PO}/UAT/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['warning'], orgs: orgs({ prod: ['admin@acme.com', 'production'], uat: ['admin@acme.com.uat', 'sandbox'] }),
    files: with_(PATTERN1, { [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: undefined, [`${PO}/UAT/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp', 'integration-user@prod.example.com.uat'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'aliasfy-alias-case', title: 'exact case', target: P1POL, expect: [], orgs: orgs({ prod: ['admin@acme.com', 'production'], uat: ['admin@acme.com.uat', 'sandbox'] }), files: PATTERN1 },

  { id: 'aliasfy-alias-unknown', title: 'folder for an alias not on this machine', target: `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['information'], orgs: orgs({ prod: ['admin@acme.com', 'production'] }),
    files: with_(PATTERN1, { [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp', 'integration-user@prod.example.com.uat'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'aliasfy-alias-unknown', title: 'no aliases known at all (CI): silent', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'aliasfy-main-default', title: 'main/default layout in an aliasfy package', target: `${PO}/main/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['warning'],
    files: { 'sfdx-project.json': PATTERN1['sfdx-project.json'], [`${D}/externalClientApps/MyApp.eca-meta.xml`]: header('MyApp', 'Packaged'), [P1OAUTH]: oauth('MyApp'),
      [`${PO}/main/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp'), 'ExtlClntAppOauthConfigurablePolicies') } },
  { id: 'aliasfy-main-default', title: 'alias folders', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'aliasfy-ambiguous', title: 'uat/ twice in one tree', target: `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['error'],
    files: with_(PATTERN1, { [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('MyApp', 'integration-user@prod.example.com.uat'), 'ExtlClntAppOauthConfigurablePolicies'), [`${PO}/prod/uat/extlClntAppPolicies/x.txt`]: 'x' }) },
  { id: 'aliasfy-ambiguous', title: 'unique names', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'aliasfy-drift', title: 'a policy missing from one environment', target: `${PO}/prod/extlClntAppOauthPolicies/Other_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['information'],
    files: with_(PATTERN1, { [`${D}/externalClientApps/Other.eca-meta.xml`]: header('Other', 'Packaged'), [`${D}/extlClntAppOauthSettings/Other_oauth.ecaOauth-meta.xml`]: oauth('Other'),
      [`${PO}/prod/extlClntAppOauthPolicies/Other_oauthPlcy.ecaOauthPlcy-meta.xml`]: markRoot(policy('Other'), 'ExtlClntAppOauthConfigurablePolicies') }) },
  { id: 'aliasfy-drift', title: 'same components everywhere', target: P1POL, expect: [], files: PATTERN1 },

  { id: 'client-credentials-in-default', title: 'default/ enables client credentials', target: `${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['warning'],
    files: with_(PATTERN1, { [`${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: policy('MyApp', 'scratch@example.com').replace('<isClientCredentialsFlowEnabled>true', '<isClientCredentialsFlowEnabled>⟦true⟧') }) },
  { id: 'client-credentials-in-default', title: 'off in default/', target: `${PO}/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: [], files: PATTERN1 },

  { id: 'client-credentials-user-shared', title: 'same run-as user in prod and uat', target: `${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`, expect: ['warning'],
    files: with_(PATTERN1, { [`${PO}/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]: mark(policy('MyApp', 'integration-user@prod.example.com'), 'integration-user@prod.example.com') }) },
  { id: 'client-credentials-user-shared', title: 'per-org usernames', target: P1POL, expect: [], files: PATTERN1 },

  // ---- section 6 (platform facts 2026)
  { id: 'global-oauth-without-oauth-settings', title: 'no OAuth settings for the app anywhere', target: GL, expect: ['warning'],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>⟦MyApp⟧</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'global-oauth-without-oauth-settings', title: 'OAuth settings deployed alongside', target: GL, expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'), 'force-app/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': oauth('MyApp'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },

  { id: 'refresh-token-rotation-off', title: 'rotation off while the app grants RefreshToken', target: GL, expect: ['information'],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'), 'force-app/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': oauth('MyApp'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>⟦false⟧</isRefreshTokenRotationEnabled>\n') } },
  { id: 'refresh-token-rotation-off', title: 'rotation on', target: GL, expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'), 'force-app/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': oauth('MyApp'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n') } },
  { id: 'refresh-token-rotation-off', title: 'rotation off, no RefreshToken scope', target: GL, expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'), 'force-app/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': oauth('MyApp').replace('Api, RefreshToken', 'Api'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>\n') } },

  { id: 'unknown-eca', title: 'satellites of a Setup-made app tracked without the header: warning, never error', target: 'force-app/extlClntAppOauthPolicies/Setup_App_oauthPlcy.ecaOauthPlcy-meta.xml', expect: ['warning'],
    files: { 'force-app/extlClntAppOauthPolicies/Setup_App_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>⟦Setup_App⟧</externalClientApplication>\n') } },

  // ---- section 7 (security)
  { id: 'partner-controls', title: 'Packaged app: PKCE, rotation, idle limit and IP allowlist missing, one warning', target: 'force-app/externalClientApps/MyApp.eca-meta.xml', expect: ['warning'],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': eca('ExternalClientApplication', '    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>⟦Packaged⟧</distributionState>\n    <label>MyApp</label>\n'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>false</isPkceRequired>\n') } },
  { id: 'partner-controls', title: 'Packaged app with the three global controls but no IP allowlist file', target: 'force-app/externalClientApps/MyApp.eca-meta.xml', expect: ['warning'],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>⟦Packaged⟧</distributionState>\n    <label>MyApp</label>\n'), [GL]: SECURE_GLOBAL } },
  { id: 'partner-controls', title: 'Packaged app with all four controls', target: 'force-app/externalClientApps/MyApp.eca-meta.xml', expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Packaged'), [GL]: SECURE_GLOBAL,
      'force-app/extlClntAppOauthSecuritySettings/MyApp_oauthSecurity.ecaOauthSecurity-meta.xml': eca('ExtlClntAppOauthSecuritySettings', '    <externalClientApplication>MyApp</externalClientApplication>\n    <label>MyApp</label>\n') } },
  { id: 'partner-controls', title: 'Local app lacking every control: not a partner app', target: 'force-app/externalClientApps/MyApp.eca-meta.xml', expect: [],
    files: { 'force-app/externalClientApps/MyApp.eca-meta.xml': header('MyApp', 'Local'),
      [GL]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>false</isPkceRequired>\n') } },
  { id: 'partner-controls', title: 'Packaged app whose global OAuth settings are not in source: nothing to judge', target: `${D}/externalClientApps/MyApp.eca-meta.xml`, expect: [], files: PATTERN1 },
];
