// client-credentials-user-format: the run-as user is not a Salesforce username.
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { valueSpan } from '../../xml/scanner';
import { clientCredentialsOf, USERNAME_RE } from './clientCredentials';

export const clientCredentialsUserFormat = fileRule({
  id: 'client-credentials-user-format', severity: 'error', section: 3, scope: 'ExtlClntAppOauthConfigurablePolicies',
  evidence: { platform: QUOTE.executionUser, seen: `${SEEN.fieldNotes}: the run-as user must be a username of the target org, and Salesforce usernames have the form of an email address` },
  summary: 'Run-as user is not a Salesforce username.',
  description: 'Salesforce usernames have the form of an email address (e.g. integration@acme.com.uat); anything else fails the deploy ("Enter a valid execution user for the OAuth client credentials flow").',
  check(ctx) {
    const cc = clientCredentialsOf(ctx);
    if (!cc?.user || !cc.userValue || ctx.project?.isReplaced(cc.userValue) || USERNAME_RE.test(cc.userValue)) return;
    const [s, e] = valueSpan(cc.user);
    ctx.report({ start: s, end: e,
      message: `clientCredentialsFlowUser '${cc.userValue}' is not a Salesforce username (they have the form of an email address, e.g. integration@acme.com.uat); the deploy fails ("Enter a valid execution user for the OAuth client credentials flow").` });
  },
});
