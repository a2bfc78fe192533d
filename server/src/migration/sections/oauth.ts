// Mapper of one Connected App section. <oauthConfig>: callback URL, scopes, flows, ID token and asset token settings.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState, SCOPE_NAMES, PRIVATE_KEY_RE } from '../state';
import type { XmlField } from '../../engine/xml/write';

export function oauthConfig(st: MapperState, n: CaNode): void {
  const seen = new Set<string>();
  const gflag = (c: CaNode, field: string) => {
    const b = st.bool(c);
    if (b !== undefined) { st.globalOauth.push({ name: field, value: b }); st.mark(c, 'mapped'); }
  };
  for (const c of n.children) {
    if (c.name !== 'scopes' && !st.once(seen, c)) continue;
    switch (c.name) {
      case 'callbackUrl': {
        const urls = c.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
        if (!urls.length) { st.mark(c, 'dropped', 'Empty.'); st.warn('no-callback-url', 'The Connected App has no callback URL; set one on the ECA before any flow with a redirect is used.'); break; }
        st.globalOauth.push({ name: 'callbackUrl', value: urls.join('\n') });
        st.mark(c, 'computed');
        break;
      }
      case 'certificate':
        if (!c.value) { st.mark(c, 'dropped', 'Empty.'); break; }
        if (PRIVATE_KEY_RE.test(c.value)) {
          st.blocker(c, 'private-key', '<oauthConfig/certificate> holds a private key, not a certificate. It was not copied: rotate the key (it is in your git history) and upload only the public certificate.');
          break;
        }
        st.globalOauth.push({ name: 'certificate', value: c.value.replace(/\r\n/g, '\n') });
        st.mark(c, 'mapped');
        break;
      case 'consumerKey': case 'consumerSecret':
        st.mark(c, 'notCopied');
        break;
      case 'isConsumerKeyOptional':
        st.mark(c, 'dropped');
        break;
      case 'scopes': scope(st, c); break;
      case 'isAdminApproved': {
        const b = st.bool(c);
        if (b !== undefined) { st.adminApproved = b === 'true'; st.mark(c, 'computed'); }
        break;
      }
      case 'isClientCredentialEnabled': {
        const b = st.bool(c);
        if (b !== undefined) { st.ccEnabled = b === 'true'; st.globalOauth.push({ name: 'isClientCredentialsFlowEnabled', value: b }); st.mark(c, 'mapped'); }
        break;
      }
      case 'oauthClientCredentialUser':
        if (c.value) { st.ccUser = c.value; st.ccUserNode = c; st.mark(c, 'mapped'); } else st.mark(c, 'dropped', 'Empty.');
        break;
      case 'isCodeCredentialEnabled': gflag(c, 'isCodeCredFlowEnabled'); break;
      case 'isCodeCredentialPostOnly': gflag(c, 'isCodeCredPostOnly'); break;
      case 'isPkceRequired': st.pkceSeen = true; gflag(c, 'isPkceRequired'); break;
      case 'isSecretRequiredForRefreshToken': st.refreshSecretSeen = true; gflag(c, 'isSecretRequiredForRefreshToken'); break;
      case 'isConsumerSecretOptional': case 'isIntrospectAllTokens': case 'isNamedUserJwtEnabled': case 'isRefreshTokenRotationEnabled':
      case 'isSecretRequiredForTokenExchange': case 'isTokenExchangeEnabled':
        gflag(c, c.name);
        break;
      case 'singleLogoutUrl':
        if (c.value) { st.oauth.push({ name: 'singleLogoutUrl', value: c.value }); st.mark(c, 'mapped'); } else st.mark(c, 'dropped', 'Empty.');
        break;
      case 'idTokenConfig': idToken(st, c); break;
      case 'assetTokenConfig': assetToken(st, c); break;
      default: st.unknown(c);
    }
  }
}

/** The one scope token whose name differs between Connected Apps and ECAs. */
const CA_ONLY_SCOPE = { ca: 'SFAP', eca: 'SFApiPlatform' } as const;

export function scope(st: MapperState, c: CaNode): void {
  const v = c.value;
  if (!v) { st.mark(c, 'dropped', 'Empty.'); return; }
  // The Connected App token SFAP is SFApiPlatform in an ECA: the platform's list of ECA scope names
  // is the WSDL's minus SFAP plus SFApiPlatform (platform-facts-2026-12.md), so this is no guess.
  if (v.toUpperCase() === CA_ONLY_SCOPE.ca) {
    if (!st.scopes.includes(CA_ONLY_SCOPE.eca)) st.scopes.push(CA_ONLY_SCOPE.eca);
    st.warn('scope-renamed', `Connected App scope '${v}' is '${CA_ONLY_SCOPE.eca}' in an External Client App.`, c.path);
    st.mark(c, 'computed');
    return;
  }
  const exact = SCOPE_NAMES.find((s) => s === v && s !== CA_ONLY_SCOPE.ca) ?? SCOPE_NAMES.find((s) => s.toLowerCase() === v.toLowerCase() && s !== CA_ONLY_SCOPE.ca);
  if (!exact) {
    // Never guessed (reference §3): a name the ECA list does not have blocks the migration.
    st.blocker(c, 'unknown-scope', `OAuth scope '${v}' is not an External Client App scope name (${SCOPE_NAMES.length} names are known; e.g. SFApiPlatform, CDPQuery). The migration does not guess: find the ECA scope that grants the same access, or drop it from a copy of the Connected App.`);
    return;
  }
  if (exact !== v) st.warn('scope-case', `Scope '${v}' was written '${exact}'.`, c.path);
  if (!st.scopes.includes(exact)) st.scopes.push(exact);
  st.mark(c, 'computed');
}

export function idToken(st: MapperState, n: CaNode): void {
  const children: XmlField[] = [];
  for (const c of n.children) {
    switch (c.name) {
      case 'idTokenAudience':
        if (c.value) { children.push({ name: 'idTokenAudience', value: c.value }); st.mark(c, 'mapped'); } else st.mark(c, 'dropped', 'Empty.');
        break;
      case 'idTokenIncludeAttributes': case 'idTokenIncludeStandardClaims': {
        const b = st.bool(c);
        if (b !== undefined) { children.push({ name: c.name, value: b }); st.mark(c, 'mapped'); }
        break;
      }
      case 'idTokenValidity': {
        const m = /^\d+$/.exec(c.value);
        const v = m ? Number(c.value) : NaN;
        if (!(v >= 1 && v <= 720)) { st.blocker(c, 'invalid-value', `idTokenValidity '${c.value}' is not 1–720 minutes.`); break; }
        children.push({ name: 'idTokenValidityInMinutes', value: String(v) });
        st.mark(c, 'mapped');
        break;
      }
      case 'idTokenIncludeCustomPerms': {
        const b = st.bool(c);
        if (b === 'true') st.blocker(c, 'id-token-custom-perms', 'idTokenIncludeCustomPerms is true, and ECAs have no such setting: ID tokens would no longer carry custom permissions.');
        else if (b === 'false') st.mark(c, 'dropped', 'false: nothing is lost.');
        break;
      }
      default: st.unknown(c);
    }
  }
  if (children.length) st.globalOauth.push({ name: 'idTokenConfig', children });
}

export function assetToken(st: MapperState, n: CaNode): void {
  const map: Record<string, string> = { assetAudiences: 'assetTokenAudiences', assetIncludeAttributes: 'areAttributesIncludedInAssetToken', assetIncludeCustomPerms: 'areCustomPermsIncludedInAssetToken', assetValidityPeriod: 'assetTokenValidity' };
  for (const c of n.children) {
    const to = map[c.name];
    if (c.name === 'assetSigningCertId') {
      st.mark(c, 'dropped');
      st.warn('asset-signing-certificate', 'The asset token signing certificate is a certificate record ID on the Connected App; the ECA wants the certificate itself in assetTokenSigningCertificate. Add it by hand.', c.path);
      continue;
    }
    if (!to) { st.unknown(c); continue; }
    if (!c.value) { st.mark(c, 'dropped', 'Empty.'); continue; }
    let value = c.value;
    if (c.name === 'assetIncludeAttributes' || c.name === 'assetIncludeCustomPerms') {
      const b = st.bool(c);
      if (b === undefined) continue;
      value = b;
    } else if (c.name === 'assetValidityPeriod' && !/^\d+$/.test(value)) {
      st.blocker(c, 'invalid-value', `assetValidityPeriod '${value}' is not a whole number.`);
      continue;
    }
    st.oauth.push({ name: to, value });
    st.mark(c, 'mapped');
  }
}
