// Mapper of one Connected App section. <sessionPolicy>: session level and timeout.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState } from '../state';

export function sessionPolicy(st: MapperState, n: CaNode): void {
  const seen = new Set<string>();
  for (const c of n.children) {
    if (!st.once(seen, c)) continue;
    st.sessionNodes.push(c);
    switch (c.name) {
      case 'policyAction': {
        const v = ['Block', 'RaiseSessionLevel'].find((x) => x.toLowerCase() === c.value.toLowerCase());
        if (!v) { st.blocker(c, 'invalid-value', `policyAction '${c.value}' is not Block or RaiseSessionLevel.`); break; }
        st.sessionFields.push({ name: 'policyAction', value: v });
        st.mark(c, 'mapped');
        break;
      }
      case 'sessionLevel': {
        const key = c.value.toUpperCase().replace(/[\s_]/g, '');
        const v = ({ HIGHASSURANCE: 'HIGH_ASSURANCE', HIGH: 'HIGH_ASSURANCE', STANDARD: 'STANDARD', LOW: 'LOW' } as Record<string, string>)[key];
        if (!v) { st.blocker(c, 'invalid-value', `sessionLevel '${c.value}' is not a session security level (HIGH_ASSURANCE, STANDARD, LOW).`); break; }
        st.sessionFields.push({ name: 'requiredSessionLevel', value: v });
        st.mark(c, 'computed');
        break;
      }
      case 'sessionTimeout': {
        if (!/^\d+$/.test(c.value) || Number(c.value) < 1) { st.blocker(c, 'invalid-value', `sessionTimeout '${c.value}' is not a positive whole number.`); break; }
        // Inferred: the Connected App page gives no unit; the ECA field is in minutes.
        st.sessionFields.push({ name: 'sessionTimeoutInMinutes', value: String(Number(c.value)) });
        st.mark(c, 'mapped');
        break;
      }
      default: st.unknown(c);
    }
  }
  if (!st.hasOauth) {
    for (const c of st.sessionNodes) {
      if (st.outcomes.get(c)?.kind === 'blocker') continue;
      st.blocker(c, 'session-policy-without-oauth', `<${c.path}> has no ECA home without OAuth: ECAs keep session policies in the OAuth policies.`);
    }
  }
}
