// How a change weakens an app's security in one org (issue 22): two postures of the same app and
// org (engine/security/posture.ts), before and after, compared setting by setting. `plan --base`
// prints these ("prod: Partner: refresh tokens now never expire"). Pure.
import type { AppPosture, Tri } from './posture';
import { isInsecureHttp } from '../rules/security/facts';

const on = (t: Tri) => t === 'yes';
const BYPASS = new Set(['Bypass', 'Bypass_2factor']);
const SESSION_RANK: Record<string, number> = { LOW: 0, STANDARD: 1, HIGH_ASSURANCE: 2 };

/** A callback URL RFC 9700 / RFC 8252 would object to: a wildcard, or http to a remote host. */
const riskyCallback = (url: string): boolean => url.includes('*') || isInsecureHttp(url);

/** What got weaker from `before` to `after` (either may be absent: the org did not receive the app). */
export function weakenings(before: AppPosture | undefined, after: AppPosture | undefined): string[] {
  if (!after) return [];
  const b = before;
  const out: string[] = [];
  const lost = (was: Tri | undefined, now: Tri, what: string) => { if (was !== undefined && on(was) && !on(now)) out.push(what); };
  if (after.refreshToken.policy === 'Infinite' && b?.refreshToken.policy !== 'Infinite') out.push('refresh tokens now never expire');
  lost(b?.refreshToken.rotation, after.refreshToken.rotation, 'refresh token rotation now off');
  lost(b?.refreshToken.idleLimit, after.refreshToken.idleLimit, 'the idle refresh-token limit is now off');
  lost(b?.pkce, after.pkce, 'PKCE no longer required');
  if (after.ipRelaxation && BYPASS.has(after.ipRelaxation) && !BYPASS.has(b?.ipRelaxation ?? '')) out.push(`IP restrictions now relaxed (${after.ipRelaxation})`);
  const flows: [keyof AppPosture['flows'], string][] = [['clientCredentials', 'client credentials flow'], ['jwtBearer', 'JWT bearer flow'], ['deviceFlow', 'device flow'], ['tokenExchange', 'token exchange']];
  for (const [k, label] of flows) {
    if (on(after.flows[k] as Tri) && !on((b?.flows[k] ?? '—') as Tri)) out.push(`${label} now enabled${k === 'clientCredentials' && after.flows.runAsUser ? ` (run as ${after.flows.runAsUser})` : ''}`);
  }
  if (after.scopes.includes('Full') && !b?.scopes.includes('Full')) out.push('now granted the Full scope');
  const added = after.scopes.filter((s) => s !== 'Full' && b && b.scopes.length && !b.scopes.includes(s));
  if (added.length) out.push(`scopes widened: ${added.join(', ')}`);
  const callbacks = after.callbacks.filter((u) => riskyCallback(u) && !b?.callbacks.includes(u));
  if (callbacks.length) out.push(`insecure callback URL${callbacks.length > 1 ? 's' : ''} added: ${callbacks.join(', ')}`);
  if (after.permittedUsers === 'AllSelfAuthorized' && b?.permittedUsers === 'AdminApprovedPreAuthorized') out.push('any user may now self-authorize (AllSelfAuthorized)');
  const was = SESSION_RANK[b?.sessionLevel ?? ''];
  const now = SESSION_RANK[after.sessionLevel ?? ''];
  if (was !== undefined && now !== undefined && now < was) out.push(`session level lowered (${b!.sessionLevel} → ${after.sessionLevel})`);
  const missing = after.partnerControls?.missing.filter((m) => b?.partnerControls && !b.partnerControls.missing.includes(m)) ?? [];
  if (missing.length) out.push(`partner controls now missing: ${missing.join('; ')}`);
  return out;
}
