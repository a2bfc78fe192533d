// The security posture of each External Client App in each org (issue 22): which OAuth flows the
// org's copy enables, PKCE, refresh-token lifetime and rotation, IP relaxation, permitted users,
// session level, scopes, callbacks, Salesforce's partner controls met or missing, and the security
// findings on the files that org receives. Which org receives which file is the environments view's
// answer (sfp aliasfy semantics: the matrix's file rows); this module only reads those files' values.
// Pure: the caller passes the model, the built matrix, the view's settings reader and the diagnostics it computed. The CLI (`eca-check audit`), the sf plugin,
// the GitHub Action summary and the environment matrix all format this one result.
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE } from '../schema';
import type { EngineDiagnostic, Severity } from '../types';
import type { EnvKind, Matrix, MatrixComponent, ReceiveStatus, Settings } from '../project/view/types';
import { stripNamespace, type ComponentSummary, type ProjectModel } from '../project/model';
import { RULE_BY_ID } from '../rules/catalogue';
import { IP_ALLOWLIST_LABEL, missingPartnerControls, PARTNER_CONTROLS, SECURITY_SETTINGS_TYPE } from '../rules/security/partner-controls';

/** `yes` / `no` as the org's copy says (an absent switch is the platform's default, off); `—` when the org gets no file that says. */
export type Tri = 'yes' | 'no' | '—';

export interface PostureFinding { code: string; severity: Severity; path: string; line: number; message: string }

export interface AppPosture {
  app: string;
  /** The org: an alias, `default` (the fallback folder) or `every org` (packages without aliasfy). */
  org: string;
  kind: EnvKind | 'every-org';
  distributionState?: string;
  /** The files this org receives for the app, by component. */
  files: { component: string; path: string; status: ReceiveStatus }[];
  flows: {
    authorizationCode: Tri; clientCredentials: Tri;
    /** The OAuth policies' own client-credentials switch (the flow also needs the global setting). */
    clientCredentialsPolicy: Tri; runAsUser?: string; jwtBearer: Tri; deviceFlow: Tri; tokenExchange: Tri;
  };
  pkce: Tri;
  refreshToken: { policy?: string; lifetime?: string; rotation: Tri; idleLimit: Tri };
  ipRelaxation?: string;
  permittedUsers?: string;
  sessionLevel?: string;
  scopes: string[];
  callbacks: string[];
  /** Only for Packaged apps whose global OAuth settings this org receives. */
  partnerControls?: { met: string[]; missing: string[] };
  findings: PostureFinding[];
}

export interface Audit { root: string; orgs: { org: string; kind: EnvKind | 'every-org' }[]; apps: AppPosture[] }

const EVERY_ORG = 'every org';
const COMPONENT_TYPE: Partial<Record<MatrixComponent, string>> = { header: HEADER_TYPE, oauthSettings: OAUTH_SETTINGS_TYPE, globalOAuth: GLOBAL_OAUTH_TYPE, oauthPolicies: OAUTH_POLICIES_TYPE };

const tri = (v: string | undefined): Tri => (v === 'true' || v === '1' ? 'yes' : v === undefined ? '—' : 'no');
/** A flow switched on in two places (global OAuth settings and the org's OAuth policies). */
const and = (a: Tri, b: Tri): Tri => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : '—');

/** Whether a diagnostic belongs to the security category. */
export function isSecurityFinding(d: { code: string }): boolean {
  return RULE_BY_ID.get(d.code)?.category === 'security';
}

/**
 * The posture of every app in every environment of a built matrix (its file rows say which file
 * each environment receives), plus, with `everyOrg`, a column of what packages without aliasfy give
 * every org. The environment matrix's Security section calls this with the matrix it just built.
 */
export function postureFromMatrix(model: ProjectModel, matrix: Matrix, read: (path: string) => Settings, diagnostics: readonly EngineDiagnostic[], everyOrg: boolean): Audit {
  const security = diagnostics.filter(isSecurityFinding);
  const hasAliasfy = model.sfdx?.packageDirs.some((p) => p.aliasfy) ?? false;
  const orgs: Audit['orgs'] = [
    ...(hasAliasfy || !everyOrg ? matrix.environments.map((e) => ({ org: e.name, kind: e.kind as EnvKind | 'every-org' })) : []),
    ...(everyOrg ? [{ org: EVERY_ORG, kind: 'every-org' as const }] : []),
  ];
  const apps: AppPosture[] = [];
  for (const app of [...new Set(matrix.rows.map((r) => r.eca))]) {
    const fileRows = matrix.rows.filter((r) => r.eca === app && (r.setting === 'file' || r.setting.endsWith('.file')));
    const shared = model.componentsOf(app).filter((c) => !model.isIgnored(c.path) && !model.packageOf(c.path)?.aliasfy);
    // The security settings file (the refresh-token IP allowlist) is not a matrix row: every org gets it from where it is.
    const extra = model.componentsOf(app).filter((c) => c.type === SECURITY_SETTINGS_TYPE && !model.isIgnored(c.path));
    orgs.forEach((o, i) => {
      const files: AppPosture['files'] = [];
      if (o.kind === 'every-org') {
        for (const c of shared) if (Object.values(COMPONENT_TYPE).includes(c.type)) files.push({ component: c.type, path: c.path, status: 'every-org' });
      } else {
        for (const r of fileRows) {
          const cell = r.cells[i];
          const type = COMPONENT_TYPE[r.component];
          if (type && cell?.path && cell.status !== 'missing') files.push({ component: type, path: cell.path, status: cell.status as ReceiveStatus });
        }
      }
      apps.push(postureOf(app, o, files, extra, read, security));
    });
  }
  return { root: model.root, orgs, apps };
}

function postureOf(app: string, o: Audit['orgs'][number], files: AppPosture['files'], extra: ComponentSummary[], read: (p: string) => Settings, security: EngineDiagnostic[]): AppPosture {
  const of = (type: string) => files.find((f) => f.component === type);
  const v = (type: string) => { const f = of(type); return f ? read(f.path) : {}; };
  const header = v(HEADER_TYPE);
  const settings = v(OAUTH_SETTINGS_TYPE);
  const global = v(GLOBAL_OAUTH_TYPE);
  const policies = v(OAUTH_POLICIES_TYPE);
  // A boolean of a file the org receives: absent means the platform's default (false); no file: unknown.
  const gb = (name: string): Tri => (of(GLOBAL_OAUTH_TYPE) ? tri(global[name] ?? 'false') : '—');
  const pb = (name: string): Tri => (of(OAUTH_POLICIES_TYPE) ? tri(policies[name] ?? 'false') : '—');
  const callbacks = (global.callbackUrl ?? '').split(/[\s,]+/).filter(Boolean);
  const policy = policies.refreshTokenPolicyType;
  const lifetime = policy === 'SpecificLifetime' || policy === 'SpecificInactivity'
    ? `${policies.refreshTokenValidityPeriod ?? '?'} ${policies.refreshTokenValidityUnit ?? ''}`.trim() + (policy === 'SpecificInactivity' ? ' idle' : '')
    : policy === 'Infinite' ? 'never expires' : policy === 'Zero' ? 'expires immediately' : undefined;
  const distributionState = header.distributionState ?? (of(HEADER_TYPE) ? 'Local' : undefined);
  let partnerControls: AppPosture['partnerControls'];
  if (distributionState === 'Packaged' && of(GLOBAL_OAUTH_TYPE)) {
    const summary = { type: GLOBAL_OAUTH_TYPE, isPkceRequired: global.isPkceRequired, isRefreshTokenRotationEnabled: global.isRefreshTokenRotationEnabled, isEnforceRefreshTokenTTL: global.isEnforceRefreshTokenTTL };
    const missing = missingPartnerControls([summary, ...extra]) ?? [];
    const all = [...PARTNER_CONTROLS.map((k) => k.label), IP_ALLOWLIST_LABEL];
    partnerControls = { met: all.filter((l) => !missing.includes(l)), missing };
  }
  const paths = new Set([...files.map((f) => f.path), ...extra.map((c) => c.path)]);
  const findings = security.filter((d) => paths.has(d.path)).map((d) => ({ code: d.code, severity: d.severity, path: d.path, line: d.range.start.line + 1, message: d.message }));
  return {
    app: stripNamespace(app), org: o.org, kind: o.kind, distributionState,
    files: [...files, ...extra.map((c) => ({ component: c.type, path: c.path, status: 'every-org' as ReceiveStatus }))],
    flows: {
      authorizationCode: of(GLOBAL_OAUTH_TYPE) ? (callbacks.length ? 'yes' : 'no') : '—',
      clientCredentials: and(gb('isClientCredentialsFlowEnabled'), pb('isClientCredentialsFlowEnabled')),
      clientCredentialsPolicy: pb('isClientCredentialsFlowEnabled'),
      runAsUser: policies.clientCredentialsFlowUser || undefined,
      jwtBearer: of(GLOBAL_OAUTH_TYPE) ? (global.certificate ? 'yes' : 'no') : '—',
      deviceFlow: gb('isDeviceFlowEnabled'),
      tokenExchange: and(gb('isTokenExchangeEnabled'), pb('isTokenExchangeFlowEnabled')),
    },
    pkce: gb('isPkceRequired'),
    refreshToken: { policy, lifetime, rotation: gb('isRefreshTokenRotationEnabled'), idleLimit: gb('isEnforceRefreshTokenTTL') },
    ipRelaxation: policies.ipRelaxationPolicyType,
    permittedUsers: policies.permittedUsersPolicyType,
    sessionLevel: policies.requiredSessionLevel,
    scopes: (settings.commaSeparatedOauthScopes ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    callbacks,
    partnerControls,
    findings,
  };
}
