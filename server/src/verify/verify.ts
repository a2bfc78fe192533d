// Verify against an org: resolve exactly the ECA files that org receives (receive.ts), ask the org
// about the records they name (users, permission sets, profiles, the app itself; the oauthLink
// against the Dev Hub), then ask the platform itself with a check-only Metadata API deploy
// (checkOnly=true, testLevel NoTestRun: nothing is saved in the org) of exactly those components,
// polled to completion. Every componentFailure becomes a diagnostic on the source file and line it
// came from, with the platform's own message. Nothing is written anywhere: the zip is built in
// memory from the files' bytes; the Salesforce libraries log nothing to disk (sfLoader).
import { VERIFY_CODES } from '../engine/rules/reported';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import type { EngineDiagnostic, Range, Severity } from '../engine/types';
import { parseFile } from '../engine/document';
import { localName, valueOf, valueSpan } from '../engine/xml/scanner';
import { HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE } from '../engine/schema';
import { isInside, normalize, stripNamespace, type ProjectModel } from '../engine/project/model';
import { findProjectRoot } from '../engine/project/scan';
import type { OrgKind } from '../engine/project/orgs';
import { abortable as abortableBy, throwIfCancelled } from '../retrieve/abort';
import { isRetrieveError, loginCommand, retrieveError, type RetrieveError } from '../retrieve/errors';
import { toRetrieveError } from '../retrieve/retrieve';
import { loadSfLib, type DeployMessage, type DeployStatus, type OrgSession } from '../retrieve/sfLoader';
import { loadProjectToVerify, resolveReceived, within, type ReceivedEcaFile } from './receive';

export interface VerifyDiagnostic extends EngineDiagnostic {
  /** Names the org that gave the answer. */
  source: string;
}

export interface VerifyOptions {
  /** Alias or username of a stored `sf` login. */
  targetOrg: string;
  /** Where to look for sfdx-project.json when no path is given (the CLI's cwd). */
  cwd: string;
  /** Only files under these paths are verified (all the org receives when empty). */
  paths?: string[];
  /** Home of the sf state (default $HOME). */
  home?: string;
  signal?: AbortSignal;
  progress?: (message: string) => void;
  /** Give up waiting for the deploy after this long (default 10 minutes). */
  timeoutMs?: number;
}

export interface VerifyResult {
  org: { target: string; env: string; username: string; orgId: string; kind: OrgKind };
  projectRoot: string;
  source: string;
  files: ReceivedEcaFile[];
  diagnostics: VerifyDiagnostic[];
  notes: string[];
  deploy?: { id: string; status: string; checkOnly: true; numberComponentErrors: number };
}

/** The codes verify reports, declared with their catalogue entries in engine/rules/reported.ts. */
export { VERIFY_CODES };

export function verifyCancelled(): RetrieveError {
  return retrieveError('CANCELLED', 'Verify cancelled: nothing was deployed and nothing was written.');
}

function check(signal?: AbortSignal): void {
  throwIfCancelled(signal, verifyCancelled);
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  return abortableBy(p, signal, verifyCancelled);
}

const sleep = (ms: number, signal?: AbortSignal) => abortable(new Promise<void>((r) => setTimeout(r, ms)), signal);

/** A library or org error as a RetrieveError; unreachable orgs get a message that says so. */
function orgError(e: unknown, targetOrg: string, step: string): RetrieveError {
  if (isRetrieveError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const text = `${err.name} ${err.message} ${cause?.code ?? ''} ${cause?.message ?? ''}`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up|fetch failed|other side closed/i.test(text)) {
    const why = /ECONNREFUSED/.test(text) ? 'connection refused' : /ENOTFOUND|EAI_AGAIN/.test(text) ? 'host not found' : /ETIMEDOUT/.test(text) ? 'timed out' : 'the connection failed';
    return retrieveError('ORG_ERROR', `Could not reach the org '${targetOrg}' while ${step} (${why}). Nothing was deployed.`);
  }
  return toRetrieveError(e, targetOrg, step);
}

function soqlList(values: string[]): string {
  return values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** The element values (and their ranges) a lookup needs, read from a file's current bytes. */
function elements(path: string, names: string[]): Map<string, { value: string; range: Range }> {
  const out = new Map<string, { value: string; range: Range }>();
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return out; }
  const pf = parseFile(path, text);
  for (const c of pf.xml.root?.children ?? []) {
    const n = localName(c.name);
    if (!names.includes(n) || out.has(n)) continue;
    const [a, b] = valueSpan(c);
    out.set(n, { value: valueOf(c), range: pf.lines.range(a, b) });
  }
  return out;
}

function splitNames(csv: string): string[] {
  return csv.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The environment name sfp matches folders against: the alias given, or the one alias of a username. */
function envName(model: ProjectModel, targetOrg: string, username: string): string {
  if (model.orgs.aliases.has(targetOrg)) return targetOrg;
  const aliases = [...model.orgs.aliases].filter(([, u]) => u === username).map(([a]) => a);
  if (aliases.length === 1) return aliases[0];
  const folders = new Set((model.sfdx?.packageDirs ?? []).filter((p) => p.aliasfy).flatMap((p) => model.fs.listDirs(p.path)));
  const withFolder = aliases.filter((a) => folders.has(a));
  return withFolder.length === 1 ? withFolder[0] : aliases[0] ?? targetOrg;
}

export async function verifyAgainstOrg(opts: VerifyOptions): Promise<VerifyResult> {
  const { targetOrg, signal } = opts;
  const progress = opts.progress ?? (() => undefined);
  const paths = (opts.paths ?? []).map((p) => normalize(resolve(opts.cwd, p)));
  const start = paths[0] ?? normalize(resolve(opts.cwd));
  const root = findProjectRoot(start);
  if (!root) throw retrieveError('PROJECT', `No sfdx-project.json in ${start} or above it: verify needs an SFDX project to know what the org receives.`);
  for (const p of paths) {
    if (!isInside(p, root)) throw retrieveError('USAGE', `${p} is not inside the project ${root}; verify one project at a time.`);
  }
  const home = opts.home ?? process.env.HOME ?? homedir();
  const project = loadProjectToVerify(root, home);
  const { model } = project;
  check(signal);

  progress(`Connecting to ${targetOrg}`);
  let session: OrgSession;
  try {
    session = await abortable(loadSfLib().openOrg(targetOrg, root), signal);
  } catch (e) {
    throw orgError(e, targetOrg, 'opening the connection');
  }
  let facts;
  try {
    facts = await abortable(session.orgFacts(), signal);
  } catch (e) {
    throw orgError(e, targetOrg, 'reading the Organization record');
  }
  const kind: OrgKind = facts.isScratch ? 'scratch' : facts.isSandbox ? 'sandbox' : 'production';
  const env = envName(model, targetOrg, session.username);
  const source = `org ${targetOrg}`;
  const resolution = resolveReceived(project, { env, username: session.username, orgId: session.orgId, kind });
  const org = { target: targetOrg, env, username: session.username, orgId: session.orgId, kind };
  if (resolution.refusal) throw retrieveError('USAGE', resolution.refusal);
  const files = within(resolution.files, paths);
  const notes = [`${targetOrg} is a ${kind} org (${session.username}); sfp matches folders against '${env}'.`, ...resolution.notes];
  if (paths.length) {
    // Files the user pointed at that this org does not receive are named, never judged.
    const received = new Set(files.map((f) => f.path));
    const skipped = [...model.components.keys()].filter((c) => !received.has(c) && paths.some((p) => isInside(c, p))).sort();
    for (const s of skipped) notes.push(`${s}: not received by ${targetOrg} (another environment's folder, ignored, or outside the package directories); not verified.`);
  }
  if (!files.length) {
    notes.push(`${targetOrg} receives no ECA file${paths.length ? ' under the given paths' : ''}: nothing to verify.`);
    return { org, projectRoot: root, source, files, diagnostics: [], notes };
  }
  const diagnostics: VerifyDiagnostic[] = [];
  const diag = (path: string, range: Range, code: string, message: string, severity: Severity = 'error') =>
    diagnostics.push({ path, range, code, message, severity, source });
  const replaced = (v: string) => model.isReplaced(v);

  // ---- lookups
  progress(`Looking up users, permission sets, profiles and apps in ${targetOrg}`);
  const policyEls = new Map<string, Map<string, { value: string; range: Range }>>();
  for (const f of files.filter((x) => x.type === OAUTH_POLICIES_TYPE)) {
    policyEls.set(f.path, elements(f.path, ['clientCredentialsFlowUser', 'commaSeparatedPermissionSet', 'commaSeparatedProfile']));
  }
  const wanted = (el: string, split: boolean) => {
    const s = new Set<string>();
    for (const els of policyEls.values()) {
      const v = els.get(el)?.value;
      if (!v || replaced(v)) continue;
      for (const n of split ? splitNames(v) : [v]) s.add(n);
    }
    return [...s];
  };
  const query = async (soql: string, what: string) => {
    try {
      return await abortable(session.query(soql), signal);
    } catch (e) {
      throw orgError(e, targetOrg, `looking up ${what}`);
    }
  };
  const users = wanted('clientCredentialsFlowUser', false);
  if (users.length) {
    const rows = await query(`SELECT Id, Username, IsActive FROM User WHERE Username IN (${soqlList(users)})`, 'users');
    const found = new Map(rows.map((r) => [str(r.Username).toLowerCase(), r.IsActive === true || str(r.IsActive) === 'true']));
    for (const [path, els] of policyEls) {
      const u = els.get('clientCredentialsFlowUser');
      if (!u?.value || replaced(u.value)) continue;
      const active = found.get(u.value.toLowerCase());
      if (active === true) continue;
      diag(path, u.range, VERIFY_CODES.user, active === false
        ? `The run-as user '${u.value}' is not active in ${targetOrg}: the client credentials flow needs an active user of that org ("Enter a valid execution user for the OAuth client credentials flow").`
        : `No user '${u.value}' in ${targetOrg}: the client credentials flow runs as a user of that org, and usernames are unique across all orgs ("Enter a valid execution user for the OAuth client credentials flow").`);
    }
  }
  for (const [el, sobject, code, label] of [
    ['commaSeparatedPermissionSet', 'PermissionSet', VERIFY_CODES.permissionSet, 'permission set'],
    ['commaSeparatedProfile', 'Profile', VERIFY_CODES.profile, 'profile'],
  ] as const) {
    const names = wanted(el, true);
    if (!names.length) continue;
    const rows = await query(`SELECT Id, Name FROM ${sobject} WHERE Name IN (${soqlList(names)})`, `${label}s`);
    const found = new Set(rows.map((r) => str(r.Name)));
    for (const [path, els] of policyEls) {
      const v = els.get(el);
      if (!v?.value || replaced(v.value)) continue;
      const missing = splitNames(v.value).filter((n) => !found.has(n));
      if (missing.length) {
        diag(path, v.range, code, `${targetOrg} has no ${label}${missing.length > 1 ? 's' : ''} named ${missing.map((m) => `'${m}'`).join(', ')}: policies take ${label} names that exist in the target org ("We couldn't find ${label}s called …").`);
      }
    }
  }
  // The app must be in the org when only its satellites are deployed.
  const headers = new Set(files.filter((f) => f.type === HEADER_TYPE).map((f) => f.name));
  const orphans = files.filter((f) => f.type !== HEADER_TYPE && f.eca && !headers.has(stripNamespace(f.eca)));
  if (orphans.length) {
    let orgApps: Set<string>;
    try {
      const listed = await abortable(session.listMetadata([HEADER_TYPE]), signal);
      orgApps = new Set(listed.flatMap((p) => [p.fullName, stripNamespace(p.fullName)]));
    } catch (e) {
      throw orgError(e, targetOrg, 'listing its External Client Apps');
    }
    for (const f of orphans) {
      if (orgApps.has(f.eca!) || orgApps.has(stripNamespace(f.eca!))) continue;
      const c = model.components.get(f.path);
      diag(f.path, c?.ranges.eca ?? c?.ranges.root ?? zero(), VERIFY_CODES.app,
        `${targetOrg} has no External Client App '${f.eca}', and this deploy does not include its header: the platform refuses satellites of an app the org does not have (INVALID_CROSS_REFERENCE_KEY).`);
    }
  }
  // oauthLink: the consumer lives in the Dev Hub; a link to another org is refused.
  const hub = model.orgs.devHub;
  const hubId = hub?.org?.orgId?.slice(0, 15);
  for (const f of files.filter((x) => x.type === OAUTH_SETTINGS_TYPE)) {
    const c = model.components.get(f.path);
    const link = c?.oauthLink;
    if (!link || replaced(link)) continue;
    const linkOrg = link.split(':')[0].slice(0, 15);
    if (!hubId) {
      notes.push(`${f.path}: the Dev Hub is not known on this machine (no target-dev-hub), so its oauthLink was not compared.`);
      continue;
    }
    // A link to the target org itself resolves there (its own retrieve deployed back): not a mismatch.
    if (linkOrg !== hubId && linkOrg !== session.orgId?.slice(0, 15)) {
      diag(f.path, c?.ranges.oauthLink ?? zero(), VERIFY_CODES.oauthLink,
        `oauthLink points at org ${linkOrg}, but the Dev Hub '${hub!.aliasOrUsername}' is ${hubId}: the OAuth consumer must come from the Dev Hub, and a link the org cannot resolve fails the deploy ("There was a problem with the OAuth link. The app either isn't available on this instance"). Retrieve the OAuth settings from the Dev Hub.`);
    }
  }
  check(signal);

  // ---- the platform's own answer: a check-only deploy of exactly these components
  const lib = loadSfLib();
  const byZip = new Map<string, ReceivedEcaFile>();
  const entries: { path: string; data: Buffer }[] = [];
  for (const f of files) {
    if (byZip.has(f.zipPath)) {
      notes.push(`${f.path}: the same component as ${byZip.get(f.zipPath)!.path}; only the first is in the check-only deploy.`);
      continue;
    }
    byZip.set(f.zipPath, f);
    entries.push({ path: f.zipPath, data: readFileSync(f.path) });
  }
  const types = new Map<string, string[]>();
  for (const f of byZip.values()) types.set(f.type, [...(types.get(f.type) ?? []), f.name]);
  let pkg = '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n';
  for (const [type, members] of [...types].sort((a, b) => a[0].localeCompare(b[0]))) {
    pkg += '    <types>\n';
    for (const m of members.sort()) pkg += `        <members>${xmlEscape(m)}</members>\n`;
    pkg += `        <name>${type}</name>\n    </types>\n`;
  }
  pkg += `    <version>${session.apiVersion}</version>\n</Package>\n`;
  entries.unshift({ path: 'package.xml', data: Buffer.from(pkg, 'utf8') });
  const zip = await lib.zip(entries);
  check(signal);

  progress(`Asking ${targetOrg} to validate ${byZip.size} component(s) (check-only deploy, no tests)`);
  let id: string;
  try {
    id = await abortable(session.startCheckOnlyDeploy(zip), signal);
  } catch (e) {
    throw orgError(e, targetOrg, 'starting the check-only deploy');
  }
  let status: DeployStatus;
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60 * 1000);
  let wait = 200;
  try {
    for (;;) {
      await sleep(wait, signal);
      wait = Math.min(2000, Math.round(wait * 1.5));
      try {
        status = await abortable(session.checkDeployStatus(id), signal);
      } catch (e) {
        throw orgError(e, targetOrg, 'waiting for the check-only deploy');
      }
      if (status.done) break;
      progress(`Waiting for ${targetOrg} (${status.status || 'Queued'})`);
      if (Date.now() > deadline) {
        throw retrieveError('ORG_ERROR', `The check-only deploy ${id} did not finish within ${Math.round((opts.timeoutMs ?? 600000) / 1000)} s; see Deployment Status in ${targetOrg}.`);
      }
    }
  } catch (e) {
    if (isRetrieveError(e) && e.code === 'CANCELLED') {
      // Tidy up in the org; a check-only deploy saves nothing either way.
      await Promise.race([session.cancelDeploy(id).catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
      throw retrieveError('CANCELLED', `Verify cancelled: the check-only deploy ${id} was cancelled in ${targetOrg} (a check-only deploy saves nothing); nothing was written.`);
    }
    throw e;
  }
  if (status.status === 'Canceled' || status.status === 'Canceling') {
    throw retrieveError('ORG_ERROR', `The check-only deploy ${id} was cancelled in ${targetOrg} before it finished.`);
  }
  const sfdxProject = `${root}/sfdx-project.json`;
  for (const m of status.componentFailures) {
    const f = fileOf(m, byZip);
    const severity: Severity = /warning/i.test(m.problemType) ? 'warning' : 'error';
    const message = platformText(m.problem) || `${m.componentType} ${m.fullName} failed`;
    if (f) diag(f.path, rangeAt(f.path, m, model), VERIFY_CODES.deploy, message, severity);
    else diag(sfdxProject, zero(), VERIFY_CODES.deploy, `${m.fileName || `${m.componentType} ${m.fullName}`}: ${message}`, severity);
  }
  if (!status.success && !status.componentFailures.length) {
    diag(sfdxProject, zero(), VERIFY_CODES.deploy, platformText(status.errorMessage ?? '') || `The check-only deploy failed in ${targetOrg} (${status.status}).`);
  }
  diagnostics.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return {
    org, projectRoot: root, source, files, diagnostics, notes,
    deploy: { id, status: status.status, checkOnly: true, numberComponentErrors: status.numberComponentErrors },
  };
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The platform's message as it is, minus any credential element's content it might quote. */
function platformText(s: string): string {
  return s.replace(/<(consumerSecret|consumerKey|password|privateKey)\b[^>]*>[\s\S]*?<\/\1\s*>/g, '<$1>[redacted]</$1>').trim();
}

/** The source file a componentFailure is about: by its zip path (with or without a package folder), else by type and name. */
function fileOf(m: DeployMessage, byZip: Map<string, ReceivedEcaFile>): ReceivedEcaFile | undefined {
  const name = m.fileName.replace(/\\/g, '/');
  const direct = byZip.get(name) ?? byZip.get(name.replace(/^[^/]+\//, ''));
  if (direct) return direct;
  for (const f of byZip.values()) if (f.type === m.componentType && f.name === m.fullName) return f;
  return undefined;
}

/** The range of a failure: its line and column (1-based from the org) to the end of that line; else the root element. */
function rangeAt(path: string, m: DeployMessage, model: ProjectModel): Range {
  if (m.lineNumber && m.lineNumber > 0) {
    let lines: string[] = [];
    try { lines = readFileSync(path, 'utf8').split('\n'); } catch { /* range without text */ }
    const line = Math.min(m.lineNumber - 1, Math.max(0, lines.length - 1));
    const text = (lines[line] ?? '').replace(/\r$/, '');
    const endChar = text.replace(/\s+$/, '').length;
    const startChar = m.columnNumber && m.columnNumber > 0 ? Math.min(m.columnNumber - 1, endChar) : text.length - text.trimStart().length;
    return { start: { line, character: startChar }, end: { line, character: Math.max(startChar, endChar) } };
  }
  return model.components.get(path)?.ranges.root ?? zero();
}

export { loginCommand };
