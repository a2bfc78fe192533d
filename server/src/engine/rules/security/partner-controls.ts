// partner-controls: a Packaged app lacking any of the four controls Salesforce requires of partner
// apps (PKCE, refresh token rotation, the idle refresh-token limit, the refresh-token IP allowlist).
// Judges only what the repository shows: without the app's global OAuth settings in source, its
// OAuth configuration lives in the org and the rule says nothing.
import { projectRule } from '../define';
import { practice } from '../evidence';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { summaryBoolean, summaryDistributionState } from '../values';
import { CITE, SECURITY } from './facts';

export const SECURITY_SETTINGS_TYPE = 'ExtlClntAppOauthSecuritySettings';

/** The four controls, each with the global OAuth settings field that holds it (the allowlist is a file of its own). */
export const PARTNER_CONTROLS = [
  { key: 'isPkceRequired', label: 'PKCE (isPkceRequired)' },
  { key: 'isRefreshTokenRotationEnabled', label: 'refresh token rotation (isRefreshTokenRotationEnabled)' },
  { key: 'isEnforceRefreshTokenTTL', label: 'the idle refresh-token limit (isEnforceRefreshTokenTTL, API 67.0+)' },
] as const;
export const IP_ALLOWLIST_LABEL = `the refresh-token IP allowlist (an ${SECURITY_SETTINGS_TYPE} file)`;

export const partnerControls = projectRule({
  id: 'partner-controls', severity: 'warning', ...SECURITY, scope: 'ExternalClientApplication',
  citation: CITE.partnerControls, securitySeverity: '5.0',
  evidence: practice(CITE.partnerControls, 'partners must enable PKCE, refresh token rotation, the idle refresh-token limit and the refresh-token IP allowlist for apps in use by more than two customer production orgs'),
  summary: 'A Packaged app lacks one of the four controls Salesforce requires of partner apps.',
  description: 'Salesforce requires every partner app used by more than two customer production orgs to enable PKCE, refresh token rotation, a 30-day idle refresh-token limit and the refresh-token IP allowlist. One warning on a Packaged app names each control its files do not turn on. Judged on what the repository shows: nothing is said when the app\'s global OAuth settings are not in source, nor of a control whose value is unreadable.',
  reads: ['ExternalClientApplication.distributionState', 'ExtlClntAppGlobalOauthSettings.isPkceRequired', 'ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled', 'ExtlClntAppGlobalOauthSettings.isEnforceRefreshTokenTTL'],
  check(c) {
    for (const eca of c.model.ecaNames()) {
      const header = c.model.header(eca);
      if (!header || summaryDistributionState(header.distributionState) !== 'Packaged') continue;
      const missing = missingPartnerControls(c.model.componentsOf(eca));
      if (!missing?.length) continue;
      c.report({ path: header.path, range: header.ranges.distributionState ?? header.ranges.root,
        message: `${eca} is Packaged: partner apps used by more than two customer production orgs must enable ${missing.join(', ')}. Salesforce's Packaging Guide requires all four controls (PKCE, refresh token rotation, a 30-day idle refresh-token limit, the refresh-token IP allowlist).` });
    }
  },
});

/**
 * The controls an app's files leave off, as labels; undefined when the repository does not show the
 * app's global OAuth settings (nothing to judge). A control with an unreadable value is not listed.
 */
export function missingPartnerControls(comps: { type: string; isPkceRequired?: string; isRefreshTokenRotationEnabled?: string; isEnforceRefreshTokenTTL?: string }[]): string[] | undefined {
  const globals = comps.filter((x) => x.type === GLOBAL_OAUTH_TYPE);
  if (!globals.length) return undefined;
  const missing: string[] = [];
  for (const k of PARTNER_CONTROLS) {
    const values = globals.map((g) => summaryBoolean(g[k.key]));
    if (!values.includes('unreadable') && !values.includes(true)) missing.push(k.label);
  }
  if (!comps.some((x) => x.type === SECURITY_SETTINGS_TYPE)) missing.push(IP_ALLOWLIST_LABEL);
  return missing;
}
