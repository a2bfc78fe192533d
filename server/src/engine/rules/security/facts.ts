// What the security rules share (issue 22): the sources they cite, the GitHub security-severity of
// each, the PKCE fix, and whether a file reaches a production org — asked of the project model's
// aliasfy knowledge (environments.ts receiversOf), never re-derived from folder names.
import type { Citation } from '../define';
import type { RuleContext } from '../context';
import { insertChild } from '../context';
import { valueSpan, type XmlElement } from '../../xml/scanner';
import type { Reading } from '../values';
import type { Fix } from '../../types';
import type { ProjectModel } from '../../project/model';
import { environmentOf, receiversOf } from '../../project/environments';

const rfc = (n: number, section: string, title: string): Citation =>
  ({ title: `RFC ${n} §${section} (${title})`, url: `https://www.rfc-editor.org/rfc/rfc${n}#section-${section}` });

export const CITE = {
  pkce: rfc(9700, '2.1.1', 'Authorization Code Grant: PKCE'),
  redirectMatching: rfc(9700, '4.1.3', 'Redirect URI validation: exact string matching'),
  loopback: rfc(8252, '7.3', 'Loopback interface redirection'),
  refreshToken: rfc(9700, '4.14.2', 'Refresh token protection'),
  leastPrivilege: rfc(9700, '2.3', 'Access token privilege restriction'),
  partnerControls: { title: 'Salesforce Packaging Guide: Secure Your Connected Apps and External Client Apps', url: 'https://developer.salesforce.com/docs/atlas.en-us.packagingGuide.meta/packagingGuide/secure_code_ac_eca.htm' },
  oauthPolicies: { title: 'Salesforce Metadata API: ExtlClntAppOauthConfigurablePolicies (ipRelaxationPolicyType)', url: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm' },
  settings: { title: 'Salesforce Metadata API: ExternalClientAppSettings (recommended security settings)', url: 'https://developer.salesforce.com/docs/atlas.en-us.260.0.api_meta.meta/api_meta/meta_externalclientappsettings.htm' },
} satisfies Record<string, Citation>;

/** The fields every security rule declares alike. */
export const SECURITY = { category: 'security' as const, section: 8 };

/** "Set isPkceRequired to true" (or add it), and the span to underline. */
export function pkceFix(ctx: RuleContext, root: XmlElement, pkce: Reading<boolean>): { start: number; end: number; fix: Fix } {
  if (pkce.state === 'ok' || pkce.state === 'unreadable') {
    const [start, end] = valueSpan(pkce.el);
    return { start, end, fix: ctx.fix('Set isPkceRequired to true', [ctx.edit(start, end, 'true')], true) };
  }
  const ins = insertChild(ctx.file, root, 'isPkceRequired', 'true');
  return { start: root.nameStart, end: root.nameEnd, fix: ctx.fix('Add <isPkceRequired>true</isPkceRequired>', [ctx.edit(ins.offset, ins.offset, ins.text)], true) };
}

/**
 * Which production orgs receive a file, as the project model sees it: `every` for a file outside
 * aliasfy packages (every org that deploys the package, production included), the production aliases
 * whose own folder holds it, or none (default/ — production never falls back — sandbox folders,
 * folders of orgs whose kind is unknown, loose files).
 */
export function productionReach(project: ProjectModel | null, path: string): { every: boolean; aliases: string[] } {
  const pkg = project?.packageOf(path);
  if (!project || !pkg || !pkg.aliasfy) return { every: true, aliases: [] };
  const place = environmentOf(pkg, path);
  if (!place.env || place.env === 'default') return { every: false, aliases: [] };
  const aliases = receiversOf(project, pkg, place.env).filter((r) => r.kind === 'production' || r.kind === 'devhub').map((r) => r.alias);
  return { every: false, aliases };
}

/** Each URL of a callbackUrl element (comma, space or newline separated), with its offsets in the file. */
export function callbackUrls(root: XmlElement, text: string): { url: string; start: number; end: number }[] {
  const el = root.children.find((c) => c.name.replace(/^.*:/, '') === 'callbackUrl');
  if (!el || el.textStart === -1) return [];
  const raw = text.slice(el.textStart, el.textEnd);
  const out: { url: string; start: number; end: number }[] = [];
  for (const m of raw.matchAll(/[^\s,]+/g)) out.push({ url: m[0], start: el.textStart + m.index!, end: el.textStart + m.index! + m[0].length });
  return out;
}

/** The loopback interface (RFC 8252 §7.3): a native app's http redirect there never leaves the device. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** An http: URL to anything but the loopback interface (custom schemes and https are fine). */
export function isInsecureHttp(url: string): boolean {
  const m = /^http:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url);
  return !!m && !isLoopback(m[1]);
}
