// Test harness for the retrieve feature. Importing it FIRST isolates the process: HOME points at a
// fresh temp dir (so the real @salesforce/core writes its auth files, aliases and config there, as
// `sf org login` would), the generic keychain and no telemetry are forced, and any SF_/SFDX_
// variable from the caller's environment is dropped. Core itself loads lazily afterwards.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, lstatSync, rmSync, writeFileSync, readlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { OrgSim } from '../org-sim/server.js';
import { tempDir } from './fs';

for (const k of Object.keys(process.env)) if (/^(SF|SFDX)_/.test(k)) delete process.env[k];
export const HOME = tempDir('eca-home-');
process.on('exit', () => rmSync(HOME, { recursive: true, force: true }));
process.env.HOME = HOME;
process.env.USERPROFILE = HOME;
process.env.SF_USE_GENERIC_UNIX_KEYCHAIN = 'true';
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_SKIP_NEW_VERSION_CHECK = 'true';

/** The environment for child processes (CLI runs): the same isolated HOME. */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, HOME, USERPROFILE: HOME };
}

/** The repository root (tests run from out/test/<tier>/). */
export const REPO = join(__dirname, '..', '..', '..');

// The test's own use of @salesforce/core, to create logins the way `sf org login` leaves them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
type Core = typeof import('@salesforce/core');
let core: Core | undefined;
function sfCore(): Core {
  // Loaded on first use, after HOME was set above.
  core ??= require('@salesforce/core') as Core;
  return core;
}

/**
 * Logs in to the simulated org as `sf org login web --alias <alias>` would: a refresh-token auth
 * (through the sim's token endpoint), the alias, and optionally the global target-dev-hub.
 * `refresh: false` stores an access token only (no refresh possible).
 */
export async function loginToSim(sim: OrgSim, alias: string, opts: { refresh?: boolean; setDevHub?: boolean } = {}): Promise<string> {
  const { AuthInfo, StateAggregator, Config } = sfCore();
  const tokens = sim.issueTokens();
  const auth =
    opts.refresh === false
      ? await AuthInfo.create({
          username: sim.username,
          accessTokenOptions: { accessToken: tokens.accessToken, instanceUrl: sim.url, loginUrl: sim.url },
        })
      : await AuthInfo.create({
          username: sim.username,
          oauth2Options: { refreshToken: tokens.refreshToken, loginUrl: sim.url, clientId: 'PlatformCLI' },
        });
  await auth.save();
  await StateAggregator.clearInstanceAsync();
  const state = await StateAggregator.getInstance();
  await state.aliases.setAndSave(alias, sim.username);
  if (opts.setDevHub) {
    const config = await Config.create({ isGlobal: true });
    config.set('target-dev-hub', alias);
    await config.write();
  }
  return sim.username;
}

export interface ProjectLayout {
  packageDirectories?: Record<string, unknown>[];
  files?: Record<string, string>;
}

/**
 * An SFDX project in a fresh temp dir: by default `force-app` (default, plain) and `eca-pkg` (an
 * unlocked package), plus the given files (project-relative path -> content).
 */
export function makeProject(layout: ProjectLayout = {}): string {
  const root = tempDir('eca-ws-');
  const dirs = layout.packageDirectories ?? [
    { path: 'force-app', default: true },
    { path: 'eca-pkg', package: 'ECA Package', versionNumber: '1.0.0.NEXT' },
  ];
  writeFileSync(
    join(root, 'sfdx-project.json'),
    JSON.stringify(
      { packageDirectories: dirs, namespace: '', sourceApiVersion: '64.0', packageAliases: { 'ECA Package': '0Ho000000000001AAA' } },
      null,
      2,
    ),
  );
  for (const d of dirs) mkdirSync(join(root, String(d.path)), { recursive: true });
  for (const [p, content] of Object.entries(layout.files ?? {})) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

/** A hash over every path (files, folders, links) and every file's bytes under `root`. */
export function hashTree(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const rel = relative(root, p);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        h.update(`d ${rel}\n`);
        walk(p);
      } else if (st.isSymbolicLink()) {
        h.update(`l ${rel} ${readlinkSync(p)}\n`);
      } else {
        h.update(`f ${rel} ${st.mode & 0o777}\n`);
        h.update(readFileSync(p));
      }
    }
  };
  walk(root);
  return h.digest('hex');
}

/** Every file under `root` (hidden folders included) whose bytes contain one of `needles`. */
export function grepTree(root: string, needles: string[]): string[] {
  const hits: string[] = [];
  const bufs = needles.filter(Boolean).map((n) => Buffer.from(n));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        const data = readFileSync(p);
        if (bufs.some((b) => data.includes(b))) hits.push(p);
      }
    }
  };
  walk(root);
  return hits;
}

/** All files under `root`, project-relative, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (lstatSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The secrets a sim planted (consumer keys and secrets of all apps). */
export function simSecrets(sim: OrgSim): string[] {
  return [...sim.secrets.values()].flatMap((s) => [s.consumerKey, s.consumerSecret]);
}
