// pkce-disabled: the authorization code flow (a callbackUrl) without PKCE required.
import { fileRule } from '../define';
import { practice } from '../evidence';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { readBoolean } from '../values';
import { childValue, ecaFacts, rootOf } from '../common';
import { CITE, pkceFix, SECURITY } from './facts';

const PARTNER_STATES = new Set(['Packaged', 'Managed']);

export const pkceDisabled = fileRule({
  id: 'pkce-disabled', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppGlobalOauthSettings',
  citation: CITE.pkce, securitySeverity: '5.0',
  evidence: practice(CITE.pkce, 'PKCE for the authorization code flow; partners must enable it "regardless of whether the client is public or confidential"'),
  summary: 'Authorization code flow (callbackUrl) without PKCE required.',
  description: 'AppExchange partners must enable PKCE for the authorization code flow "regardless of whether the client is public or confidential" and can\'t disable it afterwards (Packaging Guide); deploying isPkceRequired=false on such an app is silently reset. Warning for a Packaged (or Managed) app, information otherwise. Not raised when isPkceRequired holds an unreadable value.',
  fix: 'Set isPkceRequired to true.',
  reads: ['ExtlClntAppGlobalOauthSettings.isPkceRequired', 'ExternalClientApplication.distributionState'],
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root || !childValue(root, 'callbackUrl')) return;
    const pkce = readBoolean(root, 'isPkceRequired', ctx.project);
    if (pkce.state === 'unreadable' || (pkce.state === 'ok' && pkce.value)) return;
    const facts = ecaFacts(ctx, childValue(root, 'externalClientApplication'));
    if (facts.state === 'unreadable') return;
    const partner = facts.state !== undefined && PARTNER_STATES.has(facts.state);
    const { start, end, fix } = pkceFix(ctx, root, pkce);
    ctx.report({ severity: partner ? 'warning' : 'information', start, end, fixes: [fix],
      message: `The authorization code flow (callbackUrl) runs without PKCE (isPkceRequired is ${pkce.state === 'absent' ? 'absent' : 'false'}). ${partner
        ? `${facts.state} apps must enable PKCE "regardless of whether the client is public or confidential", and can't disable it afterwards: a deployed false is silently reset.`
        : 'Salesforce recommends PKCE for every authorization code client.'} Set isPkceRequired to true.` });
  },
});
