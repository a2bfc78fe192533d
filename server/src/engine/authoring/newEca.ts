// A new External Client App, laid out for one of the two deployment patterns:
//   pattern 1: the header (Packaged) in an unlocked package, ready for the OAuth settings that
//              "Retrieve from DevHub" brings once OAuth was enabled on the DevHub;
//   pattern 2: the header (Local) in a source package whose postDeploymentScript (a shell script
//              plus the anonymous Apex it runs) upserts the OAuth settings on each org.
// Both add the .forceignore lines that keep global OAuth settings (consumer key and secret) out of
// source control. Without an sfdx-project.json, one is created.
import { sourceFileOf } from '../project/environments';
import { isUnlockedPackage, packagePattern } from '../project/pattern';
import { HEADER_TYPE } from '../schema';
import type { PackageDir } from '../project/model';
import type { FileChange } from '../types';
import { AuthoringError } from './errors';
import { insertElement, insertProperty, render, type JsonValue } from './jsonEdit';
import { bootstrapFiles, DEFAULT_API_VERSION, entryEdit, entryJson, forceignoreChange, NEW_VERSION_NUMBER, packageTaken } from './project';
import { kebab } from './source';
import {
  abs, DEFAULT_JSON_STYLE, editChange, jsonStyleOf, mergeChanges, readProjectText, relOf, xmlStyleOf, PROJECT_FILE,
  type AuthoringSource, type ProjectText,
} from './source';
import { headerXml } from './templates';

export interface NewEcaRequest {
  /** Developer (API) name. */
  name: string;
  pattern: 1 | 2;
  /** Project-relative package directory (existing entry or a new one). Default: see `planNewEca`. */
  packageDir?: string;
  label?: string;
  contactEmail?: string;
  description?: string;
  /** Pattern 2 bootstrap: metadata scope names, comma-separated (default Api,RefreshToken). */
  scopes?: string;
  /** Pattern 2 bootstrap: callback URL of the consumer. */
  callbackUrl?: string;
  /** Pattern 2 bootstrap: enable the client credentials flow in the global OAuth settings. */
  clientCredentials?: boolean;
}

export interface NewEcaResult {
  eca: string;
  pattern: 1 | 2;
  /** Project-relative package directory and its package name. */
  packageDir: string;
  packageName?: string;
  packageEntryAdded: boolean;
  projectFileCreated: boolean;
  header: string;
  /** Project-relative path of the bootstrap script (pattern 2). */
  script?: string;
  created: string[];
  nextSteps: string[];
  changes: FileChange[];
}

export const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const SCOPE_RE = /^[A-Za-z]+(\s*,\s*[A-Za-z]+)*$/;

export function validateName(name: string): void {
  if (!NAME_RE.test(name) || name.includes('__') || name.endsWith('_') || name.length > 80) {
    throw new AuthoringError('INVALID', `'${name}' is not a valid API name: start with a letter; letters, digits and single underscores only; no trailing underscore; at most 80 characters.`);
  }
}

function validate(req: NewEcaRequest): void {
  validateName(req.name);
  if (req.pattern !== 1 && req.pattern !== 2) throw new AuthoringError('INVALID', `pattern must be 1 (unlocked package, Packaged) or 2 (source package, Local, bootstrap script), not '${String(req.pattern)}'.`);
  if (req.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(req.contactEmail)) throw new AuthoringError('INVALID', `'${req.contactEmail}' is not an email address.`);
  if (req.scopes !== undefined && !SCOPE_RE.test(req.scopes.trim())) throw new AuthoringError('INVALID', `'${req.scopes}' is not a comma-separated list of scope names (e.g. Api,RefreshToken).`);
  if (req.callbackUrl !== undefined && (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(req.callbackUrl) || /['\\]/.test(req.callbackUrl))) throw new AuthoringError('INVALID', `'${req.callbackUrl}' is not a callback URL.`);
  if (req.packageDir !== undefined && (!req.packageDir.trim() || /(^|\/)\.\.(\/|$)/.test(req.packageDir) || req.packageDir.startsWith('/'))) {
    throw new AuthoringError('INVALID', `'${req.packageDir}' must be a folder inside the project (relative to sfdx-project.json).`);
  }
}

const norm = (r: string) => r.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
const fits = (p: PackageDir, pattern: 1 | 2) => !p.aliasfy && packagePattern(p) === pattern;

/** Folder (absolute) that holds the type folders of a package: beside its other ECA files, else main/default when it exists, else the root. */
function sourceRoot(src: AuthoringSource, pkg: { path: string }): string {
  const inPkg = [...src.model.components.values()].filter((c) => c.path.startsWith(pkg.path + '/')).sort((a, b) => a.path.localeCompare(b.path))[0];
  if (inPkg) {
    const dir = inPkg.path.slice(0, inPkg.path.lastIndexOf('/'));
    return dir.slice(0, dir.lastIndexOf('/'));
  }
  if (src.exists(`${pkg.path}/main/default`)) return `${pkg.path}/main/default`;
  return pkg.path;
}

export function planNewEca(src: AuthoringSource, req: NewEcaRequest): NewEcaResult {
  validate(req);
  const model = src.model;
  const name = req.name;
  if (model.header(name)) {
    throw new AuthoringError('CONFLICT', `An External Client App named ${name} exists already (${relOf(model, model.header(name)!.path)}).`);
  }
  const sfdx = readProjectText(src);
  const dirs = sfdx?.project.packageDirs ?? [];
  const changes: FileChange[] = [];
  const nextSteps: string[] = [];
  let projectFileCreated = false;
  let packageEntryAdded = false;
  let pkgRel: string;
  let pkgName: string | undefined;
  let existing: PackageDir | undefined;
  const newName = (rel: string) => {
    let n = kebab(rel.slice(rel.lastIndexOf('/') + 1));
    const base = n;
    for (let i = 2; dirs.some((d) => d.name === n); i++) n = `${base}-${i}`;
    return n;
  };

  if (req.packageDir) {
    const want = norm(req.packageDir);
    existing = dirs.find((d) => norm(d.rel) === want);
    if (existing && !fits(existing, req.pattern)) {
      const why = existing.aliasfy ? 'an aliasfy policies package' : `${isUnlockedPackage(existing) ? 'an' : 'a'} ${existing.type} package`;
      throw new AuthoringError('CONFLICT', `'${existing.name ?? existing.rel}' is ${why}; pattern ${req.pattern} needs ${req.pattern === 1 ? 'an unlocked package' : 'a source package ("type": "source")'}. Pick another package directory or a new folder.`);
    }
    if (existing && req.pattern === 2 && existing.postDeploymentScript) {
      throw new AuthoringError('CONFLICT', `'${existing.name ?? existing.rel}' already runs postDeploymentScript ${existing.postDeploymentScript} (sfp runs one per package); give ${name} a package of its own, or extend that script to bootstrap it.`);
    }
    pkgRel = existing ? existing.rel : want;
  } else {
    existing = req.pattern === 1
      ? dirs.find((d) => fits(d, 1) && [...model.components.values()].some((c) => c.type === HEADER_TYPE && c.path.startsWith(d.path + '/')))
      : undefined;
    if (existing) pkgRel = existing.rel;
    else {
      const parentOf = dirs.find((d) => !d.aliasfy && norm(d.rel).includes('/'));
      const base = parentOf ? norm(parentOf.rel).slice(0, norm(parentOf.rel).lastIndexOf('/') + 1) : sfdx ? '' : 'src/integrations/';
      pkgRel = `${base}eca-${kebab(name)}`;
      for (let i = 2; packageTaken(sfdx, `eca-${kebab(name)}`, pkgRel) || src.exists(abs(model, pkgRel)); i++) pkgRel = `${base}eca-${kebab(name)}-${i}`;
    }
  }
  const pkgPath = abs(model, pkgRel);
  const rawEntry = existing ? entryJson(sfdx!, existing.index) : undefined;
  // A new entry gets a package name; so does an existing plain folder that becomes a pattern 2 source package.
  pkgName = existing ? existing.name ?? (req.pattern === 2 ? newName(existing.rel) : undefined) : newName(pkgRel);

  let script: string | undefined;
  if (req.pattern === 2) {
    const files = bootstrapFiles(src, sfdx, name, pkgName ?? pkgRel, { scopes: req.scopes?.replace(/\s+/g, ''), callbackUrl: req.callbackUrl, clientCredentials: req.clientCredentials });
    script = files.script;
    changes.push(...files.changes);
  }

  // sfdx-project.json: a new file, a new entry, or (pattern 2 on an existing source dir) the bootstrap registration.
  const jsonStyle = sfdx ? jsonStyleOf(sfdx.text) : DEFAULT_JSON_STYLE;
  if (existing) {
    if (req.pattern === 2) {
      const values: [string, JsonValue][] = [];
      if (typeof rawEntry!.package !== 'string') values.push(['package', pkgName!]);
      if (typeof rawEntry!.versionNumber !== 'string') values.push(['versionNumber', NEW_VERSION_NUMBER]);
      if (!existing.explicitType) values.push(['type', 'source']);
      values.push(['postDeploymentScript', script!]);
      changes.push(entryEdit(sfdx!, existing.index, values));
    }
  } else {
    const entry: Record<string, JsonValue> = req.pattern === 1
      ? { path: pkgRel, package: pkgName!, versionNumber: NEW_VERSION_NUMBER }
      : { path: pkgRel, package: pkgName!, versionNumber: NEW_VERSION_NUMBER, type: 'source', postDeploymentScript: script! };
    packageEntryAdded = true;
    if (!sfdx) {
      projectFileCreated = true;
      const root = model.root.slice(model.root.lastIndexOf('/') + 1);
      const project: Record<string, JsonValue> = {
        packageDirectories: [{ ...entry, default: true }],
        name: kebab(root),
        namespace: '',
        sfdcLoginUrl: 'https://login.salesforce.com',
        sourceApiVersion: DEFAULT_API_VERSION,
      };
      changes.push({ kind: 'create', path: `${model.root}/${PROJECT_FILE}`, text: render(project, '', jsonStyle, false) + jsonStyle.eol });
    } else {
      changes.push(newEntryChange(sfdx, entry, jsonStyle));
    }
  }

  // The header, styled like the project's other ECA files.
  const sample = [...model.components.values()].sort((a, b) => a.path.localeCompare(b.path))[0];
  const style = xmlStyleOf(sample ? src.read(sample.path) : undefined);
  const headerPath = `${existing ? sourceRoot(src, existing) : pkgPath}/${sourceFileOf(HEADER_TYPE, name)}`;
  if (src.exists(headerPath)) throw new AuthoringError('CONFLICT', `${relOf(model, headerPath)} exists already.`);
  changes.push({
    kind: 'create',
    path: headerPath,
    text: headerXml({
      label: req.label?.trim() || name.replace(/_/g, ' '),
      contactEmail: req.contactEmail,
      description: req.description?.trim() || (req.pattern === 1
        ? 'Pattern 1: created on the DevHub, retrieved with its OAuth settings (oauthLink), shipped in an unlocked package.'
        : 'Pattern 2: deployed as source; the postDeploymentScript bootstraps an OAuth consumer on each org.'),
      distributionState: req.pattern === 1 ? 'Packaged' : 'Local',
    }, style),
  });

  const fi = forceignoreChange(src, jsonStyle.eol);
  if (fi) changes.push(fi);

  if (req.pattern === 1) {
    nextSteps.push(
      `Create ${name} on the DevHub (Setup → External Client App Manager → New), enable OAuth with its callback URL and scopes, then run "ECA: Retrieve External Client App from DevHub" (or \`eca-check retrieve --eca ${name}\`): it brings the OAuth settings with the oauthLink into '${pkgRel}'. The oauthLink cannot be written by hand.`,
      `Register the unlocked package once: \`sf package create --name ${pkgName ?? pkgRel} --package-type Unlocked --path ${pkgRel} --target-dev-hub <devhub>\`.`,
    );
  } else {
    nextSteps.push(
      `Check CALLBACK_URL, SCOPES and CLIENT_CREDENTIALS at the top of ${script}; sfp runs it after deploying '${pkgName ?? pkgRel}'.`,
    );
  }
  nextSteps.push(`Scaffold the per-environment policies (run-as user per org) with "ECA: Scaffold Environment Policy Folders" or \`eca-check scaffold --eca ${name} --env default --env <alias>\`.`);

  const merged = mergeChanges(changes);
  return {
    eca: name,
    pattern: req.pattern,
    packageDir: pkgRel,
    packageName: pkgName,
    packageEntryAdded,
    projectFileCreated,
    header: relOf(model, headerPath),
    script,
    created: merged.filter((c) => c.kind === 'create').map((c) => relOf(model, (c as { path: string }).path)),
    nextSteps,
    changes: merged,
  };
}

/** Insert a package entry before the first aliasfy package (ECA → OAuth → policies), else at the end. */
function newEntryChange(sfdx: ProjectText, entry: Record<string, JsonValue>, style: typeof DEFAULT_JSON_STYLE): FileChange {
  const dirs = sfdx.project.packageDirs;
  const firstAliasfy = dirs.find((d) => d.aliasfy);
  const hasArray = /"packageDirectories"\s*:\s*\[/.test(sfdx.text);
  const raw = (sfdx.project.json as { packageDirectories?: unknown } | undefined)?.packageDirectories;
  const count = Array.isArray(raw) ? raw.length : 0;
  const at = firstAliasfy ? firstAliasfy.index : count;
  const edits = hasArray
    ? insertElement(sfdx.text, ['packageDirectories'], at, { ...entry, ...(count === 0 ? { default: true } : {}) }, style)
    : insertProperty(sfdx.text, [], 'packageDirectories', [{ ...entry, default: true }], style);
  return editChange(sfdx.path, sfdx.text, edits);
}
