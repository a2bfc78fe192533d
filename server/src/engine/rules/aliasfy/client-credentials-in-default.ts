// client-credentials-in-default: default/ enables the client credentials flow.
import { projectRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { editFix } from '../projectContext';
import { environmentOf } from '../../project/environments';
import { OAUTH_POLICIES_TYPE } from '../../schema';
import { summaryBoolean } from '../values';
import { aliasfyFacts } from './packages';

export const clientCredentialsInDefault = projectRule({
  id: 'client-credentials-in-default', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: QUOTE.executionUser, seen: `${SEEN.fieldNotes} (scratch-org usernames are generated and unpredictable)` },
  summary: 'default/ enables client credentials.',
  description: 'default/ is what scratch orgs and sandboxes without their own folder receive: their usernames are generated and unpredictable, so the deploy fails ("Enter a valid execution user for the OAuth client credentials flow").',
  fix: 'Disable client credentials in default/.',
  reads: ['ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled'],
  check(c) {
    for (const { pkg, comps } of aliasfyFacts(c).packages) {
      for (const s of comps) {
        if (s.type !== OAUTH_POLICIES_TYPE || environmentOf(pkg, s.path).env !== 'default') continue;
        if (summaryBoolean(s.isClientCredentialsFlowEnabled) !== true) continue;
        c.report({ path: s.path, range: s.ranges.isClientCredentialsFlowEnabled ?? s.ranges.root,
          message: 'default/ enables the client credentials flow, but default/ is what scratch orgs and sandboxes without their own folder receive: their usernames are generated and unpredictable, so the deploy fails ("Enter a valid execution user for the OAuth client credentials flow"). Keep it off in default/.',
          fixes: s.ranges.isClientCredentialsFlowEnabled ? [editFix('Disable client credentials in default/', s.path, [{ range: s.ranges.isClientCredentialsFlowEnabled, newText: 'false' }], true)] : undefined });
      }
    }
  },
});
