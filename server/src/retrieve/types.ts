// The External Client App metadata family as the retrieval sees it: Metadata API folder, source
// suffix (`<folder>/<Name>.<suffix>-meta.xml`), the API version that introduced the type, and
// whether the retrieval may ever bring it into a workspace. Folder/suffix pairs come from the
// engine's generated schema table (they follow the @salesforce/source-deploy-retrieve registry).
import { HEADER_TYPE, holdsCredentials, SENSITIVE_ELEMENT_NAMES } from '../engine/schema';
import { METADATA_TYPES } from '../engine/schema/metadataTypes';

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

export const ECA_TYPE = HEADER_TYPE;

/**
 * Derived from the generated schema table (npm run gen:schema): every file-backed type whose
 * first API version is known. `never` for a type that holds credentials (global OAuth settings:
 * consumer key and secret, which must stay out of source control; push settings: certificate,
 * password, signing key, FCM service account).
 */
export const ECA_TYPES: readonly EcaTypeInfo[] = METADATA_TYPES
  .filter((t) => t.since !== null)
  .map((t) => ({ name: t.name, folder: t.folder, suffix: t.suffix, since: t.since!, policy: holdsCredentials(t.name) ? 'never' : 'retrieve' }));

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
  ...SENSITIVE_ELEMENT_NAMES,
  // Not ECA fields, but credentials by any name: never written either.
  'privateKey',
  'accessToken',
  'refreshToken',
  'clientSecret',
];
