// Sections 4 and 5 of the catalogue: rules over the whole project model (cross-file references,
// packaging patterns, deploy order, sfp aliasfy environment trees). Each rule is a function of
// the model; the single-file rules of sections 1–3 live in ../rules.
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isInside, stripNamespace, type ComponentSummary, type PackageDir, type ProjectModel } from './model';
import { applyOptions, type CheckOptions } from '../index';
import type { EngineDiagnostic, Fix, Range, Severity, TextEdit } from '../types';
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE, TYPES } from '../schema';
import { LineIndex, closest } from '../text';
import { aliasKind } from './orgs';
import { environmentOf, defaultPolicyText } from './environments';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const TYPE_FOLDERS = new Set(TYPES.filter((t) => t.folder).map((t) => t.folder!));

interface Ctx {
  model: ProjectModel;
  out: EngineDiagnostic[];
  sfdxTree: JsonNode | undefined;
  sfdxLines: LineIndex | undefined;
}

function report(c: Ctx, code: string, severity: Severity, path: string, range: Range | undefined, message: string, extra: Partial<EngineDiagnostic> = {}): void {
  c.out.push({ code, severity, path, range: range ?? ZERO, message, ...extra });
}

/** Range of a packageDirectories entry in sfdx-project.json (its `path` value, or the entry). */
function entryRange(c: Ctx, pkg: PackageDir, key = 'path'): Range {
  if (!c.sfdxTree || !c.sfdxLines) return ZERO;
  const node = findNodeAtLocation(c.sfdxTree, ['packageDirectories', pkg.index, key]) ?? findNodeAtLocation(c.sfdxTree, ['packageDirectories', pkg.index]);
  return node ? c.sfdxLines.range(node.offset, node.offset + node.length) : ZERO;
}

const sfdxPath = (c: Ctx) => c.model.sfdx!.path;

function editFix(title: string, path: string, edits: TextEdit[], preferred = false): Fix {
  return { title, preferred, changes: [{ kind: 'edit', path, edits }] };
}

// ---------------------------------------------------------------- section 4

function unknownEca(c: Ctx): void {
  const names = c.model.ecaNames();
  for (const s of c.model.components.values()) {
    if (s.type === HEADER_TYPE || s.eca === undefined || s.eca === '') continue;
    if (c.model.header(s.eca)) continue;
    const maybeDependency = !!c.model.sfdx?.hasPackageDependencies;
    const near = closest(stripNamespace(s.eca), names, 3);
    report(c, 'unknown-eca', maybeDependency ? 'information' : 'error', s.path, s.ranges.eca,
      `externalClientApplication '${s.eca}' names no External Client App in this workspace${maybeDependency ? ' (it may come from a package dependency declared in sfdx-project.json)' : ''}; the deploy fails ("no ExternalClientApplication named ${s.eca} found").${near.length ? ` Did you mean '${near[0]}'?` : ''}`,
      { fixes: s.ranges.eca ? near.map((n, i) => editFix(`Change to '${n}'`, s.path, [{ range: s.ranges.eca!, newText: n }], i === 0)) : undefined });
  }
}

/** The deploy unit of a component: its package directory and, in aliasfy packages, its environment folder. */
function deployUnit(c: Ctx, s: ComponentSummary): string {
  const pkg = c.model.packageOf(s.path);
  if (!pkg) return c.model.sfdx ? '(outside packages)' : '';
  const env = pkg.aliasfy ? environmentOf(pkg, s.path).env ?? '' : '';
  return `${pkg.path}|${env}`;
}

function duplicates(c: Ctx): void {
  const groups = new Map<string, ComponentSummary[]>();
  const oauthByEca = new Map<string, ComponentSummary[]>();
  for (const s of c.model.components.values()) {
    if (c.model.isIgnored(s.path)) continue;
    const unit = deployUnit(c, s);
    const key = `${s.type}|${s.name}|${unit}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
    if (s.type === OAUTH_SETTINGS_TYPE && s.eca) {
      const k = `${stripNamespace(s.eca)}|${unit}`;
      (oauthByEca.get(k) ?? oauthByEca.set(k, []).get(k)!).push(s);
    }
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    for (const s of list) {
      report(c, 'duplicate-component', 'error', s.path, s.ranges.root,
        `${s.type} '${s.name}' is defined by ${list.length} files that deploy together; the deploy fails on the duplicate ("Duplicate name ${s.name}") or one silently wins.`,
        { related: list.filter((o) => o !== s).map((o) => ({ path: o.path, range: o.ranges.root ?? ZERO, message: 'Also defined here' })) });
    }
  }
  for (const list of oauthByEca.values()) {
    const names = new Set(list.map((s) => s.name));
    if (names.size < 2) continue;
    for (const s of list) {
      report(c, 'oauth-settings-duplicate', 'error', s.path, s.ranges.eca ?? s.ranges.root,
        `${names.size} ExtlClntAppOauthSettings (${[...names].join(', ')}) belong to the External Client App ${s.eca}; an app has one OAuth plugin, and the platform rejects the second.`,
        { related: list.filter((o) => o !== s).map((o) => ({ path: o.path, range: o.ranges.root ?? ZERO, message: 'Other OAuth settings' })) });
    }
  }
}

function orgIdOf(link: string | undefined): string | undefined {
  const m = link ? /^(00D[0-9A-Za-z]{12})/.exec(link) : null;
  return m ? m[1] : undefined;
}

function oauthLinkOrgs(c: Ctx): void {
  const byPkg = new Map<string, ComponentSummary[]>();
  for (const s of c.model.components.values()) {
    if (s.type !== OAUTH_SETTINGS_TYPE || !orgIdOf(s.oauthLink)) continue;
    const key = c.model.packageOf(s.path)?.path ?? '';
    (byPkg.get(key) ?? byPkg.set(key, []).get(key)!).push(s);
  }
  const hubOrg = c.model.orgs.devHub?.org?.orgId?.slice(0, 15);
  for (const list of byPkg.values()) {
    const counts = new Map<string, number>();
    for (const s of list) counts.set(orgIdOf(s.oauthLink)!, (counts.get(orgIdOf(s.oauthLink)!) ?? 0) + 1);
    const majority = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    for (const s of list) {
      const org = orgIdOf(s.oauthLink)!;
      const cmd = [{ title: `Retrieve ${s.eca ?? s.name} from the DevHub`, command: 'eca.retrieveFromDevHub', arguments: [{ eca: s.eca ? stripNamespace(s.eca) : undefined }] }];
      if (hubOrg && org.slice(0, 15) !== hubOrg) {
        report(c, 'oauth-link-org-mismatch', 'warning', s.path, s.ranges.oauthLink,
          `This oauthLink points at org ${org}, but your DevHub (${c.model.orgs.devHub!.aliasOrUsername}) is ${hubOrg}. Packaged consumer orgs resolve the link through the DevHub that owns the OAuth consumer; retrieve the OAuth settings from that DevHub.`, { commands: cmd });
      } else if (counts.size > 1 && org !== majority) {
        report(c, 'oauth-link-org-mismatch', 'warning', s.path, s.ranges.oauthLink,
          `This oauthLink points at org ${org} while the other OAuth settings of this package point at ${majority}; links of one package must come from the same DevHub.`, { commands: cmd });
      }
    }
  }
}

function packagingPatterns(c: Ctx): void {
  for (const s of c.model.components.values()) {
    const pkg = c.model.packageOf(s.path);
    if (!pkg) continue;
    if (s.type === HEADER_TYPE) {
      const state = s.distributionState ?? 'Local';
      const range = s.ranges.distributionState ?? s.ranges.root;
      if (state === 'Packaged' && pkg.type === 'source' && pkg.explicitType) {
        report(c, 'packaged-in-source-package', 'warning', s.path, range,
          `${s.name} is Packaged but sits in the source package '${pkg.name ?? pkg.rel}'. Pattern 1 ships Packaged ECAs in an unlocked package (the platform resolves the oauthLink through the package); pattern 2 keeps a Local ECA in a source package with a bootstrap script.`,
          { fixes: [
            ...(s.ranges.distributionState ? [editFix('Flip distributionState to Local (pattern 2)', s.path, [{ range: s.ranges.distributionState, newText: 'Local' }])] : []),
            editFix(`Make '${pkg.name ?? pkg.rel}' an unlocked package (pattern 1)`, sfdxPath(c), [{ range: entryRange(c, pkg, 'type'), newText: '"unlocked"' }]),
          ] });
      } else if (state === 'Local' && (pkg.type === 'unlocked' || pkg.type === 'org-dependent')) {
        report(c, 'local-in-unlocked-package', 'warning', s.path, range,
          `${s.name} is ${s.distributionState ? 'Local' : 'Local (no distributionState)'} inside the unlocked package '${pkg.name ?? pkg.rel}'. Pattern 1 packages Packaged ECAs; a Local ECA is not replicated to sandboxes on refresh.`,
          { fixes: s.ranges.distributionState ? [editFix('Flip distributionState to Packaged', s.path, [{ range: s.ranges.distributionState, newText: 'Packaged' }], true)] : undefined });
      }
    } else if (s.type === OAUTH_SETTINGS_TYPE && s.hasOauthLinkElement && s.oauthLink && pkg.type === 'source' && pkg.explicitType) {
      report(c, 'oauth-settings-in-source-package', 'warning', s.path, s.ranges.oauthLink,
        `OAuth settings with an oauthLink in the source package '${pkg.name ?? pkg.rel}': the link is specific to the org that owns the consumer, and deploying it to any other org fails ("There was a problem with the OAuth link. The app either isn't available on this instance"). Ship them in an unlocked package (pattern 1) or let a bootstrap script create them (pattern 2).`);
    }
  }
}

/** Does anything enable OAuth for `eca` no later than package index `upTo`? */
function oauthEnabledBefore(c: Ctx, eca: string, upTo: number | undefined): boolean {
  const comps = c.model.componentsOf(eca);
  const header = comps.find((x) => x.type === HEADER_TYPE);
  for (const x of comps) {
    if (x.type !== OAUTH_SETTINGS_TYPE && x.type !== GLOBAL_OAUTH_TYPE) continue;
    const idx = c.model.packageOf(x.path)?.index;
    if (upTo === undefined || idx === undefined || idx <= upTo) return true;
  }
  if (header) {
    // A bootstrap script runs after its package deployed: it covers policies in later packages
    // only; policies in the ECA's own package deploy before the script creates the OAuth settings.
    const hp = c.model.packageOf(header.path);
    if (hp?.postDeploymentScript && (upTo === undefined || hp.index < upTo)) return true;
  }
  return false;
}

function policiesWithoutOauth(c: Ctx): void {
  for (const s of c.model.components.values()) {
    const isOauthPolicy = s.type === OAUTH_POLICIES_TYPE || (s.type === POLICIES_TYPE && s.isOauthPluginEnabled === 'true');
    if (!isOauthPolicy || !s.eca || !c.model.header(s.eca)) continue;
    const idx = c.model.packageOf(s.path)?.index;
    if (oauthEnabledBefore(c, s.eca, idx)) continue;
    report(c, 'policies-without-oauth', 'error', s.path, s.ranges.root,
      `Nothing enables OAuth for ${s.eca} before these policies deploy: no ExtlClntAppOauthSettings in this or an earlier package, and no postDeploymentScript bootstrap on the ECA's package. The platform rejects them ("The OAuth settings are missing for this external client app."). Deploy order is ECA → OAuth → policies.`);
  }
}

function deployOrder(c: Ctx): void {
  const sfdx = c.model.sfdx;
  if (!sfdx || !c.sfdxTree) return;
  const flagged = new Set<number>();
  for (const s of c.model.components.values()) {
    if ((s.type !== OAUTH_POLICIES_TYPE && s.type !== POLICIES_TYPE) || !s.eca) continue;
    const pkg = c.model.packageOf(s.path);
    if (!pkg || flagged.has(pkg.index)) continue;
    const deps = c.model.componentsOf(s.eca).filter((x) => x.type === HEADER_TYPE || x.type === OAUTH_SETTINGS_TYPE);
    const later = deps.map((x) => c.model.packageOf(x.path)).filter((p): p is PackageDir => !!p && p.index > pkg.index);
    if (!later.length) continue;
    const target = later.sort((a, b) => b.index - a.index)[0];
    flagged.add(pkg.index);
    const move = moveEntryFix(c, pkg, target);
    report(c, 'deploy-order', 'error', sfdx.path, entryRange(c, pkg),
      `'${pkg.name ?? pkg.rel}' holds policies for ${s.eca} but comes before '${target.name ?? target.rel}', which holds the ECA or its OAuth settings. sfp installs packages in packageDirectories order and the platform enforces ECA → OAuth → policies ("The OAuth settings are missing for this external client app.").`,
      { fixes: move ? [move] : undefined, related: [{ path: sfdx.path, range: entryRange(c, target), message: 'The package it depends on' }] });
  }
}

/** Move the `from` entry of packageDirectories right after `after`, keeping every other byte. */
function moveEntryFix(c: Ctx, from: PackageDir, after: PackageDir): Fix | undefined {
  const text = c.model.sfdx!.text;
  const arr = findNodeAtLocation(c.sfdxTree!, ['packageDirectories']);
  if (!arr?.children) return undefined;
  const a = arr.children[from.index];
  const b = arr.children[after.index];
  if (!a || !b || from.index >= after.index) return undefined;
  // The moved block: from the end of the previous item's comma (or the array's start) to the entry's end.
  const prevEnd = from.index === 0 ? arr.offset + 1 : arr.children[from.index - 1].offset + arr.children[from.index - 1].length;
  const cutStart = from.index === 0 ? prevEnd : text.indexOf(',', prevEnd) + 1;
  const entryEnd = a.offset + a.length;
  let cutEnd = entryEnd;
  const leading = text.slice(cutStart, a.offset); // whitespace/comments before the entry
  if (from.index === 0) {
    const comma = text.indexOf(',', entryEnd);
    cutEnd = comma + 1;
  }
  const entry = text.slice(a.offset, entryEnd);
  const bEnd = b.offset + b.length;
  const lines = c.sfdxLines!;
  const edits: TextEdit[] = [];
  if (from.index === 0) {
    // Remove "entry," keeping the next item's leading whitespace where the entry's was.
    const nextLeading = text.slice(cutEnd, arr.children[1].offset);
    edits.push({ range: lines.range(cutStart, arr.children[1].offset), newText: leading.length ? leading : nextLeading });
    edits.push({ range: lines.range(bEnd, bEnd), newText: `,${nextLeading}${entry}` });
  } else {
    edits.push({ range: lines.range(cutStart - 1, entryEnd), newText: '' });
    edits.push({ range: lines.range(bEnd, bEnd), newText: `,${leading}${entry}` });
  }
  return editFix(`Move '${from.name ?? from.rel}' after '${after.name ?? after.rel}' in packageDirectories`, c.model.sfdx!.path, edits, true);
}

function scriptsExist(c: Ctx): void {
  const sfdx = c.model.sfdx;
  if (!sfdx) return;
  for (const pkg of sfdx.packageDirs) {
    for (const key of ['postDeploymentScript', 'preDeploymentScript'] as const) {
      const rel = pkg[key];
      if (!rel) continue;
      const abs = rel.startsWith('/') ? rel : `${c.model.root}/${rel.replace(/^\.\//, '')}`;
      if (c.model.fs.exists(abs)) continue;
      report(c, 'post-deploy-script-missing', 'error', sfdx.path, entryRange(c, pkg, key),
        `${key} '${rel}' of '${pkg.name ?? pkg.rel}' does not exist (paths are relative to the project root); sfp install fails after deploying the package${key === 'postDeploymentScript' ? ', so the OAuth bootstrap of pattern 2 never runs' : ''}.`);
    }
  }
}

function sfdxInvalid(c: Ctx): void {
  const sfdx = c.model.sfdx;
  if (!sfdx?.parseError) return;
  const lines = c.sfdxLines ?? new LineIndex(sfdx.text);
  report(c, 'sfdx-project-invalid', 'error', sfdx.path, lines.range(sfdx.parseError.offset, sfdx.parseError.offset + sfdx.parseError.length),
    `${sfdx.parseError.message}: sf and sfp cannot read the project. Single-file checks still run; package-level checks use what could be read.`);
}

// ---------------------------------------------------------------- section 5

function aliasfy(c: Ctx): void {
  const sfdx = c.model.sfdx;
  if (!sfdx) return;
  const knownAliases = [...c.model.orgs.aliases.keys()];
  const production = new Set([...c.model.productionAliases, ...knownAliases.filter((a) => aliasKind(c.model.orgs, a) === 'production')]);
  for (const pkg of sfdx.packageDirs) {
    if (!pkg.aliasfy) continue;
    if (pkg.type === 'unlocked' || pkg.type === 'org-dependent') {
      report(c, 'aliasfy-not-source', 'error', sfdx.path, entryRange(c, pkg, 'aliasfy'),
        `aliasfy works only for source packages; '${pkg.name ?? pkg.rel}' is ${pkg.type}${pkg.explicitType ? '' : ' (it has package and versionNumber but no "type": "source")'}, so sfp builds every environment folder into one version.`,
        { fixes: pkg.explicitType ? [editFix('Set "type": "source"', sfdx.path, [{ range: entryRange(c, pkg, 'type'), newText: '"source"' }])] : undefined });
    }
    const comps = [...c.model.components.values()].filter((s) => isInside(s.path, pkg.path)).sort((a, b) => a.path.localeCompare(b.path));
    const folders = c.model.fs.listDirs(pkg.path).filter((d) => !d.startsWith('.'));
    const envFolders = folders.filter((d) => !TYPE_FOLDERS.has(d) && d !== 'main');
    // Loose files: directly in the root, or in a type folder at the root.
    for (const s of comps) {
      const env = environmentOf(pkg, s.path);
      if (env.loose) {
        report(c, 'aliasfy-loose-file', 'warning', s.path, s.ranges.root,
          `This file sits in the aliasfy root of '${pkg.name ?? pkg.rel}', outside every environment folder: sfp deploys only the folder named like the target org's alias (or default/), so it is never deployed. Move it into an environment folder.`);
      }
    }
    const firstIn = (folder: string) => comps.find((s) => isInside(s.path, `${pkg.path}/${folder}`));
    if (folders.includes('main') && c.model.fs.listDirs(`${pkg.path}/main`).includes('default')) {
      const f = firstIn('main/default');
      report(c, 'aliasfy-main-default', 'warning', f?.path ?? sfdx.path, f ? f.ranges.root : entryRange(c, pkg),
        `'${pkg.name ?? pkg.rel}' is aliasfy but uses the main/default/ source layout: sfp takes that 'default' folder for the fallback environment (sfpowerscripts#1374). Restructure as <alias>/… folders at the package root.`);
    }
    if (!envFolders.includes('default') && !(folders.includes('main'))) {
      report(c, 'aliasfy-no-default', 'warning', sfdx.path, entryRange(c, pkg),
        `aliasfy package '${pkg.name ?? pkg.rel}' has no default/ folder: sandboxes and scratch orgs without their own folder get nothing${pkg.mergeMode ? '' : ' (and sfp fails on them)'}.`,
        { fixes: scaffoldDefaultFix(c, pkg, comps) });
    }
    for (const alias of production) {
      if (envFolders.includes(alias)) continue;
      const caseMatch = envFolders.find((f) => f.toLowerCase() === alias.toLowerCase());
      if (caseMatch) continue; // aliasfy-alias-case reports it
      report(c, 'aliasfy-no-production', 'warning', sfdx.path, entryRange(c, pkg),
        `Production org '${alias}' has no folder in aliasfy package '${pkg.name ?? pkg.rel}': production never falls back to default/ (flxbl-io/sfp#119), so its install fails or deploys nothing. Add a '${alias}/' folder.`,
        { fixes: copyEnvFix(c, pkg, comps, envFolders.find((f) => f !== 'default') ?? 'default', alias) });
    }
    for (const folder of envFolders) {
      if (folder === 'default') continue;
      const first = firstIn(folder);
      const path = first?.path ?? sfdx.path;
      const range = first ? first.ranges.root : entryRange(c, pkg);
      if (knownAliases.includes(folder) || production.has(folder)) continue;
      const caseTwin = [...knownAliases, ...production].find((a) => a.toLowerCase() === folder.toLowerCase());
      if (caseTwin) {
        report(c, 'aliasfy-alias-case', 'warning', path, range,
          `Folder '${folder}/' differs only in case from the org alias '${caseTwin}'; sfp matches aliases case-sensitively, so ${caseTwin} would not receive it.`,
          { fixes: [{ title: `Rename folder to '${caseTwin}'`, preferred: true, changes: [{ kind: 'rename', from: `${pkg.path}/${folder}`, to: `${pkg.path}/${caseTwin}` }] }] });
      } else if (knownAliases.length) {
        report(c, 'aliasfy-alias-unknown', 'information', path, range,
          `Folder '${folder}/' matches no org alias known to sf on this machine (${knownAliases.slice(0, 8).join(', ')}${knownAliases.length > 8 ? ', …' : ''}); only an org with exactly this alias receives it.`);
      }
    }
    // The same environment folder name deeper in the tree.
    for (const folder of envFolders) {
      const deeper = findDirNamed(c, pkg.path, folder, 4).filter((p) => p !== `${pkg.path}/${folder}`);
      if (!deeper.length) continue;
      const first = firstIn(folder);
      report(c, 'aliasfy-ambiguous', 'error', first?.path ?? sfdx.path, first ? first.ranges.root : entryRange(c, pkg),
        `The environment folder name '${folder}' occurs more than once in '${pkg.name ?? pkg.rel}' (${deeper.map((d) => d.slice(pkg.path.length + 1)).join(', ')}); sfp searches at any depth and picks one of them.`);
    }
    driftAndUsers(c, pkg, comps, envFolders);
  }
}

function findDirNamed(c: Ctx, root: string, name: string, maxDepth: number): string[] {
  const out: string[] = [];
  const stack: [string, number][] = [[root, 0]];
  while (stack.length) {
    const [d, depth] = stack.pop()!;
    if (depth >= maxDepth) continue;
    for (const n of c.model.fs.listDirs(d)) {
      const p = `${d}/${n}`;
      if (n === name) out.push(p);
      if (!TYPE_FOLDERS.has(n)) stack.push([p, depth + 1]);
    }
  }
  return out;
}

function driftAndUsers(c: Ctx, pkg: PackageDir, comps: ComponentSummary[], envFolders: string[]): void {
  const byKey = new Map<string, Map<string, ComponentSummary>>();
  const users = new Map<string, ComponentSummary[]>();
  for (const s of comps) {
    const { env, rel } = environmentOf(pkg, s.path);
    if (!env) continue;
    const key = `${s.type}|${rel}`;
    (byKey.get(key) ?? byKey.set(key, new Map()).get(key)!).set(env, s);
    const enabled = s.isClientCredentialsFlowEnabled === 'true';
    if (s.type === OAUTH_POLICIES_TYPE && env === 'default' && enabled) {
      report(c, 'client-credentials-in-default', 'warning', s.path, s.ranges.isClientCredentialsFlowEnabled ?? s.ranges.root,
        'default/ enables the client credentials flow, but default/ is what scratch orgs and sandboxes without their own folder receive: their usernames are generated and unpredictable, so the deploy fails ("Enter a valid execution user for the OAuth client credentials flow"). Keep it off in default/.',
        { fixes: s.ranges.isClientCredentialsFlowEnabled ? [editFix('Disable client credentials in default/', s.path, [{ range: s.ranges.isClientCredentialsFlowEnabled, newText: 'false' }], true)] : undefined });
    }
    if (s.type === OAUTH_POLICIES_TYPE && s.clientCredentialsFlowUser && env !== 'default') {
      const u = s.clientCredentialsFlowUser;
      (users.get(u) ?? users.set(u, []).get(u)!).push(s);
    }
  }
  for (const [user, list] of users) {
    const envs = new Set(list.map((s) => environmentOf(pkg, s.path).env));
    if (envs.size < 2 || c.model.isReplaced(user)) continue;
    for (const s of list) {
      report(c, 'client-credentials-user-shared', 'warning', s.path, s.ranges.clientCredentialsFlowUser,
        `The run-as user ${user} is used by ${envs.size} environment folders (${[...envs].join(', ')}); usernames are unique across all orgs (sandbox copies get a suffix such as .uat), so at most one of these orgs has this user.`);
    }
  }
  const envsWithEca = envFolders.filter((e) => comps.some((s) => environmentOf(pkg, s.path).env === e));
  if (envsWithEca.length < 2) return;
  for (const [key, perEnv] of byKey) {
    const missing = envsWithEca.filter((e) => !perEnv.has(e) && !(pkg.mergeMode && perEnv.has('default')));
    if (!missing.length) continue;
    const [fromEnv, first] = [...perEnv][0];
    report(c, 'aliasfy-drift', 'information', first.path, first.ranges.root,
      `${key.split('|')[0]} ${key.split('|')[1]} exists in ${[...perEnv.keys()].join(', ')} but not in ${missing.join(', ')}: ${missing.map((m) => (m === 'default' ? 'sandboxes and scratch orgs falling back to default/' : m)).join(' and ')} will not receive it${pkg.mergeMode ? '' : ''}.`,
      { fixes: missing.map((m) => copyFileFix(c, first, pkg, fromEnv, m)).filter((f): f is Fix => !!f) });
  }
}

function copyFileFix(c: Ctx, s: ComponentSummary, pkg: PackageDir, fromEnv: string, toEnv: string): Fix | undefined {
  const text = c.model.fs.readText(s.path);
  if (text === undefined) return undefined;
  const target = `${pkg.path}/${toEnv}/${s.path.slice(pkg.path.length + 1 + fromEnv.length + 1)}`;
  if (c.model.components.has(target) || c.model.fs.exists(target)) return undefined;
  return { title: `Copy to ${toEnv}/${toEnv === 'default' ? ' (client credentials off)' : ''}`, changes: [{ kind: 'create', path: target, text: toEnv === 'default' ? defaultPolicyText(text) : text }] };
}

function copyEnvFix(c: Ctx, pkg: PackageDir, comps: ComponentSummary[], fromEnv: string, toEnv: string): Fix[] | undefined {
  const changes = comps.filter((s) => environmentOf(pkg, s.path).env === fromEnv)
    .map((s) => copyFileFix(c, s, pkg, fromEnv, toEnv)).filter((f): f is Fix => !!f).flatMap((f) => f.changes);
  return changes.length ? [{ title: `Scaffold ${toEnv}/ from ${fromEnv}/`, changes }] : undefined;
}

function scaffoldDefaultFix(c: Ctx, pkg: PackageDir, comps: ComponentSummary[]): Fix[] | undefined {
  const envs = [...new Set(comps.map((s) => environmentOf(pkg, s.path).env).filter((e): e is string => !!e))];
  return envs.length ? copyEnvFix(c, pkg, comps, envs[0], 'default') : undefined;
}

export function checkProjectRules(model: ProjectModel, opts?: CheckOptions): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  let sfdxTree: JsonNode | undefined;
  let sfdxLines: LineIndex | undefined;
  if (model.sfdx) {
    try { sfdxTree = parseTree(model.sfdx.text, [], { allowTrailingComma: true }); } catch { sfdxTree = undefined; }
    sfdxLines = new LineIndex(model.sfdx.text);
  }
  const c: Ctx = { model, out, sfdxTree, sfdxLines };
  for (const rule of [sfdxInvalid, unknownEca, duplicates, oauthLinkOrgs, packagingPatterns, policiesWithoutOauth, deployOrder, scriptsExist, aliasfy]) {
    try {
      rule(c);
    } catch (e) {
      out.push({ code: 'internal-error', severity: 'warning', path: model.sfdx?.path ?? model.root, range: ZERO,
        message: `ECA tools hit an internal error in project rule ${rule.name} (${(e as Error).message}); please report it.` });
    }
  }
  return applyOptions(out, opts);
}
