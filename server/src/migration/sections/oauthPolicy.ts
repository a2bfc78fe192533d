// Mapper of one Connected App section. <oauthPolicy>: refresh token policy and IP relaxation.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState } from '../state';

export function oauthPolicy(st: MapperState, n: CaNode): void {
  st.seenOauthPolicy = true;
  const seen = new Set<string>();
  for (const c of n.children) {
    if (!st.once(seen, c)) continue;
    if (!st.hasOauth) { st.mark(c, 'dropped', 'No OAuth settings: nothing to apply the policy to.'); continue; }
    switch (c.name) {
      case 'ipRelaxation': {
        // The value names line up (reference §3). The relax-refresh value is written as the platform
        // writes it on retrieve and names it in its own rejection text, `Enforce_relaxrefresh`
        // (platform-facts-2026-12.md); the docs' `Enforce_RelaxRefresh` is accepted too, but ours
        // must read back byte for byte.
        const m: Record<string, string> = { ENFORCE: 'Enforce', BYPASS: 'Bypass', BYPASS_2FACTOR: 'Bypass_2factor', ENFORCE_RELAXREFRESH: 'Enforce_relaxrefresh' };
        const v = m[c.value.toUpperCase()];
        if (!v) { st.blocker(c, 'invalid-value', `ipRelaxation '${c.value}' is not ENFORCE, BYPASS, BYPASS_2FACTOR or ENFORCE_RELAXREFRESH.`); break; }
        st.oauthPolicies.push({ name: 'ipRelaxationPolicyType', value: v });
        st.mark(c, 'computed');
        break;
      }
      case 'refreshTokenPolicy': refreshToken(st, c); break;
      case 'singleLogoutUrl':
        if (c.value) { st.oauthPolicies.push({ name: 'singleLogoutUrl', value: c.value }); st.mark(c, 'mapped'); } else st.mark(c, 'dropped', 'Empty.');
        break;
      case 'isTokenExchangeFlowEnabled': {
        const b = st.bool(c);
        if (b !== undefined) { st.oauthPolicies.push({ name: 'isTokenExchangeFlowEnabled', value: b }); st.mark(c, 'mapped'); }
        break;
      }
      default: st.unknown(c);
    }
  }
}

export function refreshToken(st: MapperState, c: CaNode): void {
  const v = c.value.trim();
  const lower = v.toLowerCase();
  if (lower === 'infinite' || lower === 'zero') {
    st.oauthPolicies.push({ name: 'refreshTokenPolicyType', value: lower === 'infinite' ? 'Infinite' : 'Zero' });
    st.mark(c, 'computed');
    return;
  }
  // Inferred: specific_lifetime:<n>:<UNIT> → SpecificLifetime + period + unit (reference §3).
  const m = /^specific_(lifetime|inactivity):(\d+):(hours|days|months)$/i.exec(v);
  if (!m || Number(m[2]) < 1) {
    st.blocker(c, 'invalid-value', `refreshTokenPolicy '${v}' is not infinite, zero, specific_lifetime:<n>:<HOURS|DAYS|MONTHS> or specific_inactivity:<n>:<UNIT>.`);
    return;
  }
  const unit = m[3].toLowerCase();
  st.oauthPolicies.push(
    { name: 'refreshTokenPolicyType', value: m[1].toLowerCase() === 'lifetime' ? 'SpecificLifetime' : 'SpecificInactivity' },
    { name: 'refreshTokenValidityPeriod', value: String(Number(m[2])) },
    { name: 'refreshTokenValidityUnit', value: unit[0].toUpperCase() + unit.slice(1) },
  );
  st.mark(c, 'computed');
}
