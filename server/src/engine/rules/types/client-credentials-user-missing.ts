// client-credentials-user-missing: the client credentials flow is on without a run-as user.
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { insertChild } from '../context';
import { clientCredentialsOf } from './clientCredentials';

export const clientCredentialsUserMissing = fileRule({
  id: 'client-credentials-user-missing', severity: 'error', section: 3, scope: 'ExtlClntAppOauthConfigurablePolicies',
  evidence: { platform: QUOTE.executionUser, seen: `${SEEN.fieldNotes} ("When isClientCredentialsFlowEnabled is true, the clientCredentialsFlowUser field is required"); Salesforce Help, Configure an External Client App for OAuth 2.0 Client Credentials Flow` },
  summary: 'Client credentials flow enabled without a run-as user.',
  description: 'isClientCredentialsFlowEnabled is true and no clientCredentialsFlowUser is set: the deploy fails ("Enter a valid execution user for the OAuth client credentials flow").',
  fix: 'Insert <clientCredentialsFlowUser> with a placeholder username.',
  reads: ['ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled'],
  check(ctx) {
    const cc = clientCredentialsOf(ctx);
    if (!cc || cc.flow.state !== 'ok' || !cc.flow.value || cc.userValue) return;
    const ins = insertChild(ctx.file, cc.root, 'clientCredentialsFlowUser', 'integration.user@example.com');
    const fixes = !cc.user ? [{ ...ctx.fix('Add <clientCredentialsFlowUser>', [ctx.edit(ins.offset, ins.offset, ins.text)], true), placeholder: true }] : undefined;
    ctx.report({ start: cc.root.nameStart, end: cc.root.nameEnd, fixes,
      message: 'The client credentials flow is enabled but no <clientCredentialsFlowUser> (run-as username) is set; the deploy fails ("Enter a valid execution user for the OAuth client credentials flow"). Name an API-only integration user of the target org.' });
  },
});
