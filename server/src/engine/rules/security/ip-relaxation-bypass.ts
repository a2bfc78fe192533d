// ip-relaxation-bypass: Bypass / Bypass_2factor in OAuth policies: a warning where a production org
// receives them (packages every org receives, production alias folders), information elsewhere.
import { fileRule } from '../define';
import { practice } from '../evidence';
import { OAUTH_POLICIES_TYPE } from '../../schema';
import { valueSpan } from '../../xml/scanner';
import { readEnum } from '../values';
import { rootOf } from '../common';
import { CITE, productionReach, SECURITY } from './facts';

const BYPASS: Record<string, string> = {
  Bypass: 'relaxes IP restrictions: the org\'s trusted IP ranges and profile login IP ranges do not apply to this app',
  Bypass_2factor: 'relaxes IP restrictions for users who verified with a second factor',
};

export const ipRelaxationBypass = fileRule({
  id: 'ip-relaxation-bypass', severity: 'warning', ...SECURITY, scope: 'ExtlClntAppOauthConfigurablePolicies',
  citation: CITE.oauthPolicies, securitySeverity: '5.0',
  evidence: practice(CITE.oauthPolicies, 'IP relaxation Bypass lets tokens be used from any IP address, ignoring the org\'s trusted ranges'),
  summary: 'IP restrictions relaxed (Bypass / Bypass_2factor) in what a production org receives.',
  description: 'ipRelaxationPolicyType Bypass lets a token be used from any address, past the org\'s login IP ranges. Warning where a production org receives the policies (a package without aliasfy, or the folder of a production alias: sf knows the org as production, or the eca.productionAliases setting names it); information elsewhere (default/, which production never receives, and sandbox folders).',
  reads: ['ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType'],
  check(ctx) {
    const root = rootOf(ctx, OAUTH_POLICIES_TYPE);
    if (!root) return;
    const v = readEnum(root, OAUTH_POLICIES_TYPE, 'ipRelaxationPolicyType', ctx.project);
    if (v.state !== 'ok' || !BYPASS[v.value]) return;
    const reach = productionReach(ctx.project, ctx.file.path);
    const prod = reach.every || reach.aliases.length > 0;
    const where = reach.every ? 'every org that deploys this package receives it, production included'
      : reach.aliases.length ? `production org${reach.aliases.length > 1 ? 's' : ''} ${reach.aliases.join(', ')} receive${reach.aliases.length > 1 ? '' : 's'} it`
      : 'no production org receives this file';
    const [start, end] = valueSpan(v.el);
    ctx.report({ severity: prod ? 'warning' : 'information', start, end,
      message: `ipRelaxationPolicyType ${v.value} ${BYPASS[v.value]}; ${where}. ${prod ? 'Use Enforce (or Enforce_relaxrefresh) for production.' : 'Acceptable for a sandbox, but keep production on Enforce.'}` });
  },
});
