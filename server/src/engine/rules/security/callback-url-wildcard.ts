// callback-url-wildcard: a wildcard in a callback URL; redirect URIs want exact matching (RFC 9700 §4.1.3).
import { fileRule } from '../define';
import { practice } from '../evidence';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { rootOf } from '../common';
import { callbackUrls, CITE, SECURITY } from './facts';

export const callbackUrlWildcard = fileRule({
  id: 'callback-url-wildcard', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppGlobalOauthSettings',
  citation: CITE.redirectMatching, securitySeverity: '6.5',
  evidence: practice(CITE.redirectMatching, 'redirect URIs are compared by exact string matching'),
  summary: 'A wildcard (*) in a callback URL.',
  description: 'A wildcard lets the authorization code be sent to any URL that matches the pattern, including one an attacker controls (an open redirector or a subdomain takeover). RFC 9700 asks authorization servers for exact string matching of redirect URIs: list each callback URL in full.',
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root) return;
    for (const u of callbackUrls(root, ctx.file.text)) {
      if (!u.url.includes('*') || ctx.project?.isReplaced(u.url)) continue;
      ctx.report({ start: u.start, end: u.end,
        message: `Callback URL ${u.url} contains a wildcard: any matching URL, including one an attacker controls, could receive the authorization code. List each callback URL exactly (RFC 9700 §4.1.3).` });
    }
  },
});
