// The External Client App metadata family as the retrieval sees it: Metadata API folder, source
// suffix (`<folder>/<Name>.<suffix>-meta.xml`), the API version that introduced the type, and
// whether the retrieval may ever bring it into a workspace. Folder/suffix pairs follow the
// @salesforce/source-deploy-retrieve 13.7 registry.

export interface EcaTypeInfo {
  name: string;
  folder: string;
  suffix: string;
  /** First API version that knows the type (listMetadata on an older version would fault). */
  since: number;
  /**
   * `retrieve`: brought into the workspace. `never`: holds secrets (consumer key/secret, push
   * credentials); never listed, read, requested, written or printed.
   */
  policy: 'retrieve' | 'never';
}

export const ECA_TYPE = 'ExternalClientApplication';

export const ECA_TYPES: readonly EcaTypeInfo[] = [
  { name: ECA_TYPE, folder: 'externalClientApps', suffix: 'eca', since: 59, policy: 'retrieve' },
  { name: 'ExtlClntAppOauthSettings', folder: 'extlClntAppOauthSettings', suffix: 'ecaOauth', since: 59, policy: 'retrieve' },
  { name: 'ExtlClntAppOauthConfigurablePolicies', folder: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy', since: 59, policy: 'retrieve' },
  { name: 'ExtlClntAppConfigurablePolicies', folder: 'extlClntAppPolicies', suffix: 'ecaPlcy', since: 60, policy: 'retrieve' },
  { name: 'ExtlClntAppSamlConfigurablePolicies', folder: 'extlClntAppSamlConfigurablePolicies', suffix: 'ecaSamlPlcy', since: 63, policy: 'retrieve' },
  { name: 'ExtlClntAppMobileSettings', folder: 'extlClntAppMobileSettings', suffix: 'ecaMobile', since: 64, policy: 'retrieve' },
  { name: 'ExtlClntAppMobileConfigurablePolicies', folder: 'extlClntAppMobilePolicies', suffix: 'ecaMobilePlcy', since: 64, policy: 'retrieve' },
  { name: 'ExtlClntAppNotificationSettings', folder: 'extlClntAppNotifSettings', suffix: 'ecaNotifications', since: 64, policy: 'retrieve' },
  { name: 'ExtlClntAppPushConfigurablePolicies', folder: 'extlClntAppPushPolicies', suffix: 'ecaPushPlcy', since: 64, policy: 'retrieve' },
  { name: 'ExtlClntAppCanvasSettings', folder: 'extlClntAppCanvasSettings', suffix: 'ecaCanvas', since: 66, policy: 'retrieve' },
  // Consumer key and secret: must stay out of source control (see the .forceignore advice).
  { name: 'ExtlClntAppGlobalOauthSettings', folder: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth', since: 59, policy: 'never' },
  // Push credentials (certificate, password, signing key, FCM service account).
  { name: 'ExtlClntAppPushSettings', folder: 'extlClntAppPushSettings', suffix: 'ecaPush', since: 64, policy: 'never' },
];

export const TYPE_BY_NAME = new Map(ECA_TYPES.map((t) => [t.name, t]));
export const TYPE_BY_FOLDER = new Map(ECA_TYPES.map((t) => [t.folder, t]));

/** Satellite types to look for, for a connection at `apiVersion`. */
export function satelliteTypes(apiVersion: number): EcaTypeInfo[] {
  return ECA_TYPES.filter((t) => t.name !== ECA_TYPE && t.policy === 'retrieve' && t.since <= apiVersion);
}

/** `<Name>.<suffix>-meta.xml` */
export function sourceFileName(type: EcaTypeInfo, fullName: string): string {
  return `${fullName}.${type.suffix}-meta.xml`;
}

/**
 * Elements whose text is a credential. They are removed from any file before it is written or
 * shown, whatever its type (a satellite should never carry them; if the org sends one anyway, it
 * still does not reach the disk).
 */
export const SECRET_ELEMENTS: readonly string[] = [
  'consumerSecret',
  'consumerKey',
  'password',
  'signingKey',
  'serviceAccount',
  'privateKey',
  'accessToken',
  'refreshToken',
  'clientSecret',
];
