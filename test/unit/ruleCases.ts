// One valid and at least one invalid fixture per file rule (every single-file rule of the catalogue,
// whatever its section; project rules have theirs in projectCases.ts). `expect` lists the
// diagnostics of rule `id` in the order of the ⟦ ⟧ ranges in the target file.
import type { Severity } from '../../server/src/engine';
import { eca } from '../helpers/fs';

export interface RuleCase {
  id: string;
  title: string;
  files: Record<string, string>;
  target: string;
  expect: Severity[];
  /** Aliases marked production (the eca.productionAliases setting). */
  productionAliases?: string[];
}

const H = 'force-app/main/default/externalClientApps/MyApp.eca-meta.xml';
const O = 'force-app/main/default/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml';
const G = 'force-app/main/default/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml';
const P = 'force-app/main/default/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml';
const C = 'force-app/main/default/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml';
const S = 'force-app/main/default/settings/ExternalClientApp.settings-meta.xml';
const CA = 'force-app/main/default/connectedApps/Legacy.connectedApp-meta.xml';

const header = (state = 'Local') => eca('ExternalClientApplication', `    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>${state}</distributionState>\n    <label>MyApp</label>\n`);
const oauth = (extra = '    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') =>
  eca('ExtlClntAppOauthSettings', `    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <label>MyApp_oauth</label>\n${extra}`);
const policies = (body: string) => eca('ExtlClntAppOauthConfigurablePolicies', `    <externalClientApplication>MyApp</externalClientApplication>\n${body}`);
const glbl = (body = '') => eca('ExtlClntAppGlobalOauthSettings', `    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n${body}`);
const AP = (env: string) => `pol/${env}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;
const ALIASFY = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'pol', aliasfy: true }], sourceApiVersion: '64.0' }, null, 2);
const sfdx = (dirs: object[]) => JSON.stringify({ packageDirectories: dirs, sourceApiVersion: '64.0' }, null, 2);

export const RULE_CASES: RuleCase[] = [
  // ---- Section 1
  { id: 'xml-malformed', title: 'mismatched close tag', target: H, expect: ['error'],
    files: { [H]: '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>MyApp</label>\n    <description>x⟦</descriptio⟧>\n</ExternalClientApplication>\n' } },
  { id: 'xml-malformed', title: 'undefined entity is never expanded', target: H, expect: ['error'],
    files: { [H]: eca('ExternalClientApplication', '    <label>⟦&xxe;⟧</label>\n') } },
  { id: 'xml-malformed', title: 'DOCTYPE with entity declarations', target: H, expect: ['error'],
    files: { [H]: '<?xml version="1.0"?>\n⟦<!DOCTYPE⟧ lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"><label>&lol2;</label></ExternalClientApplication>\n' } },
  { id: 'xml-malformed', title: 'well-formed header', target: H, expect: [], files: { [H]: header() } },

  { id: 'xml-namespace', title: 'missing xmlns', target: H, expect: ['error'],
    files: { [H]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExternalClientApplication⟧>\n    <label>MyApp</label>\n</ExternalClientApplication>\n' } },
  { id: 'xml-namespace', title: 'wrong xmlns', target: H, expect: ['error'],
    files: { [H]: '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="⟦http://soap.sforce.com/2006/04/metadata/⟧">\n    <label>MyApp</label>\n</ExternalClientApplication>\n' } },
  { id: 'xml-namespace', title: 'correct namespace', target: H, expect: [], files: { [H]: header() } },

  { id: 'root-mismatch', title: 'policies root in an OAuth settings file', target: O, expect: ['error'],
    files: { [O]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthConfigurablePolicies⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthConfigurablePolicies>\n' } },
  { id: 'root-mismatch', title: 'matching root', target: O, expect: [], files: { [H]: header(), [O]: oauth() } },

  { id: 'unknown-element', title: 'invented <scopes> and <executionUser>', target: O, expect: ['error', 'error'],
    files: { [H]: header(), [O]: eca('ExtlClntAppOauthSettings', '    <externalClientApplication>MyApp</externalClientApplication>\n    <⟦scopes⟧>Api</scopes>\n    <⟦executionUser⟧>a@b.com</executionUser>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },
  { id: 'unknown-element', title: 'typo in policies', target: P, expect: ['error'],
    files: { [P]: policies('    <⟦ipRelaxationPolicyTyp⟧>Enforce</ipRelaxationPolicyTyp>\n') } },
  { id: 'unknown-element', title: 'elements the platform emits but the docs lag', target: O, expect: [],
    files: { [H]: header(), [O]: oauth('    <isFirstPartyAppEnabled>false</isFirstPartyAppEnabled>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },

  { id: 'missing-required', title: 'satellite without externalClientApplication', target: C, expect: ['error'],
    files: { [C]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppConfigurablePolicies⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <isEnabled>true</isEnabled>\n</ExtlClntAppConfigurablePolicies>\n' } },
  { id: 'missing-required', title: 'label is never required', target: C, expect: [],
    files: { [C]: eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>true</isEnabled>\n') } },

  { id: 'duplicate-element', title: 'label twice', target: H, expect: ['error'],
    files: { [H]: eca('ExternalClientApplication', '    <label>MyApp</label>\n    <⟦label⟧>Other</label>\n') } },
  { id: 'duplicate-element', title: 'repeatable customAttributes split by another element (a merge): the later one', target: O, expect: ['error'],
    files: { [H]: header(), [O]: oauth('    <customAttributes><formula>1</formula><key>a</key></customAttributes>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n    <⟦customAttributes⟧><formula>2</formula><key>b</key></customAttributes>\n') } },
  { id: 'duplicate-element', title: 'repeatable customAttributes', target: O, expect: [],
    files: { [H]: header(), [O]: oauth('    <customAttributes><formula>1</formula><key>a</key></customAttributes>\n    <customAttributes><formula>2</formula><key>b</key></customAttributes>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },

  { id: 'invalid-enum', title: 'Packageable', target: H, expect: ['error'],
    files: { [H]: eca('ExternalClientApplication', '    <distributionState>⟦Packageable⟧</distributionState>\n') } },
  { id: 'invalid-enum', title: 'Connected App spellings in policies', target: P, expect: ['error', 'error'],
    files: { [P]: policies('    <ipRelaxationPolicyType>⟦RelaxIPRestrictions⟧</ipRelaxationPolicyType>\n    <permittedUsersPolicyType>⟦AdminApprovedUsers⟧</permittedUsersPolicyType>\n') } },
  { id: 'invalid-enum', title: 'platform spelling Enforce_relaxrefresh is accepted', target: P, expect: [],
    files: { [P]: policies('    <ipRelaxationPolicyType>Enforce_relaxrefresh</ipRelaxationPolicyType>\n    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n') } },

  { id: 'invalid-boolean', title: 'True and yes', target: P, expect: ['error', 'error'],
    files: { [P]: policies('    <isClientCredentialsFlowEnabled>⟦True⟧</isClientCredentialsFlowEnabled>\n    <clientCredentialsFlowUser>int@example.com</clientCredentialsFlowUser>\n    <isTokenExchangeFlowEnabled>⟦yes⟧</isTokenExchangeFlowEnabled>\n') } },
  { id: 'invalid-boolean', title: '1 is valid xsd but gets a hint', target: C, expect: ['hint'],
    files: { [C]: eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>⟦1⟧</isEnabled>\n') } },
  { id: 'invalid-boolean', title: 'lower-case booleans', target: C, expect: [],
    files: { [C]: eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>true</isEnabled>\n') } },

  { id: 'invalid-number', title: 'not an integer; JWT timeout outside its set', target: P, expect: ['error', 'error'],
    files: { [P]: policies('    <namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>\n    <namedUserJwtTimeout>⟦7⟧</namedUserJwtTimeout>\n    <sessionTimeoutInMinutes>⟦ten⟧</sessionTimeoutInMinutes>\n') } },
  { id: 'invalid-number', title: 'id token validity out of range', target: G, expect: ['error'],
    files: { [G]: glbl('    <idTokenConfig>\n        <idTokenValidityInMinutes>⟦900⟧</idTokenValidityInMinutes>\n    </idTokenConfig>\n') } },
  { id: 'invalid-number', title: 'period 0 with Zero is what the platform writes on retrieve', target: P, expect: [],
    files: { [P]: policies('    <refreshTokenPolicyType>Zero</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },
  { id: 'invalid-number', title: 'period 0 with SpecificLifetime: below 1, a warning (no documented range; refresh-token-period is the error)', target: P, expect: ['warning'],
    files: { [P]: policies('    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>⟦0⟧</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },
  { id: 'invalid-number', title: 'allowed JWT timeout', target: P, expect: [],
    files: { [P]: policies('    <namedUserJwtTimeout>60</namedUserJwtTimeout>\n') } },

  { id: 'invalid-scope', title: 'protocol tokens', target: O, expect: ['error', 'error', 'error'],
    files: { [H]: header(), [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>⟦api⟧, ⟦refresh_token⟧,⟦openid⟧</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },
  { id: 'invalid-scope', title: 'unknown name: a warning (the WSDL types the field as a plain string)', target: O, expect: ['warning'],
    files: { [H]: header(), [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, ⟦Bogus⟧</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },
  { id: 'invalid-scope', title: 'mis-cased name stays an error', target: O, expect: ['error'],
    files: { [H]: header(), [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>⟦API⟧</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },
  { id: 'invalid-scope', title: 'metadata names with spaces', target: O, expect: [], files: { [H]: header(), [O]: oauth() } },

  // ---- Section 2
  { id: 'file-suffix', title: "seed 002's spelling", target: 'force-app/main/default/extlClntAppOauthSettings/MyApp_oauth.extlClntAppOauthSettings-meta.xml', expect: ['error'],
    files: { 'force-app/main/default/extlClntAppOauthSettings/MyApp_oauth.extlClntAppOauthSettings-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthSettings>\n' } },
  { id: 'file-suffix', title: 'invented .ecaPolicy suffix', target: 'force-app/x/MyApp.ecaPolicy-meta.xml', expect: ['error'],
    files: { 'force-app/x/MyApp.ecaPolicy-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppConfigurablePolicies⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isEnabled>true</isEnabled>\n</ExtlClntAppConfigurablePolicies>\n' } },
  { id: 'file-suffix', title: 'known suffix', target: H, expect: [], files: { [H]: header() } },

  { id: 'file-folder', title: 'header in the wrong folder', target: 'force-app/main/default/ecas/MyApp.eca-meta.xml', expect: ['information'],
    files: { 'force-app/main/default/ecas/MyApp.eca-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExternalClientApplication⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>MyApp</label>\n</ExternalClientApplication>\n' } },
  { id: 'file-folder', title: 'conventional folder', target: H, expect: [], files: { [H]: header() } },

  // ---- Section 3
  { id: 'oauth-link-missing', title: 'Packaged ECA without oauthLink', target: O, expect: ['error'],
    files: { [H]: header('Packaged'), [O]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthSettings>\n' } },
  { id: 'oauth-link-missing', title: 'Local ECA without global settings alongside', target: O, expect: ['error'],
    files: { [H]: header('Local'), [O]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthSettings>\n' } },
  { id: 'oauth-link-missing', title: 'in an unlocked package', target: 'pkg/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml', expect: ['error'],
    files: { 'sfdx-project.json': sfdx([{ path: 'pkg', package: 'eca', versionNumber: '1.0.0.NEXT', type: 'unlocked' }]), 'pkg/externalClientApps/MyApp.eca-meta.xml': header('Local'), 'pkg/extlClntAppGlobalOauthSets/MyApp_glbloauth.ecaGlblOauth-meta.xml': glbl(),
      'pkg/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthSettings>\n' } },
  { id: 'oauth-link-missing', title: 'Packaged ECA deployed with new global settings from a source directory (Data 360 kit)', target: O, expect: [],
    files: { 'sfdx-project.json': sfdx([{ path: 'force-app' }]), [H]: header('Packaged'), [G]: glbl(), [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n') } },
  { id: 'oauth-link-missing', title: 'global settings alongside but forceignored', target: O, expect: ['error'],
    files: { '.forceignore': '**/*.ecaGlblOauth-meta.xml\n', [H]: header('Packaged'), [G]: glbl(), [O]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppOauthSettings>\n' } },
  { id: 'oauth-link-missing', title: 'Local ECA deployed with its global settings (documented local flow)', target: O, expect: [],
    files: { [H]: header('Local'), [G]: glbl(), [O]: eca('ExtlClntAppOauthSettings', '    <externalClientApplication>MyApp</externalClientApplication>\n') } },

  { id: 'global-oauth-in-source', title: 'for a Packaged ECA in an unlocked package', target: G, expect: ['error'],
    files: { 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', package: 'app', versionNumber: '1.0.0.NEXT' }] }), [H]: header('Packaged'), [G]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppGlobalOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n' } },
  { id: 'global-oauth-in-source', title: 'for a Packaged ECA as plain source (the packaging org\'s own retrieve): a warning', target: G, expect: ['warning'],
    files: { [H]: header('Packaged'), [G]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppGlobalOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n' } },
  { id: 'global-oauth-in-source', title: 'for a Local ECA: information', target: G, expect: ['information'],
    files: { [H]: header('Local'), [G]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppGlobalOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n' } },
  { id: 'global-oauth-in-source', title: 'forceignored', target: G, expect: [],
    files: { '.forceignore': '**/*.ecaGlblOauth-meta.xml\n', [H]: header('Packaged'), [G]: glbl() } },

  { id: 'secret-in-source', title: 'consumer secret', target: G, expect: ['error'],
    files: { [H]: header(), [G]: glbl('    <consumerSecret>⟦ABCDEF0123456789⟧</consumerSecret>\n') } },
  { id: 'secret-in-source', title: 'private key block', target: 'force-app/main/default/extlClntAppPushSettings/MyApp.ecaPush-meta.xml', expect: ['error'],
    files: { 'force-app/main/default/extlClntAppPushSettings/MyApp.ecaPush-meta.xml': eca('ExtlClntAppPushSettings', '    <applePushConfig>\n        <environment>Production</environment>\n        <signingKey>⟦-----BEGIN PRIVATE KEY-----MIIE-----END PRIVATE KEY-----⟧</signingKey>\n    </applePushConfig>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <pushServiceType>Apple</pushServiceType>\n') } },
  { id: 'secret-in-source', title: 'a public JWT certificate is not a secret', target: G, expect: [],
    files: { [H]: header(), [G]: glbl('    <certificate>MIIDkTCCAnmgAwIBAgIUObQ8SV9ejui0QDE</certificate>\n') } },

  { id: 'consumer-key-in-source', title: 'consumer key value', target: G, expect: ['warning'],
    files: { [H]: header(), [G]: glbl('    <consumerKey>⟦3MVG9SM6_sNwRXqsSpmpcnlpbDBSF⟧</consumerKey>\n') } },
  { id: 'consumer-key-in-source', title: 'no consumer key', target: G, expect: [], files: { [H]: header(), [G]: glbl() } },

  { id: 'oauth-link-format', title: 'placeholder', target: O, expect: ['error'],
    files: { [H]: header('Packaged'), [O]: oauth('    <oauthLink>⟦PLACEHOLDER⟧</oauthLink>\n') } },
  { id: 'oauth-link-format', title: 'org id not starting 00D', target: O, expect: ['error'],
    files: { [H]: header('Packaged'), [O]: oauth('    <oauthLink>⟦001bm000004ELiD:888bm000002gH3J⟧</oauthLink>\n') } },
  { id: 'oauth-link-format', title: 'replacement token declared in sfdx-project.json is not format-checked', target: O, expect: [],
    files: { 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }], replacements: [{ filename: O, stringToReplace: '${ECA_OAUTH_LINK}', replaceWithEnv: 'ECA_OAUTH_LINK' }] }), [H]: header('Packaged'), [O]: oauth('    <oauthLink>${ECA_OAUTH_LINK}</oauthLink>\n') } },
  { id: 'oauth-link-format', title: '18-character ids', target: O, expect: [], files: { [H]: header('Packaged'), [O]: oauth('    <oauthLink>00Dbm000004ELiDEAW:888bm000002gH3JAAU</oauthLink>\n') } },

  { id: 'client-credentials-user-missing', title: 'flow on, no user', target: P, expect: ['error'],
    files: { [P]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppOauthConfigurablePolicies⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n' } },
  { id: 'client-credentials-user-missing', title: 'flow on with a user', target: P, expect: [],
    files: { [P]: policies('    <clientCredentialsFlowUser>integration-user@prod.example.com</clientCredentialsFlowUser>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n') } },

  { id: 'client-credentials-user-format', title: 'not a username', target: P, expect: ['error'],
    files: { [P]: policies('    <clientCredentialsFlowUser>⟦Integration User⟧</clientCredentialsFlowUser>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n') } },
  { id: 'client-credentials-user-format', title: 'sandbox-suffixed username', target: P, expect: [],
    files: { [P]: policies('    <clientCredentialsFlowUser>integration@acme.com.uat</clientCredentialsFlowUser>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n') } },

  { id: 'client-credentials-user-unused', title: 'user while the flow is off', target: P, expect: ['hint'],
    files: { [P]: policies('    <⟦clientCredentialsFlowUser⟧>integration@acme.com</clientCredentialsFlowUser>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n') } },
  { id: 'client-credentials-user-unused', title: 'no user, flow off', target: P, expect: [],
    files: { [P]: policies('    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n') } },

  { id: 'refresh-token-period', title: 'SpecificLifetime without period and unit', target: P, expect: ['error'],
    files: { [P]: policies('    <refreshTokenPolicyType>⟦SpecificLifetime⟧</refreshTokenPolicyType>\n') } },
  { id: 'refresh-token-period', title: 'period with Infinite', target: P, expect: ['hint', 'hint'],
    files: { [P]: policies('    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <⟦refreshTokenValidityPeriod⟧>365</refreshTokenValidityPeriod>\n    <⟦refreshTokenValidityUnit⟧>Days</refreshTokenValidityUnit>\n') } },
  { id: 'refresh-token-period', title: 'period 0 with Zero/Infinite: the platform\'s own retrieve output, no hint', target: P, expect: [],
    files: { [P]: policies('    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },
  { id: 'refresh-token-period', title: 'SpecificLifetime with period and unit', target: P, expect: [],
    files: { [P]: policies('    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },

  // ---- Section 6 (platform facts 2026)
  { id: 'org-scoped-app-format', title: 'placeholder org id', target: H, expect: ['warning'],
    files: { [H]: eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>MyApp</label>\n    <orgScopedExternalApp>⟦00D-XXXXXXXXXXXXXX:MyApp⟧</orgScopedExternalApp>\n') } },
  { id: 'org-scoped-app-format', title: 'copied from another app', target: H, expect: ['warning'],
    files: { [H]: eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>MyApp</label>\n    <orgScopedExternalApp>⟦00DQy00000WBreT:Customer_Order_Status⟧</orgScopedExternalApp>\n') } },
  { id: 'org-scoped-app-format', title: 'retrieved value', target: H, expect: [],
    files: { [H]: eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>MyApp</label>\n    <orgScopedExternalApp>00DQy00000WBreT:MyApp</orgScopedExternalApp>\n') } },

  { id: 'permission-set-id', title: 'permission set and profile ids', target: P, expect: ['error', 'error'],
    files: { [P]: policies('    <commaSeparatedPermissionSet>Integration_Access, ⟦0PS5g000001AbCdGAK⟧</commaSeparatedPermissionSet>\n    <commaSeparatedProfile>⟦00e5g000000XyZ1⟧</commaSeparatedProfile>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n') } },
  { id: 'permission-set-id', title: 'names', target: P, expect: [],
    files: { [P]: policies('    <commaSeparatedPermissionSet>Integration_Access,Org_0PS_Reader</commaSeparatedPermissionSet>\n    <commaSeparatedProfile>System Administrator</commaSeparatedProfile>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n') } },

  { id: 'pkce-disabled', title: 'Packaged app with the code flow and PKCE off: warning', target: G, expect: ['warning'],
    files: { [H]: header('Packaged'), [G]: glbl('    <isPkceRequired>⟦false⟧</isPkceRequired>\n') } },
  { id: 'pkce-disabled', title: 'Local app, PKCE absent: information', target: G, expect: ['information'],
    files: { [H]: header('Local'), [G]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppGlobalOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n' } },
  { id: 'pkce-disabled', title: 'PKCE required', target: G, expect: [],
    files: { [H]: header('Local'), [G]: glbl('    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'pkce-disabled', title: 'no callbackUrl (no authorization code flow)', target: G, expect: [],
    files: { [H]: header('Local'), [G]: eca('ExtlClntAppGlobalOauthSettings', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>false</isPkceRequired>\n') } },

  { id: 'consumer-secret-api-access', title: 'secret access via Metadata API on', target: S, expect: ['information'],
    files: { [S]: eca('ExternalClientAppSettings', '    <enableConsumerSecretApiAccess>⟦true⟧</enableConsumerSecretApiAccess>\n') } },
  { id: 'consumer-secret-api-access', title: 'off (recommended)', target: S, expect: [],
    files: { [S]: eca('ExternalClientAppSettings', '    <enableConsumerSecretApiAccess>false</enableConsumerSecretApiAccess>\n') } },

  { id: 'connected-app-new', title: 'a Connected App in source', target: CA, expect: ['warning'],
    files: { [CA]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ConnectedApp⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <contactEmail>admin@example.com</contactEmail>\n    <label>Legacy</label>\n</ConnectedApp>\n' } },
  { id: 'connected-app-new', title: 'an External Client App instead', target: H, expect: [], files: { [H]: header() } },
  // ---- Section 7 (security)
  { id: 'public-client-without-pkce', title: 'no secret to refresh, PKCE off', target: G, expect: ['warning'],
    files: { [H]: header('Local'), [G]: glbl('    <isPkceRequired>⟦false⟧</isPkceRequired>\n    <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>\n') } },
  { id: 'public-client-without-pkce', title: 'consumer secret optional, PKCE absent', target: G, expect: ['warning'],
    files: { [H]: header('Local'), [G]: '<?xml version="1.0" encoding="UTF-8"?>\n<⟦ExtlClntAppGlobalOauthSettings⟧ xmlns="http://soap.sforce.com/2006/04/metadata">\n    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n</ExtlClntAppGlobalOauthSettings>\n' } },
  { id: 'public-client-without-pkce', title: 'public client with PKCE', target: G, expect: [],
    files: { [H]: header('Local'), [G]: glbl('    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'public-client-without-pkce', title: 'confidential client (secret required)', target: G, expect: [],
    files: { [H]: header('Local'), [G]: glbl('    <isConsumerSecretOptional>false</isConsumerSecretOptional>\n    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n') } },

  { id: 'callback-url-insecure', title: 'http to a remote host', target: G, expect: ['warning'],
    files: { [H]: header(), [G]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>⟦http://app.example.com/oauth/callback⟧</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'callback-url-insecure', title: 'one remote http among several callbacks', target: G, expect: ['warning'],
    files: { [H]: header(), [G]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://app.example.com/cb,⟦http://10.0.0.5:8080/cb⟧\nhttp://localhost:1717/OauthRedirect</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'callback-url-insecure', title: 'loopback http, https and a custom scheme are fine', target: G, expect: [],
    files: { [H]: header(), [G]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>http://localhost:1717/OauthRedirect, http://127.0.0.1:8080/cb, http://[::1]:3000/cb, https://app.example.com/cb, com.example.app:/oauth2redirect, sfdc://success</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },

  { id: 'callback-url-wildcard', title: 'wildcard subdomain', target: G, expect: ['warning'],
    files: { [H]: header(), [G]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://app.example.com/cb, ⟦https://*.example.com/cb⟧</callbackUrl>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n') } },
  { id: 'callback-url-wildcard', title: 'exact callback URLs', target: G, expect: [],
    files: { [H]: header(), [G]: glbl('    <isPkceRequired>true</isPkceRequired>\n') } },

  { id: 'refresh-token-never-expires', title: 'Infinite with rotation off: warning', target: P, expect: ['warning'],
    files: { [H]: header(), [O]: oauth(), [G]: glbl('    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>\n'),
      [P]: policies('    <refreshTokenPolicyType>⟦Infinite⟧</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },
  { id: 'refresh-token-never-expires', title: 'Infinite, no global OAuth settings in source: warning', target: P, expect: ['warning'],
    files: { [H]: header(), [P]: policies('    <refreshTokenPolicyType>⟦Infinite⟧</refreshTokenPolicyType>\n') } },
  { id: 'refresh-token-never-expires', title: 'Infinite with rotation on: information', target: P, expect: ['information'],
    files: { [H]: header(), [O]: oauth(), [G]: glbl('    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n'),
      [P]: policies('    <refreshTokenPolicyType>⟦Infinite⟧</refreshTokenPolicyType>\n') } },
  { id: 'refresh-token-never-expires', title: 'idle lifetime of 30 days', target: P, expect: [],
    files: { [H]: header(), [P]: policies('    <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n') } },
  { id: 'refresh-token-never-expires', title: 'Infinite, but the app grants no RefreshToken scope', target: P, expect: [],
    files: { [H]: header(), [O]: oauth().replace('Api, RefreshToken', 'Api'), [P]: policies('    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n') } },

  { id: 'scope-full', title: 'Full among the scopes', target: O, expect: ['warning'],
    files: { [H]: header(), [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, ⟦Full⟧, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n    <label>MyApp_oauth</label>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n') } },
  { id: 'scope-full', title: 'narrow scopes', target: O, expect: [], files: { [H]: header(), [O]: oauth() } },

  { id: 'ip-relaxation-bypass', title: 'Bypass in a package every org receives: warning', target: P, expect: ['warning'],
    files: { [P]: policies('    <ipRelaxationPolicyType>⟦Bypass⟧</ipRelaxationPolicyType>\n') } },
  { id: 'ip-relaxation-bypass', title: 'Bypass_2factor in the production alias folder: warning', target: AP('prod'), expect: ['warning'], productionAliases: ['prod'],
    files: { 'sfdx-project.json': ALIASFY, [AP('prod')]: policies('    <ipRelaxationPolicyType>⟦Bypass_2factor⟧</ipRelaxationPolicyType>\n'), [AP('uat')]: policies('    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n') } },
  { id: 'ip-relaxation-bypass', title: 'Bypass in a sandbox folder: information', target: AP('uat'), expect: ['information'], productionAliases: ['prod'],
    files: { 'sfdx-project.json': ALIASFY, [AP('prod')]: policies('    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n'), [AP('uat')]: policies('    <ipRelaxationPolicyType>⟦Bypass⟧</ipRelaxationPolicyType>\n') } },
  { id: 'ip-relaxation-bypass', title: 'Bypass in default/ (production never falls back): information', target: AP('default'), expect: ['information'], productionAliases: ['prod'],
    files: { 'sfdx-project.json': ALIASFY, [AP('prod')]: policies('    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n'), [AP('default')]: policies('    <ipRelaxationPolicyType>⟦Bypass⟧</ipRelaxationPolicyType>\n') } },
  { id: 'ip-relaxation-bypass', title: 'Enforce', target: P, expect: [],
    files: { [P]: policies('    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n') } },
];
