// Scaffold an ECA's per-environment policy files in an sfp aliasfy source package:
//   <aliasfy package>/<alias>/extlClntAppOauthPolicies/<Name>_oauthPlcy.ecaOauthPlcy-meta.xml
//   <aliasfy package>/<alias>/extlClntAppPolicies/<Name>_plcy.ecaPlcy-meta.xml
// default/ gets client credentials off and no run-as user (scratch-org usernames are generated);
// another environment gets client credentials on with its run-as user when one is given, off
// otherwise. When the ECA already has OAuth policies in the package, the new ones copy the first
// of them (the team's settings), else they use the seeds' defaults. The aliasfy package entry is
// added to sfdx-project.json right after the package(s) holding the ECA and its OAuth settings
// when there is none. Existing files are never overwritten: they are reported as skipped.
import { HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE } from '../schema';
import type { ComponentSummary, PackageDir } from '../project/model';
import { environmentOf, productionAliasesOf, sourceFileOf } from '../project/environments';
import { closest } from '../text';
import type { FileChange } from '../types';
import { AuthoringError } from './errors';
import { insertElement, insertProperty, type JsonValue } from './jsonEdit';
import { NEW_VERSION_NUMBER, packageTaken } from './project';
import { kebab } from './source';
import { abs, editChange, jsonStyleOf, packageIn, parseXmlStrict, readProjectText, relOf, xmlStyleOf, type AuthoringSource, type ProjectText } from './source';
import { oauthPoliciesName, oauthPoliciesXml, pluginPoliciesName, pluginPoliciesXml } from './templates';
import { withValues } from './xmlEdit';

export type PolicyKind = 'oauth' | 'plugin';

export interface ScaffoldRequest {
  eca: string;
  /** Environment folder names (org aliases, or `default`). */
  envs: string[];
  /** Default: OAuth policies only. */
  policies?: PolicyKind[];
  /** Run-as user (clientCredentialsFlowUser) per environment; client credentials are on where one is given. */
  runAsUsers?: Record<string, string>;
  /** Project-relative path of the aliasfy package to use or create (default: the project's aliasfy package, else `<ECA package's parent>/eca-policies`). */
  packageDir?: string;
}

export interface ScaffoldResult {
  eca: string;
  /** The aliasfy package, project-relative, and whether this scaffold adds its entry to sfdx-project.json. */
  packageDir: string;
  packageEntryAdded: boolean;
  created: { env: string; kind: PolicyKind; path: string; clientCredentials: boolean }[];
  skipped: { env: string; kind: PolicyKind; path: string; reason: string }[];
  /** Things to know (deploy order, OAuth not enabled yet, a production folder without a run-as user). */
  notes: string[];
  changes: FileChange[];
}

/** Salesforce usernames have the form of an email address. */
import { USERNAME_RE } from '../username';

export { USERNAME_RE };
/** sfp matches the folder name against the org alias; keep it a plain folder name. */
export const ALIAS_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const POLICY_TYPE: Record<PolicyKind, string> = { oauth: OAUTH_POLICIES_TYPE, plugin: POLICIES_TYPE };

/** The policy kind the scaffold writes for a metadata type (undefined: it writes no such file). */
export function policyKindOf(type: string): PolicyKind | undefined {
  return (Object.keys(POLICY_TYPE) as PolicyKind[]).find((k) => POLICY_TYPE[k] === type);
}

function validate(req: ScaffoldRequest): void {
  if (!req.envs.length) throw new AuthoringError('INVALID', 'Pick at least one environment (an org alias or default).');
  for (const e of req.envs) {
    if (!ALIAS_RE.test(e)) throw new AuthoringError('INVALID', `'${e}' cannot be an environment folder: use the org alias exactly (letters, digits, . _ -).`);
  }
  const users = req.runAsUsers ?? {};
  for (const [env, user] of Object.entries(users)) {
    if (!req.envs.includes(env)) throw new AuthoringError('INVALID', `A run-as user is given for '${env}', which is not among the environments (${req.envs.join(', ')}).`);
    if (env === 'default' && user) throw new AuthoringError('INVALID', 'default/ never gets a run-as user: scratch orgs and sandboxes falling back to it have generated, unpredictable usernames ("Enter a valid execution user for the OAuth client credentials flow"). Leave client credentials off there.');
    if (user && !USERNAME_RE.test(user)) throw new AuthoringError('INVALID', `'${user}' is not a Salesforce username (they look like an email address, e.g. integration@acme.com.uat).`);
  }
  const byUser = new Map<string, string[]>();
  for (const [env, user] of Object.entries(users)) if (user) byUser.set(user, [...(byUser.get(user) ?? []), env]);
  for (const [user, envs] of byUser) {
    if (envs.length > 1) throw new AuthoringError('INVALID', `${user} is given for ${envs.join(' and ')}: usernames are unique across all orgs (sandbox copies get a suffix such as .uat), so one of them cannot exist.`);
  }
  for (const k of req.policies ?? []) if (k !== 'oauth' && k !== 'plugin') throw new AuthoringError('INVALID', `Unknown policy type '${String(k)}' (oauth, plugin).`);
}

/** The aliasfy package to scaffold into, and the sfdx-project.json edit that creates its entry when needed. */
function aliasfyPackage(src: AuthoringSource, sfdx: ProjectText, req: ScaffoldRequest, after: number, ecaPkg: PackageDir)
  : { rel: string; path: string; pkg?: PackageDir; change?: FileChange; index: number } {
  const dirs = sfdx.project.packageDirs;
  const norm = (r: string) => r.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (req.packageDir) {
    const want = norm(req.packageDir);
    const pkg = dirs.find((d) => norm(d.rel) === want);
    if (pkg && !pkg.aliasfy) throw new AuthoringError('CONFLICT', `'${pkg.name ?? pkg.rel}' is not an aliasfy package (no "aliasfy": true); pick the aliasfy policies package or a new folder.`);
    if (pkg) return { rel: pkg.rel, path: pkg.path, pkg, index: pkg.index };
    return newEntry(src, sfdx, want, after);
  }
  const aliasfy = dirs.filter((d) => d.aliasfy);
  const pkg = aliasfy.find((d) => d.index > after) ?? aliasfy[0];
  if (pkg) return { rel: pkg.rel, path: pkg.path, pkg, index: pkg.index };
  const parent = ecaPkg.rel.includes('/') ? norm(ecaPkg.rel).slice(0, norm(ecaPkg.rel).lastIndexOf('/') + 1) : '';
  let rel = `${parent}eca-policies`;
  for (let i = 2; packageTaken(sfdx, rel.slice(rel.lastIndexOf('/') + 1), rel) || src.exists(abs(src.model, rel)); i++) rel = `${parent}eca-policies-${i}`;
  return newEntry(src, sfdx, rel, after);
}

function newEntry(src: AuthoringSource, sfdx: ProjectText, rel: string, after: number) {
  let name = kebab(rel.slice(rel.lastIndexOf('/') + 1));
  for (let i = 2; sfdx.project.packageDirs.some((d) => d.name === name); i++) name = `${kebab(rel.slice(rel.lastIndexOf('/') + 1))}-${i}`;
  const entry: Record<string, JsonValue> = { path: rel, package: name, versionNumber: NEW_VERSION_NUMBER, type: 'source', aliasfy: true };
  const style = jsonStyleOf(sfdx.text);
  const edits = sfdx.project.packageDirs.length || /"packageDirectories"/.test(sfdx.text)
    ? insertElement(sfdx.text, ['packageDirectories'], after + 1, entry, style)
    : insertProperty(sfdx.text, [], 'packageDirectories', [entry], style);
  return { rel, path: abs(src.model, rel), change: editChange(sfdx.path, sfdx.text, edits), index: after + 1 };
}

export function planScaffold(src: AuthoringSource, req: ScaffoldRequest): ScaffoldResult {
  validate(req);
  const model = src.model;
  const header = model.header(req.eca);
  if (!header) {
    const near = closest(req.eca, model.ecaNames(), 3);
    throw new AuthoringError('NOT_FOUND', `No External Client App named ${req.eca} in this project${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}.`);
  }
  const eca = header.name;
  const sfdx = readProjectText(src);
  if (!sfdx) throw new AuthoringError('NOT_FOUND', 'There is no sfdx-project.json: aliasfy policy folders live in an sfp source package declared there.');
  const ecaPkg = packageIn(sfdx.project, header.path);
  if (!ecaPkg) throw new AuthoringError('NOT_FOUND', `${relOf(model, header.path)} is in no package directory of sfdx-project.json; add its package first.`);
  if (ecaPkg.aliasfy) throw new AuthoringError('CONFLICT', `${eca}'s header is inside the aliasfy package '${ecaPkg.name ?? ecaPkg.rel}'; it belongs in a package of its own, before the policies.`);
  const comps = model.componentsOf(eca);
  // The policies must deploy after the packages holding the header and the OAuth settings.
  const after = Math.max(ecaPkg.index, ...comps.filter((c) => c.type === OAUTH_SETTINGS_TYPE).map((c) => packageIn(sfdx.project, c.path)?.index ?? -1)
    .filter((i) => !sfdx.project.packageDirs[i]?.aliasfy));
  const target = aliasfyPackage(src, sfdx, req, after, ecaPkg);
  const headerText = src.read(header.path);
  if (headerText !== undefined) parseXmlStrict(header.path, headerText, HEADER_TYPE);
  const style = xmlStyleOf(headerText);
  const users = req.runAsUsers ?? {};
  const kinds = [...new Set(req.policies?.length ? req.policies : (['oauth'] as PolicyKind[]))];
  const inTarget = (c: ComponentSummary) => c.path.startsWith(target.path + '/');
  const result: ScaffoldResult = { eca, packageDir: target.rel, packageEntryAdded: !!target.change, created: [], skipped: [], notes: [], changes: [] };
  if (target.change) result.changes.push(target.change);
  const production = productionAliasesOf(model);

  for (const kind of kinds) {
    const type = POLICY_TYPE[kind];
    const existing = comps.filter((c) => c.type === type && inTarget(c));
    const envOf = (c: ComponentSummary) => (target.pkg ? environmentOf(target.pkg, c.path).env : undefined);
    // The team's own settings: the first existing file, preferring a real environment over default/.
    const template = [...existing].sort((a, b) => Number(envOf(a) === 'default') - Number(envOf(b) === 'default') || a.path.localeCompare(b.path))[0];
    const templateText = template ? src.read(template.path) : undefined;
    if (template && templateText !== undefined) parseXmlStrict(template.path, templateText, type);
    for (const env of [...new Set(req.envs)]) {
      const name = kind === 'oauth' ? oauthPoliciesName(eca) : pluginPoliciesName(eca);
      const path = `${target.path}/${env}/${sourceFileOf(type, name)}`;
      const already = existing.find((c) => envOf(c) === env);
      if (already || src.exists(path)) {
        result.skipped.push({ env, kind, path: (already ?? { path }).path, reason: already && already.path !== path ? `${relOf(model, already.path)} already holds ${eca}'s ${kind === 'oauth' ? 'OAuth' : 'plugin'} policies for ${env}` : 'the file exists' });
        continue;
      }
      const user = env === 'default' ? undefined : users[env] || undefined;
      let text: string;
      if (kind === 'oauth') {
        text = templateText !== undefined && template
          ? withValues(path, templateText, OAUTH_POLICIES_TYPE, [
            ['isClientCredentialsFlowEnabled', user ? 'true' : 'false'],
            ['clientCredentialsFlowUser', user ?? null],
            ['label', name],
          ])
          : oauthPoliciesXml(eca, user, style);
      } else {
        text = templateText !== undefined && template
          ? withValues(path, templateText, POLICIES_TYPE, [['label', name]])
          : pluginPoliciesXml(eca, style);
      }
      result.changes.push({ kind: 'create', path, text });
      result.created.push({ env, kind, path, clientCredentials: kind === 'oauth' && !!user });
      if (kind === 'oauth' && !user && env !== 'default' && production.includes(env)) {
        result.notes.push(`${env} is a production org and gets client credentials off: production never falls back to default/, so give it its run-as user if the integration uses the client credentials flow.`);
      }
    }
  }

  const pkgIndex = target.index;
  const enabled = comps.some((c) => c.type === OAUTH_SETTINGS_TYPE && (packageIn(sfdx.project, c.path)?.index ?? Infinity) < pkgIndex) || !!ecaPkg.postDeploymentScript;
  if (result.created.length && !enabled) {
    result.notes.push(`Nothing enables OAuth for ${eca} before these policies deploy (policies-without-oauth): retrieve its OAuth settings from the DevHub (pattern 1) or add the bootstrap postDeploymentScript to its package (pattern 2).`);
  }
  if (!target.change && target.index < after) {
    result.notes.push(`'${target.rel}' comes before the package holding ${eca} in packageDirectories (deploy-order): move its entry after it.`);
  }
  return result;
}
