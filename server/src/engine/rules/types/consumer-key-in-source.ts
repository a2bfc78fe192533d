// consumer-key-in-source: a consumerKey carries a value (it belongs to one org).
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { lineSpan } from '../context';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import { childrenByName } from '../../document';
import { valueOf, valueSpan } from '../../xml/scanner';
import { rootOf } from '../common';

export const consumerKeyInSource = fileRule({
  id: 'consumer-key-in-source', severity: 'warning', section: 3, scope: 'ExtlClntAppGlobalOauthSettings',
  evidence: { platform: QUOTE.notInSourceControl, seen: `${SEEN.globalOauthPage}; consumer key conflicts in sandboxes: ${SEEN.fieldNotes}` },
  summary: 'consumerKey carries a value.',
  description: 'A consumer key belongs to one org; each org generates its own, and deploying it elsewhere conflicts. Placeholders such as REDACTED… count as values.',
  fix: 'Remove the element.',
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root) return;
    for (const el of childrenByName(root).get('consumerKey') ?? []) {
      const value = valueOf(el);
      if (!value || ctx.project?.isReplaced(value)) continue;
      const [s, e] = valueSpan(el);
      const [ls, le] = lineSpan(ctx.file, el);
      ctx.report({ start: s, end: e,
        message: 'consumerKey carries a value: a consumer key belongs to one org, each org generates its own, and deploying it elsewhere conflicts. Remove it from source.',
        fixes: [ctx.fix('Remove <consumerKey>', [ctx.edit(ls, le, '')], true)] });
    }
  },
});
