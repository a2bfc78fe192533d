// Connected App → External Client App: the pure core. It reads one ConnectedApp file, maps every
// setting that has an ECA equivalent (mapping.ts), lays the result out for the chosen deployment
// pattern, runs our own checks on what it would write, and renders the migration report. It does
// no I/O: the caller passes the project's files in and applies the plan (io.ts, the VS Code
// command). Consumer keys and secrets are never copied: the last step scans every output for the
// input's key and secret values and redacts any that slipped through.
import { checkFile, ProjectModel } from '../engine';
import { checkProjectRules } from '../engine/project/projectRules';
import { NODE_FS, normalize, type ProjectFs } from '../engine/project/model';
import { TYPE_BY_NAME } from '../engine/schema';
import { USERNAME_RE } from '../engine/username';
import type { EngineDiagnostic, Range } from '../engine/types';
import { readConnectedApp, type CaNode, type ConnectedAppDoc } from './connectedApp';
import { FEATURE_HINTS, FILE_TYPES, rowFor, type FileKind, type RowKind } from './mapping';
import { renderMetadata, type XmlField } from './xml';
import { addPostDeploymentScript, enclosingPackage } from './sfdx';
import { bootstrapApex, bootstrapShell, SCRIPT_SAFE_USERNAME, type BootstrapComponent } from './bootstrap';
import { renderReport } from './report';
import { relativeTo, type MigrationPattern } from './patterns';

export { PATTERNS, isPattern, relativeTo, type MigrationPattern } from './patterns';

export interface MigrationOptions {
  pattern: MigrationPattern;
  /** The SFDX project root (absolute); relative paths in sfdx-project.json are resolved from it. */
  projectRoot: string;
  /** The folder the ECA files go into (absolute): `externalClientApps/` etc. are created below it. */
  packageDir: string;
  /** Client credentials run-as user, when the Connected App enables the flow without naming one. */
  runAsUser?: string;
  /** The user says callers use the username-password flow (a blocker: ECAs don't support it). */
  usesPasswordFlow?: boolean;
  /** Text of sfdx-project.json, or null/undefined when the project has none. */
  sfdxProject?: string | null;
  forceignore?: string | null;
  /** The project's existing ECA files, so the checks see what the new files deploy with. */
  projectFiles?: { path: string; text: string }[];
  /** Existence of files and folders (conflicts, script paths); defaults to the real file system. */
  fs?: ProjectFs;
  /** Where the report will be written (it is then part of the plan and must not exist). */
  reportPath?: string;
}

export type PlannedRole = FileKind | 'script' | 'apex' | 'report';

export interface PlannedFile {
  path: string;
  role: PlannedRole;
  text: string;
  /** The shell script: make it executable. */
  executable?: boolean;
}

export interface PlannedEdit {
  path: string;
  /** The file's text the edit was computed on, and the result. */
  original: string;
  text: string;
  /** jsonc-parser edits: offsets into `original`. */
  edits: { offset: number; length: number; content: string }[];
  what: string;
}

export interface Finding { code: string; message: string; setting?: string }

export interface SettingRow {
  setting: string;
  value: string;
  kind: RowKind | 'unknown';
  /** Where the value went, in words (pattern-aware). */
  destination: string;
  evidence: 'verified' | 'inferred' | 'n/a';
  note: string;
}

export interface CheckResult {
  path: string;
  line: number;
  character: number;
  code: string;
  severity: EngineDiagnostic['severity'];
  message: string;
  /** Checked as part of the bootstrap payload, not a file. */
  payload?: boolean;
}

/** ECA components the plan describes but does not write (they belong elsewhere for this pattern). */
export interface HeldComponent { role: FileKind; path: string; text: string; why: string }

export type Placement = 'file' | 'bootstrap' | 'devhub' | 'report' | 'none';

export interface MigrationPlan {
  ok: true;
  source: string;
  name: string;
  label: string;
  pattern: MigrationPattern;
  projectRoot: string;
  packageDir: string;
  creates: PlannedFile[];
  edits: PlannedEdit[];
  /** Planned paths that already exist: nothing may be written while this is non-empty. */
  conflicts: string[];
  placement: Partial<Record<FileKind, Placement>>;
  held: HeldComponent[];
  /** Pattern 1: what to enter on the DevHub when enabling OAuth there. */
  devHubSettings: { setting: string; value: string }[];
  blockers: Finding[];
  warnings: Finding[];
  /** Values written explicitly because the Connected App relied on a default. */
  defaults: string[];
  steps: string[];
  rows: SettingRow[];
  checks: CheckResult[];
  report: string;
}

export interface MigrationRefusal { ok: false; source: string; error: string; range?: Range }

export type MigrationResult = MigrationPlan | MigrationRefusal;

// ------------------------------------------------------------------ helpers

const typeOf = (kind: FileKind) => TYPE_BY_NAME.get(FILE_TYPES[kind].type)!;

function enumValues(kind: FileKind, field: string): string[] {
  return typeOf(kind).fieldMap.get(field)?.values ?? [];
}

const SCOPE_NAMES = enumValues('oauth', 'commaSeparatedOauthScopes');
const PRIVATE_KEY_RE = /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----/;
const API_NAME_RE = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

function joinPath(...parts: string[]): string {
  return normalize(parts.filter(Boolean).join('/').replace(/\/+/g, '/'));
}

/** A valid API name for the ECA (letters, digits, single underscores, starting with a letter). */
export function ecaApiName(name: string): string {
  if (API_NAME_RE.test(name) && !name.endsWith('_')) return name;
  let s = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^[^A-Za-z]+/, '').replace(/_+$/, '');
  if (!s) s = 'Migrated_App';
  return s;
}

const KIND_RANK: Record<SettingRow['kind'], number> = { unknown: 6, blocker: 5, notCopied: 4, dropped: 3, computed: 2, mapped: 1, container: 0 };

// ------------------------------------------------------------------ the migration

interface Outcome { kind: RowKind | 'unknown'; note?: string }

class Migration {
  readonly name: string;
  readonly blockers: Finding[] = [];
  readonly warnings: Finding[] = [];
  readonly defaults: string[] = [];
  readonly secrets: string[] = [];
  private readonly outcomes = new Map<CaNode, Outcome>();

  readonly header: XmlField[] = [];
  readonly oauth: XmlField[] = [];
  readonly globalOauth: XmlField[] = [];
  readonly policies: XmlField[] = [];
  readonly oauthPolicies: XmlField[] = [];
  readonly saml: XmlField[] = [];
  readonly canvas: XmlField[] = [];

  readonly hasOauth: boolean;
  readonly hasSaml: boolean;
  readonly hasCanvas: boolean;

  private label = '';
  private profiles: string[] = [];
  private permissionSets: string[] = [];
  private ipRanges: XmlField[] = [];
  private attributes: { key: string; formula: string }[] = [];
  private plugin?: string;
  private pluginUser?: string;
  private adminApproved = false;
  private ccEnabled = false;
  private ccUser?: string;
  private scopes: string[] = [];
  private seenOauthPolicy = false;
  private pkceSeen = false;
  private refreshSecretSeen = false;
  private sessionFields: XmlField[] = [];
  private sessionNodes: CaNode[] = [];
  private ccUserNode?: CaNode;

  constructor(readonly app: ConnectedAppDoc, readonly opts: MigrationOptions) {
    this.name = ecaApiName(app.name);
    if (this.name !== app.name) {
      this.warnings.push({ code: 'api-name', message: `'${app.name}' is not a valid API name for an External Client App; the ECA is named '${this.name}'.` });
    }
    const top = new Set(app.nodes.map((n) => n.name));
    this.hasOauth = top.has('oauthConfig');
    this.hasSaml = top.has('samlConfig');
    this.hasCanvas = top.has('canvasConfig');
    // The secrets are collected first, so nothing later can leak them.
    const walk = (nodes: CaNode[]) => {
      for (const n of nodes) {
        if ((n.name === 'consumerKey' || n.name === 'consumerSecret') && n.value) this.secrets.push(n.value);
        walk(n.children);
      }
    };
    walk(app.nodes);
  }

  // ---- outcome bookkeeping (one per element; rows aggregate them)

  private mark(n: CaNode, kind: Outcome['kind'], note?: string): void {
    this.outcomes.set(n, { kind, note });
  }

  private blocker(n: CaNode | undefined, code: string, message: string): void {
    if (!this.blockers.some((b) => b.code === code && b.message === message)) this.blockers.push({ code, message, setting: n?.path });
    if (n) this.mark(n, 'blocker', message);
  }

  private warn(code: string, message: string, setting?: string): void {
    if (!this.warnings.some((w) => w.code === code && w.message === message)) this.warnings.push({ code, message, setting });
  }

  /** An element the mapping does not know: a blocker, and its children are not examined. */
  private unknown(n: CaNode): void {
    const hint = FEATURE_HINTS.find((h) => h.re.test(n.name));
    const message = hint
      ? `<${n.path}>: ${hint.message}.`
      : `<${n.path}> is not a documented Connected App setting; the migration cannot tell what the ECA would need for it. Check it by hand (or remove it from a copy of the file) before migrating.`;
    this.blocker(n, hint ? hint.code : 'unknown-setting', message);
    this.mark(n, 'unknown', message);
  }

  private bool(n: CaNode): 'true' | 'false' | undefined {
    const v = n.value.toLowerCase();
    if (v === 'true' || v === '1') return 'true';
    if (v === 'false' || v === '0') return 'false';
    this.blocker(n, 'invalid-value', `<${n.path}> is '${n.value}', not true or false.`);
    return undefined;
  }

  private once(seen: Set<string>, n: CaNode): boolean {
    if (seen.has(n.name)) {
      this.warn('duplicate-setting', `<${n.path}> appears more than once; the first one was used.`, n.path);
      this.mark(n, 'dropped', 'Duplicate: the first occurrence was used.');
      return false;
    }
    seen.add(n.name);
    return true;
  }

  // ---- reading

  run(): void {
    const seen = new Set<string>();
    const repeatable = new Set(['profileName', 'permissionSetName', 'ipRanges', 'attributes']);
    for (const n of this.app.nodes) {
      if (!repeatable.has(n.name) && !this.once(seen, n)) continue;
      this.top(n);
    }
    if (this.opts.usesPasswordFlow) {
      this.blockers.push({ code: 'username-password-flow', message: 'Callers use the OAuth username-password flow, which External Client Apps do not support [H-mig-ov]: they would stop working. Move them to the web server flow with PKCE, the JWT bearer flow or the client credentials flow first, then migrate.' });
    }
    this.compose();
  }

  private top(n: CaNode): void {
    switch (n.name) {
      case 'label':
        this.label = n.value;
        this.setHeader(n, 'label');
        return;
      case 'contactEmail': case 'contactPhone': case 'description': case 'logoUrl': case 'infoUrl': case 'iconUrl':
        this.setHeader(n, n.name);
        return;
      case 'startUrl':
        if (!n.value) { this.mark(n, 'dropped', 'Empty.'); return; }
        this.policies.push({ name: 'startUrl', value: n.value }, { name: 'startPage', value: 'Custom' });
        this.mark(n, 'computed');
        return;
      case 'mobileStartUrl':
        if (n.value) this.blocker(n, 'mobile-start-url', 'mobileStartUrl has no ECA equivalent: users on mobile would land on the default page instead of ' + n.value + '.');
        else this.mark(n, 'dropped', 'Empty.');
        return;
      case 'developerName': {
        const ns = /^([A-Za-z][A-Za-z0-9]*)__(?!c$)/.exec(n.value);
        if (ns && this.blockers.some((b) => b.code === 'installed-from-package')) this.mark(n, 'blocker', 'Namespaced: installed from a package.');
        else if (ns) this.blocker(n, 'installed-from-package', `The Connected App carries the namespace '${ns[1]}': it was installed from a managed package. Only local Connected Apps can be migrated [H-mig]; the package's publisher must provide an ECA.`);
        else this.mark(n, 'dropped');
        return;
      }
      case 'version':
        if (this.blockers.some((b) => b.code === 'installed-from-package')) { this.mark(n, 'blocker', 'Marks a Connected App installed from a package.'); return; }
        this.blocker(n, 'installed-from-package', 'The Connected App has a <version>: it was installed from a package. Only local Connected Apps can be migrated [H-mig]; the package\'s publisher must provide an ECA.');
        return;
      case 'fullName':
        this.mark(n, 'dropped');
        return;
      case 'ipRanges': this.ipRange(n); return;
      case 'attributes': this.attribute(n); return;
      case 'profileName':
        if (n.value) { this.profiles.push(n.value); this.mark(n, 'computed'); } else this.mark(n, 'dropped', 'Empty (on a Connected App an empty element removes all profiles).');
        return;
      case 'permissionSetName':
        if (n.value) { this.permissionSets.push(n.value); this.mark(n, 'computed'); } else this.mark(n, 'dropped', 'Empty (on a Connected App an empty element removes all permission sets).');
        return;
      case 'plugin':
        if (n.value) this.plugin = n.value;
        this.pluginNode(n);
        return;
      case 'pluginExecutionUser':
        if (n.value) this.pluginUser = n.value;
        this.pluginNode(n);
        return;
      case 'oauthConfig': this.mark(n, 'container'); this.oauthConfig(n); return;
      case 'oauthPolicy': this.oauthPolicy(n); return;
      case 'sessionPolicy': this.sessionPolicy(n); return;
      case 'samlConfig': this.mark(n, 'container'); this.samlConfig(n); return;
      case 'canvasConfig': this.mark(n, 'container'); this.canvasConfig(n); return;
      case 'canvas':
        this.blocker(n, 'canvas-metadata', '<canvas> (WSDL-only canvas metadata) has no documented ECA equivalent.');
        return;
      case 'mobileAppConfig':
        this.blocker(n, 'mobile-settings', '<mobileAppConfig> (mobile app settings) has no documented mapping to the ECA mobile and push types; use Setup\'s "Migrate to External Client App" button or configure the ECA by hand.');
        return;
      default:
        this.unknown(n);
    }
  }

  private setHeader(n: CaNode, field: string): void {
    if (!n.value) { this.mark(n, 'dropped', 'Empty.'); return; }
    this.header.push({ name: field, value: n.value });
    this.mark(n, 'mapped');
  }

  private pluginNode(n: CaNode): void {
    if (!n.value) { this.mark(n, 'dropped', 'Empty.'); return; }
    if (!this.hasOauth) {
      this.blocker(n, 'plugin-without-oauth', `<${n.name}> has no ECA home without OAuth: the ECA's Apex handler (apexHandler, executeHandlerAs) is an OAuth policy.`);
      return;
    }
    this.mark(n, 'mapped');
  }

  private ipRange(n: CaNode): void {
    const f: Record<string, string> = {};
    for (const c of n.children) {
      if (c.name === 'start' || c.name === 'end' || c.name === 'description') { f[c.name] = c.value; this.mark(c, 'mapped'); } else this.unknown(c);
    }
    if (!this.hasOauth) {
      for (const c of n.children) if (this.outcomes.get(c)?.kind === 'mapped') this.mark(c, 'dropped', 'No OAuth plugin: ECAs keep trusted IP ranges in the OAuth settings.');
      this.warn('ip-ranges-dropped', 'The Connected App has IP ranges but no OAuth settings; ECAs keep trusted IP ranges in the OAuth settings, so they were dropped.', n.path);
      return;
    }
    if (!f.start || !f.end) {
      this.blocker(n, 'invalid-value', `An <ipRanges> entry lacks ${!f.start ? '<start>' : '<end>'}.`);
      return;
    }
    const children: XmlField[] = [{ name: 'startIpAddress', value: f.start }, { name: 'endIpAddress', value: f.end }];
    if (f.description) children.push({ name: 'description', value: f.description });
    this.ipRanges.push({ name: 'trustedIpRanges', children });
  }

  private attribute(n: CaNode): void {
    let key = '';
    let formula = '';
    for (const c of n.children) {
      if (c.name === 'key') { key = c.value; this.mark(c, 'mapped'); } else if (c.name === 'formula') { formula = c.value; this.mark(c, 'mapped'); } else this.unknown(c);
    }
    if (!key || !formula) { this.blocker(n, 'invalid-value', 'A custom attribute lacks its key or formula.'); return; }
    if (!this.hasOauth && !this.hasSaml) {
      for (const c of n.children) this.mark(c, 'dropped', 'No OAuth or SAML plugin to carry custom attributes.');
      this.warn('attributes-dropped', 'Custom attributes were dropped: the app has neither OAuth nor SAML settings to carry them.', n.path);
      return;
    }
    this.attributes.push({ key, formula });
  }

  private oauthConfig(n: CaNode): void {
    const seen = new Set<string>();
    const gflag = (c: CaNode, field: string) => {
      const b = this.bool(c);
      if (b !== undefined) { this.globalOauth.push({ name: field, value: b }); this.mark(c, 'mapped'); }
    };
    for (const c of n.children) {
      if (c.name !== 'scopes' && !this.once(seen, c)) continue;
      switch (c.name) {
        case 'callbackUrl': {
          const urls = c.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
          if (!urls.length) { this.mark(c, 'dropped', 'Empty.'); this.warn('no-callback-url', 'The Connected App has no callback URL; set one on the ECA before any flow with a redirect is used.'); break; }
          this.globalOauth.push({ name: 'callbackUrl', value: urls.join('\n') });
          this.mark(c, 'computed');
          break;
        }
        case 'certificate':
          if (!c.value) { this.mark(c, 'dropped', 'Empty.'); break; }
          if (PRIVATE_KEY_RE.test(c.value)) {
            this.blocker(c, 'private-key', '<oauthConfig/certificate> holds a private key, not a certificate. It was not copied: rotate the key (it is in your git history) and upload only the public certificate.');
            break;
          }
          this.globalOauth.push({ name: 'certificate', value: c.value.replace(/\r\n/g, '\n') });
          this.mark(c, 'mapped');
          break;
        case 'consumerKey': case 'consumerSecret':
          this.mark(c, 'notCopied');
          break;
        case 'isConsumerKeyOptional':
          this.mark(c, 'dropped');
          break;
        case 'scopes': this.scope(c); break;
        case 'isAdminApproved': {
          const b = this.bool(c);
          if (b !== undefined) { this.adminApproved = b === 'true'; this.mark(c, 'computed'); }
          break;
        }
        case 'isClientCredentialEnabled': {
          const b = this.bool(c);
          if (b !== undefined) { this.ccEnabled = b === 'true'; this.globalOauth.push({ name: 'isClientCredentialsFlowEnabled', value: b }); this.mark(c, 'mapped'); }
          break;
        }
        case 'oauthClientCredentialUser':
          if (c.value) { this.ccUser = c.value; this.ccUserNode = c; this.mark(c, 'mapped'); } else this.mark(c, 'dropped', 'Empty.');
          break;
        case 'isCodeCredentialEnabled': gflag(c, 'isCodeCredFlowEnabled'); break;
        case 'isCodeCredentialPostOnly': gflag(c, 'isCodeCredPostOnly'); break;
        case 'isPkceRequired': this.pkceSeen = true; gflag(c, 'isPkceRequired'); break;
        case 'isSecretRequiredForRefreshToken': this.refreshSecretSeen = true; gflag(c, 'isSecretRequiredForRefreshToken'); break;
        case 'isConsumerSecretOptional': case 'isIntrospectAllTokens': case 'isNamedUserJwtEnabled': case 'isRefreshTokenRotationEnabled':
        case 'isSecretRequiredForTokenExchange': case 'isTokenExchangeEnabled':
          gflag(c, c.name);
          break;
        case 'singleLogoutUrl':
          if (c.value) { this.oauth.push({ name: 'singleLogoutUrl', value: c.value }); this.mark(c, 'mapped'); } else this.mark(c, 'dropped', 'Empty.');
          break;
        case 'idTokenConfig': this.idToken(c); break;
        case 'assetTokenConfig': this.assetToken(c); break;
        default: this.unknown(c);
      }
    }
  }

  private scope(c: CaNode): void {
    const v = c.value;
    if (!v) { this.mark(c, 'dropped', 'Empty.'); return; }
    const exact = SCOPE_NAMES.find((s) => s === v) ?? SCOPE_NAMES.find((s) => s.toLowerCase() === v.toLowerCase());
    if (!exact) {
      // Never guessed (reference §3): SFAP might be SFApiPlatform, but no source says so.
      this.blocker(c, 'unknown-scope', `OAuth scope '${v}' is not an External Client App scope name (${SCOPE_NAMES.length} names are known; e.g. SFApiPlatform, CDPQuery). The migration does not guess: find the ECA scope that grants the same access, or drop it from a copy of the Connected App.`);
      return;
    }
    if (exact !== v) this.warn('scope-case', `Scope '${v}' was written '${exact}'.`, c.path);
    if (!this.scopes.includes(exact)) this.scopes.push(exact);
    this.mark(c, 'computed');
  }

  private idToken(n: CaNode): void {
    const children: XmlField[] = [];
    for (const c of n.children) {
      switch (c.name) {
        case 'idTokenAudience':
          if (c.value) { children.push({ name: 'idTokenAudience', value: c.value }); this.mark(c, 'mapped'); } else this.mark(c, 'dropped', 'Empty.');
          break;
        case 'idTokenIncludeAttributes': case 'idTokenIncludeStandardClaims': {
          const b = this.bool(c);
          if (b !== undefined) { children.push({ name: c.name, value: b }); this.mark(c, 'mapped'); }
          break;
        }
        case 'idTokenValidity': {
          const m = /^\d+$/.exec(c.value);
          const v = m ? Number(c.value) : NaN;
          if (!(v >= 1 && v <= 720)) { this.blocker(c, 'invalid-value', `idTokenValidity '${c.value}' is not 1–720 minutes.`); break; }
          children.push({ name: 'idTokenValidityInMinutes', value: String(v) });
          this.mark(c, 'mapped');
          break;
        }
        case 'idTokenIncludeCustomPerms': {
          const b = this.bool(c);
          if (b === 'true') this.blocker(c, 'id-token-custom-perms', 'idTokenIncludeCustomPerms is true, and ECAs have no such setting: ID tokens would no longer carry custom permissions.');
          else if (b === 'false') this.mark(c, 'dropped', 'false: nothing is lost.');
          break;
        }
        default: this.unknown(c);
      }
    }
    if (children.length) this.globalOauth.push({ name: 'idTokenConfig', children });
  }

  private assetToken(n: CaNode): void {
    const map: Record<string, string> = { assetAudiences: 'assetTokenAudiences', assetIncludeAttributes: 'areAttributesIncludedInAssetToken', assetIncludeCustomPerms: 'areCustomPermsIncludedInAssetToken', assetValidityPeriod: 'assetTokenValidity' };
    for (const c of n.children) {
      const to = map[c.name];
      if (c.name === 'assetSigningCertId') {
        this.mark(c, 'dropped');
        this.warn('asset-signing-certificate', 'The asset token signing certificate is a certificate record ID on the Connected App; the ECA wants the certificate itself in assetTokenSigningCertificate. Add it by hand.', c.path);
        continue;
      }
      if (!to) { this.unknown(c); continue; }
      if (!c.value) { this.mark(c, 'dropped', 'Empty.'); continue; }
      let value = c.value;
      if (c.name === 'assetIncludeAttributes' || c.name === 'assetIncludeCustomPerms') {
        const b = this.bool(c);
        if (b === undefined) continue;
        value = b;
      } else if (c.name === 'assetValidityPeriod' && !/^\d+$/.test(value)) {
        this.blocker(c, 'invalid-value', `assetValidityPeriod '${value}' is not a whole number.`);
        continue;
      }
      this.oauth.push({ name: to, value });
      this.mark(c, 'mapped');
    }
  }

  private oauthPolicy(n: CaNode): void {
    this.seenOauthPolicy = true;
    const seen = new Set<string>();
    for (const c of n.children) {
      if (!this.once(seen, c)) continue;
      if (!this.hasOauth) { this.mark(c, 'dropped', 'No OAuth settings: nothing to apply the policy to.'); continue; }
      switch (c.name) {
        case 'ipRelaxation': {
          // Inferred: the value names line up (reference §3); the platform writes Enforce_relaxrefresh on retrieve.
          const m: Record<string, string> = { ENFORCE: 'Enforce', BYPASS: 'Bypass', BYPASS_2FACTOR: 'Bypass_2factor', ENFORCE_RELAXREFRESH: 'Enforce_RelaxRefresh' };
          const v = m[c.value.toUpperCase()];
          if (!v) { this.blocker(c, 'invalid-value', `ipRelaxation '${c.value}' is not ENFORCE, BYPASS, BYPASS_2FACTOR or ENFORCE_RELAXREFRESH.`); break; }
          this.oauthPolicies.push({ name: 'ipRelaxationPolicyType', value: v });
          this.mark(c, 'computed');
          break;
        }
        case 'refreshTokenPolicy': this.refreshToken(c); break;
        case 'singleLogoutUrl':
          if (c.value) { this.oauthPolicies.push({ name: 'singleLogoutUrl', value: c.value }); this.mark(c, 'mapped'); } else this.mark(c, 'dropped', 'Empty.');
          break;
        case 'isTokenExchangeFlowEnabled': {
          const b = this.bool(c);
          if (b !== undefined) { this.oauthPolicies.push({ name: 'isTokenExchangeFlowEnabled', value: b }); this.mark(c, 'mapped'); }
          break;
        }
        default: this.unknown(c);
      }
    }
  }

  private refreshToken(c: CaNode): void {
    const v = c.value.trim();
    const lower = v.toLowerCase();
    if (lower === 'infinite' || lower === 'zero') {
      this.oauthPolicies.push({ name: 'refreshTokenPolicyType', value: lower === 'infinite' ? 'Infinite' : 'Zero' });
      this.mark(c, 'computed');
      return;
    }
    // Inferred: specific_lifetime:<n>:<UNIT> → SpecificLifetime + period + unit (reference §3).
    const m = /^specific_(lifetime|inactivity):(\d+):(hours|days|months)$/i.exec(v);
    if (!m || Number(m[2]) < 1) {
      this.blocker(c, 'invalid-value', `refreshTokenPolicy '${v}' is not infinite, zero, specific_lifetime:<n>:<HOURS|DAYS|MONTHS> or specific_inactivity:<n>:<UNIT>.`);
      return;
    }
    const unit = m[3].toLowerCase();
    this.oauthPolicies.push(
      { name: 'refreshTokenPolicyType', value: m[1].toLowerCase() === 'lifetime' ? 'SpecificLifetime' : 'SpecificInactivity' },
      { name: 'refreshTokenValidityPeriod', value: String(Number(m[2])) },
      { name: 'refreshTokenValidityUnit', value: unit[0].toUpperCase() + unit.slice(1) },
    );
    this.mark(c, 'computed');
  }

  private sessionPolicy(n: CaNode): void {
    const seen = new Set<string>();
    for (const c of n.children) {
      if (!this.once(seen, c)) continue;
      this.sessionNodes.push(c);
      switch (c.name) {
        case 'policyAction': {
          const v = ['Block', 'RaiseSessionLevel'].find((x) => x.toLowerCase() === c.value.toLowerCase());
          if (!v) { this.blocker(c, 'invalid-value', `policyAction '${c.value}' is not Block or RaiseSessionLevel.`); break; }
          this.sessionFields.push({ name: 'policyAction', value: v });
          this.mark(c, 'mapped');
          break;
        }
        case 'sessionLevel': {
          const key = c.value.toUpperCase().replace(/[\s_]/g, '');
          const v = ({ HIGHASSURANCE: 'HIGH_ASSURANCE', HIGH: 'HIGH_ASSURANCE', STANDARD: 'STANDARD', LOW: 'LOW' } as Record<string, string>)[key];
          if (!v) { this.blocker(c, 'invalid-value', `sessionLevel '${c.value}' is not a session security level (HIGH_ASSURANCE, STANDARD, LOW).`); break; }
          this.sessionFields.push({ name: 'requiredSessionLevel', value: v });
          this.mark(c, 'computed');
          break;
        }
        case 'sessionTimeout': {
          if (!/^\d+$/.test(c.value) || Number(c.value) < 1) { this.blocker(c, 'invalid-value', `sessionTimeout '${c.value}' is not a positive whole number.`); break; }
          // Inferred: the Connected App page gives no unit; the ECA field is in minutes.
          this.sessionFields.push({ name: 'sessionTimeoutInMinutes', value: String(Number(c.value)) });
          this.mark(c, 'mapped');
          break;
        }
        default: this.unknown(c);
      }
    }
    if (!this.hasOauth) {
      for (const c of this.sessionNodes) {
        if (this.outcomes.get(c)?.kind === 'blocker') continue;
        this.blocker(c, 'session-policy-without-oauth', `<${c.path}> has no ECA home without OAuth: ECAs keep session policies in the OAuth policies.`);
      }
    }
  }

  private samlConfig(n: CaNode): void {
    const simple: Record<string, string> = {
      acsUrl: 'acsUrl', entityUrl: 'entityUrl', issuer: 'issuer', certificate: 'certificate', encryptionCertificate: 'encryptionCertificate',
      samlSloUrl: 'singleLogoutUrl', samlSubjectCustomAttr: 'subjectCustomAttribute',
    };
    const enums: Record<string, string> = {
      encryptionType: 'encryptionType', samlNameIdFormat: 'nameIdFormat', samlSigningAlgoType: 'signingAlgorithmType', samlIdpSLOBindingEnum: 'singleLogoutBindingType',
    };
    const seen = new Set<string>();
    for (const c of n.children) {
      if (!this.once(seen, c)) continue;
      if (simple[c.name]) {
        if (!c.value) { this.mark(c, 'dropped', 'Empty.'); continue; }
        if (PRIVATE_KEY_RE.test(c.value)) { this.blocker(c, 'private-key', `<${c.path}> holds a private key; it was not copied. Rotate it.`); continue; }
        this.saml.push({ name: simple[c.name], value: c.value });
        this.mark(c, 'mapped');
      } else if (enums[c.name]) {
        const allowed = enumValues('saml', enums[c.name]);
        const v = allowed.find((a) => a.toLowerCase() === c.value.toLowerCase());
        if (!v) { this.blocker(c, 'invalid-value', `${c.name} '${c.value}' has no ECA value (${allowed.join(', ')}).`); continue; }
        this.saml.push({ name: enums[c.name], value: v });
        this.mark(c, 'mapped');
      } else if (c.name === 'samlSubjectType') {
        // Docs spell PersistentID / CustomAttr; retrieved files and the ECA enum use PersistentId / CustomAttribute.
        const key = c.value.toLowerCase();
        const v = ({ username: 'Username', federationid: 'FederationId', userid: 'UserId', persistentid: 'PersistentId', customattr: 'CustomAttribute', customattribute: 'CustomAttribute' } as Record<string, string>)[key];
        if (!v) { this.blocker(c, 'invalid-value', `samlSubjectType '${c.value}' has no ECA value.`); continue; }
        this.saml.push({ name: 'subjectType', value: v });
        this.mark(c, v === c.value ? 'mapped' : 'computed');
      } else {
        this.unknown(c);
      }
    }
    if (this.opts.pattern === '1') {
      for (const c of n.children) {
        const o = this.outcomes.get(c);
        if (o?.kind === 'mapped' || o?.kind === 'computed') this.mark(c, 'dropped', 'Not written: SAML apps cannot be packaged (see the blockers).');
      }
      this.blocker(n, 'saml-not-packageable', 'The app uses SAML, and SAML External Client Apps must be Local: they cannot be packaged [ECA]. Choose pattern 2 or the local flow.');
    }
  }

  private canvasConfig(n: CaNode): void {
    const locs = enumValues('canvas', 'canvasLocationOptions');
    const opts = enumValues('canvas', 'canvasOptions');
    const seen = new Set<string>();
    for (const c of n.children) {
      if (c.name !== 'locations' && c.name !== 'options' && !this.once(seen, c)) continue;
      switch (c.name) {
        case 'accessMethod': case 'samlInitiationMethod': {
          const allowed = enumValues('canvas', c.name);
          const v = allowed.find((a) => a.toLowerCase() === c.value.toLowerCase());
          if (!v) { this.blocker(c, 'invalid-value', `${c.name} '${c.value}' has no ECA value (${allowed.join(', ')}).`); break; }
          this.canvas.push({ name: c.name, value: v });
          this.mark(c, 'mapped');
          break;
        }
        case 'canvasUrl':
          if (c.value) { this.canvas.push({ name: 'canvasUrl', value: c.value }); this.mark(c, 'mapped'); } else this.blocker(c, 'invalid-value', 'The canvas app has an empty canvasUrl.');
          break;
        case 'lifecycleClass':
          if (c.value) { this.canvas.push({ name: 'lifeCycleHandler', value: c.value }); this.mark(c, 'mapped'); } else this.mark(c, 'dropped', 'Empty.');
          break;
        case 'locations': {
          const v = locs.find((a) => a.toLowerCase() === c.value.toLowerCase());
          if (!v) { this.blocker(c, 'canvas-location', `Canvas location '${c.value}' has no ECA equivalent (ECAs offer ${locs.join(', ')}): the app would no longer appear there.`); break; }
          if (!this.canvas.some((f) => f.name === 'canvasLocationOptions' && 'value' in f && f.value === v)) this.canvas.push({ name: 'canvasLocationOptions', value: v });
          this.mark(c, 'computed');
          break;
        }
        case 'options': {
          const v = opts.find((a) => a.toLowerCase() === c.value.toLowerCase());
          if (!v) { this.blocker(c, 'canvas-option', `Canvas option '${c.value}' has no ECA equivalent (ECAs offer ${opts.join(', ')}).`); break; }
          if (!this.canvas.some((f) => f.name === 'canvasOptions' && 'value' in f && f.value === v)) this.canvas.push({ name: 'canvasOptions', value: v });
          this.mark(c, 'computed');
          break;
        }
        default: this.unknown(c);
      }
    }
    for (const req of ['accessMethod', 'canvasUrl']) {
      if (!this.canvas.some((f) => f.name === req)) this.blocker(n, 'invalid-value', `The canvas settings lack ${req}, which ECA canvas settings require.`);
    }
    this.warn('canvas-install', 'A canvas ECA cannot be used until it is installed in an org, unlike a local Connected App [canvas]. Plan the install before retiring the Connected App.');
  }

  // ---- composing the ECA components

  private compose(): void {
    const N = this.name;
    const labelOf = (kind: FileKind) => `${N}${FILE_TYPES[kind].nameSuffix}`;
    const sat = (kind: FileKind, fields: XmlField[]) => {
      fields.push({ name: 'externalClientApplication', value: N }, { name: 'label', value: labelOf(kind) });
    };
    if (!this.label) {
      this.header.push({ name: 'label', value: N });
      this.warn('no-label', `The Connected App has no label; the ECA is labelled '${N}'.`);
    }
    this.header.push({ name: 'distributionState', value: this.opts.pattern === '1' ? 'Packaged' : 'Local' });

    // Plugin switches and the start page.
    this.policies.push({ name: 'isEnabled', value: 'true' });
    if (this.hasOauth) this.policies.push({ name: 'isOauthPluginEnabled', value: 'true' });
    if (this.hasSaml) this.policies.push({ name: 'isSamlPluginEnabled', value: 'true' });
    if (this.hasCanvas) this.policies.push({ name: 'isCanvasPluginEnabled', value: 'true' });
    sat('policies', this.policies);

    const joinNames = (names: string[]) => names.join(',');
    if (this.hasOauth) {
      if (this.scopes.length) this.oauth.push({ name: 'commaSeparatedOauthScopes', value: this.scopes.join(', ') });
      else this.warn('no-scopes', 'The Connected App grants no OAuth scope the ECA knows; the ECA has none until you add them.');
      this.oauth.push(...this.ipRanges.slice(0, 128));
      if (this.ipRanges.length > 128) this.blocker(undefined, 'too-many-ip-ranges', `The Connected App has ${this.ipRanges.length} IP ranges; ECAs allow 128.`);
      this.pushAttributes(this.oauth, 'ExtlClntAppOauthSettings');
      sat('oauth', this.oauth);

      if (!this.pkceSeen) {
        this.globalOauth.push({ name: 'isPkceRequired', value: 'false' });
        this.defaults.push('isPkceRequired=false (the Connected App default; ECAs default to true, which would break callers that send no code_challenge).');
      }
      if (!this.refreshSecretSeen) {
        this.globalOauth.push({ name: 'isSecretRequiredForRefreshToken', value: 'true' });
        this.defaults.push('isSecretRequiredForRefreshToken=true (the default on both sides).');
      }
      sat('globalOauth', this.globalOauth);

      const op = this.oauthPolicies;
      op.push({ name: 'permittedUsersPolicyType', value: this.adminApproved ? 'AdminApprovedPreAuthorized' : 'AllSelfAuthorized' });
      if (!this.adminApproved && (this.profiles.length || this.permissionSets.length)) {
        this.warn('profiles-self-authorized', 'Profiles or permission sets are listed while users self-authorize (isAdminApproved is not true): they were carried over but only take effect with AdminApprovedPreAuthorized.');
      }
      if (this.profiles.length) op.push({ name: 'commaSeparatedProfile', value: joinNames(this.profiles) });
      if (this.permissionSets.length) op.push({ name: 'commaSeparatedPermissionSet', value: joinNames(this.permissionSets) });
      if (!op.some((f) => f.name === 'ipRelaxationPolicyType')) {
        op.push({ name: 'ipRelaxationPolicyType', value: 'Enforce' });
        this.defaults.push(`ipRelaxationPolicyType=Enforce (the Connected App ${this.seenOauthPolicy ? 'had no ipRelaxation' : 'had no oauthPolicy'}; ENFORCE is its default).`);
      }
      if (!op.some((f) => f.name === 'refreshTokenPolicyType')) {
        op.push({ name: 'refreshTokenPolicyType', value: 'Infinite' });
        this.defaults.push('refreshTokenPolicyType=Infinite (the Connected App default, "valid until revoked").');
      }
      this.clientCredentials(op);
      op.push(...this.sessionFields);
      if (this.plugin) op.push({ name: 'apexHandler', value: this.plugin });
      if (this.pluginUser) op.push({ name: 'executeHandlerAs', value: this.pluginUser });
      sat('oauthPolicies', op);
    } else if (this.profiles.length || this.permissionSets.length) {
      if (this.hasSaml) {
        if (this.profiles.length) this.saml.push({ name: 'commaSeparatedProfile', value: joinNames(this.profiles) });
        if (this.permissionSets.length) this.saml.push({ name: 'commaSeparatedPermissionSet', value: joinNames(this.permissionSets) });
      } else {
        for (const n of this.app.nodes) if ((n.name === 'profileName' || n.name === 'permissionSetName') && n.value) this.mark(n, 'dropped', 'No OAuth or SAML plugin uses profiles or permission sets.');
        this.warn('profiles-dropped', 'Profiles and permission sets were dropped: the app has neither OAuth nor SAML settings, which is where ECAs keep them.');
      }
    }
    if (this.hasSaml) {
      this.pushAttributes(this.saml, 'ExtlClntAppSamlConfigurablePolicies');
      sat('saml', this.saml);
    }
    if (this.hasCanvas) sat('canvas', this.canvas);
  }

  private pushAttributes(fields: XmlField[], type: string): void {
    const seen = new Set<string>();
    for (const a of this.attributes) {
      if (seen.has(a.key)) { this.warn('duplicate-attribute', `Custom attribute '${a.key}' appears twice; ${type} needs unique keys, so the first was kept.`); continue; }
      seen.add(a.key);
      if (seen.size > 128) { this.blocker(undefined, 'too-many-attributes', 'More than 128 custom attributes; ECAs allow 128.'); break; }
      fields.push({ name: 'customAttributes', children: [{ name: 'formula', value: a.formula }, { name: 'key', value: a.key }] });
    }
  }

  private clientCredentials(op: XmlField[]): void {
    if (!this.ccEnabled) {
      op.push({ name: 'isClientCredentialsFlowEnabled', value: 'false' });
      if (this.ccUser && this.ccUserNode) {
        this.mark(this.ccUserNode, 'dropped', 'The client credentials flow is off, so the run-as user has no effect.');
      }
      return;
    }
    const user = this.ccUser ?? this.opts.runAsUser?.trim();
    if (user && USERNAME_RE.test(user)) {
      op.push({ name: 'isClientCredentialsFlowEnabled', value: 'true' }, { name: 'clientCredentialsFlowUser', value: user });
      if (!this.ccUser) this.defaults.push(`clientCredentialsFlowUser=${user} (given to the migration; the Connected App named no run-as user).`);
      return;
    }
    op.push({ name: 'isClientCredentialsFlowEnabled', value: 'false' });
    this.warn('run-as-user-missing', user
      ? `'${user}' is not a Salesforce username (the form of an email address), so the client credentials flow was left off in the OAuth policies; enable it with a valid run-as user per org.`
      : 'The client credentials flow is enabled but the Connected App names no run-as user (oauthClientCredentialUser), and none was given: the flow is on in the global OAuth settings but left off in the OAuth policies. Set clientCredentialsFlowUser (an API-only user of each org) and isClientCredentialsFlowEnabled=true per org.');
  }

  // ---- rows for the report

  rows(placement: Partial<Record<FileKind, Placement>>, where: (kind: FileKind, field: string) => string): SettingRow[] {
    // One row per element path and outcome: scopes that map and scopes that block get separate rows.
    const groups = new Map<string, { path: string; kind: SettingRow['kind']; nodes: CaNode[]; notes: string[] }>();
    const visit = (nodes: CaNode[]) => {
      for (const n of nodes) {
        const o = this.outcomes.get(n);
        const isContainer = n.children.length > 0;
        if (isContainer && !o) { visit(n.children); continue; }
        const row = rowFor(n.path);
        const kind: SettingRow['kind'] = o?.kind ?? (row ? row.kind : 'unknown');
        const key = `${n.path}|${kind}`;
        const g = groups.get(key) ?? groups.set(key, { path: n.path, kind, nodes: [], notes: [] }).get(key)!;
        g.nodes.push(n);
        if (o?.note && !g.notes.includes(o.note)) g.notes.push(o.note);
        if (isContainer && kind !== 'unknown') visit(n.children);
      }
    };
    visit(this.app.nodes);
    const out: SettingRow[] = [];
    for (const g of groups.values()) {
      const row = rowFor(g.path);
      const kind = g.kind;
      const notes = g.notes;
      const values = g.nodes.map((n) => this.displayValue(n)).filter((v, i, a) => v && a.indexOf(v) === i);
      let destination = '—';
      if (row?.file && (kind === 'mapped' || kind === 'computed' || kind === 'container')) {
        const dests = [{ file: row.file, field: row.field ?? '' }, ...(row.also ?? [])];
        // Profiles and permission sets of SAML-only apps, attributes of SAML apps.
        if ((g.path === 'profileName' || g.path === 'permissionSetName') && !this.hasOauth) dests[0] = { file: 'saml', field: row.field! };
        if (g.path.startsWith('attributes') && this.hasSaml) {
          if (!this.hasOauth) dests[0] = { file: 'saml', field: row.field! };
          else dests.push({ file: 'saml', field: row.field! });
        }
        destination = dests.filter((d) => placement[d.file] && placement[d.file] !== 'none').map((d) => where(d.file, d.field)).join('; ') || '—';
      } else if (kind === 'notCopied') destination = 'not copied';
      if (!notes.length && row) notes.push(row.note);
      if (!row && kind === 'unknown') notes.push('Not a documented Connected App setting.');
      out.push({ setting: g.path, value: values.join(', ') || (g.nodes[0].children.length ? '(present)' : ''), kind, destination, evidence: row?.evidence ?? 'n/a', note: notes.join(' ') });
    }
    return out;
  }

  private displayValue(n: CaNode): string {
    if (n.children.length) return '';
    if (n.name === 'consumerKey' || n.name === 'consumerSecret') return n.value ? '(present, not shown)' : '';
    if (/certificate/i.test(n.name) && n.value.length > 60) return `(certificate, ${n.value.length} characters)`;
    const v = n.value.replace(/\s*\r?\n\s*/g, ' ⏎ ');
    return v.length > 120 ? v.slice(0, 117) + '…' : v;
  }

  outcomeOf(n: CaNode): Outcome | undefined { return this.outcomes.get(n); }

  get displayLabel(): string { return this.label || this.name; }
  get clientCredentialsOn(): boolean { return this.ccEnabled; }
  get clientCredentialsUser(): string | undefined { return this.ccUser ?? this.opts.runAsUser?.trim(); }
}

// ------------------------------------------------------------------ layout per pattern

function pathOf(dir: string, kind: FileKind, name: string): string {
  const t = typeOf(kind);
  return joinPath(dir, t.folder ?? '', `${name}${FILE_TYPES[kind].nameSuffix}.${FILE_TYPES[kind].suffix}-meta.xml`);
}

function overlayFs(base: ProjectFs, planned: Map<string, string>): ProjectFs {
  const dirs = new Map<string, Set<string>>();
  for (const p of planned.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length - 1; i++) {
      const parent = parts.slice(0, i).join('/') || '/';
      (dirs.get(parent) ?? dirs.set(parent, new Set()).get(parent)!).add(parts[i]);
    }
  }
  return {
    exists: (p) => planned.has(normalize(p)) || dirs.has(normalize(p)) || base.exists(p),
    listDirs: (p) => [...new Set([...base.listDirs(p), ...(dirs.get(normalize(p)) ?? [])])],
    readText: (p) => planned.get(normalize(p)) ?? base.readText(p),
  };
}

function modelFor(opts: MigrationOptions, fs: ProjectFs, sfdxText: string | null | undefined, files: Map<string, string>): ProjectModel {
  const m = new ProjectModel(opts.projectRoot);
  m.fs = fs;
  if (sfdxText !== undefined && sfdxText !== null) m.setSfdxProject(joinPath(opts.projectRoot, 'sfdx-project.json'), sfdxText);
  if (opts.forceignore !== undefined && opts.forceignore !== null) m.setForceignore(opts.forceignore);
  for (const f of opts.projectFiles ?? []) if (!files.has(normalize(f.path))) m.update(f.path, f.text);
  for (const [p, t] of files) m.update(p, t);
  return m;
}

export interface ConnectedAppAnalysis {
  ok: true;
  doc: ConnectedAppDoc;
  name: string;
  blockers: Finding[];
  warnings: Finding[];
  /** What happens to one element (undefined for containers whose children carry the values). */
  outcome(n: CaNode): { kind: RowKind | 'unknown'; note?: string } | undefined;
}

/** The mapping outcome of every element, without laying out files or running checks (cheap: for hovers and diagnostics). */
export function analyzeConnectedApp(path: string, text: string, pattern: MigrationPattern = 'local'): ConnectedAppAnalysis | MigrationRefusal {
  const read = readConnectedApp(normalize(path), text);
  if (!read.ok) return { ok: false, source: normalize(path), error: read.error, range: read.range };
  const mig = new Migration(read.app, { pattern, projectRoot: '/', packageDir: '/' });
  mig.run();
  return { ok: true, doc: read.app, name: mig.name, blockers: mig.blockers, warnings: mig.warnings, outcome: (n) => mig.outcomeOf(n) };
}

const diagKey = (d: EngineDiagnostic) => `${d.code}|${d.path}|${d.message}`;

/** Plan the migration of one Connected App file. Never throws on bad input: it refuses instead. */
export function planMigration(path: string, text: string, opts: MigrationOptions): MigrationResult {
  const source = normalize(path);
  const read = readConnectedApp(source, text);
  if (!read.ok) return { ok: false, source, error: read.error, range: read.range };
  const projectRoot = normalize(opts.projectRoot);
  const packageDir = normalize(opts.packageDir);
  opts = { ...opts, projectRoot, packageDir };
  const mig = new Migration(read.app, opts);
  mig.run();
  for (const w of read.app.warnings) mig.warnings.push({ code: 'input', message: w });

  const N = mig.name;
  const pattern = opts.pattern;
  const baseFs = opts.fs ?? NODE_FS;
  const sfdxPath = joinPath(projectRoot, 'sfdx-project.json');
  const sfdxText = opts.sfdxProject ?? null;
  const pkg = sfdxText !== null ? enclosingPackage(sfdxText, sfdxPath, packageDir) : undefined;
  const rel = (p: string) => relativeTo(projectRoot, p);

  // Which component goes where.
  const placement: Partial<Record<FileKind, Placement>> = { header: 'file', policies: 'file' };
  const bootstrap = pattern === '2' && mig.hasOauth;
  if (mig.hasOauth) {
    placement.oauth = pattern === '1' ? 'devhub' : pattern === '2' ? 'bootstrap' : 'file';
    placement.globalOauth = pattern === '1' ? 'devhub' : pattern === '2' ? 'bootstrap' : 'file';
    placement.oauthPolicies = pattern === '1' ? 'report' : pattern === '2' ? 'bootstrap' : 'file';
  }
  if (pattern === '1') placement.policies = 'report';
  else if (bootstrap) placement.policies = 'bootstrap';
  if (mig.hasSaml) placement.saml = pattern === '1' ? 'none' : bootstrap ? 'bootstrap' : 'file';
  if (mig.hasCanvas) placement.canvas = bootstrap ? 'bootstrap' : 'file';

  const components: Record<FileKind, XmlField[]> = {
    header: mig.header, oauth: mig.oauth, globalOauth: mig.globalOauth, policies: mig.policies,
    oauthPolicies: mig.oauthPolicies, saml: mig.saml, canvas: mig.canvas,
  };
  const order: FileKind[] = ['header', 'oauth', 'globalOauth', 'canvas', 'policies', 'oauthPolicies', 'saml'];
  const creates: PlannedFile[] = [];
  const held: HeldComponent[] = [];
  const payload: BootstrapComponent[] = [];
  const payloadFiles = new Map<string, string>();
  for (const kind of order) {
    const where = placement[kind];
    if (!where || where === 'none') continue;
    const p = pathOf(packageDir, kind, N);
    const textOf = () => renderMetadata(typeOf(kind).rootElement!, components[kind]);
    if (where === 'file') creates.push({ path: p, role: kind, text: textOf() });
    else if (where === 'bootstrap') {
      payload.push({ type: FILE_TYPES[kind].type, fullName: `${N}${FILE_TYPES[kind].nameSuffix}`, fields: components[kind] });
      payloadFiles.set(p, textOf());
    } else if (where === 'report') {
      held.push({ role: kind, path: p, text: textOf(),
        why: mig.hasOauth
          ? 'Per-org policies: they cannot be packaged and can only deploy once OAuth is enabled, i.e. after the package is installed and the OAuth settings were retrieved from the DevHub. Add them to a source package deployed after the unlocked package (with aliasfy, one copy per environment).'
          : 'Per-org policies (plugin switches, start URL): not part of the unlocked package; add them to a source package deployed after it.' });
    }
  }

  // Pattern-specific checks of the choice itself.
  const pkgName = pkg ? (pkg.name ?? pkg.rel) : undefined;
  if (sfdxText === null) {
    mig.warnings.push({ code: 'no-sfdx-project', message: 'No sfdx-project.json was found: the files are written, but sf and sfp need a project to deploy them' + (bootstrap ? ', and the bootstrap script must be registered as the package\'s postDeploymentScript by hand.' : '.') });
  } else if (!pkg && !bootstrap) {
    mig.warnings.push({ code: 'not-a-package-directory', message: `${rel(packageDir)} is not inside any packageDirectories entry of sfdx-project.json: sf will not deploy these files until it is.` });
  }
  if (pkg) {
    const unlocked = pkg.type === 'unlocked' || pkg.type === 'org-dependent' || pkg.type === 'managed';
    if (pattern === '1' && !unlocked) {
      mig.warnings.push({ code: 'package-type', message: `Pattern 1 ships a Packaged ECA in an unlocked package, but '${pkgName}' is a ${pkg.type} package.` });
    }
    if (pattern === 'local' && unlocked && mig.hasOauth) {
      mig.blockers.push({ code: 'package-type', message: `The local flow deploys OAuth settings without an oauthLink next to their global OAuth settings; that only works outside an unlocked package, and '${pkgName}' is ${pkg.type}. Pick a source package directory, or pattern 1.` });
    } else if (pattern !== '1' && unlocked) {
      mig.warnings.push({ code: 'package-type', message: `A Local ECA in the ${pkg.type} package '${pkgName}' is not replicated to sandboxes on refresh; pattern 2 and the local flow expect a source package.` });
    }
  }
  if (pattern === 'local' && mig.hasOauth && opts.forceignore) {
    const m = modelFor(opts, baseFs, sfdxText, new Map());
    if (m.isIgnored(pathOf(packageDir, 'globalOauth', N))) {
      mig.blockers.push({ code: 'global-oauth-ignored', message: '.forceignore excludes the global OAuth settings, but the local flow deploys them to create the OAuth consumer: without them the OAuth settings arrive without an oauthLink and break the OAuth plugin. Deploy them explicitly once, or choose pattern 2.' });
    }
  }

  // Pattern 2: the bootstrap and its registration.
  const edits: PlannedEdit[] = [];
  let sfdxAfter = sfdxText;
  let scriptRel: string | undefined;
  let scriptNote: string | undefined;
  if (bootstrap) {
    scriptRel = `scripts/bootstrap-${N}-oauth.sh`;
    const apexRel = `scripts/bootstrap-${N}-oauth.apex`;
    const apiVersion = (() => {
      const m = sfdxText ? /"sourceApiVersion"\s*:\s*"(\d+)\.0"/.exec(sfdxText) : null;
      const v = m ? Number(m[1]) : 64;
      return `${Math.max(v < 60 ? 64 : v, mig.hasCanvas ? 66 : 0)}.0`;
    })();
    const ccUser = mig.clientCredentialsUser;
    const input = {
      app: N, apiVersion, apexFile: `bootstrap-${N}-oauth.apex`, components: payload,
      clientCredentials: mig.clientCredentialsOn,
      defaultRunAsUser: ccUser && SCRIPT_SAFE_USERNAME.test(ccUser) ? ccUser : '',
      sourcePath: rel(source),
    };
    if (mig.clientCredentialsOn && ccUser && !input.defaultRunAsUser) {
      mig.warnings.push({ code: 'run-as-user-script', message: `The run-as user '${ccUser}' contains characters the bootstrap script does not pass through; set ECA_RUN_AS_USER when running it.` });
    }
    creates.push({ path: joinPath(projectRoot, scriptRel), role: 'script', text: bootstrapShell(input), executable: true });
    creates.push({ path: joinPath(projectRoot, apexRel), role: 'apex', text: bootstrapApex(input) });
    if (sfdxText === null) {
      scriptNote = `Register ${scriptRel} as the postDeploymentScript of the package that deploys ${rel(packageDir)} (there is no sfdx-project.json to edit).`;
    } else {
      const r = addPostDeploymentScript(sfdxText, sfdxPath, packageDir, rel(packageDir), scriptRel, packageDir.slice(packageDir.lastIndexOf('/') + 1));
      if (r.action === 'set' || r.action === 'appended') {
        sfdxAfter = r.text;
        edits.push({ path: sfdxPath, original: sfdxText, text: r.text, edits: r.edits,
          what: r.action === 'set' ? `postDeploymentScript "${scriptRel}" on the package '${r.entry}'` : `a source package '${r.entry}' for ${rel(packageDir)} with postDeploymentScript "${scriptRel}"` });
      } else if (r.action === 'conflict') {
        scriptNote = `The package '${r.entry}' already runs ${r.existing} after deploying; sfp runs one postDeploymentScript per package, so call ${scriptRel} "$@" from ${r.existing} (sfdx-project.json was not changed).`;
        mig.warnings.push({ code: 'post-deploy-script-taken', message: scriptNote });
      } else if (r.action === 'unparsable') {
        scriptNote = `sfdx-project.json could not be read (${r.message}); register ${scriptRel} as the postDeploymentScript by hand.`;
        mig.warnings.push({ code: 'sfdx-project-unreadable', message: scriptNote });
      }
    }
  }

  // Paths the project's .forceignore hides would never deploy.
  if (opts.forceignore) {
    const m = modelFor(opts, baseFs, sfdxText, new Map());
    for (const f of creates) {
      if ((f.role !== 'script' && f.role !== 'apex') && m.isIgnored(f.path) && !(f.role === 'globalOauth' && mig.blockers.some((b) => b.code === 'global-oauth-ignored'))) {
        mig.warnings.push({ code: 'forceignored', message: `${rel(f.path)} is excluded by .forceignore and would not deploy.` });
      }
    }
  }

  // Our own checks on what would be written (and on the bootstrap payload).
  const checks: CheckResult[] = [];
  const ecaFiles = new Map(creates.filter((f) => f.role !== 'script' && f.role !== 'apex' && f.role !== 'report').map((f) => [f.path, f.text]));
  const allPlanned = new Map(creates.map((f) => [f.path, f.text]));
  const fsAfter = overlayFs(baseFs, allPlanned);
  const baseline = new Set(checkProjectRules(modelFor(opts, baseFs, sfdxText, new Map())).map(diagKey));
  const after = modelFor(opts, fsAfter, sfdxAfter, ecaFiles);
  const push = (d: EngineDiagnostic, payloadCheck = false) => checks.push({ path: d.path, line: d.range.start.line + 1, character: d.range.start.character + 1, code: d.code, severity: d.severity, message: d.message, payload: payloadCheck || undefined });
  for (const [p, t] of ecaFiles) for (const d of checkFile(p, t, after)) push(d);
  for (const d of checkProjectRules(after)) if (!baseline.has(diagKey(d))) push(d);
  if (payloadFiles.size) {
    // As the org sees them once the bootstrap ran: header + payload together.
    const withPayload = modelFor(opts, fsAfter, sfdxAfter, new Map([...ecaFiles, ...payloadFiles]));
    for (const [p, t] of payloadFiles) for (const d of checkFile(p, t, withPayload)) push(d, true);
  }
  for (const c of checks) {
    if (c.severity === 'error') mig.blockers.push({ code: 'check-failed', message: `Our check ${c.code} fails on ${c.payload ? 'the bootstrap payload for ' : ''}${rel(c.path)}:${c.line}: ${c.message}` });
  }

  // Pattern 1: what to enter on the DevHub.
  const devHubSettings: { setting: string; value: string }[] = [];
  if (pattern === '1' && mig.hasOauth) {
    const show = (fields: XmlField[], prefix = '') => {
      for (const f of fields) {
        if (f.name === 'externalClientApplication' || f.name === 'label') continue;
        if ('children' in f) show(f.children, `${prefix}${f.name}.`);
        else devHubSettings.push({ setting: `${prefix}${f.name}`, value: /certificate/i.test(f.name) ? '(the certificate from the Connected App\'s oauthConfig/certificate)' : f.value });
      }
    };
    show(mig.globalOauth);
    show(mig.oauth);
  }

  const whereText = (kind: FileKind, field: string): string => {
    const t = FILE_TYPES[kind];
    const f = field ? `\`${field}\`` : '';
    switch (placement[kind]) {
      case 'file': return `${f} in ${rel(pathOf(packageDir, kind, N))}`;
      case 'bootstrap': return `${f} of ${t.type} (bootstrap)`;
      case 'devhub': return `${f} of ${t.type} (set on the DevHub)`;
      case 'report': return `${f} of ${t.type} (policies in this report)`;
      default: return '—';
    }
  };
  const rows = mig.rows(placement, whereText);

  const conflicts: string[] = [];
  const exists = (p: string) => baseFs.exists(p);
  if (opts.reportPath) creates.push({ path: normalize(opts.reportPath), role: 'report', text: '' });
  for (const f of creates) if (exists(f.path)) conflicts.push(f.path);
  // Two planned files on one path (e.g. the report named like an ECA file) would overwrite each other.
  const seenPaths = new Set<string>();
  for (const f of creates) { if (seenPaths.has(f.path)) conflicts.push(f.path); seenPaths.add(f.path); }

  const plan: MigrationPlan = {
    ok: true, source, name: N, label: mig.displayLabel, pattern, projectRoot, packageDir,
    creates, edits, conflicts, placement, held, devHubSettings,
    blockers: mig.blockers, warnings: mig.warnings, defaults: mig.defaults, steps: [], rows, checks, report: '',
  };
  plan.steps = stepsFor(plan, mig, { scriptRel, scriptNote, pkgName });
  plan.report = renderReport(plan);
  const reportFile = creates.find((f) => f.role === 'report');
  if (reportFile) reportFile.text = plan.report;
  redactSecrets(plan, mig.secrets);
  return plan;
}

function stepsFor(plan: MigrationPlan, mig: Migration, x: { scriptRel?: string; scriptNote?: string; pkgName?: string }): string[] {
  const N = plan.name;
  const rel = (p: string) => relativeTo(plan.projectRoot, p);
  const steps: string[] = [];
  if (plan.blockers.length) steps.push(`Resolve the ${plan.blockers.length} blocker(s) above first: the files below leave out what is blocked.`);
  if (mig.hasOauth) {
    steps.push('Confirm that no caller uses the OAuth username-password flow: External Client Apps do not support it (Salesforce\'s own "Migrate" button asks the same). Move such callers to the web server flow with PKCE, the JWT bearer flow or the client credentials flow.');
  }
  if (plan.pattern === '1') {
    if (mig.hasOauth) {
      steps.push(`On the DevHub (Setup → External Client App Manager → New External Client App), create the app with the API name **${N}**, enable OAuth and enter the values listed under "Settings to enter on the DevHub" (callback URL, scopes, flow switches${mig.clientCredentialsOn ? ', client credentials' : ''}). Do not reuse the Connected App's consumer key. (Alternative, inferred: deploy \`migrate --pattern local\` output to the DevHub instead of clicking.)`);
      steps.push(`Retrieve the ECA and its OAuth settings, which now carry the platform-generated oauthLink: \`node dist/cli.js retrieve --target-org <devhub> --eca ${N}\` or the command "ECA: Retrieve External Client App from DevHub". Keep the retrieved header Packaged, commit both files in ${rel(plan.packageDir)}.`);
      steps.push('If you deployed the ECA to the DevHub from source, delete that source-deployed ECA there (the package recreates it on install), then build and install the unlocked package, DevHub first.');
      steps.push('Add the per-org policies from "Policies held back" to a source package installed after the unlocked package (with aliasfy: one copy per environment; keep client credentials off in default/).');
    } else {
      steps.push('Build and install the unlocked package. The per-org policies in "Policies held back" go into a source package installed after it.');
    }
  } else if (plan.pattern === '2' && x.scriptRel) {
    steps.push(x.scriptNote ?? `sfp runs ${x.scriptRel} after deploying '${x.pkgName ?? rel(plan.packageDir)}' (postDeploymentScript); it creates the OAuth consumer, settings and policies on each org.`);
    steps.push(`Make the script executable if your tool did not (\`chmod +x ${x.scriptRel}\`) and commit it with ${x.scriptRel.replace(/\.sh$/, '.apex')}.`);
    if (mig.clientCredentialsOn) steps.push(`Set ECA_RUN_AS_USER to the client credentials run-as user (an API-only user) of each target org in the pipeline that runs sfp${mig.clientCredentialsUser ? ` (the default ${mig.clientCredentialsUser} exists in one org only)` : ''}; without it the flow stays off in that org's OAuth policies.`);
    steps.push('The Apex calls the org\'s own Metadata API: the script deploys a Remote Site Setting for the org\'s My Domain URL first (set ECA_SKIP_REMOTE_SITE=1 if the org has one).');
  } else {
    steps.push(`Deploy ${rel(plan.packageDir)} to the org that held the Connected App (\`sf project deploy start --source-dir ${rel(plan.packageDir)}\`).`);
    if (mig.hasOauth) {
      steps.push('The global OAuth settings hold no consumer key or secret: the platform generates new ones on deploy. After the first deploy, retrieve the OAuth settings (they then carry an oauthLink) and consider adding `**/*.ecaGlblOauth-meta.xml` to .forceignore.');
      steps.push('Per-org OAuth policies deploy in the same deploy as the OAuth consumer (inferred: the documented local flow deploys header, OAuth settings and global OAuth settings; if the deploy reports "The OAuth settings are missing for this external client app", deploy the policies in a second deploy).');
    }
  }
  if (mig.hasOauth) {
    steps.push(`Give every caller of the Connected App the ECA's **new consumer key and secret** (Setup → External Client App Manager → ${N} → Settings → OAuth Settings → Consumer Key and Secret${plan.pattern === '2' ? ', in each org' : ''}). The Connected App's key was not copied: keys are globally unique and set at creation.`);
    if (mig.clientCredentialsOn && !mig.clientCredentialsUser) steps.push('Name the client credentials run-as user (clientCredentialsFlowUser, an API-only user) for each org and switch isClientCredentialsFlowEnabled on in the OAuth policies.');
    if (plan.rows.some((r) => r.setting === 'profileName' || r.setting === 'permissionSetName')) steps.push('Check the permitted profiles and permission sets in Setup after the first deploy: the docs do not say whether commaSeparatedProfile/commaSeparatedPermissionSet take names or IDs (names were written).');
  }
  if (mig.hasCanvas) steps.push('Install the canvas ECA in each org where the canvas app is used, and check where it appears.');
  steps.push(`Retire the Connected App once every caller uses the ECA: revoke its tokens and block or delete it in Setup (App Manager), then delete ${rel(plan.source)} and deploy the deletion (destructive changes). The migration never touches the Connected App file. Note: for an app that already lives in an org, Setup's "Migrate to External Client App" button (App Manager) is Salesforce's own alternative.`);
  return steps;
}

/** Last line of defence: no consumer key or secret value of the input may appear in any output. */
function redactSecrets(plan: MigrationPlan, secrets: string[]): void {
  // Real keys and secrets are 8+ characters; very short junk values would only garble unrelated text.
  const live = secrets.filter((s) => s.length >= 6);
  if (!live.length) return;
  let found = false;
  const scrub = (s: string) => {
    if (!live.some((sec) => s.includes(sec))) return s;
    found = true;
    return live.reduce((acc, sec) => acc.split(sec).join('[redacted]'), s);
  };
  const walk = (o: unknown): unknown => {
    if (typeof o === 'string') return scrub(o);
    if (Array.isArray(o)) { for (let i = 0; i < o.length; i++) o[i] = walk(o[i]); return o; }
    if (o && typeof o === 'object') { for (const k of Object.keys(o)) (o as Record<string, unknown>)[k] = walk((o as Record<string, unknown>)[k]); return o; }
    return o;
  };
  walk(plan);
  if (found) {
    plan.warnings.push({ code: 'secret-redacted', message: 'A consumer key or secret value of the Connected App appeared in another setting; it was replaced by [redacted] everywhere.' });
    plan.report = scrub(renderReport(plan));
    const reportFile = plan.creates.find((f) => f.role === 'report');
    if (reportFile) reportFile.text = plan.report;
  }
}
