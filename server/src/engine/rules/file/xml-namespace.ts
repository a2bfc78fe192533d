// xml-namespace: the root must carry the Metadata API namespace.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { METADATA_NAMESPACE } from '../../schema';
import { PLATFORM } from '../common';

export const xmlNamespace = fileRule({
  id: 'xml-namespace', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "targetNamespace=\"http://soap.sforce.com/2006/04/metadata\" elementFormDefault=\"qualified\": every metadata element belongs to the metadata namespace", seen: SEEN.wsdl },
  summary: 'Root lacks the metadata namespace http://soap.sforce.com/2006/04/metadata.',
  description: 'Without xmlns="http://soap.sforce.com/2006/04/metadata" on the root, the Metadata API rejects the file as an unknown type.',
  fix: 'Set (or add) the metadata namespace.',
  check(ctx) {
    const root = ctx.file.xml.root;
    if (!root || !ctx.file.type) return;
    const xmlns = root.attrs.find((a) => a.name === 'xmlns');
    if (xmlns?.value === METADATA_NAMESPACE) return;
    if (xmlns) {
      ctx.report({ start: xmlns.valueStart, end: xmlns.valueEnd,
        message: `The root element's namespace must be "${METADATA_NAMESPACE}", not "${xmlns.value}"; otherwise ${PLATFORM} as an unknown type.`,
        fixes: [ctx.fix('Set the metadata namespace', [ctx.edit(xmlns.valueStart, xmlns.valueEnd, METADATA_NAMESPACE)], true)] });
    } else {
      ctx.report({ start: root.nameStart, end: root.nameEnd,
        message: `<${root.name}> lacks xmlns="${METADATA_NAMESPACE}"; without it ${PLATFORM} as an unknown type.`,
        fixes: [ctx.fix('Add the metadata namespace', [ctx.edit(root.nameEnd, root.nameEnd, ` xmlns="${METADATA_NAMESPACE}"`)], true)] });
    }
  },
});
