// What the three client-credentials rules read from an OAuth policies file, through the typed
// accessor: the flow switch is true, false, absent or unreadable (then nothing depends on it).
import type { RuleContext } from '../context';
import { OAUTH_POLICIES_TYPE } from '../../schema';
import { childrenByName } from '../../document';
import { valueOf, type XmlElement } from '../../xml/scanner';
import { readBoolean, type Reading } from '../values';
import { rootOf } from '../common';

export interface ClientCredentials { root: XmlElement; flow: Reading<boolean>; user: XmlElement | undefined; userValue: string }

export function clientCredentialsOf(ctx: RuleContext): ClientCredentials | null {
  const root = rootOf(ctx, OAUTH_POLICIES_TYPE);
  if (!root) return null;
  const user = childrenByName(root).get('clientCredentialsFlowUser')?.[0];
  return { root, flow: readBoolean(root, 'isClientCredentialsFlowEnabled', ctx.project), user, userValue: user ? valueOf(user) : '' };
}

export { USERNAME_RE } from '../../username';
