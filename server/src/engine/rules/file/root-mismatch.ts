// root-mismatch: the root element is not the type the file's suffix declares.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { TYPE_BY_ROOT } from '../../schema';
import { localName } from '../../xml/scanner';
import type { Fix } from '../../types';
import { PLATFORM } from '../common';

export const rootMismatch = fileRule({
  id: 'root-mismatch', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "sf resolves a file's type from its suffix (metadataRegistry.json: ecaOauth → ExtlClntAppOauthSettings, …), and the WSDL declares each type with its own element set", seen: `${SEEN.sdrResolver}; ${SEEN.wsdl}` },
  summary: 'Root element is not the type the file suffix declares.',
  description: 'sf resolves the type from the suffix, so a file whose root is another type (e.g. a .ecaOauth-meta.xml holding <ExtlClntAppOauthConfigurablePolicies>) is rejected or deploys the wrong type.',
  fix: 'Rename the file to the suffix of its root, or change the root element when the content fits the suffix\'s type.',
  check(ctx) {
    const f = ctx.file;
    const root = f.xml.root;
    if (!root || f.cls?.kind !== 'eca') return;
    const expected = f.cls.type.rootElement;
    const actual = localName(root.name);
    if (!expected || actual === expected) return;
    const other = TYPE_BY_ROOT.get(actual);
    const fixes: Fix[] = [];
    const closeNameStart = root.closeStart !== -1 ? root.closeStart + 2 : -1;
    const edits = [ctx.edit(root.nameStart, root.nameEnd, expected)];
    if (closeNameStart !== -1) edits.push(ctx.edit(closeNameStart, closeNameStart + root.name.length, expected));
    // A metadata-format file's type is its folder's: renaming the suffix there would not retype it.
    if (other?.suffix && other.suffix !== 'settings' && !f.cls.metadataFormat) {
      const dir = f.path.slice(0, f.path.replace(/\\/g, '/').lastIndexOf('/') + 1);
      fixes.push({ title: `Rename the file to ${f.cls.name}.${other.suffix}-meta.xml`, preferred: true,
        changes: [{ kind: 'rename', from: f.path, to: `${dir}${f.cls.name}.${other.suffix}-meta.xml` }] });
    }
    // Changing the root only helps when the content belongs to the suffix's type; otherwise every
    // child would become an unknown-element (a fix must never make the file worse).
    const fits = root.children.every((c) => f.cls?.kind === 'eca' && f.cls.type.fieldMap.has(localName(c.name)));
    if (fits) fixes.push(ctx.fix(`Change the root element to <${expected}>`, edits, fixes.length === 0));
    ctx.report({ start: root.nameStart, end: root.nameEnd, fixes,
      message: `A .${f.cls.suffix}-meta.xml file must hold <${expected}>, but its root is <${actual}>. sf resolves the type from the suffix, so ${PLATFORM} or deploys the wrong type.` });
  },
});
