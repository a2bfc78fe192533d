// Loads the Salesforce libraries (@salesforce/core, jsforce, jszip) on first use, never before.
//
// Bundled (dist/cli.js, dist/extension.js, dist/server.js): they sit in their own file,
// dist/sf-lib.js, built by scripts/build-sf.mjs, and are required from here at call time. The
// path is computed so that esbuild does not inline it into the caller's bundle.
// Unbundled (tsc output under out/, used by the tests): sf-lib-entry.js next to this file, which
// requires the packages from node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { retrieveError } from './errors';

export interface OrgLogin {
  username: string;
  aliases: string[];
  orgId?: string;
  instanceUrl?: string;
  isDevHub: boolean;
  isScratchOrg: boolean;
  isSandbox: boolean;
  /** This login is the `target-dev-hub` (project config first, then global). */
  isTargetDevHub: boolean;
  /** This login is the `target-org`. */
  isTargetOrg: boolean;
  /** Set when the stored auth file could not be read. */
  error?: string;
}

export interface LoginList {
  /** target-dev-hub first, then other Dev Hubs, then target-org, then the rest (by alias/username). */
  logins: OrgLogin[];
  targetDevHub?: string;
  targetOrg?: string;
}

export interface FileProps {
  type: string;
  fullName: string;
  fileName: string;
  namespacePrefix?: string;
  manageableState?: string;
  lastModifiedDate?: string;
  lastModifiedByName?: string;
}

export interface RetrieveStatus {
  done: boolean;
  status: string;
  success: boolean;
  zipFile?: string;
  messages: { fileName: string; problem: string }[];
  errorMessage?: string;
  errorStatusCode?: string;
}

export interface ZipEntry {
  path: string;
  data: Buffer;
}

/** One componentFailure (or componentSuccess) of a deploy, as checkDeployStatus reports it. */
export interface DeployMessage {
  fileName: string;
  fullName: string;
  componentType: string;
  problem: string;
  problemType: string;
  /** 1-based, when the org gives one. */
  lineNumber?: number;
  columnNumber?: number;
  success: boolean;
}

export interface DeployStatus {
  id: string;
  done: boolean;
  /** Queued, Pending, InProgress, Succeeded, SucceededPartial, Failed, Canceling, Canceled. */
  status: string;
  success: boolean;
  checkOnly: boolean;
  componentFailures: DeployMessage[];
  numberComponentErrors: number;
  numberComponentsTotal: number;
  errorMessage?: string;
  errorStatusCode?: string;
}

/** What the org says about itself (Organization record, and the stored login's fields). */
export interface OrgFacts {
  isSandbox: boolean;
  isScratch: boolean;
  isDevHub: boolean;
  organizationType?: string;
  name?: string;
}

export interface OrgSession {
  username: string;
  orgId: string;
  instanceUrl: string;
  apiVersion: string;
  /** listMetadata, three queries per call (the API's limit). */
  listMetadata(types: string[]): Promise<FileProps[]>;
  /** readMetadata, ten names per call (the API's limit). Records carry their fields as strings. */
  readMetadata(type: string, fullNames: string[]): Promise<Record<string, unknown>[]>;
  /** Starts a retrieve of explicit members; returns the async process id. */
  startRetrieve(types: { name: string; members: string[] }[]): Promise<string>;
  checkRetrieveStatus(id: string): Promise<RetrieveStatus>;
  /**
   * Starts a Metadata API deploy with checkOnly=true (validation only: nothing is saved in the
   * org) and testLevel NoTestRun, of a zip in Metadata API format with package.xml at its root.
   * There is deliberately no way to start a deploy that is not check-only.
   */
  startCheckOnlyDeploy(zip: Buffer): Promise<string>;
  checkDeployStatus(id: string): Promise<DeployStatus>;
  cancelDeploy(id: string): Promise<void>;
  /** A SOQL query (all pages). */
  query(soql: string): Promise<Record<string, unknown>[]>;
  orgFacts(): Promise<OrgFacts>;
}

export interface SfLib {
  listLogins(projectPath?: string): Promise<LoginList>;
  /** Resolves an alias or username to a stored login and opens a connection (tokens refresh on expiry). */
  openOrg(aliasOrUsername: string, projectPath?: string): Promise<OrgSession>;
  /** Reads a zip (CRC-checked). Throws on anything that is not a readable zip. */
  unzip(data: Buffer): Promise<ZipEntry[]>;
  /** Builds a zip in memory (DEFLATE), entries in the given order. */
  zip(entries: ZipEntry[]): Promise<Buffer>;
}

let lib: SfLib | undefined;

export const MIN_NODE_MAJOR = 22;

export function loadSfLib(): SfLib {
  if (lib) return lib;
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    throw retrieveError(
      'NODE_VERSION',
      `Retrieving from an org needs Node.js ${MIN_NODE_MAJOR} or newer (the Salesforce libraries require it); this is ${process.version}. ` +
        'Update VS Code, or run the CLI with a newer Node.js.',
    );
  }
  const bundled = join(__dirname, 'sf-lib.js');
  // A variable, not a string literal: bundlers must leave this require for run time.
  const load: NodeJS.Require = require;
  if (existsSync(bundled)) {
    lib = load(bundled) as SfLib;
  } else {
    // Same effect as the bundle's define: no pino worker, no log file under ~/.sf.
    process.env.SF_DISABLE_LOG_FILE ??= 'true';
    lib = load(join(__dirname, 'sf-lib-entry.js')) as SfLib;
  }
  return lib;
}

/** Whether the Salesforce libraries have been loaded in this process (for tests and diagnostics). */
export function sfLibLoaded(): boolean {
  return lib !== undefined;
}
