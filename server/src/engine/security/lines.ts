// The posture of one app in one org as labelled lines, in the order every front end shows them: the
// CLI's audit (text, Markdown), the Action's job summary and the environment matrix's Security
// section. One wording in one place.
import type { AppPosture, Tri } from './posture';

/** The flow needs both switches: the global OAuth settings' and the org's policies'. */
function clientCredentials(f: AppPosture['flows']): string {
  const runAs = f.runAsUser ? `, run as ${f.runAsUser}` : '';
  if (f.clientCredentials === 'yes') return `yes${runAs ? ` (${runAs.slice(2)})` : ''}`;
  if (f.clientCredentialsPolicy !== 'yes') return f.clientCredentials === '—' ? '— (not in source)' : f.clientCredentials;
  return f.clientCredentials === 'no' ? `no — off in the global OAuth settings (policies: on${runAs})` : `on in the policies${runAs ? ` (${runAs.slice(2)})` : ''}; global OAuth settings not in source`;
}

/** The posture's lines, label → value, in the order every format shows them. */
export function postureLines(p: AppPosture): [string, string][] {
  const yn = (t: Tri) => (t === '—' ? '— (not in source)' : t);
  const f = p.flows;
  const out: [string, string][] = [
    ['Distribution state', p.distributionState ?? '—'],
    ['Authorization code flow', yn(f.authorizationCode)],
    ['Client credentials flow', clientCredentials(f)],
    ['JWT bearer flow', yn(f.jwtBearer)],
    ['Device flow', yn(f.deviceFlow)],
    ['Token exchange', yn(f.tokenExchange)],
    ['PKCE required', yn(p.pkce)],
    ['Refresh token', p.refreshToken.lifetime ?? p.refreshToken.policy ?? '—'],
    ['Refresh token rotation', yn(p.refreshToken.rotation)],
    ['Idle refresh-token limit', yn(p.refreshToken.idleLimit)],
    ['IP relaxation', p.ipRelaxation ?? '—'],
    ['Permitted users', p.permittedUsers ?? '—'],
    ['Session level', p.sessionLevel ?? '—'],
    ['Scopes', p.scopes.join(', ') || '—'],
    ['Callbacks', p.callbacks.join(', ') || '—'],
  ];
  if (p.partnerControls) {
    out.push(['Partner controls', p.partnerControls.missing.length ? `missing: ${p.partnerControls.missing.join('; ')}` : 'all four met']);
  }
  out.push(['Security findings', p.findings.length ? p.findings.map((x) => `${x.severity} ${x.code}`).join(', ') : 'none']);
  return out;
}

