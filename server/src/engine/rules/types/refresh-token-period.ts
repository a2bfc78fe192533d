// refresh-token-period: a specific-lifetime refresh token policy needs a period and a unit; with
// other policies they are ignored. Period 0 with Zero/Infinite is the platform's own retrieve
// output: nothing to say about it.
import { fileRule } from '../define';
import { insertChild, lineSpan } from '../context';
import { OAUTH_POLICIES_TYPE } from '../../schema';
import { localName, valueOf, valueSpan } from '../../xml/scanner';
import type { TextEdit } from '../../types';
import { readEnum, readInt } from '../values';
import { rootOf } from '../common';

export const refreshTokenPeriod = fileRule({
  id: 'refresh-token-period', severity: 'error', section: 3, scope: 'ExtlClntAppOauthConfigurablePolicies',
  evidence: { platform: 'Set the refresh token validity unit to Days, Hours, Months.', seen: "the platform's deploy error, quoted from check-only deploys to a live org (systempromptio/systemprompt-internal deploy/salesforce/README.md @ 7a9ed39; docs/reference/platform-facts-2026-12.md)" },
  summary: 'Refresh token period/unit missing, or set where ignored.',
  description: 'SpecificLifetime / SpecificInactivity need a positive refreshTokenValidityPeriod and a refreshTokenValidityUnit, or the deploy fails. With other policies a non-zero period or its unit is ignored (hint); period 0 with Zero / Infinite is what the platform writes on retrieve and is never reported.',
  fix: 'Insert the missing period/unit; remove an ignored one.',
  reads: ['ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType'],
  check(ctx) {
    const root = rootOf(ctx, OAUTH_POLICIES_TYPE);
    if (!root) return;
    const policy = readEnum(root, OAUTH_POLICIES_TYPE, 'refreshTokenPolicyType', ctx.project);
    if (policy.state !== 'ok') return; // absent: nothing applies; unreadable: invalid-enum says so
    const period = readInt(root, 'refreshTokenValidityPeriod', ctx.project);
    const unitEl = root.children.find((c) => localName(c.name) === 'refreshTokenValidityUnit');
    const specific = policy.value === 'SpecificLifetime' || policy.value === 'SpecificInactivity';
    if (specific) {
      const missing: string[] = [];
      const edits: TextEdit[] = [];
      if (period.state === 'absent' || (period.state === 'ok' && !(period.value > 0))) {
        missing.push('a positive <refreshTokenValidityPeriod>');
        if (period.state === 'absent') { const ins = insertChild(ctx.file, root, 'refreshTokenValidityPeriod', '90'); edits.push(ctx.edit(ins.offset, ins.offset, ins.text)); }
      }
      if (!unitEl || !valueOf(unitEl)) {
        missing.push('a <refreshTokenValidityUnit> (Days, Hours or Months)');
        if (!unitEl) { const ins = insertChild(ctx.file, root, 'refreshTokenValidityUnit', 'Days'); edits.push(ctx.edit(ins.offset, ins.offset, ins.text)); }
      }
      if (!missing.length) return;
      const [s, e] = valueSpan(policy.el);
      ctx.report({ start: s, end: e,
        fixes: edits.length ? [{ ...ctx.fix('Add the refresh token validity period and unit', edits, true), placeholder: true }] : undefined,
        message: `refreshTokenPolicyType ${policy.value} needs ${missing.join(' and ')}; the deploy fails without them.` });
      return;
    }
    // Zero / Infinite: the platform writes period 0 (and a unit) on retrieve; only a real period is worth a hint.
    if (period.state !== 'ok' || period.value === 0) return;
    for (const el of [period.el, unitEl]) {
      if (!el) continue;
      const [ls, le] = lineSpan(ctx.file, el);
      ctx.report({ severity: 'hint', start: el.nameStart, end: el.nameEnd,
        message: `<${localName(el.name)}> only applies when refreshTokenPolicyType is SpecificLifetime or SpecificInactivity; with ${policy.value} it is ignored.`,
        fixes: [ctx.fix(`Remove <${localName(el.name)}>`, [ctx.edit(ls, le, '')], true)] });
    }
  },
});
