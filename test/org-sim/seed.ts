// Seed data for the org simulator: External Client Apps in Metadata API format, modelled on files
// retrieved from real orgs (test/fixtures/real/retrieved). Placeholders are filled per simulator:
//   {{ORG15}}      the org id (15 characters), as in oauthLink / orgScopedExternalApp
//   {{KEY:<app>}}  a random consumer key for that app
//   {{SECRET:<app>}} a random consumer secret for that app
// The traps that the retrieval must survive are all here:
// - OAuth settings named unlike their app (ecaViaMetadata -> ecaViaMetadataSettings,
//   Orders_Sync -> OrdSync_Connect);
// - a decoy whose NAME looks like it belongs to Orders_Sync (Orders_Sync_oauth) but whose
//   externalClientApplication field says Orders_Sync_Legacy;
// - global OAuth settings carrying a consumerKey AND a consumerSecret;
// - an app with no satellites at all (Field_Create_MDAPI).

export interface SeedComponent {
  type: string;
  fullName: string;
  /** The file content exactly as it would sit in a retrieve zip (Metadata API format). */
  xml: string;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function eca(name: string, label: string, email: string, description?: string, state = 'Local'): SeedComponent {
  return {
    type: 'ExternalClientApplication',
    fullName: name,
    xml:
      HEAD +
      `<ExternalClientApplication ${NS}>\n` +
      `    <contactEmail>${email}</contactEmail>\n` +
      (description ? `    <description>${description}</description>\n` : '') +
      `    <distributionState>${state}</distributionState>\n` +
      `    <isProtected>false</isProtected>\n` +
      `    <label>${label}</label>\n` +
      `    <orgScopedExternalApp>{{ORG15}}:${name}</orgScopedExternalApp>\n` +
      `</ExternalClientApplication>\n`,
  };
}

function oauth(name: string, app: string, scopes: string, consumerId: string, label = name): SeedComponent {
  return {
    type: 'ExtlClntAppOauthSettings',
    fullName: name,
    xml:
      HEAD +
      `<ExtlClntAppOauthSettings ${NS}>\n` +
      `    <commaSeparatedOauthScopes>${scopes}</commaSeparatedOauthScopes>\n` +
      `    <externalClientApplication>${app}</externalClientApplication>\n` +
      `    <isFirstPartyAppEnabled>false</isFirstPartyAppEnabled>\n` +
      `    <label>${label}</label>\n` +
      `    <oauthLink>{{ORG15}}:${consumerId}</oauthLink>\n` +
      `</ExtlClntAppOauthSettings>\n`,
  };
}

function globalOauth(name: string, app: string, callbackUrl: string): SeedComponent {
  return {
    type: 'ExtlClntAppGlobalOauthSettings',
    fullName: name,
    xml:
      HEAD +
      `<ExtlClntAppGlobalOauthSettings ${NS}>\n` +
      `    <callbackUrl>${callbackUrl}</callbackUrl>\n` +
      `    <consumerKey>{{KEY:${app}}}</consumerKey>\n` +
      `    <consumerSecret>{{SECRET:${app}}}</consumerSecret>\n` +
      `    <externalClientApplication>${app}</externalClientApplication>\n` +
      `    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n` +
      `    <isCodeCredFlowEnabled>false</isCodeCredFlowEnabled>\n` +
      `    <isCodeCredPostOnly>false</isCodeCredPostOnly>\n` +
      `    <isConsumerSecretOptional>false</isConsumerSecretOptional>\n` +
      `    <isDeviceFlowEnabled>false</isDeviceFlowEnabled>\n` +
      `    <isIntrospectAllTokens>false</isIntrospectAllTokens>\n` +
      `    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>\n` +
      `    <isPkceRequired>true</isPkceRequired>\n` +
      `    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>\n` +
      `    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n` +
      `    <isSecretRequiredForTokenExchange>false</isSecretRequiredForTokenExchange>\n` +
      `    <isTokenExchangeEnabled>false</isTokenExchangeEnabled>\n` +
      `    <label>${name}</label>\n` +
      `    <shouldRotateConsumerKey>false</shouldRotateConsumerKey>\n` +
      `    <shouldRotateConsumerSecret>false</shouldRotateConsumerSecret>\n` +
      `</ExtlClntAppGlobalOauthSettings>\n`,
  };
}

function oauthPolicies(name: string, app: string, permitted: string, extra = ''): SeedComponent {
  return {
    type: 'ExtlClntAppOauthConfigurablePolicies',
    fullName: name,
    xml:
      HEAD +
      `<ExtlClntAppOauthConfigurablePolicies ${NS}>\n` +
      extra +
      `    <externalClientApplication>${app}</externalClientApplication>\n` +
      `    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n` +
      `    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n` +
      `    <isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>\n` +
      `    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\n` +
      `    <label>${name}</label>\n` +
      `    <permittedUsersPolicyType>${permitted}</permittedUsersPolicyType>\n` +
      `    <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>\n` +
      `    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>\n` +
      `    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n` +
      `    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n` +
      `</ExtlClntAppOauthConfigurablePolicies>\n`,
  };
}

function policies(name: string, app: string): SeedComponent {
  return {
    type: 'ExtlClntAppConfigurablePolicies',
    fullName: name,
    xml:
      HEAD +
      `<ExtlClntAppConfigurablePolicies ${NS}>\n` +
      `    <externalClientApplication>${app}</externalClientApplication>\n` +
      `    <isEnabled>true</isEnabled>\n` +
      `    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n` +
      `    <label>${name}</label>\n` +
      `    <startPage>OAuth</startPage>\n` +
      `</ExtlClntAppConfigurablePolicies>\n`,
  };
}

/** The default seed: four apps plus a legacy one whose satellite names are a trap. */
export function defaultSeed(): SeedComponent[] {
  return [
    eca('Booking_Integration_API', 'Booking_Integration_API', 'integration@example.com', 'Booking to Salesforce, OAuth 2.0 JWT Bearer'),
    oauth('Booking_Integration_API_oauth', 'Booking_Integration_API', 'Api, RefreshToken', '888g5000000tUDZ'),
    globalOauth('Booking_Integration_API_glbloauth', 'Booking_Integration_API', 'https://booking.example.com/oauth/callback'),
    oauthPolicies(
      'Booking_Integration_API_oauthPlcy',
      'Booking_Integration_API',
      'AdminApprovedPreAuthorized',
      '    <commaSeparatedPermissionSet>Booking_Integration_User</commaSeparatedPermissionSet>\n',
    ),
    policies('Booking_Integration_API_plcy', 'Booking_Integration_API'),

    eca('ecaViaMetadata', 'ecaViaMetadata', 'eca_metadata@example.com', 'External client app Metadata API creation'),
    oauth('ecaViaMetadataSettings', 'ecaViaMetadata', 'Api, Web, OpenID', '888bm000000WID7', 'ECA via Metadata Oauth Settings'),
    globalOauth('ecaViaMetadataGlblOAuth', 'ecaViaMetadata', 'https://openidconnect.example.com/callback'),
    oauthPolicies('ecaViaMetadataSettings_defaultPolicy', 'ecaViaMetadata', 'AllSelfAuthorized'),

    eca('Orders_Sync', 'Orders Sync', 'orders@example.com'),
    oauth('OrdSync_Connect', 'Orders_Sync', 'Api, RefreshToken, OfflineAccess', '888Qy00000071Af'),
    globalOauth('OrdSync_Global', 'Orders_Sync', 'https://orders.example.com/cb'),
    eca('Orders_Sync_Legacy', 'Orders Sync (legacy)', 'orders@example.com'),
    // The trap: named like Orders_Sync's settings, but it belongs to Orders_Sync_Legacy.
    oauth('Orders_Sync_oauth', 'Orders_Sync_Legacy', 'Api', '888Qy00000071Zz'),

    eca('Field_Create_MDAPI', 'Field Create MDAPI', 'fields@example.com', undefined, 'Packaged'),
  ];
}
