// Shared pieces of the authoring commands that touch the project as a whole: package entries in
// sfdx-project.json, the pattern 2 bootstrap scripts, the .forceignore lines for global OAuth
// settings.
import ignore from 'ignore';
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE } from '../schema';
import type { PackageDir } from '../project/model';
import type { FileChange } from '../types';
import { AuthoringError } from './errors';
import { composeEdits, insertProperty, setProperty, type JsonValue } from './jsonEdit';
import { abs, editChange, eolOf, jsonStyleOf, kebab, packageIn, type AuthoringSource, type ProjectText } from './source';
import { DEFAULT_CALLBACK_URL, DEFAULT_SCOPES, FORCEIGNORE_COMMENT, GLOBAL_OAUTH_IGNORES, pluginPoliciesName } from './templates';
import { bootstrapApex, bootstrapScriptNames, bootstrapShell, type BootstrapComponent, type BootstrapInput } from './bootstrap';

export const DEFAULT_API_VERSION = '64.0';
export const NEW_VERSION_NUMBER = '1.0.0.NEXT';

/** The raw JSON object of a packageDirectories entry. */
export function entryJson(sfdx: ProjectText, index: number): Record<string, unknown> {
  const json = sfdx.project.json as { packageDirectories?: unknown[] };
  const e = json.packageDirectories?.[index];
  return e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
}

export function apiVersionOf(sfdx: ProjectText | undefined): string {
  if (!sfdx) return DEFAULT_API_VERSION;
  const json = sfdx.project.json as { sourceApiVersion?: unknown };
  return typeof json.sourceApiVersion === 'string' && /^\d+\.\d$/.test(json.sourceApiVersion) ? json.sourceApiVersion : DEFAULT_API_VERSION;
}

/** Set several keys of one packageDirectories entry in one composed edit of sfdx-project.json. */
export function entryEdit(sfdx: ProjectText, index: number, values: [string, JsonValue][]): FileChange {
  const style = jsonStyleOf(sfdx.text);
  const edits = composeEdits(sfdx.text, values.map(([key, value]) => (t: string) => setProperty(t, ['packageDirectories', index, key], value, style)));
  return editChange(sfdx.path, sfdx.text, edits);
}

/** Does a package dir of this name or path exist already? */
export function packageTaken(sfdx: ProjectText | undefined, name: string, rel: string): boolean {
  return !!sfdx?.project.packageDirs.some((p) => p.name === name || p.rel.replace(/\/+$/, '') === rel);
}

// ---------------------------------------------------------------- pattern 2 bootstrap

export interface BootstrapFiles {
  /** Project-relative path of the shell script (the postDeploymentScript value). */
  script: string;
  changes: FileChange[];
}

/** Free script names (bootstrap.ts `bootstrapNames`); refused when both are taken. */
export function bootstrapNames(src: AuthoringSource, sfdx: ProjectText | undefined, eca: string): { sh: string; apex: string } {
  const registered = (sfdx?.project.packageDirs ?? []).flatMap((p) => [p.postDeploymentScript, p.preDeploymentScript]);
  const names = bootstrapScriptNames(eca, (rel) => src.exists(abs(src.model, rel)), registered);
  if (names) return names;
  throw new AuthoringError('CONFLICT', `scripts/bootstrap-${kebab(eca)}-oauth.sh or .apex exists already; remove or rename it, or register it as the package's postDeploymentScript yourself. Nothing was changed.`);
}

/** What the bootstrap should enable, read from the project: the OAuth settings' scopes, client credentials in any policy. */
function bootstrapValues(src: AuthoringSource, eca: string): { scopes: string; clientCredentials: boolean } {
  const comps = src.model.componentsOf(eca);
  let scopes = DEFAULT_SCOPES;
  const oauth = comps.find((c) => c.type === OAUTH_SETTINGS_TYPE);
  const text = oauth ? src.read(oauth.path) : undefined;
  const m = text ? /<commaSeparatedOauthScopes>([^<]*)<\/commaSeparatedOauthScopes>/.exec(text) : null;
  if (m && /^[A-Za-z, ]+$/.test(m[1]) && m[1].trim()) scopes = m[1].split(',').map((s) => s.trim()).filter(Boolean).join(',');
  const clientCredentials = comps.some((c) => c.type === OAUTH_POLICIES_TYPE && c.isClientCredentialsFlowEnabled === 'true');
  return { scopes, clientCredentials };
}

/**
 * What a new app's bootstrap creates on each org (the seeds' pattern 2): OAuth settings with the
 * scopes, the global OAuth settings (the consumer: callback URL, flows, PKCE) and the plugin
 * policies; the aliasfy policies package (run-as user per org) deploys after it.
 */
export function bootstrapComponents(eca: string, v: { scopes: string; callbackUrl: string; clientCredentials: boolean }): BootstrapComponent[] {
  const of = (type: string, fullName: string, fields: [string, string][]): BootstrapComponent =>
    ({ type, fullName, fields: [...fields, ['externalClientApplication', eca], ['label', fullName]].map(([name, value]) => ({ name, value })) });
  return [
    of(OAUTH_SETTINGS_TYPE, `${eca}_oauth`, [['commaSeparatedOauthScopes', v.scopes]]),
    of(GLOBAL_OAUTH_TYPE, `${eca}_glbloauth`, [['callbackUrl', v.callbackUrl], ['isClientCredentialsFlowEnabled', String(v.clientCredentials)], ['isCodeCredFlowEnabled', 'true'], ['isPkceRequired', 'true']]),
    of(POLICIES_TYPE, pluginPoliciesName(eca), [['isEnabled', 'true'], ['isOauthPluginEnabled', 'true']]),
  ];
}

export function bootstrapFiles(src: AuthoringSource, sfdx: ProjectText | undefined, eca: string, packageName: string,
  opts: { scopes?: string; callbackUrl?: string; clientCredentials?: boolean } = {}): BootstrapFiles {
  const names = bootstrapNames(src, sfdx, eca);
  const found = bootstrapValues(src, eca);
  const clientCredentials = opts.clientCredentials ?? found.clientCredentials;
  const input: BootstrapInput = {
    app: eca,
    apiVersion: apiVersionOf(sfdx),
    apexFile: names.apex.slice(names.apex.lastIndexOf('/') + 1),
    components: bootstrapComponents(eca, { scopes: opts.scopes ?? found.scopes, callbackUrl: opts.callbackUrl ?? DEFAULT_CALLBACK_URL, clientCredentials }),
    packageName,
    clientCredentials,
  };
  return {
    script: names.sh,
    changes: [
      { kind: 'create', path: abs(src.model, names.sh), text: bootstrapShell(input) },
      { kind: 'create', path: abs(src.model, names.apex), text: bootstrapApex(input) },
    ],
  };
}

// ---------------------------------------------------------------- .forceignore

const PROBES = ['src/extlClntAppGlobalOauthSets/X.ecaGlblOauth-meta.xml', 'src/elsewhere/X.ecaGlblOauth-meta.xml'];

/** The change that makes .forceignore keep global OAuth settings out; undefined when it already does. */
export function forceignoreChange(src: AuthoringSource, eolForNewFile: string = '\n'): FileChange | undefined {
  const path = `${src.model.root}/.forceignore`;
  const text = src.read(path);
  if (text === undefined) {
    return { kind: 'create', path, text: [FORCEIGNORE_COMMENT, ...GLOBAL_OAUTH_IGNORES, ''].join(eolForNewFile) };
  }
  let ig;
  try { ig = ignore({ allowRelativePaths: true }).add(text); } catch { ig = undefined; }
  if (ig && PROBES.every((p) => ig.ignores(p))) return undefined;
  const eol = eolOf(text);
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const lines = [FORCEIGNORE_COMMENT, ...GLOBAL_OAUTH_IGNORES.filter((l) => !present.has(l))];
  const lead = text.length && !text.endsWith('\n') ? eol : '';
  return editChange(path, text, [{ offset: text.length, length: 0, content: lead + lines.join(eol) + eol }]);
}

// ---------------------------------------------------------------- packages and their ECAs

export interface ComponentRef { name: string; state: string; path: string }

/** The other ECA headers of a package directory. */
export function otherHeaders(src: AuthoringSource, sfdx: ProjectText | undefined, pkg: PackageDir, eca: string): ComponentRef[] {
  const out: ComponentRef[] = [];
  for (const c of src.model.components.values()) {
    if (c.type !== HEADER_TYPE || c.name === eca) continue;
    if (packageIn(sfdx?.project, c.path)?.path !== pkg.path) continue;
    out.push({ name: c.name, state: c.distributionState ?? 'Local', path: c.path });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
