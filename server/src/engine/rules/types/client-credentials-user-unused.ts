// client-credentials-user-unused: a run-as user set while the flow is (readably) disabled.
import { fileRule } from '../define';
import { lineSpan } from '../context';
import { clientCredentialsOf } from './clientCredentials';

export const clientCredentialsUserUnused = fileRule({
  id: 'client-credentials-user-unused', severity: 'hint', section: 3, scope: 'ExtlClntAppOauthConfigurablePolicies',
  evidence: 'inferred',
  summary: 'Run-as user set while the flow is disabled.',
  description: 'clientCredentialsFlowUser has no effect while isClientCredentialsFlowEnabled is false (or absent). Not raised when the switch holds a value that cannot be read (invalid-boolean reports that): the user may be exactly what the author meant to enable.',
  fix: 'Remove <clientCredentialsFlowUser>.',
  reads: ['ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled'],
  check(ctx) {
    const cc = clientCredentialsOf(ctx);
    if (!cc?.user || !cc.userValue || ctx.project?.isReplaced(cc.userValue)) return;
    if (cc.flow.state === 'unreadable' || (cc.flow.state === 'ok' && cc.flow.value)) return;
    const [ls, le] = lineSpan(ctx.file, cc.user);
    ctx.report({ start: cc.user.nameStart, end: cc.user.nameEnd,
      message: `clientCredentialsFlowUser is set while the client credentials flow is ${cc.flow.state === 'absent' ? 'not enabled (isClientCredentialsFlowEnabled is absent)' : 'disabled'}; it has no effect.`,
      fixes: [ctx.fix('Remove <clientCredentialsFlowUser>', [ctx.edit(ls, le, '')], true)] });
  },
});
