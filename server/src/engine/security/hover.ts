// Hover on a security setting (issue 22): what its value means for the org(s) that receive the
// file — the same reach the security rules use (productionReach over the aliasfy model) — and the
// security rules that judge it, with the source each cites. Pure.
import type { ProjectModel } from '../project/model';
import { environmentOf, receiversOf } from '../project/environments';
import { RULE_BY_ID } from '../rules/catalogue';
import { isInsecureHttp, productionReach } from '../rules/security/facts';

interface Meaning { rules: string[]; say(value: string): string | undefined }

const yes = (v: string) => v === 'true' || v === '1';

const MEANINGS: Record<string, Meaning> = {
  isPkceRequired: { rules: ['pkce-disabled', 'public-client-without-pkce', 'partner-controls'], say: (v) => (yes(v) ? 'PKCE required: an intercepted authorization code is useless without the verifier.' : 'PKCE not required: an intercepted authorization code can be redeemed by whoever holds it (and, for a public client, by anyone).') },
  isRefreshTokenRotationEnabled: { rules: ['refresh-token-rotation-off', 'partner-controls'], say: (v) => (yes(v) ? 'Each refresh issues a new refresh token: a stolen one stops working at the next refresh.' : 'Refresh tokens are not rotated: a stolen one keeps working for its whole lifetime.') },
  isEnforceRefreshTokenTTL: { rules: ['partner-controls'], say: (v) => (yes(v) ? 'Idle refresh tokens expire (Salesforce asks partners for 30 days).' : 'No idle limit on refresh tokens.') },
  isConsumerSecretOptional: { rules: ['public-client-without-pkce'], say: (v) => (yes(v) ? 'A public client: no secret is needed for the web server flow, so only PKCE protects the code.' : undefined) },
  isSecretRequiredForRefreshToken: { rules: ['public-client-without-pkce'], say: (v) => (yes(v) ? undefined : 'No secret is needed to refresh: a leaked refresh token alone yields access tokens.') },
  callbackUrl: { rules: ['callback-url-insecure', 'callback-url-wildcard'], say: (v) => {
    const urls = v.split(/[\s,]+/).filter(Boolean);
    const bad = urls.filter((u) => isInsecureHttp(u) || u.includes('*'));
    return bad.length ? `Authorization codes would go to ${bad.join(', ')}: ${bad.some((u) => u.includes('*')) ? 'a wildcard matches URLs an attacker may control' : 'plain http to a remote host'}.` : 'Authorization codes go only to these exact URLs (https, loopback or a custom scheme).';
  } },
  commaSeparatedOauthScopes: { rules: ['scope-full'], say: (v) => (v.split(',').map((s) => s.trim()).includes('Full') ? 'Full grants every permission of the user through every API.' : undefined) },
  refreshTokenPolicyType: { rules: ['refresh-token-never-expires'], say: (v) => ({ Infinite: 'Refresh tokens stay valid until revoked.', Zero: 'Refresh tokens expire immediately: no offline access.', SpecificLifetime: 'Refresh tokens expire after a fixed lifetime.', SpecificInactivity: 'Refresh tokens expire after a time without use.' } as Record<string, string>)[v] },
  ipRelaxationPolicyType: { rules: ['ip-relaxation-bypass'], say: (v) => (v.startsWith('Bypass') ? `Tokens of this app work from any address, past the org's login IP ranges${v === 'Bypass_2factor' ? ' (for users who verified a second factor)' : ''}.` : 'The org\'s IP restrictions apply to this app.') },
  permittedUsersPolicyType: { rules: [], say: (v) => (v === 'AllSelfAuthorized' ? 'Any user of the org may authorize the app.' : v === 'AdminApprovedPreAuthorized' ? 'Only users an admin pre-authorized (profiles, permission sets) may use the app.' : undefined) },
  isClientCredentialsFlowEnabled: { rules: [], say: (v) => (yes(v) ? 'Anyone holding the consumer key and secret gets tokens as the run-as user, without a login.' : undefined) },
  enableConsumerSecretApiAccess: { rules: ['consumer-secret-api-access'], say: (v) => (yes(v) ? 'A Metadata API retrieve can copy consumer secrets into files.' : undefined) },
};

/** Which orgs receive the file, in words, for the note's "in this org" line. */
function reachOf(project: ProjectModel, path: string): string {
  const reach = productionReach(project, path);
  if (reach.every) return 'every org that deploys this package, production included';
  const pkg = project.packageOf(path);
  const env = pkg ? environmentOf(pkg, path).env : undefined;
  if (!pkg || !env) return 'no org (outside every environment folder)';
  if (env === 'default') return 'sandboxes and scratch orgs without a folder of their own (never production)';
  const who = receiversOf(project, pkg, env).map((r) => `\`${r.alias}\` (${r.kind})`);
  return `the org aliased \`${env}\`${who.length ? ` — ${who.join(', ')}` : ''}${reach.aliases.length ? ', a production org' : ''}`;
}

/** The security note of a hover on `field` = `value` in `path`, or undefined when it is not a security setting. */
export function securityNote(field: string, value: string, path: string, project: ProjectModel | null): string | undefined {
  const m = MEANINGS[field];
  if (!m) return undefined;
  const said = m.say(value);
  const lines = ['**Security**' + (said ? ` — ${said}` : '')];
  if (project) lines.push('', `In ${reachOf(project, path)}.`);
  const rules = m.rules.map((id) => RULE_BY_ID.get(id)).filter((r) => r !== undefined);
  if (rules.length) lines.push('', ...rules.map((r) => `- \`${r.id}\`: ${r.summary}${r.citation ? ` ([${r.citation.title}](${r.citation.url}))` : ''}`));
  return lines.join('\n');
}
