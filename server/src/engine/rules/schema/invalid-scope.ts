// invalid-scope: an entry of commaSeparatedOauthScopes that is not a scope metadata name. Protocol
// tokens (api, refresh_token) are errors; other unknown names are warnings, since the WSDL types the
// field as a plain string and new scopes appear before any list names them (platform facts 2026).
import { fileRule } from '../define';
import { PROTOCOL_SCOPES } from '../../schema';
import { closest } from '../../text';
import { commaTokens, valueElements } from './walk';
import { fileApiVersion, versionFinding } from './version';
import { valueVerdict } from '../../schema/versions';

export const invalidScope = fileRule({
  id: 'invalid-scope', severity: 'error', section: 1, scope: 'ExtlClntAppOauthSettings',
  evidence: { platform: "the platform's list of the 36 ECA scope names, in its rejection of an unknown name", seen: "systempromptio/systemprompt-internal deploy/salesforce/README.md @ 7a9ed39 (docs/reference/platform-facts-2026-12.md)" },
  summary: 'OAuth scope is a protocol token or mis-cased name (error) or an unknown name (warning), not a metadata name.',
  description: 'commaSeparatedOauthScopes takes metadata names (Api, RefreshToken, OpenID), not OAuth protocol tokens (api, refresh_token, openid): the deploy fails on those. A name that is neither in the WSDL\'s ConnectedAppOauthAccessScope list nor seen in retrieved files is a warning: it may be newer than the list.',
  fix: 'Change to the metadata name.',
  check(ctx) {
    const v = fileApiVersion(ctx).version;
    for (const { field, el } of valueElements(ctx, 'scopes')) {
      if (!field.values) continue;
      const known = [...field.values, ...(field.alsoAccepted ?? [])];
      for (const { token, start: s, end: e } of commaTokens(ctx, el)) {
        if (!token) continue;
        if (known.includes(token)) {
          const f = field.enumType ? versionFinding(ctx, valueVerdict(field.enumType, token, v), `The scope '${token}'`) : null;
          if (f) ctx.report({ ...f, start: s, end: e });
          continue;
        }
        const right = field.misspellings?.[token];
        if (right) {
          ctx.report({ start: s, end: e,
            message: `'${token}' is the Connected App scope token; External Client Apps take '${right}'. Did you mean '${right}'? The deploy fails on it (the platform's list of ECA scope names does not include '${token}').`,
            fixes: [ctx.fix(`Change to '${right}'`, [ctx.edit(s, e, right)], true)] });
          continue;
        }
        const mapped = PROTOCOL_SCOPES[token.toLowerCase()];
        const caseFix = known.find((v) => v.toLowerCase() === token.toLowerCase());
        // Protocol tokens are lower case (api, refresh_token); 'API' or 'Refreshtoken' are just mis-cased names.
        const isProtocol = mapped !== undefined && token === token.toLowerCase();
        const suggestion = isProtocol ? mapped : caseFix ?? mapped ?? closest(token, field.values, 1)[0];
        ctx.report({ severity: isProtocol || caseFix ? 'error' : 'warning', start: s, end: e,
          message: isProtocol
            ? `'${token}' is an OAuth protocol scope token; commaSeparatedOauthScopes takes metadata names: write '${mapped}'. The deploy fails on protocol tokens.`
            : caseFix ? `'${token}' is the scope '${caseFix}' in the wrong case; metadata names are case-sensitive and the deploy fails on it. Write '${caseFix}'.`
            : `'${token}' is not an OAuth scope metadata name this tool knows.${suggestion ? ` Did you mean '${suggestion}'?` : ''} If it is not a newer platform scope, the deploy fails. Valid names: ${field.values.join(', ')}. Custom scopes go in commaSeparatedCustomScopes.`,
          fixes: suggestion ? [ctx.fix(`Change to '${suggestion}'`, [ctx.edit(s, e, suggestion)], true)] : undefined });
      }
    }
  },
});
