// public-client-without-pkce: a public client (no secret for the code or refresh flow) without PKCE.
import { fileRule } from '../define';
import { practice } from '../evidence';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { readBoolean } from '../values';
import { childValue, rootOf } from '../common';
import { CITE, pkceFix, SECURITY } from './facts';

export const publicClientWithoutPkce = fileRule({
  id: 'public-client-without-pkce', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppGlobalOauthSettings',
  citation: CITE.pkce, securitySeverity: '7.4',
  evidence: practice(CITE.pkce, 'public clients MUST use PKCE'),
  summary: 'A public client (no secret required) runs the authorization code flow without PKCE.',
  description: 'With isConsumerSecretOptional true or isSecretRequiredForRefreshToken false the app is a public client: nothing but PKCE binds an authorization code to the client that asked for it, so an intercepted code can be redeemed by anyone. RFC 9700 §2.1.1: public clients MUST use PKCE. Not raised when a value is unreadable.',
  fix: 'Set isPkceRequired to true.',
  reads: ['ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional', 'ExtlClntAppGlobalOauthSettings.isSecretRequiredForRefreshToken', 'ExtlClntAppGlobalOauthSettings.isPkceRequired'],
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root || !childValue(root, 'callbackUrl')) return;
    const pkce = readBoolean(root, 'isPkceRequired', ctx.project);
    if (pkce.state === 'unreadable' || (pkce.state === 'ok' && pkce.value)) return;
    const optional = readBoolean(root, 'isConsumerSecretOptional', ctx.project);
    const refresh = readBoolean(root, 'isSecretRequiredForRefreshToken', ctx.project);
    const why = optional.state === 'ok' && optional.value ? 'isConsumerSecretOptional is true (no secret for the web server flow)'
      : refresh.state === 'ok' && !refresh.value ? 'isSecretRequiredForRefreshToken is false (no secret to refresh)' : undefined;
    if (!why) return;
    // On the PKCE switch (the same place whichever setting makes the client public).
    const { start, end, fix } = pkceFix(ctx, root, pkce);
    ctx.report({ start, end, fixes: [fix],
      message: `A public client: ${why}, and PKCE is not required. Nothing then binds an authorization code to the client that asked for it; RFC 9700 §2.1.1 says public clients MUST use PKCE. Set isPkceRequired to true.` });
  },
});
