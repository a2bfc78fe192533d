// refresh-token-never-expires: refreshTokenPolicyType Infinite (RFC 9700 §4.14.2); a warning when
// the app's rotation is off, information when it is on. Fix: a 30-day idle lifetime.
import { fileRule } from '../define';
import { practice } from '../evidence';
import { insertChild } from '../context';
import { GLOBAL_OAUTH_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE } from '../../schema';
import { localName, valueSpan } from '../../xml/scanner';
import type { TextEdit } from '../../types';
import { readEnum, summaryBoolean } from '../values';
import { childValue, rootOf } from '../common';
import { CITE, SECURITY } from './facts';

export const refreshTokenNeverExpires = fileRule({
  id: 'refresh-token-never-expires', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppOauthConfigurablePolicies',
  citation: CITE.refreshToken, securitySeverity: '5.3',
  evidence: practice(CITE.refreshToken, 'refresh tokens should expire or be rotated'),
  summary: 'Refresh tokens valid until revoked (refreshTokenPolicyType Infinite).',
  description: 'A refresh token that never expires stays usable for as long as nobody notices it leaked. RFC 9700 §4.14.2 wants refresh tokens sender-constrained or rotated, and expiring after a time of inactivity; Salesforce asks partners for a 30-day idle limit. Warning when the app\'s global OAuth settings in the repository do not turn refresh token rotation on, information when they do. Not raised when the app\'s OAuth settings grant no RefreshToken scope, or a value is unreadable.',
  fix: 'Expire refresh tokens after 30 days without use (SpecificInactivity, 30 Days).',
  reads: ['ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType', 'ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled'],
  check(ctx) {
    const root = rootOf(ctx, OAUTH_POLICIES_TYPE);
    if (!root) return;
    const policy = readEnum(root, OAUTH_POLICIES_TYPE, 'refreshTokenPolicyType', ctx.project);
    if (policy.state !== 'ok' || policy.value !== 'Infinite') return;
    const eca = childValue(root, 'externalClientApplication');
    const comps = eca && ctx.project ? ctx.project.componentsOf(eca) : [];
    const settings = comps.filter((c) => c.type === OAUTH_SETTINGS_TYPE);
    if (settings.length && !settings.some((s) => (s.oauthScopes ?? '').split(',').some((t) => t.trim() === 'RefreshToken'))) return;
    const rotation = comps.filter((c) => c.type === GLOBAL_OAUTH_TYPE).map((c) => summaryBoolean(c.isRefreshTokenRotationEnabled));
    if (rotation.includes('unreadable')) return;
    const rotated = rotation.includes(true);
    const [s, e] = valueSpan(policy.el);
    const edits: TextEdit[] = [ctx.edit(s, e, 'SpecificInactivity')];
    for (const [name, value] of [['refreshTokenValidityPeriod', '30'], ['refreshTokenValidityUnit', 'Days']] as const) {
      const el = root.children.find((c) => localName(c.name) === name);
      if (el && el.textStart !== -1) edits.push(ctx.edit(el.textStart, el.textEnd, value));
      else if (el && el.closeStart !== -1) edits.push(ctx.edit(el.openEnd, el.closeStart, value));
      else if (!el) { const ins = insertChild(ctx.file, root, name, value); edits.push(ctx.edit(ins.offset, ins.offset, ins.text)); }
      else return; // a self-closing element: no safe byte-exact edit
    }
    ctx.report({ severity: rotated ? 'information' : 'warning', start: s, end: e,
      fixes: [ctx.fix('Expire refresh tokens after 30 days without use', edits, true)],
      message: `Refresh tokens of ${eca ?? 'this app'} never expire (Infinite)${rotated ? ', though rotation is on, so a stolen one stops working at the next refresh' : ' and refresh token rotation is not on in the repository: a leaked token stays valid until someone revokes it'}. RFC 9700 §4.14.2 asks for refresh tokens that expire after inactivity; Salesforce asks partners for a 30-day idle limit. Use SpecificInactivity, 30 Days.` });
  },
});
