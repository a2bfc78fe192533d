// Retrieval of External Client Apps from an org into an SFDX project, in two phases:
// prepareRetrieve() talks to the org and computes a plan (files, states, diffs) without touching
// the workspace; applyRetrievePlan() writes it as one unit. Cancel (AbortSignal) is honoured until
// the write starts; a failure or a cancel leaves the workspace exactly as it was.
//
// The satellites of an app (OAuth settings, policies, ...) are found by their
// `externalClientApplication` field (listMetadata of each satellite type + readMetadata), never by
// guessing names: the OAuth settings are usually not named like the app.
import { isAbsolute, resolve } from 'node:path';
import { abortable as abortableBy, throwIfCancelled } from './abort';
import { writeAtomically } from './commit';
import { cancelled, isRetrieveError, loginCommand, redact, retrieveError, type RetrieveError } from './errors';
import { planFiles, type PlannedFile } from './plan';
import { findProjectRoot, readProject, type ProjectInfo } from './project';
import { loadSfLib, type FileProps, type LoginList, type OrgSession } from './sfLoader';
import { ECA_TYPE, satelliteTypes } from './types';
import { sortOutZip } from './zipContent';

export interface RetrieveOptions {
  /** Alias or username of a stored `sf` login. */
  targetOrg: string;
  /** Developer names of the ECAs to retrieve. */
  ecas: string[];
  /** Project root (holds sfdx-project.json), or the folder to resolve `outputDir` against. */
  projectRoot: string;
  /** Target folder for every app (project-relative or absolute). Default: see plan.ts. */
  outputDir?: string;
  signal?: AbortSignal;
  progress?: (message: string) => void;
  /** Give up waiting for the org's retrieve after this long (default 10 minutes). */
  timeoutMs?: number;
}

export interface RetrievePlan {
  org: { username: string; orgId: string; instanceUrl: string; apiVersion: string };
  projectRoot: string;
  files: PlannedFile[];
  warnings: string[];
  /** Per app: the folder its files go to. */
  targets: Record<string, string>;
  /** For each app: the satellites found by their externalClientApplication field. */
  satellites: Record<string, { type: string; fullName: string }[]>;
}

export interface ApplyResult {
  written: PlannedFile[];
  unchanged: PlannedFile[];
}

function check(signal?: AbortSignal): void {
  throwIfCancelled(signal, cancelled);
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  return abortableBy(p, signal, cancelled);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return abortable(new Promise<void>((r) => setTimeout(r, ms)), signal);
}

/** Turns a library or org error into a RetrieveError with a message a user can act on. */
export function toRetrieveError(e: unknown, targetOrg: string, step: string): RetrieveError {
  if (isRetrieveError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const text = `${err.name ?? ''} ${err.message ?? ''}`;
  if (/INVALID_SESSION_ID|invalid_grant|expired access\/refresh token|RefreshTokenAuthError|Bad_OAuth_Token/i.test(text)) {
    return retrieveError(
      'SESSION_EXPIRED',
      `The login for '${targetOrg}' has expired and could not be refreshed. Log in again with: ${loginCommand(targetOrg)}`,
      loginCommand(targetOrg),
    );
  }
  if (/NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound/i.test(err.name ?? '')) {
    return retrieveError(
      'NO_LOGIN',
      `No Salesforce login found for '${targetOrg}'. Log in first with: ${loginCommand(targetOrg)}`,
      loginCommand(targetOrg),
    );
  }
  const detail = redact(`${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}`);
  return retrieveError('ORG_ERROR', `The org returned an error while ${step}: ${detail}`);
}

function resolveProject(projectRoot: string, outputDir?: string): ProjectInfo {
  const root = findProjectRoot(projectRoot);
  if (root) return readProject(root);
  if (!outputDir) {
    throw retrieveError('PROJECT', `No sfdx-project.json in ${projectRoot} or above it; run inside an SFDX project or pass --output-dir.`);
  }
  // No project: the output folder is the only "package directory".
  const abs = isAbsolute(outputDir) ? outputDir : resolve(projectRoot, outputDir);
  return { root: resolve(projectRoot), packageDirs: [{ path: outputDir, abs, isDefault: true, kind: 'plain', aliasfy: false }] };
}

/** The user's stored logins (target-dev-hub first). Loads the Salesforce libraries. */
export async function listOrgLogins(projectRoot?: string): Promise<LoginList> {
  const root = projectRoot ? findProjectRoot(projectRoot) : undefined;
  return loadSfLib().listLogins(root);
}

/** Opens the org and lists its ECAs (sorted by name). */
export async function listOrgEcas(
  targetOrg: string,
  projectRoot?: string,
  signal?: AbortSignal,
): Promise<{ org: { username: string; orgId: string }; ecas: FileProps[] }> {
  let step = 'opening the connection';
  try {
    const lib = loadSfLib();
    const root = projectRoot ? findProjectRoot(projectRoot) : undefined;
    const session = await abortable(lib.openOrg(targetOrg, root), signal);
    step = 'listing External Client Apps';
    const ecas = await abortable(session.listMetadata([ECA_TYPE]), signal);
    ecas.sort((a, b) => a.fullName.localeCompare(b.fullName));
    return { org: { username: session.username, orgId: session.orgId }, ecas };
  } catch (e) {
    throw toRetrieveError(e, targetOrg, step);
  }
}

function isInvalidType(e: unknown): boolean {
  return e instanceof Error && /INVALID_TYPE/.test(`${e.name} ${e.message}`);
}

async function findSatellites(
  session: OrgSession,
  apps: Set<string>,
  signal: AbortSignal | undefined,
  progress: (m: string) => void,
  setStep: (s: string) => void,
  warnings: string[],
): Promise<Map<string, { type: string; fullName: string }[]>> {
  const apiVersion = Number(session.apiVersion);
  const types = satelliteTypes(Number.isFinite(apiVersion) ? apiVersion : 64).map((t) => t.name);
  setStep('listing satellite metadata');
  progress('Looking for OAuth settings and policies');
  let listed: FileProps[];
  try {
    listed = await abortable(session.listMetadata(types), signal);
  } catch (e) {
    // An org may not know every type of its API version (pilot types): list one by one and
    // leave out the ones it rejects as unknown.
    if (!isInvalidType(e)) throw e;
    listed = [];
    for (const t of types) {
      try {
        listed.push(...(await abortable(session.listMetadata([t]), signal)));
      } catch (e2) {
        if (!isInvalidType(e2)) throw e2;
        warnings.push(`The org does not know the type ${t}; it was not searched.`);
      }
    }
  }
  const byType = new Map<string, string[]>();
  for (const f of listed) {
    if (!types.includes(f.type)) continue;
    byType.set(f.type, [...(byType.get(f.type) ?? []), f.fullName]);
  }
  const result = new Map<string, { type: string; fullName: string }[]>();
  for (const app of apps) result.set(app, []);
  setStep('reading satellite metadata');
  for (const [type, names] of byType) {
    check(signal);
    const records = await abortable(session.readMetadata(type, names), signal);
    for (const r of records) {
      const app = typeof r.externalClientApplication === 'string' ? r.externalClientApplication.trim() : '';
      const fullName = String(r.fullName ?? '');
      if (app && apps.has(app) && fullName) result.get(app)!.push({ type, fullName });
    }
  }
  return result;
}

export async function prepareRetrieve(opts: RetrieveOptions): Promise<RetrievePlan> {
  const { signal } = opts;
  const progress = opts.progress ?? (() => undefined);
  const apps = [...new Set(opts.ecas.map((e) => e.trim()).filter(Boolean))];
  if (apps.length === 0) throw retrieveError('USAGE', 'Name at least one External Client App to retrieve.');
  const project = resolveProject(opts.projectRoot, opts.outputDir);
  let step = 'opening the connection';
  try {
    check(signal);
    const lib = loadSfLib();
    progress(`Connecting to ${opts.targetOrg}`);
    const session = await abortable(lib.openOrg(opts.targetOrg, findProjectRoot(opts.projectRoot)), signal);

    step = 'listing External Client Apps';
    progress('Listing External Client Apps');
    const listed = await abortable(session.listMetadata([ECA_TYPE]), signal);
    const known = new Set(listed.map((f) => f.fullName));
    const missing = apps.filter((a) => !known.has(a));
    if (missing.length) {
      const available = [...known].sort().slice(0, 30).join(', ') || '(none)';
      throw retrieveError(
        'NOT_FOUND',
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not an External Client App in ${session.username}. Apps in that org: ${available}`,
      );
    }
    const appSet = new Set(apps);
    const earlyWarnings: string[] = [];
    const satellites = await findSatellites(session, appSet, signal, progress, (s) => (step = s), earlyWarnings);

    step = 'starting the retrieve';
    progress(`Retrieving ${apps.length === 1 ? apps[0] : `${apps.length} apps`}`);
    const members = new Map<string, string[]>([[ECA_TYPE, [...apps].sort()]]);
    for (const list of satellites.values()) {
      for (const s of list) members.set(s.type, [...(members.get(s.type) ?? []), s.fullName]);
    }
    const types = [...members.entries()].map(([name, m]) => ({ name, members: [...new Set(m)].sort() }));
    const id = await abortable(session.startRetrieve(types), signal);

    step = 'waiting for the retrieve';
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60 * 1000);
    let wait = 200;
    let status = await abortable(session.checkRetrieveStatus(id), signal);
    while (!status.done) {
      if (Date.now() > deadline) throw retrieveError('ORG_ERROR', `The org did not finish the retrieve (${id}) in time.`);
      await sleep(wait, signal);
      wait = Math.min(wait * 2, 2000);
      status = await abortable(session.checkRetrieveStatus(id), signal);
    }
    check(signal);
    if (status.status !== 'Succeeded') {
      const why = redact(status.errorMessage ?? status.messages.map((m) => m.problem).join('; ') ?? '');
      throw retrieveError('ORG_ERROR', `The retrieve ended with status ${status.status || '(none)'}${why ? `: ${why}` : ''}`);
    }
    if (!status.zipFile) throw retrieveError('BAD_ZIP', "The org's answer has no zip file; nothing was written.");

    step = 'reading the zip';
    progress('Unpacking');
    let entries;
    try {
      entries = await lib.unzip(Buffer.from(status.zipFile, 'base64'));
    } catch (e) {
      throw retrieveError('BAD_ZIP', `The zip in the org's answer could not be read (${redact((e as Error).message)}); nothing was written.`);
    }
    check(signal);
    const sorted = sortOutZip(entries, appSet);
    const warnings = [...earlyWarnings, ...sorted.warnings];
    for (const m of status.messages) warnings.push(`The org reported: ${redact(m.problem)}`);
    const absent = apps.filter((a) => !sorted.components.some((c) => c.app === a && c.type.name === ECA_TYPE));
    if (absent.length) {
      throw retrieveError('NOT_FOUND', `The org's answer did not include ${absent.join(', ')}; nothing was written.`);
    }
    for (const [app, list] of satellites) {
      for (const s of list) {
        if (!sorted.components.some((c) => c.type.name === s.type && c.fullName === s.fullName)) {
          warnings.push(`${s.type} ${s.fullName} (of ${app}) was listed by the org but not in its answer.`);
        }
      }
    }

    step = 'planning the files';
    const planned = planFiles(project, sorted.components, apps, opts.outputDir);
    const sat: Record<string, { type: string; fullName: string }[]> = {};
    for (const [app, list] of satellites) sat[app] = list;
    return {
      org: { username: session.username, orgId: session.orgId, instanceUrl: session.instanceUrl, apiVersion: session.apiVersion },
      projectRoot: project.root,
      files: planned.files,
      warnings: [...warnings, ...planned.warnings],
      targets: planned.targets,
      satellites: sat,
    };
  } catch (e) {
    throw toRetrieveError(e, opts.targetOrg, step);
  }
}

/**
 * Writes the plan. Changed local files are replaced only with `replace: true` (after the user saw
 * the diffs); otherwise a CONFLICT error lists them and nothing is written.
 */
export async function applyRetrievePlan(
  plan: RetrievePlan,
  opts: { replace?: boolean; signal?: AbortSignal } = {},
): Promise<ApplyResult> {
  const changed = plan.files.filter((f) => f.state === 'Changed');
  if (changed.length && !opts.replace) {
    throw retrieveError(
      'CONFLICT',
      `${changed.length} local file${changed.length === 1 ? '' : 's'} would be replaced: ${changed.map((f) => f.path).join(', ')}. Nothing was written; review the differences and confirm (CLI: --force).`,
    );
  }
  const toWrite = plan.files.filter((f) => f.state !== 'Unchanged');
  check(opts.signal);
  await writeAtomically(
    toWrite.map((f) => ({ absPath: f.absPath, content: f.content, existing: f.existing })),
    opts.signal,
  );
  return { written: toWrite, unchanged: plan.files.filter((f) => f.state === 'Unchanged') };
}
