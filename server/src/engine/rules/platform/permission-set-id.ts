// permission-set-id: policies name permission sets or profiles by record id; the platform wants names.
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { commaTokens, valueElements } from '../schema/walk';

const ID_PREFIX: Record<string, { prefix: string; what: string; platform: string }> = {
  commaSeparatedPermissionSet: { prefix: '0PS', what: 'permission set', platform: 'permission sets' },
  commaSeparatedProfile: { prefix: '00e', what: 'profile', platform: 'profiles' },
};
const ID_RE = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

export const permissionSetId = fileRule({
  id: 'permission-set-id', severity: 'error', section: 6, scope: 'policies',
  evidence: { platform: QUOTE.permissionSets, seen: SEEN.platformFacts },
  summary: 'commaSeparatedPermissionSet / commaSeparatedProfile holds a record id, not a name.',
  description: 'Policies take permission set and profile names; a record id (0PS…, 00e…) fails the deploy ("INVALID_FIELD: We couldn\'t find permission sets called …"). Ids also differ between orgs.',
  check(ctx) {
    for (const { field, el } of valueElements(ctx, 'string')) {
      const kind = ID_PREFIX[field.name];
      if (!kind) continue;
      for (const { token, start, end } of commaTokens(ctx, el)) {
        if (!ID_RE.test(token) || !/\d/.test(token) || token.slice(0, 3).toLowerCase() !== kind.prefix.toLowerCase()) continue;
        ctx.report({ start, end,
          message: `'${token}' is a ${kind.what} record id; ${field.name} takes ${kind.what} names (API names), and ids differ between orgs. The deploy fails ("INVALID_FIELD: We couldn't find ${kind.platform} called ${token}"). Write the ${kind.what}'s name instead.` });
      }
    }
  },
});
