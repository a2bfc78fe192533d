// The one schema table every service reads (validation, completion, hover, symbols).
// eca-metadata-schema.json is GENERATED (npm run gen:schema, scripts/gen-schema.mjs) from the
// platform's own schema (docs/reference/wsdl/metadata-v<NN>-eca*.xsd, the ECA part of the Metadata
// API WSDL of every version; versions.ts says which version declares what) merged with overlay.json (documentation, required-on-create, suffixes and folders, what real
// retrieved files carry beyond the WSDL). This module adds the few facts the rule catalogue
// adds: where misplaced fields really live, and protocol-scope spellings.
import raw from './eca-metadata-schema.json';
import { elementAt, NEWEST_API_VERSION } from './versions';

export type FieldKind = 'string' | 'boolean' | 'int' | 'enum' | 'complex' | 'scopes';

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** For enum (and enum-like strings, and int sets): the documented values. */
  values?: string[];
  /** Values accepted although undocumented (seen in retrieved files, WSDL). */
  alsoAccepted?: string[];
  /** Whether `values` is a closed set (enum-like strings with documented lists are treated as closed). */
  complexType?: string;
  /** Values the platform refuses, each with the spelling it takes (`SFAP` → `SFApiPlatform`). */
  misspellings?: Record<string, string>;
  /** The XSD enumeration the values come from (`ExtlClntAppDistState`), for the per-version table. */
  enumType?: string;
  required: boolean;
  multiple: boolean;
  description: string;
  documented: boolean;
  deprecated: boolean;
  sensitive: boolean;
  /** For a credential the rule secret-in-source reports: what it holds ("consumer secret"). */
  secretLabel?: string;
  format?: string;
  range?: [number, number];
  maxOccurs?: number;
  source?: string;
}

export interface TypeInfo {
  name: string;
  kind: 'metadata' | 'complex';
  suffix?: string;
  folder?: string;
  rootElement?: string;
  documented: boolean;
  /**
   * Whether a published schema (a Metadata API WSDL) declares the type's elements. When not
   * (ExtlClntAppOauthSecuritySettings: in the v67 registry, no schema), a file of the type is
   * checked for well-formedness and its root only: no element rule runs on it.
   */
  published: boolean;
  packageable?: boolean | string;
  since?: string;
  source?: string;
  description: string;
  fields: FieldInfo[];
  fieldMap: Map<string, FieldInfo>;
}

interface RawField {
  name: string; type: string; required?: boolean | string; multiple?: boolean; enumValues?: (string | number)[];
  seenInRealFiles?: string[]; otherSpellingsReported?: { value: string }[]; description?: string; documented?: boolean;
  deprecated?: boolean; sensitive?: boolean; secretLabel?: string; format?: string; range?: [number, number]; maxOccurs?: number; source?: string;
  enumValuesFrom?: string; misspellings?: Record<string, string>;
}
interface RawType {
  name: string; kind: string; suffix?: string | null; folder?: string | null; rootElement?: string | null; documented?: boolean;
  packageable?: boolean | string; availableSinceApi?: string; source?: string; description?: string; fields?: RawField[];
  beyondWsdl?: boolean;
}

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

function parseField(f: RawField): FieldInfo {
  const t = f.type;
  let kind: FieldKind = 'string';
  let complexType: string | undefined;
  if (t === 'boolean') kind = 'boolean';
  else if (t === 'int') kind = 'int';
  else if (t.startsWith('enum:')) kind = 'enum';
  else if (t.startsWith('complex:')) { kind = 'complex'; complexType = t.slice(8); }
  else if (t.includes('comma-separated list')) kind = 'scopes';
  else if (t.includes('enum-like')) kind = 'enum';
  const values = f.enumValues?.map(String);
  const also = new Set<string>();
  if (kind === 'enum') {
    for (const v of f.seenInRealFiles ?? []) if (!values?.includes(v)) also.add(v);
    for (const o of f.otherSpellingsReported ?? []) if (!values?.includes(o.value)) also.add(o.value);
  }
  return {
    name: f.name,
    kind,
    values,
    alsoAccepted: also.size ? [...also] : undefined,
    complexType,
    enumType: t.startsWith('enum:') ? t.slice(5) : f.enumValuesFrom,
    misspellings: f.misspellings,
    required: f.required === true,
    multiple: f.multiple === true,
    description: f.description ?? '',
    documented: f.documented !== false,
    deprecated: f.deprecated === true,
    sensitive: f.sensitive === true,
    secretLabel: f.secretLabel,
    format: f.format,
    range: f.range,
    maxOccurs: f.maxOccurs,
    source: f.source,
  };
}

export const TYPES: TypeInfo[] = (raw as unknown as { types: RawType[] }).types.map((t) => {
  const fields = (t.fields ?? []).map((f) => parseField(f));
  return {
    name: t.name,
    kind: t.kind === 'complex' ? 'complex' : 'metadata',
    suffix: t.suffix ?? undefined,
    folder: t.folder ?? undefined,
    rootElement: t.rootElement ?? undefined,
    documented: t.documented !== false,
    published: t.beyondWsdl !== true,
    packageable: t.packageable,
    since: t.availableSinceApi,
    source: t.source,
    description: t.description ?? '',
    fields,
    fieldMap: new Map(fields.map((f) => [f.name, f])),
  };
});

export const TYPE_BY_NAME = new Map(TYPES.map((t) => [t.name, t]));
/** Metadata types whose files we own, by their file suffix (`X.<suffix>-meta.xml`). */
export const TYPE_BY_SUFFIX = new Map(
  TYPES.filter((t) => t.kind === 'metadata' && t.suffix && t.suffix !== 'settings').map((t) => [t.suffix!, t]),
);
export const TYPE_BY_ROOT = new Map(TYPES.filter((t) => t.kind === 'metadata' && t.rootElement).map((t) => [t.rootElement!, t]));
export const ECA_SUFFIXES = [...TYPE_BY_SUFFIX.keys()];
/** The org settings type lives in the shared `settings` folder under one fixed file name. */
export { ECA_SETTINGS_FILE, ECA_SETTINGS_MDAPI_FILE } from './metadataTypes';

export const HEADER_TYPE = 'ExternalClientApplication';
export const OAUTH_SETTINGS_TYPE = 'ExtlClntAppOauthSettings';
export const GLOBAL_OAUTH_TYPE = 'ExtlClntAppGlobalOauthSettings';
export const OAUTH_POLICIES_TYPE = 'ExtlClntAppOauthConfigurablePolicies';
export const POLICIES_TYPE = 'ExtlClntAppConfigurablePolicies';

export function typeInfo(name: string): TypeInfo | undefined { return TYPE_BY_NAME.get(name); }

/** Where a field people often put in the wrong place really lives (catalogue: unknown-element). */
export const MISPLACED: Record<string, { field: string; type: string; why?: string }> = {
  scopes: { field: 'commaSeparatedOauthScopes', type: OAUTH_SETTINGS_TYPE },
  oauthScopes: { field: 'commaSeparatedOauthScopes', type: OAUTH_SETTINGS_TYPE },
  scope: { field: 'commaSeparatedOauthScopes', type: OAUTH_SETTINGS_TYPE },
  executionUser: { field: 'clientCredentialsFlowUser', type: OAUTH_POLICIES_TYPE, why: 'the client-credentials run-as user is an admin policy' },
  runAsUser: { field: 'clientCredentialsFlowUser', type: OAUTH_POLICIES_TYPE, why: 'the client-credentials run-as user is an admin policy' },
  isClientCredentialsEnabled: { field: 'isClientCredentialsFlowEnabled', type: `${GLOBAL_OAUTH_TYPE} and ${OAUTH_POLICIES_TYPE}`, why: 'the flow is switched on in the global OAuth settings and the OAuth policies' },
  ipRelaxation: { field: 'ipRelaxationPolicyType', type: OAUTH_POLICIES_TYPE, why: 'ipRelaxation is the Connected App spelling' },
  refreshTokenPolicy: { field: 'refreshTokenPolicyType', type: OAUTH_POLICIES_TYPE, why: 'refreshTokenPolicy is the Connected App spelling' },
  sessionTimeout: { field: 'sessionTimeoutInMinutes', type: OAUTH_POLICIES_TYPE },
};

/** OAuth protocol scope tokens and the metadata names they stand for (eca-metadata-notes.md). */
export const PROTOCOL_SCOPES: Record<string, string> = {
  api: 'Api', refresh_token: 'RefreshToken', offline_access: 'OfflineAccess', web: 'Web', full: 'Full',
  openid: 'OpenID', chatter_api: 'Chatter', custom_permissions: 'CustomPermissions', id: 'Basic',
  profile: 'Profile', email: 'Email', address: 'Address', phone: 'Phone', visualforce: 'Web',
  cdp_query_api: 'CDPQuery', cdp_profile_api: 'CDPProfile', cdp_ingest_api: 'CDPIngest', pardot_api: 'Pardot',
  lightning: 'Lightning', content: 'Content', wave_api: 'Wave', eclair_api: 'Eclair', chatbot_api: 'Chatbot',
  sfap_api: 'SFApiPlatform', einstein_gpt_api: 'EinsteinGPT', mcp_api: 'MCP', interaction_api: 'Interaction',
  cdp_segment_api: 'CDPSegment', cdp_identityresolution_api: 'CDPIdentityResolution', cdp_calculated_insight_api: 'CDPCalculatedInsight',
  pwdless_login_api: 'PwdlessLogin', forgot_password: 'ForgotPassword', user_registration_api: 'UserRegistration',
};

/**
 * The fields of a type the newest API version declares: the credential facts below follow today's
 * schema (an element of the API 56.0 WSDL that named something consumerKey must not make today's
 * consumerKey ambiguous, nor make today's types look like credential holders).
 */
function current(t: TypeInfo): FieldInfo[] {
  return t.fields.filter((f) => elementAt(t.name, f.name, NEWEST_API_VERSION));
}

/** The element names under which a complex type appears (`applePushConfig` for ExtlClntAppApplePushConfig). */
function usedAs(typeName: string): string[] {
  return TYPES.flatMap((t) => current(t).filter((f) => f.complexType === typeName).map((f) => f.name));
}

/**
 * Credentials by element name (the table's `secretLabel`): what each holds, and, where the same
 * name is harmless elsewhere (a SAML or OAuth `certificate` is public), the parent elements it must
 * sit in to be a secret.
 */
export const SECRET_FIELDS: ReadonlyMap<string, { label: string; parents?: string[] }> = (() => {
  const out = new Map<string, { label: string; parents?: string[] }>();
  for (const t of TYPES) {
    for (const f of t.fields) {
      if (!f.secretLabel) continue;
      const ambiguous = TYPES.some((o) => current(o).some((g) => g.name === f.name && !g.sensitive));
      out.set(f.name, { label: f.secretLabel, parents: ambiguous && t.kind === 'complex' ? usedAs(t.name) : undefined });
    }
  }
  return out;
})();

/** What a credential element holds, or undefined when `name` (inside `parent`) is not one. */
export function secretLabel(name: string, parent: string): string | undefined {
  const s = SECRET_FIELDS.get(name);
  return s && (!s.parents || s.parents.includes(parent)) ? s.label : undefined;
}

/** Element names that only ever hold a credential (a public certificate shares its name: not listed). */
export const SENSITIVE_ELEMENT_NAMES: readonly string[] = [...new Set(TYPES.flatMap((t) => t.fields.filter((f) => f.sensitive).map((f) => f.name)))]
  .filter((n) => !TYPES.some((t) => current(t).some((f) => f.name === n && !f.sensitive)));

/** Whether a type (or a complex type it nests) has a field holding a credential. */
export function holdsCredentials(typeName: string, seen = new Set<string>()): boolean {
  const t = TYPE_BY_NAME.get(typeName);
  if (!t || seen.has(typeName)) return false;
  seen.add(typeName);
  return current(t).some((f) => f.sensitive || (f.complexType !== undefined && holdsCredentials(f.complexType, seen)));
}

export function accepts(field: FieldInfo, value: string): boolean {
  return !!(field.values?.includes(value) || field.alsoAccepted?.includes(value));
}
