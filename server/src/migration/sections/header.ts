// Mapper of one Connected App section. Top-level settings that go to the header and the plugin policies: label and contact fields, the plugin, IP ranges, custom attributes.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState } from '../state';
import type { XmlField } from '../../engine/xml/write';

export function setHeader(st: MapperState, n: CaNode, field: string): void {
  if (!n.value) { st.mark(n, 'dropped', 'Empty.'); return; }
  st.header.push({ name: field, value: n.value });
  st.mark(n, 'mapped');
}

export function pluginNode(st: MapperState, n: CaNode): void {
  if (!n.value) { st.mark(n, 'dropped', 'Empty.'); return; }
  if (!st.hasOauth) {
    st.blocker(n, 'plugin-without-oauth', `<${n.name}> has no ECA home without OAuth: the ECA's Apex handler (apexHandler, executeHandlerAs) is an OAuth policy.`);
    return;
  }
  st.mark(n, 'mapped');
}

export function ipRange(st: MapperState, n: CaNode): void {
  const f: Record<string, string> = {};
  for (const c of n.children) {
    if (c.name === 'start' || c.name === 'end' || c.name === 'description') { f[c.name] = c.value; st.mark(c, 'mapped'); } else st.unknown(c);
  }
  if (!st.hasOauth) {
    for (const c of n.children) if (st.outcomes.get(c)?.kind === 'mapped') st.mark(c, 'dropped', 'No OAuth plugin: ECAs keep trusted IP ranges in the OAuth settings.');
    st.warn('ip-ranges-dropped', 'The Connected App has IP ranges but no OAuth settings; ECAs keep trusted IP ranges in the OAuth settings, so they were dropped.', n.path);
    return;
  }
  if (!f.start || !f.end) {
    st.blocker(n, 'invalid-value', `An <ipRanges> entry lacks ${!f.start ? '<start>' : '<end>'}.`);
    return;
  }
  const children: XmlField[] = [{ name: 'startIpAddress', value: f.start }, { name: 'endIpAddress', value: f.end }];
  if (f.description) children.push({ name: 'description', value: f.description });
  st.ipRanges.push({ name: 'trustedIpRanges', children });
}

export function attribute(st: MapperState, n: CaNode): void {
  let key = '';
  let formula = '';
  for (const c of n.children) {
    if (c.name === 'key') { key = c.value; st.mark(c, 'mapped'); } else if (c.name === 'formula') { formula = c.value; st.mark(c, 'mapped'); } else st.unknown(c);
  }
  if (!key || !formula) { st.blocker(n, 'invalid-value', 'A custom attribute lacks its key or formula.'); return; }
  if (!st.hasOauth && !st.hasSaml) {
    for (const c of n.children) st.mark(c, 'dropped', 'No OAuth or SAML plugin to carry custom attributes.');
    st.warn('attributes-dropped', 'Custom attributes were dropped: the app has neither OAuth nor SAML settings to carry them.', n.path);
    return;
  }
  st.attributes.push({ key, formula });
}
