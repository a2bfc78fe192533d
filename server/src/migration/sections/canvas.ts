// Mapper of one Connected App section. <canvasConfig>: the canvas app settings.
// Each function reads elements, records their outcome on the state, and fills the ECA fields.
import type { CaNode } from '../connectedApp';
import { type MapperState, enumValues } from '../state';

export function canvasConfig(st: MapperState, n: CaNode): void {
  const locs = enumValues('canvas', 'canvasLocationOptions');
  const opts = enumValues('canvas', 'canvasOptions');
  const seen = new Set<string>();
  for (const c of n.children) {
    if (c.name !== 'locations' && c.name !== 'options' && !st.once(seen, c)) continue;
    switch (c.name) {
      case 'accessMethod': case 'samlInitiationMethod': {
        const allowed = enumValues('canvas', c.name);
        const v = allowed.find((a) => a.toLowerCase() === c.value.toLowerCase());
        if (!v) { st.blocker(c, 'invalid-value', `${c.name} '${c.value}' has no ECA value (${allowed.join(', ')}).`); break; }
        st.canvas.push({ name: c.name, value: v });
        st.mark(c, 'mapped');
        break;
      }
      case 'canvasUrl':
        if (c.value) { st.canvas.push({ name: 'canvasUrl', value: c.value }); st.mark(c, 'mapped'); } else st.blocker(c, 'invalid-value', 'The canvas app has an empty canvasUrl.');
        break;
      case 'lifecycleClass':
        if (c.value) { st.canvas.push({ name: 'lifeCycleHandler', value: c.value }); st.mark(c, 'mapped'); } else st.mark(c, 'dropped', 'Empty.');
        break;
      case 'locations': {
        const v = locs.find((a) => a.toLowerCase() === c.value.toLowerCase());
        if (!v) { st.blocker(c, 'canvas-location', `Canvas location '${c.value}' has no ECA equivalent (ECAs offer ${locs.join(', ')}): the app would no longer appear there.`); break; }
        if (!st.canvas.some((f) => f.name === 'canvasLocationOptions' && 'value' in f && f.value === v)) st.canvas.push({ name: 'canvasLocationOptions', value: v });
        st.mark(c, 'computed');
        break;
      }
      case 'options': {
        const v = opts.find((a) => a.toLowerCase() === c.value.toLowerCase());
        if (!v) { st.blocker(c, 'canvas-option', `Canvas option '${c.value}' has no ECA equivalent (ECAs offer ${opts.join(', ')}).`); break; }
        if (!st.canvas.some((f) => f.name === 'canvasOptions' && 'value' in f && f.value === v)) st.canvas.push({ name: 'canvasOptions', value: v });
        st.mark(c, 'computed');
        break;
      }
      default: st.unknown(c);
    }
  }
  for (const req of ['accessMethod', 'canvasUrl']) {
    if (!st.canvas.some((f) => f.name === req)) st.blocker(n, 'invalid-value', `The canvas settings lack ${req}, which ECA canvas settings require.`);
  }
  st.warn('canvas-install', 'A canvas ECA cannot be used until it is installed in an org, unlike a local Connected App [canvas]. Plan the install before retiring the Connected App.');
}
