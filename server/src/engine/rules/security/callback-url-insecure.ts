// callback-url-insecure: an http: callback that is not the loopback interface (RFC 8252 §7.3).
import { fileRule } from '../define';
import { practice } from '../evidence';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { rootOf } from '../common';
import { callbackUrls, CITE, isInsecureHttp, SECURITY } from './facts';

export const callbackUrlInsecure = fileRule({
  id: 'callback-url-insecure', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppGlobalOauthSettings',
  citation: CITE.loopback, securitySeverity: '7.5',
  evidence: practice(CITE.loopback, 'an http: redirect is only for the loopback interface'),
  summary: 'An http: callback URL that is not the loopback interface.',
  description: 'The authorization code travels to the callback URL: over plain http to a remote host anyone on the path can read it (RFC 6749 §3.1.2.1 wants TLS). http is fine only on the loopback interface of a native app (localhost, 127.0.0.1, [::1]; RFC 8252 §7.3); custom URI schemes of native apps (com.example.app:/cb) are fine too (RFC 8252 §7.1).',
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root) return;
    for (const u of callbackUrls(root, ctx.file.text)) {
      if (!isInsecureHttp(u.url) || ctx.project?.isReplaced(u.url)) continue;
      ctx.report({ start: u.start, end: u.end,
        message: `Callback URL ${u.url} uses http to a remote host: the authorization code would cross the network unencrypted. Use https, or the loopback interface (http://localhost, 127.0.0.1, [::1]) for a native app (RFC 8252 §7.3).` });
    }
  },
});
