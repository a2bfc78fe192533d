// The Environments view's wire types (what eca/environments, eca/apps and eca/matrix answer), the
// key settings and matrix parts it shows, the I/O its owner supplies, and the index's own records.
// Pure data: the index is in envIndex.ts, the trees in ../environmentsView.ts.
import type { SecurityRow } from '../../security/matrixSection';
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE, TYPE_BY_NAME } from '../../schema';
import type { CheckOptions } from '../../check';
import type { ParsedFile } from '../../document';
import type { EngineDiagnostic } from '../../types';
import type { ComponentSummary, PackageDir } from '../model';
import type { PatternEvidence } from '../pattern';

export type { PatternEvidence };


/**
 * What an environment is; `default` is the fallback folder itself, not an org; `every-org` the one
 * matrix column of a project without aliasfy packages (every org receives the same files).
 */
export type EnvKind = 'production' | 'sandbox' | 'scratch' | 'devhub' | 'unknown' | 'default' | 'every-org';
/** Why an environment is listed. */
export type EnvSource = 'folder' | 'sf' | 'setting' | 'default';
/**
 * How an environment gets one file:
 * - `own`: the file in the folder named like the alias (for `default`: the default/ file itself);
 * - `merged`: merge mode merges default/ into the environment's own folder;
 * - `fallback`: a sandbox or scratch org without its own folder gets default/;
 * - `fallback-if-sandbox`: the org's kind is unknown; it gets default/ only if it is a sandbox or scratch org;
 * - `every-org`: the file is in a package without aliasfy, deployed to every org;
 * - `missing`: other environments have this file, this one gets nothing.
 */
export type ReceiveStatus = 'own' | 'merged' | 'fallback' | 'fallback-if-sandbox' | 'every-org' | 'missing';

export interface Problems { errors: number; warnings: number; infos: number }

export interface PackageRef {
  name?: string;
  rel: string;
  path: string;
  type: string;
  index: number;
  aliasfy: boolean;
  mergeMode: boolean;
  postDeploymentScript?: string;
}

export interface EnvironmentInfo {
  root: string;
  name: string;
  kind: EnvKind;
  sources: EnvSource[];
  /** The sf username behind the alias, when known. */
  username?: string;
  /** Absolute paths of this environment's folders in aliasfy packages. */
  folders: string[];
  /** ECAs listed under this environment. */
  apps: number;
  /** Files by how this environment receives them. */
  counts: Record<ReceiveStatus, number>;
  problems: Problems;
  /** One sentence on how sfp treats this environment. */
  note: string;
  /** For `default`: the known orgs that fall back to it. */
  fallbackOrgs?: string[];
  /** Some file reaches it only through default/ (or not at all): the view offers to scaffold it. */
  scaffoldable: boolean;
}

/** The key OAuth policy settings (element name → raw value). */
export type Settings = Record<string, string>;

export interface KeySetting { name: string; label: string; /** Differs per environment by design (run-as user). */ variesByDesign?: boolean }

export const KEY_SETTINGS: readonly KeySetting[] = [
  { name: 'isClientCredentialsFlowEnabled', label: 'Client credentials' },
  { name: 'clientCredentialsFlowUser', label: 'Run-as user', variesByDesign: true },
  { name: 'ipRelaxationPolicyType', label: 'IP relaxation' },
  { name: 'refreshTokenPolicyType', label: 'Refresh token policy' },
  { name: 'refreshTokenValidityPeriod', label: 'Refresh token validity' },
  { name: 'refreshTokenValidityUnit', label: 'Refresh token unit' },
  { name: 'permittedUsersPolicyType', label: 'Permitted users' },
  { name: 'requiredSessionLevel', label: 'Session level' },
];

export interface Peer { env: string; path: string; status: ReceiveStatus }

export interface ReceivedFile {
  root: string;
  env: string;
  eca: string;
  /** Identifies the file across environments: package path | type | path inside the environment folder. */
  slot: string;
  type: string;
  /** Component name (file name without suffix). */
  name: string;
  /** Path inside the environment folder, e.g. `extlClntAppOauthPolicies/X_oauthPlcy.ecaOauthPlcy-meta.xml`. */
  rel: string;
  package: PackageRef;
  status: ReceiveStatus;
  /** The file this environment receives (absent when missing). */
  path?: string;
  /** The environment folder the received file sits in (`default` for fallbacks and merges). */
  fromEnv?: string;
  /** Where this environment's own copy is or would be (aliasfy packages). */
  ownPath?: string;
  reason: string;
  /** Key settings (OAuth policies only). */
  settings?: Settings;
  problems: Problems;
  /** The same file as other environments have it (their own copies only). */
  peers: Peer[];
  /** An aliasfy file this environment has no own copy of: the view offers to scaffold it. */
  scaffoldable: boolean;
  /** The authoring scaffold (eca.scaffoldEnvironmentPolicies) can write this type from the team's settings. */
  policyKind?: 'oauth' | 'plugin';
}

export interface EnvAppInfo {
  root: string;
  env: string;
  eca: string;
  /** Key settings from the OAuth policies this environment receives. */
  settings?: Settings;
  settingsFrom?: { path: string; status: ReceiveStatus };
  files: number;
  counts: Record<ReceiveStatus, number>;
  problems: Problems;
  /** `none`: no policy files anywhere (the platform's defaults apply after install). */
  state: 'none' | 'complete' | 'missing';
  /** Some file of the app reaches it only through default/ (or not at all): the view offers to scaffold it. */
  scaffoldable: boolean;
}

export interface FileRef { path: string; type: string; name: string; package?: PackageRef; problems: Problems; env?: string }

export interface OAuthInfo extends FileRef { scopes?: string; oauthLink?: string; linkOrgId?: string; callbackUrl?: string }

export interface DeployStep { package: PackageRef; holds: string[] }

export interface AppInfo {
  root: string;
  eca: string;
  pattern: 1 | 2 | null;
  evidence: PatternEvidence[];
  distributionState?: string;
  header?: FileRef;
  problems: Problems;
}

export interface AppDetail extends AppInfo {
  oauthSettings: OAuthInfo[];
  /** Other satellites outside aliasfy packages (global OAuth settings, mobile, canvas …). */
  otherFiles: FileRef[];
  bootstrap?: { script: string; path: string; exists: boolean; package: PackageRef };
  deployOrder: DeployStep[];
  /** Per environment, the files it receives for this app. */
  policies: { env: string; kind: EnvKind; files: ReceivedFile[] }[];
  notes: string[];
}

/** Which ECA component a matrix row describes, in deploy order. */
export type MatrixComponent = 'header' | 'oauthSettings' | 'globalOAuth' | 'policies' | 'oauthPolicies';
export interface MatrixCell {
  status: ReceiveStatus | 'none';
  value?: string;
  path?: string;
  differs: boolean;
  /**
   * What the org ends up with when the value is not its own copy's: on a missing file what it
   * keeps ("keeps the org's current OAuth policies (not deployed)"), on a fallback "default/ copy".
   */
  keeps?: string;
  /**
   * The value cannot be read: the message of the one checker's schema error on it (an invalid
   * boolean, enum value, number or scope; EnvironmentsView.settingError). An error, never drift.
   */
  error?: string;
}
export interface MatrixRow {
  eca: string;
  component: MatrixComponent;
  /**
   * An element name, or `file` for the row of which file each environment gets. OAuth policies
   * rows use the bare names (`file`, `ipRelaxationPolicyType` …); the other components prefix
   * theirs with the component (`header.file`, `header.distributionState`, `oauthSettings.file` …).
   */
  setting: string;
  label: string;
  cells: MatrixCell[];
  /** Among the readable values only: invalid cells are counted in `errors`, not as drift. */
  drift: 'none' | 'drift' | 'expected';
  /** Cells whose value cannot be read. */
  errors: number;
}
export interface Matrix {
  root: string; name: string; environments: { name: string; kind: EnvKind }[]; rows: MatrixRow[];
  /** The Security section (issue 22): per app, its posture in each environment column and the security findings. */
  security?: SecurityRow[];
}

interface MatrixPart { component: MatrixComponent; type: string; label: string; what: string; settings: readonly KeySetting[] }

/** The components of an ECA an org receives, in deploy order, with the settings the matrix shows. */
export const MATRIX_PARTS: readonly MatrixPart[] = [
  { component: 'header', type: HEADER_TYPE, label: 'ECA header', what: 'app header', settings: [{ name: 'distributionState', label: 'Distribution state' }] },
  { component: 'oauthSettings', type: OAUTH_SETTINGS_TYPE, label: 'OAuth settings', what: 'OAuth settings', settings: [{ name: 'commaSeparatedOauthScopes', label: 'OAuth scopes' }, { name: 'oauthLink', label: 'OAuth link' }] },
  { component: 'globalOAuth', type: GLOBAL_OAUTH_TYPE, label: 'Global OAuth settings', what: 'global OAuth settings', settings: [{ name: 'callbackUrl', label: 'Callback URL' }, { name: 'isClientCredentialsFlowEnabled', label: 'Client credentials (global)' }, { name: 'isPkceRequired', label: 'PKCE required' }] },
  { component: 'policies', type: POLICIES_TYPE, label: 'Policies', what: 'policies', settings: [{ name: 'isEnabled', label: 'Enabled' }, { name: 'isOauthPluginEnabled', label: 'OAuth plugin' }] },
  { component: 'oauthPolicies', type: OAUTH_POLICIES_TYPE, label: 'OAuth policies', what: 'OAuth policies', settings: KEY_SETTINGS },
];

export interface ViewIO {
  /**
   * A file's parse at its current text (the open editor's when it is open, else the disk's): the
   * workspace's, or for the CLIs the loader's. The view reads settings from it and parses nothing itself.
   */
  parsedOf(path: string): ParsedFile | undefined;
  /** Project-level diagnostics (sections 4–5) as last published. */
  projectDiagnostics(): readonly EngineDiagnostic[];
  /** Severity overrides and disabled rules. */
  options(): CheckOptions | undefined;
  /**
   * A file's own diagnostics from the one checker: the workspace's (what the server publishes), or
   * for the CLIs those of project/checked.ts. The trees' counts and the matrix's invalid values
   * come from here; the view runs no checker of its own.
   */
  fileDiagnostics(path: string): readonly EngineDiagnostic[];
}

// ------------------------------------------------------------------------------------------ index records

/** One file across environments: package path | type | path inside the environment folder. */
export interface Slot {
  key: string;
  pkg: PackageDir;
  eca: string;
  type: string;
  name: string;
  rel: string;
  /** env → component (aliasfy packages), or '*' → component (every org). */
  byEnv: Map<string, ComponentSummary>;
  everyOrg: boolean;
}

export interface Env { name: string; kind: EnvKind; sources: Set<EnvSource>; username?: string }

export interface Index {
  version: number;
  envs: Env[];
  /** aliasfy package path → its environment folder names. */
  folders: Map<string, Set<string>>;
  slots: Slot[];
  ecas: string[];
}

const STATUSES: ReceiveStatus[] = ['own', 'merged', 'fallback', 'fallback-if-sandbox', 'every-org', 'missing'];
export const zeroCounts = (): Record<ReceiveStatus, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReceiveStatus, number>;
export const zeroProblems = (): Problems => ({ errors: 0, warnings: 0, infos: 0 });
export const addProblems = (a: Problems, b: Problems): Problems => ({ errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos });
export function count(p: Problems, d: EngineDiagnostic): void {
  if (d.severity === 'error') p.errors++; else if (d.severity === 'warning') p.warnings++; else p.infos++;
}

/** Whether counts of how files are received include one an own copy would replace (missing, fallback, merged). */
export function needsOwnCopy(c: Record<ReceiveStatus, number>): boolean {
  return c.missing + c.fallback + c['fallback-if-sandbox'] + c.merged > 0;
}

export function isPolicyType(type: string): boolean {
  return !!TYPE_BY_NAME.get(type)?.suffix?.endsWith('Plcy');
}

export function pkgRef(p: PackageDir): PackageRef {
  return { name: p.name, rel: p.rel, path: p.path, type: p.type, index: p.index, aliasfy: p.aliasfy, mergeMode: p.mergeMode, postDeploymentScript: p.postDeploymentScript };
}
