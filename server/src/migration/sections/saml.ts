// Mapper of one Connected App section. <samlConfig>: the SAML settings.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState, PRIVATE_KEY_RE, enumValues } from '../state';

export function samlConfig(st: MapperState, n: CaNode): void {
  const simple: Record<string, string> = {
    acsUrl: 'acsUrl', entityUrl: 'entityUrl', issuer: 'issuer', certificate: 'certificate', encryptionCertificate: 'encryptionCertificate',
    samlSloUrl: 'singleLogoutUrl', samlSubjectCustomAttr: 'subjectCustomAttribute',
  };
  const enums: Record<string, string> = {
    encryptionType: 'encryptionType', samlNameIdFormat: 'nameIdFormat', samlSigningAlgoType: 'signingAlgorithmType', samlIdpSLOBindingEnum: 'singleLogoutBindingType',
  };
  const seen = new Set<string>();
  for (const c of n.children) {
    if (!st.once(seen, c)) continue;
    if (simple[c.name]) {
      if (!c.value) { st.mark(c, 'dropped', 'Empty.'); continue; }
      if (PRIVATE_KEY_RE.test(c.value)) { st.blocker(c, 'private-key', `<${c.path}> holds a private key; it was not copied. Rotate it.`); continue; }
      st.saml.push({ name: simple[c.name], value: c.value });
      st.mark(c, 'mapped');
    } else if (enums[c.name]) {
      const allowed = enumValues('saml', enums[c.name]);
      const v = allowed.find((a) => a.toLowerCase() === c.value.toLowerCase());
      if (!v) { st.blocker(c, 'invalid-value', `${c.name} '${c.value}' has no ECA value (${allowed.join(', ')}).`); continue; }
      st.saml.push({ name: enums[c.name], value: v });
      st.mark(c, 'mapped');
    } else if (c.name === 'samlSubjectType') {
      // Docs spell PersistentID / CustomAttr; retrieved files and the ECA enum use PersistentId / CustomAttribute.
      const key = c.value.toLowerCase();
      const v = ({ username: 'Username', federationid: 'FederationId', userid: 'UserId', persistentid: 'PersistentId', customattr: 'CustomAttribute', customattribute: 'CustomAttribute' } as Record<string, string>)[key];
      if (!v) { st.blocker(c, 'invalid-value', `samlSubjectType '${c.value}' has no ECA value.`); continue; }
      st.saml.push({ name: 'subjectType', value: v });
      st.mark(c, v === c.value ? 'mapped' : 'computed');
    } else {
      st.unknown(c);
    }
  }
  if (st.opts.pattern === '1') {
    for (const c of n.children) {
      const o = st.outcomes.get(c);
      if (o?.kind === 'mapped' || o?.kind === 'computed') st.mark(c, 'dropped', 'Not written: SAML apps cannot be packaged (see the blockers).');
    }
    st.blocker(n, 'saml-not-packageable', 'The app uses SAML, and SAML External Client Apps must be Local: they cannot be packaged [ECA]. Choose pattern 2 or the local flow.');
  }
}
