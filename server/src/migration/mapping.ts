// The field-by-field mapping ConnectedApp → External Client App, one row per Connected App
// element. Hovers, the migration and the report all read this table, so what a hover promises is
// what the migration does. Facts come from docs/reference/connected-app-migration.md (its
// sources: the Metadata API ConnectedApp page [CA-ref], Salesforce Help on the migration [H-mig],
// the ECA type pages [ECA]). `verified` = both sides documented and the pairing stated or
// self-evident from identical names and descriptions; `inferred` = names and descriptions line up
// but no source states the mapping (the note says what was matched).

export type FileKind = 'header' | 'oauth' | 'globalOauth' | 'policies' | 'oauthPolicies' | 'saml' | 'canvas';

export const FILE_TYPES: Record<FileKind, { type: string; nameSuffix: string; what: string }> = {
  header: { type: 'ExternalClientApplication', nameSuffix: '', what: 'the app header' },
  oauth: { type: 'ExtlClntAppOauthSettings', nameSuffix: '_oauth', what: 'OAuth settings' },
  globalOauth: { type: 'ExtlClntAppGlobalOauthSettings', nameSuffix: '_glblOauth', what: 'global OAuth settings (the OAuth consumer)' },
  policies: { type: 'ExtlClntAppConfigurablePolicies', nameSuffix: '_plcy', what: 'policies (plugin switches, start URL)' },
  oauthPolicies: { type: 'ExtlClntAppOauthConfigurablePolicies', nameSuffix: '_oauthPlcy', what: 'OAuth policies (per-org admin settings)' },
  saml: { type: 'ExtlClntAppSamlConfigurablePolicies', nameSuffix: '_samlPlcy', what: 'SAML policies' },
  canvas: { type: 'ExtlClntAppCanvasSettings', nameSuffix: '_canvas', what: 'canvas settings' },
};

/**
 * mapped: carried to `target`; computed: carried with a value transformation; notCopied: never
 * written on purpose (secrets); dropped: no ECA home, harmless; blocker: no ECA home and the
 * feature would be lost; container: a parent element whose children carry the values.
 */
export type RowKind = 'mapped' | 'computed' | 'notCopied' | 'dropped' | 'blocker' | 'container';

export interface MappingRow {
  /** Path of the Connected App element (`oauthConfig/callbackUrl`). */
  ca: string;
  kind: RowKind;
  /** Where it goes: file kind + field (`idTokenConfig/idTokenValidityInMinutes` for nested). */
  file?: FileKind;
  field?: string;
  /** Further destinations (client credentials lands in two files). */
  also?: { file: FileKind; field: string }[];
  evidence: 'verified' | 'inferred' | 'n/a';
  note: string;
}

const R = (ca: string, kind: RowKind, file: FileKind | undefined, field: string | undefined, evidence: MappingRow['evidence'], note: string, also?: MappingRow['also']): MappingRow =>
  ({ ca, kind, file, field, evidence, note, also });

export const MAPPING: MappingRow[] = [
  // Header
  R('label', 'mapped', 'header', 'label', 'verified', 'Same field on the ECA header.'),
  R('contactEmail', 'mapped', 'header', 'contactEmail', 'verified', 'Same field on the ECA header.'),
  R('contactPhone', 'mapped', 'header', 'contactPhone', 'verified', 'Same field on the ECA header.'),
  R('description', 'mapped', 'header', 'description', 'verified', 'Same field on the ECA header.'),
  R('logoUrl', 'mapped', 'header', 'logoUrl', 'verified', 'Same field on the ECA header.'),
  R('infoUrl', 'mapped', 'header', 'infoUrl', 'verified', 'Same field on the ECA header.'),
  R('iconUrl', 'mapped', 'header', 'iconUrl', 'verified', 'Same field on the ECA header ("reserved for future use" on Connected Apps).'),
  R('startUrl', 'computed', 'policies', 'startUrl', 'inferred', 'Becomes the policies\' startUrl with startPage=Custom (the ECA docs deprecate the SAML startUrl in favour of this one).'),
  R('mobileStartUrl', 'blocker', undefined, undefined, 'n/a', 'ECAs have no mobile start URL: mobile users would land on the default page.'),
  R('developerName', 'dropped', undefined, undefined, 'n/a', 'Undocumented; written into apps installed from a package. The ECA\'s API name is its file name. A namespaced value means the app came from a package and cannot be migrated from source.'),
  R('version', 'blocker', undefined, undefined, 'n/a', 'Undocumented; marks a Connected App installed from a package. Only local Connected Apps can be migrated [H-mig].'),
  R('fullName', 'dropped', undefined, undefined, 'n/a', 'The API name comes from the file name.'),
  // Access: IP ranges, attributes, profiles and permission sets, plugin
  R('ipRanges', 'container', 'oauth', 'trustedIpRanges', 'inferred', 'Each range becomes a trustedIpRanges entry of the OAuth settings (Salesforce\'s feature comparison lists trusted IP ranges for the web server flow in both). Only OAuth apps have a home for them.'),
  R('ipRanges/start', 'mapped', 'oauth', 'trustedIpRanges/startIpAddress', 'inferred', 'Renamed startIpAddress.'),
  R('ipRanges/end', 'mapped', 'oauth', 'trustedIpRanges/endIpAddress', 'inferred', 'Renamed endIpAddress.'),
  R('ipRanges/description', 'mapped', 'oauth', 'trustedIpRanges/description', 'inferred', 'Same name.'),
  R('attributes', 'container', 'oauth', 'customAttributes', 'inferred', 'Custom attributes go to the OAuth settings\' customAttributes and, for SAML apps, the SAML policies\' customAttributes (key + formula on both sides).'),
  R('attributes/key', 'mapped', 'oauth', 'customAttributes/key', 'inferred', 'Same name.'),
  R('attributes/formula', 'mapped', 'oauth', 'customAttributes/formula', 'inferred', 'Same name.'),
  R('profileName', 'computed', 'oauthPolicies', 'commaSeparatedProfile', 'inferred', 'Joined with commas into commaSeparatedProfile (SAML-only apps: the SAML policies). The docs describe the values as profiles but do not say whether names or IDs are expected; names are kept as written.'),
  R('permissionSetName', 'computed', 'oauthPolicies', 'commaSeparatedPermissionSet', 'inferred', 'Joined with commas into commaSeparatedPermissionSet (SAML-only apps: the SAML policies). The docs say "IDs" but their sample uses an API name; names are kept as written.'),
  R('plugin', 'mapped', 'oauthPolicies', 'apexHandler', 'inferred', 'The Apex plugin class becomes the OAuth policies\' apexHandler. The class extends Auth.ConnectedAppPlugin; whether ECAs call it unchanged is not stated by the sources read.'),
  R('pluginExecutionUser', 'mapped', 'oauthPolicies', 'executeHandlerAs', 'inferred', 'The plugin\'s run-as user becomes executeHandlerAs.'),
  // OAuth (developer side)
  R('oauthConfig', 'container', 'policies', 'isOauthPluginEnabled', 'inferred', 'Presence of OAuth settings turns on the OAuth plugin (isOauthPluginEnabled=true) and produces the OAuth settings, global OAuth settings and OAuth policies.'),
  R('oauthConfig/callbackUrl', 'computed', 'globalOauth', 'callbackUrl', 'verified', 'One URL per line, as on the Connected App.'),
  R('oauthConfig/certificate', 'mapped', 'globalOauth', 'certificate', 'verified', 'The public certificate of the JWT bearer flow; callers keep signing with the same private key.'),
  R('oauthConfig/consumerKey', 'notCopied', undefined, undefined, 'n/a', 'Never copied. A consumer key is globally unique and settable only at creation [CA-ref]; the ECA gets a new key when its OAuth consumer is created, and every caller must switch to it.'),
  R('oauthConfig/consumerSecret', 'notCopied', undefined, undefined, 'n/a', 'Never copied. The ECA gets a new secret; every caller must switch to it.'),
  R('oauthConfig/isConsumerKeyOptional', 'dropped', undefined, undefined, 'n/a', 'Undocumented, and no ECA field.'),
  R('oauthConfig/scopes', 'computed', 'oauth', 'commaSeparatedOauthScopes', 'verified', 'One element per scope becomes one comma-separated list; both sides use the same metadata names. Names the ECA does not know are blockers (never guessed).'),
  R('oauthConfig/isAdminApproved', 'computed', 'oauthPolicies', 'permittedUsersPolicyType', 'inferred', 'true → AdminApprovedPreAuthorized, false or absent → AllSelfAuthorized (matching descriptions).'),
  R('oauthConfig/isClientCredentialEnabled', 'mapped', 'globalOauth', 'isClientCredentialsFlowEnabled', 'verified', 'Set in both the global OAuth settings and the OAuth policies, as Salesforce Help\'s client-credentials steps do.', [{ file: 'oauthPolicies', field: 'isClientCredentialsFlowEnabled' }]),
  R('oauthConfig/oauthClientCredentialUser', 'mapped', 'oauthPolicies', 'clientCredentialsFlowUser', 'verified', 'The run-as (execution) user of the client credentials flow; a username of one org.'),
  R('oauthConfig/isCodeCredentialEnabled', 'mapped', 'globalOauth', 'isCodeCredFlowEnabled', 'verified', 'Renamed.'),
  R('oauthConfig/isCodeCredentialPostOnly', 'mapped', 'globalOauth', 'isCodeCredPostOnly', 'verified', 'Renamed.'),
  R('oauthConfig/isConsumerSecretOptional', 'mapped', 'globalOauth', 'isConsumerSecretOptional', 'verified', 'Same name.'),
  R('oauthConfig/isIntrospectAllTokens', 'mapped', 'globalOauth', 'isIntrospectAllTokens', 'verified', 'Same name.'),
  R('oauthConfig/isNamedUserJwtEnabled', 'mapped', 'globalOauth', 'isNamedUserJwtEnabled', 'verified', 'Same name (the OAuth policies\' copy is deprecated).'),
  R('oauthConfig/isPkceRequired', 'computed', 'globalOauth', 'isPkceRequired', 'verified', 'Written explicitly: the defaults differ (false on Connected Apps, true on ECAs).'),
  R('oauthConfig/isRefreshTokenRotationEnabled', 'mapped', 'globalOauth', 'isRefreshTokenRotationEnabled', 'verified', 'Same name.'),
  R('oauthConfig/isSecretRequiredForRefreshToken', 'computed', 'globalOauth', 'isSecretRequiredForRefreshToken', 'verified', 'Same name; written explicitly (default true on both sides).'),
  R('oauthConfig/isSecretRequiredForTokenExchange', 'mapped', 'globalOauth', 'isSecretRequiredForTokenExchange', 'verified', 'Same name.'),
  R('oauthConfig/isTokenExchangeEnabled', 'mapped', 'globalOauth', 'isTokenExchangeEnabled', 'verified', 'Same name.'),
  R('oauthConfig/singleLogoutUrl', 'mapped', 'oauth', 'singleLogoutUrl', 'inferred', 'Same name on the OAuth settings.'),
  R('oauthConfig/idTokenConfig', 'container', 'globalOauth', 'idTokenConfig', 'verified', 'The ID token settings of the global OAuth settings.'),
  R('oauthConfig/idTokenConfig/idTokenAudience', 'mapped', 'globalOauth', 'idTokenConfig/idTokenAudience', 'verified', 'Same name.'),
  R('oauthConfig/idTokenConfig/idTokenIncludeAttributes', 'mapped', 'globalOauth', 'idTokenConfig/idTokenIncludeAttributes', 'verified', 'Same name.'),
  R('oauthConfig/idTokenConfig/idTokenIncludeStandardClaims', 'mapped', 'globalOauth', 'idTokenConfig/idTokenIncludeStandardClaims', 'verified', 'Same name.'),
  R('oauthConfig/idTokenConfig/idTokenValidity', 'mapped', 'globalOauth', 'idTokenConfig/idTokenValidityInMinutes', 'verified', 'Renamed; minutes on both sides (1–720).'),
  R('oauthConfig/idTokenConfig/idTokenIncludeCustomPerms', 'blocker', undefined, undefined, 'n/a', 'ECAs have no field for custom permissions in the ID token: when true, ID tokens would lose them. (false is dropped without loss.)'),
  R('oauthConfig/assetTokenConfig', 'container', 'oauth', undefined, 'inferred', 'Asset token settings go to the OAuth settings.'),
  R('oauthConfig/assetTokenConfig/assetAudiences', 'mapped', 'oauth', 'assetTokenAudiences', 'inferred', 'Renamed.'),
  R('oauthConfig/assetTokenConfig/assetIncludeAttributes', 'mapped', 'oauth', 'areAttributesIncludedInAssetToken', 'inferred', 'Renamed.'),
  R('oauthConfig/assetTokenConfig/assetIncludeCustomPerms', 'mapped', 'oauth', 'areCustomPermsIncludedInAssetToken', 'inferred', 'Renamed.'),
  R('oauthConfig/assetTokenConfig/assetValidityPeriod', 'mapped', 'oauth', 'assetTokenValidity', 'inferred', 'Renamed.'),
  R('oauthConfig/assetTokenConfig/assetSigningCertId', 'dropped', 'oauth', 'assetTokenSigningCertificate', 'inferred', 'Not copied: the Connected App holds a certificate record ID, the ECA wants the certificate itself (≤ 4 KB). Paste the certificate by hand.'),
  // OAuth policy (admin side)
  R('oauthPolicy', 'container', 'oauthPolicies', undefined, 'inferred', 'The per-org OAuth policies.'),
  R('oauthPolicy/ipRelaxation', 'computed', 'oauthPolicies', 'ipRelaxationPolicyType', 'inferred', 'ENFORCE → Enforce, BYPASS → Bypass, BYPASS_2FACTOR → Bypass_2factor, ENFORCE_RELAXREFRESH → Enforce_relaxrefresh (value names line up; the relax-refresh value as the platform writes it on retrieve and names it in its rejection text).'),
  R('oauthPolicy/refreshTokenPolicy', 'computed', 'oauthPolicies', 'refreshTokenPolicyType', 'inferred', 'infinite → Infinite, zero → Zero, specific_lifetime:<n>:<UNIT> → SpecificLifetime + refreshTokenValidityPeriod + refreshTokenValidityUnit, specific_inactivity likewise.'),
  R('oauthPolicy/singleLogoutUrl', 'mapped', 'oauthPolicies', 'singleLogoutUrl', 'inferred', 'Same name.'),
  R('oauthPolicy/isTokenExchangeFlowEnabled', 'mapped', 'oauthPolicies', 'isTokenExchangeFlowEnabled', 'inferred', 'Undocumented on Connected Apps but written by the platform; same name on the OAuth policies.'),
  R('sessionPolicy', 'container', 'oauthPolicies', undefined, 'inferred', 'Session settings go to the OAuth policies.'),
  R('sessionPolicy/policyAction', 'mapped', 'oauthPolicies', 'policyAction', 'verified', 'Same values (Block, RaiseSessionLevel).'),
  R('sessionPolicy/sessionLevel', 'computed', 'oauthPolicies', 'requiredSessionLevel', 'inferred', 'High assurance → HIGH_ASSURANCE (upper case on ECAs).'),
  R('sessionPolicy/sessionTimeout', 'mapped', 'oauthPolicies', 'sessionTimeoutInMinutes', 'inferred', 'The Connected App page gives no unit; minutes assumed (the ECA field is in minutes).'),
  // SAML
  R('samlConfig', 'container', 'saml', undefined, 'inferred', 'SAML settings become the SAML policies and turn on the SAML plugin. SAML ECAs must be Local and cannot be packaged [ECA].'),
  R('samlConfig/acsUrl', 'mapped', 'saml', 'acsUrl', 'inferred', 'Same name.'),
  R('samlConfig/entityUrl', 'mapped', 'saml', 'entityUrl', 'inferred', 'Same name.'),
  R('samlConfig/issuer', 'mapped', 'saml', 'issuer', 'inferred', 'Same name.'),
  R('samlConfig/certificate', 'mapped', 'saml', 'certificate', 'inferred', 'Same name.'),
  R('samlConfig/encryptionCertificate', 'mapped', 'saml', 'encryptionCertificate', 'inferred', 'Same name.'),
  R('samlConfig/encryptionType', 'mapped', 'saml', 'encryptionType', 'inferred', 'Same values (AES_128, AES_256).'),
  R('samlConfig/samlNameIdFormat', 'mapped', 'saml', 'nameIdFormat', 'inferred', 'Renamed; same values.'),
  R('samlConfig/samlSigningAlgoType', 'mapped', 'saml', 'signingAlgorithmType', 'inferred', 'Renamed; same values.'),
  R('samlConfig/samlIdpSLOBindingEnum', 'mapped', 'saml', 'singleLogoutBindingType', 'inferred', 'Renamed; same values.'),
  R('samlConfig/samlSloUrl', 'mapped', 'saml', 'singleLogoutUrl', 'inferred', 'Renamed.'),
  R('samlConfig/samlSubjectType', 'computed', 'saml', 'subjectType', 'inferred', 'Same values; PersistentID → PersistentId and CustomAttr → CustomAttribute (the spellings retrieved files use).'),
  R('samlConfig/samlSubjectCustomAttr', 'mapped', 'saml', 'subjectCustomAttribute', 'inferred', 'Renamed.'),
  // Canvas
  R('canvasConfig', 'container', 'canvas', undefined, 'inferred', 'Canvas settings become the ECA canvas settings (API 66) and turn on the canvas plugin. A canvas ECA cannot be used until it is installed in an org, unlike a local Connected App.'),
  R('canvasConfig/accessMethod', 'mapped', 'canvas', 'accessMethod', 'inferred', 'Same values (Get, Post).'),
  R('canvasConfig/canvasUrl', 'mapped', 'canvas', 'canvasUrl', 'inferred', 'Same name.'),
  R('canvasConfig/lifecycleClass', 'mapped', 'canvas', 'lifeCycleHandler', 'inferred', 'Renamed.'),
  R('canvasConfig/locations', 'computed', 'canvas', 'canvasLocationOptions', 'inferred', 'One element per location. Chatter, OpenCTI, ServiceDesk, AppLauncher and UserProfile have no ECA value (blockers).'),
  R('canvasConfig/options', 'computed', 'canvas', 'canvasOptions', 'inferred', 'HideShare and HideHeader carry over; PersonalEnabled has no ECA value (blocker).'),
  R('canvasConfig/samlInitiationMethod', 'mapped', 'canvas', 'samlInitiationMethod', 'inferred', 'Same values.'),
  // In the WSDL typings only
  R('canvas', 'blocker', undefined, undefined, 'n/a', 'WSDL-only canvas metadata with no documented ECA equivalent.'),
  R('mobileAppConfig', 'blocker', undefined, undefined, 'n/a', 'Mobile app settings (WSDL only): no documented mapping to the ECA mobile/push types; use Setup\'s "Migrate to External Client App" button.'),
];

export const ROW_BY_PATH = new Map(MAPPING.map((r) => [r.ca, r]));

/** The mapping row of an element path, tolerating repeated structures (`ipRanges/start`). */
export function rowFor(path: string): MappingRow | undefined {
  return ROW_BY_PATH.get(path);
}

/** Element names that hint at features ECAs handle elsewhere or not at all. */
export const FEATURE_HINTS: { re: RegExp; code: string; message: string }[] = [
  { re: /push|notification/i, code: 'push-notifications', message: 'push and notification settings are not migrated from files: Salesforce\'s own migration fails when they are invalid, and their ECA types (ExtlClntAppPushSettings, ExtlClntAppNotificationSettings) are pilot/beta. Use Setup\'s "Migrate to External Client App" button or configure them on the ECA by hand' },
  { re: /provision/i, code: 'user-provisioning', message: 'user provisioning is a Connected App feature with no ECA metadata equivalent in the sources read' },
  { re: /^mobile/i, code: 'mobile-settings', message: 'mobile settings have no documented ECA mapping' },
];
