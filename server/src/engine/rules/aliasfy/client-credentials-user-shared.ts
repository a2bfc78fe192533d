// client-credentials-user-shared: one run-as user in two environment folders.
import { projectRule } from '../define';
import { environmentOf } from '../../project/environments';
import type { ComponentSummary } from '../../project/model';
import { OAUTH_POLICIES_TYPE } from '../../schema';
import { aliasfyFacts } from './packages';

export const clientCredentialsUserShared = projectRule({
  id: 'client-credentials-user-shared', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: 'inferred',
  summary: 'Same run-as user in two environment folders.',
  description: 'Usernames are unique across all orgs (sandbox copies get a suffix such as .uat), so at most one of the orgs has this user.',
  check(c) {
    for (const { pkg, comps } of aliasfyFacts(c).packages) {
      const users = new Map<string, ComponentSummary[]>();
      for (const s of comps) {
        const env = environmentOf(pkg, s.path).env;
        if (!env || env === 'default' || s.type !== OAUTH_POLICIES_TYPE || !s.clientCredentialsFlowUser) continue;
        const u = s.clientCredentialsFlowUser;
        (users.get(u) ?? users.set(u, []).get(u)!).push(s);
      }
      for (const [user, list] of users) {
        const envs = new Set(list.map((s) => environmentOf(pkg, s.path).env));
        if (envs.size < 2 || c.model.isReplaced(user)) continue;
        for (const s of list) {
          c.report({ path: s.path, range: s.ranges.clientCredentialsFlowUser,
            message: `The run-as user ${user} is used by ${envs.size} environment folders (${[...envs].join(', ')}); usernames are unique across all orgs (sandbox copies get a suffix such as .uat), so at most one of these orgs has this user, and the deploy may fail in the others ("Enter a valid execution user for the OAuth client credentials flow").` });
        }
      }
    }
  },
});
