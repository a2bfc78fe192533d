// The mapper: runs the section mappers (sections/*.ts) over a Connected App's elements, composes
// the ECA components from what they read, and turns the outcomes into the report's rows.
import type { CaNode } from './connectedApp';
import { FILE_TYPES, rowFor, type FileKind } from './mapping';
import { MapperState, USERNAME_RE } from './state';
import type { Outcome, Placement, SettingRow } from './types';
import type { XmlField } from '../engine/xml/write';
import { setHeader, pluginNode, ipRange, attribute } from './sections/header';
import { oauthConfig } from './sections/oauth';
import { oauthPolicy } from './sections/oauthPolicy';
import { sessionPolicy } from './sections/session';
import { samlConfig } from './sections/saml';
import { canvasConfig } from './sections/canvas';

export class Migration extends MapperState {
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

  top(n: CaNode): void {
    switch (n.name) {
      case 'label':
        this.label = n.value;
        setHeader(this, n, 'label');
        return;
      case 'contactEmail': case 'contactPhone': case 'description': case 'logoUrl': case 'infoUrl': case 'iconUrl':
        setHeader(this, n, n.name);
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
      case 'ipRanges': ipRange(this, n); return;
      case 'attributes': attribute(this, n); return;
      case 'profileName':
        if (n.value) { this.profiles.push(n.value); this.mark(n, 'computed'); } else this.mark(n, 'dropped', 'Empty (on a Connected App an empty element removes all profiles).');
        return;
      case 'permissionSetName':
        if (n.value) { this.permissionSets.push(n.value); this.mark(n, 'computed'); } else this.mark(n, 'dropped', 'Empty (on a Connected App an empty element removes all permission sets).');
        return;
      case 'plugin':
        if (n.value) this.plugin = n.value;
        pluginNode(this, n);
        return;
      case 'pluginExecutionUser':
        if (n.value) this.pluginUser = n.value;
        pluginNode(this, n);
        return;
      case 'oauthConfig': this.mark(n, 'container'); oauthConfig(this, n); return;
      case 'oauthPolicy': oauthPolicy(this, n); return;
      case 'sessionPolicy': sessionPolicy(this, n); return;
      case 'samlConfig': this.mark(n, 'container'); samlConfig(this, n); return;
      case 'canvasConfig': this.mark(n, 'container'); canvasConfig(this, n); return;
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

  // ---- composing the ECA components

  compose(): void {
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

  pushAttributes(fields: XmlField[], type: string): void {
    const seen = new Set<string>();
    for (const a of this.attributes) {
      if (seen.has(a.key)) { this.warn('duplicate-attribute', `Custom attribute '${a.key}' appears twice; ${type} needs unique keys, so the first was kept.`); continue; }
      seen.add(a.key);
      if (seen.size > 128) { this.blocker(undefined, 'too-many-attributes', 'More than 128 custom attributes; ECAs allow 128.'); break; }
      fields.push({ name: 'customAttributes', children: [{ name: 'formula', value: a.formula }, { name: 'key', value: a.key }] });
    }
  }

  clientCredentials(op: XmlField[]): void {
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

  displayValue(n: CaNode): string {
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
