// The files the authoring commands generate. Values follow the seeds' deployment patterns
// (shared/seeds/000, 003): policies with client credentials off and no run-as user in default/,
// on with the org's integration user elsewhere. Elements are in the alphabetical order the platform
// writes them in. The pattern 2 bootstrap has its own generator, shared with migrate (bootstrap.ts).
import { METADATA_NAMESPACE } from '../schema';
import { escapeXml } from '../xml/write';
import type { TextStyle } from './source';

export function xmlFile(root: string, children: [string, string][], style: TextStyle): string {
  const { eol, indent } = style;
  return `<?xml version="1.0" encoding="UTF-8"?>${eol}<${root} xmlns="${METADATA_NAMESPACE}">${eol}`
    + children.map(([n, v]) => `${indent}<${n}>${escapeXml(v)}</${n}>${eol}`).join('')
    + `</${root}>${eol}`;
}

export interface HeaderFields {
  label: string;
  contactEmail?: string;
  description?: string;
  distributionState: 'Local' | 'Packaged';
}

export function headerXml(f: HeaderFields, style: TextStyle): string {
  const kids: [string, string][] = [];
  if (f.contactEmail) kids.push(['contactEmail', f.contactEmail]);
  if (f.description) kids.push(['description', f.description]);
  kids.push(['distributionState', f.distributionState], ['isProtected', 'false'], ['label', f.label]);
  return xmlFile('ExternalClientApplication', kids, style);
}

/** OAuth policies (ExtlClntAppOauthConfigurablePolicies) with the seeds' defaults. */
export function oauthPoliciesXml(eca: string, runAsUser: string | undefined, style: TextStyle): string {
  const kids: [string, string][] = [];
  if (runAsUser) kids.push(['clientCredentialsFlowUser', runAsUser]);
  kids.push(
    ['externalClientApplication', eca],
    ['ipRelaxationPolicyType', 'Enforce'],
    ['isClientCredentialsFlowEnabled', runAsUser ? 'true' : 'false'],
    ['isTokenExchangeFlowEnabled', 'false'],
    ['label', oauthPoliciesName(eca)],
    ['permittedUsersPolicyType', 'AllSelfAuthorized'],
    ['refreshTokenPolicyType', 'SpecificLifetime'],
    ['refreshTokenValidityPeriod', '365'],
    ['refreshTokenValidityUnit', 'Days'],
    ['requiredSessionLevel', 'STANDARD'],
  );
  return xmlFile('ExtlClntAppOauthConfigurablePolicies', kids, style);
}

/** Plugin policies (ExtlClntAppConfigurablePolicies): the app and its OAuth plugin switched on. */
export function pluginPoliciesXml(eca: string, style: TextStyle): string {
  return xmlFile('ExtlClntAppConfigurablePolicies', [
    ['externalClientApplication', eca],
    ['isEnabled', 'true'],
    ['isOauthPluginEnabled', 'true'],
    ['label', pluginPoliciesName(eca)],
  ], style);
}

export const oauthPoliciesName = (eca: string) => `${eca}_oauthPlcy`;
export const pluginPoliciesName = (eca: string) => `${eca}_plcy`;

/** Lines .forceignore needs so global OAuth settings (consumer key and secret) never deploy or get committed by a retrieve. */
export const GLOBAL_OAUTH_IGNORES = ['**/extlClntAppGlobalOauthSets/**', '**/*.ecaGlblOauth-meta.xml'];
export const FORCEIGNORE_COMMENT = '# Global OAuth settings carry the consumer key and secret: never in source control, never deployed.';

/** The Salesforce callback used when an app needs no browser redirect (client credentials, JWT). */
export const DEFAULT_CALLBACK_URL = 'https://login.salesforce.com/services/oauth2/success';
export const DEFAULT_SCOPES = 'Api,RefreshToken';
