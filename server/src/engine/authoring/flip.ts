// Flip an ECA's distributionState (Local ⇄ Packaged), and say what the flip implies. Packaged is
// deployment pattern 1 (an unlocked package carrying the OAuth settings with the oauthLink the
// DevHub generated); Local is pattern 2 (a source package whose postDeploymentScript bootstraps
// the OAuth settings on each org). The plan offers the follow-ups that finish the conversion
// (package type, bootstrap script, .forceignore, retrieving the oauthLink) so the project is not
// left half-converted; the caller picks which to apply with the flip, as one edit.
import { isUnlockedPackage, patternOfState } from '../project/pattern';
import { classify } from '../files';
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_SETTINGS_TYPE } from '../schema';
import { closest } from '../text';
import type { FileChange } from '../types';
import { normalize, type PackageDir } from '../project/model';
import { packageInfo, type PackageInfo } from './context';
import { AuthoringError } from './errors';
import { bootstrapFiles, entryEdit, entryJson, forceignoreChange, NEW_VERSION_NUMBER, otherHeaders } from './project';
import { kebab } from './source';
import { editChange, jsonStyleOf, mergeChanges, packageIn, parseXmlStrict, readProjectText, relOf, type AuthoringSource, type ProjectText } from './source';
import { onlyChild, setChildValue } from './xmlEdit';
import type { JsonValue } from './jsonEdit';

export type DistributionState = 'Local' | 'Packaged';
export const RETRIEVE_COMMAND = 'eca.retrieveFromDevHub';

export type FollowUpId = 'package-unlocked' | 'package-source' | 'bootstrap' | 'forceignore' | 'retrieve';

export interface FollowUp {
  id: FollowUpId;
  title: string;
  /** Why, in one or two sentences. */
  detail: string;
  /** Offered pre-selected. */
  recommended: boolean;
  /** File changes applied together with the flip. */
  changes?: FileChange[];
  /** A command to run after the flip (it needs an org, so it cannot be part of the edit). */
  command?: { command: string; title: string; arguments: unknown[] };
}

export interface FlipPlan {
  eca: string;
  headerPath: string;
  /** The current value ('Local' when the element is absent, the platform's default). */
  from: string;
  to: DistributionState;
  pattern: 1 | 2;
  package?: PackageInfo;
  /** What the target pattern needs, and what is already in place, one sentence each. */
  implications: string[];
  /** The flip itself; empty when the header already says `to`. */
  changes: FileChange[];
  followUps: FollowUp[];
}

export interface FlipRequest {
  /** Developer name of the ECA. */
  eca?: string;
  /** A file of the ECA (its header, or a satellite naming it). */
  path?: string;
  to?: DistributionState;
}

/** The header of the ECA a request names. */
function resolveHeader(src: AuthoringSource, req: FlipRequest): { eca: string; headerPath: string } {
  const model = src.model;
  if (req.path) {
    const p = normalize(req.path);
    const s = model.components.get(p);
    const cls = classify(p);
    let name: string | undefined;
    if (s?.type === HEADER_TYPE || (cls?.kind === 'eca' && cls.type.name === HEADER_TYPE)) name = s?.name ?? (cls as { name: string }).name;
    else if (s?.eca) name = s.eca;
    if (!name) throw new AuthoringError('NOT_FOUND', `${relOf(model, p)} is not an External Client App file of this project.`);
    const header = model.header(name);
    if (header) return { eca: header.name, headerPath: header.path };
    if (cls?.kind === 'eca' && cls.type.name === HEADER_TYPE && src.read(p) !== undefined) return { eca: cls.name, headerPath: p };
    throw new AuthoringError('NOT_FOUND', `No header file (externalClientApps/${name}.eca-meta.xml) for the External Client App ${name} in this project.`);
  }
  if (!req.eca) throw new AuthoringError('INVALID', 'Say which External Client App to flip (its name or one of its files).');
  const header = model.header(req.eca);
  if (!header) {
    const near = closest(req.eca, model.ecaNames(), 3);
    throw new AuthoringError('NOT_FOUND', `No External Client App named ${req.eca} in this project${near.length ? ` (did you mean ${near.join(', ')}?)` : model.ecaNames().length ? ` (it has ${model.ecaNames().join(', ')})` : ''}.`);
  }
  return { eca: header.name, headerPath: header.path };
}

const label = (p: PackageDir) => p.name ?? p.rel;

export function planFlip(src: AuthoringSource, req: FlipRequest): FlipPlan {
  const { eca, headerPath } = resolveHeader(src, req);
  const text = src.read(headerPath);
  if (text === undefined) throw new AuthoringError('NOT_FOUND', `${relOf(src.model, headerPath)} cannot be read.`);
  const file = parseXmlStrict(headerPath, text, HEADER_TYPE);
  const sfdx = readProjectText(src);
  const el = onlyChild(file, 'distributionState');
  const from = el ? text.slice(el.textStart, el.textEnd) || '(empty)' : 'Local';
  let to = req.to;
  if (to !== undefined && to !== 'Local' && to !== 'Packaged') throw new AuthoringError('INVALID', `distributionState can be flipped to Local or Packaged, not '${String(to)}'.`);
  if (!to) {
    if (from === 'Local') to = 'Packaged';
    else if (from === 'Packaged') to = 'Local';
    else throw new AuthoringError('INVALID', `${eca}'s distributionState is '${from}', neither Local nor Packaged: say which one to set.`);
  }
  const changes = from === to && (el || to === 'Local') ? [] : [editChange(headerPath, text, [setChildValue(file, 'distributionState', to)].filter((e) => e !== undefined))];
  const pkg = packageIn(sfdx?.project, headerPath);
  const plan: FlipPlan = {
    eca, headerPath, from, to, pattern: patternOfState(to),
    package: pkg ? packageInfo(pkg) : undefined, implications: [], changes, followUps: [],
  };
  if (to === 'Packaged') planPattern1(src, sfdx, pkg, plan);
  else planPattern2(src, sfdx, pkg, plan);
  const fi = forceignoreChange(src, sfdx ? jsonStyleOf(sfdx.text).eol : '\n');
  if (fi) {
    const globals = src.model.componentsOf(eca).filter((c) => c.type === GLOBAL_OAUTH_TYPE && !src.model.isIgnored(c.path));
    plan.followUps.push({
      id: 'forceignore',
      title: `Keep global OAuth settings out of source (${fi.kind === 'create' ? 'create' : 'extend'} .forceignore)`,
      detail: globals.length
        ? `${globals.map((g) => relOf(src.model, g.path)).join(', ')} holds the consumer key and secret${to === 'Packaged' ? '; for a Packaged ECA it must not be deployed at all (global-oauth-in-source)' : ''}. Delete it after ignoring it.`
        : 'Global OAuth settings (consumer key and secret) are generated per org and must never be committed or deployed; a retrieve would otherwise bring them in.',
      recommended: true,
      changes: [fi],
    });
  }
  return plan;
}

function planPattern1(src: AuthoringSource, sfdx: ProjectText | undefined, pkg: PackageDir | undefined, plan: FlipPlan): void {
  const { eca } = plan;
  plan.implications.push('Pattern 1: the Packaged ECA ships in an unlocked package together with its OAuth settings, whose oauthLink points at the DevHub\'s OAuth consumer; every org shares that consumer, and sandboxes keep the app on refresh.');
  if (!sfdx) plan.implications.push('There is no sfdx-project.json: the ECA must be in an unlocked package directory to be Packaged.');
  else if (!pkg) plan.implications.push(`${relOf(src.model, plan.headerPath)} is in no package directory of sfdx-project.json: move it into the unlocked package.`);
  else if (isUnlockedPackage(pkg)) plan.implications.push(`'${label(pkg)}' is already an unlocked package.`);
  else if (pkg.aliasfy) plan.implications.push(`'${label(pkg)}' is an aliasfy policies package; the ECA header belongs in an unlocked package of its own.`);
  else {
    const entry = entryJson(sfdx, pkg.index);
    const values: [string, JsonValue][] = [];
    if (pkg.explicitType) values.push(['type', 'unlocked']);
    if (typeof entry.package !== 'string') values.push(['package', kebab(pkg.rel.slice(pkg.rel.lastIndexOf('/') + 1))]);
    if (typeof entry.versionNumber !== 'string') values.push(['versionNumber', NEW_VERSION_NUMBER]);
    const others = otherHeaders(src, sfdx, pkg, eca).filter((o) => o.state !== 'Packaged');
    plan.followUps.push({
      id: 'package-unlocked',
      title: `Make '${label(pkg)}' an unlocked package in sfdx-project.json`,
      detail: `It is a ${pkg.type} package now; Packaged ECAs ship in unlocked packages (packaged-in-source-package).${others.length ? ` It also holds ${others.map((o) => `${o.name} (${o.state})`).join(', ')}, which would then be flagged local-in-unlocked-package.` : ''}`,
      recommended: true,
      changes: [entryEdit(sfdx, pkg.index, values)],
    });
    if (pkg.postDeploymentScript) {
      plan.implications.push(`'${label(pkg)}' runs postDeploymentScript ${pkg.postDeploymentScript}; remove it from the entry if it only bootstrapped ${eca}'s OAuth (pattern 1 gets the OAuth settings from the package).`);
    }
  }
  const oauth = src.model.componentsOf(eca).filter((c) => c.type === OAUTH_SETTINGS_TYPE);
  const linked = oauth.filter((c) => !!c.oauthLink);
  if (linked.length) {
    plan.implications.push(`The OAuth settings ${linked.map((c) => relOf(src.model, c.path)).join(', ')} carry an oauthLink.`);
  } else {
    plan.implications.push(`Pattern 1 needs ${eca}'s OAuth settings with the oauthLink the DevHub generated when OAuth was enabled there; it cannot be constructed, and OAuth settings deployed without it break the OAuth plugin ("Cannot invoke String.split(String) because oauthLink is null").`);
    plan.followUps.push({
      id: 'retrieve',
      title: `Retrieve ${eca} and its OAuth settings from the DevHub`,
      detail: 'Runs "ECA: Retrieve External Client App from DevHub" after the flip; it needs your sf login to the DevHub.',
      recommended: true,
      command: { command: RETRIEVE_COMMAND, title: 'Retrieve from DevHub', arguments: [{ eca }] },
    });
  }
}

function planPattern2(src: AuthoringSource, sfdx: ProjectText | undefined, pkg: PackageDir | undefined, plan: FlipPlan): void {
  const { eca } = plan;
  plan.implications.push('Pattern 2: the Local ECA deploys as source and a postDeploymentScript bootstraps its OAuth plugin on each org (each org gets its own consumer key and secret); Local ECAs are not copied to sandboxes on refresh, so the bootstrap runs again after each refresh.');
  if (!sfdx) plan.implications.push('There is no sfdx-project.json: pattern 2 needs a source package with a postDeploymentScript.');
  else if (!pkg) plan.implications.push(`${relOf(src.model, plan.headerPath)} is in no package directory of sfdx-project.json.`);
  else if (pkg.aliasfy) plan.implications.push(`'${label(pkg)}' is an aliasfy policies package; the ECA header belongs in a source package of its own.`);
  else {
    const values: [string, JsonValue][] = [];
    const changes: FileChange[] = [];
    if (pkg.type !== 'source') values.push(['type', 'source']);
    let script = pkg.postDeploymentScript;
    if (!script) {
      const files = bootstrapFiles(src, sfdx, eca, pkg.name ?? pkg.rel);
      script = files.script;
      values.push(['postDeploymentScript', script]);
      changes.push(...files.changes);
    } else {
      const body = src.read(`${src.model.root}/${script.replace(/^\.\//, '')}`);
      plan.implications.push(body !== undefined && !new RegExp(`\\b${eca}\\b`).test(body)
        ? `'${label(pkg)}' already runs postDeploymentScript ${script}, which does not mention ${eca}: make it bootstrap ${eca}'s OAuth too.`
        : `'${label(pkg)}' runs postDeploymentScript ${script} after deploying.`);
    }
    if (values.length) {
      const others = otherHeaders(src, sfdx, pkg, eca).filter((o) => o.state === 'Packaged');
      plan.followUps.push({
        id: pkg.type === 'source' ? 'bootstrap' : 'package-source',
        title: pkg.type === 'source'
          ? `Add the OAuth bootstrap to '${label(pkg)}' (${script} as postDeploymentScript)`
          : `Make '${label(pkg)}' a source package${values.some(([k]) => k === 'postDeploymentScript') ? ` with the OAuth bootstrap (${script})` : ''}`,
        detail: `${pkg.type === 'source' ? '' : `It is ${pkg.type === 'unlocked' ? 'an' : 'a'} ${pkg.type} package now (local-in-unlocked-package). `}`
          + `${values.some(([k]) => k === 'postDeploymentScript') ? `Creates ${script} and its anonymous Apex, which upsert ${eca}'s OAuth settings through the org's Metadata API after each deploy. ` : ''}`
          + `${others.length ? `The package also holds ${others.map((o) => o.name).join(', ')} (Packaged), which would then be flagged packaged-in-source-package.` : ''}`.trim(),
        recommended: true,
        changes: [entryEdit(sfdx, pkg.index, values), ...changes],
      });
    }
    const linked = src.model.componentsOf(eca).filter((c) => c.type === OAUTH_SETTINGS_TYPE && c.oauthLink && packageIn(sfdx.project, c.path)?.path === pkg.path);
    for (const c of linked) {
      plan.implications.push(`${relOf(src.model, c.path)} carries the DevHub's oauthLink into a source package (oauth-settings-in-source-package): delete it, the bootstrap creates the OAuth settings on each org.`);
    }
  }
}

export type FollowUpSelection = readonly string[] | 'recommended' | 'all' | 'none';

/** The flip plus the chosen follow-ups' file changes, merged to one change per file. */
export function flipChanges(plan: FlipPlan, selection: FollowUpSelection = 'recommended'): FileChange[] {
  const chosen = chosenFollowUps(plan, selection);
  return mergeChanges([...plan.changes, ...chosen.flatMap((f) => f.changes ?? [])]);
}

export function chosenFollowUps(plan: FlipPlan, selection: FollowUpSelection): FollowUp[] {
  if (selection === 'none') return [];
  if (selection === 'all') return plan.followUps;
  if (selection === 'recommended') return plan.followUps.filter((f) => f.recommended);
  const unknown = selection.filter((id) => !plan.followUps.some((f) => f.id === id));
  if (unknown.length) {
    throw new AuthoringError('INVALID', `Unknown follow-up ${unknown.join(', ')} for this flip (offered: ${plan.followUps.map((f) => f.id).join(', ') || 'none'}).`);
  }
  return plan.followUps.filter((f) => selection.includes(f.id));
}
