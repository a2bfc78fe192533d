// scope-full: the Full OAuth scope (RFC 9700 §2.3: least privilege).
import { fileRule } from '../define';
import { practice } from '../evidence';
import { OAUTH_SETTINGS_TYPE } from '../../schema';
import { localName } from '../../xml/scanner';
import { rootOf } from '../common';
import { CITE, SECURITY } from './facts';

export const scopeFull = fileRule({
  id: 'scope-full', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppOauthSettings',
  citation: CITE.leastPrivilege, securitySeverity: '4.3',
  evidence: practice(CITE.leastPrivilege, 'access tokens should be restricted to the minimum privileges needed'),
  summary: 'The Full scope: every permission of the user, everywhere.',
  description: 'Full grants everything the user can do, through every API. RFC 9700 §2.3 asks for access tokens restricted to the minimum privileges the client needs. Narrower scopes cover the common needs: Api (REST, SOAP, Bulk APIs), RefreshToken (offline access), Web (Visualforce and web pages), OpenID / Profile / Email (sign-in), CustomPermissions, Chatter.',
  check(ctx) {
    const root = rootOf(ctx, OAUTH_SETTINGS_TYPE);
    const el = root?.children.find((c) => localName(c.name) === 'commaSeparatedOauthScopes');
    if (!el || el.textStart === -1) return;
    const raw = ctx.file.text.slice(el.textStart, el.textEnd);
    for (const m of raw.matchAll(/[^,\s]+/g)) {
      if (m[0] !== 'Full') continue;
      const start = el.textStart + m.index!;
      ctx.report({ start, end: start + 4,
        message: 'The Full scope grants every permission of the user through every API. Ask for what the app needs instead (RFC 9700 §2.3, least privilege): Api for the REST, SOAP and Bulk APIs, RefreshToken for offline access, Web for web pages, OpenID/Profile/Email for sign-in.' });
    }
  },
});
