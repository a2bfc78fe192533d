// duplicate-element: a non-repeating field occurs twice.
import { fileRule } from '../define';
import { lineSpan } from '../context';
import { PLATFORM } from '../common';
import { schemaLevels } from './walk';

export const duplicateElement = fileRule({
  id: 'duplicate-element', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Error parsing file: Element tabVisibilities is duplicated at this location in type Profile", seen: "Salesforce Help, Metadata API Deployment Error: 'Element … Is Duplicated at This Location in Type …', https://help.salesforce.com/s/articleView?id=000383335&type=1; which fields hold one value: maxOccurs in the WSDL (docs/reference/wsdl)" },
  summary: 'A non-repeating field occurs twice.',
  description: 'A field that holds one value appears more than once; the Metadata API rejects the file ("Element … is duplicated").',
  fix: 'Remove the later occurrence.',
  check(ctx) {
    for (const { type, groups } of schemaLevels(ctx.file)) {
      for (const [name, els] of groups) {
        const field = type.fieldMap.get(name);
        if (!field || field.multiple || els.length < 2) continue;
        for (const dup of els.slice(1)) {
          const [ls, le] = lineSpan(ctx.file, dup);
          ctx.report({ start: dup.nameStart, end: dup.nameEnd,
            message: `<${name}> occurs more than once in ${type.name}; it holds one value, and ${PLATFORM} ("Element ${name} is duplicated").`,
            related: [{ path: ctx.file.path, range: ctx.file.lines.range(els[0].nameStart, els[0].nameEnd), message: 'First occurrence' }],
            fixes: [ctx.fix(`Remove this <${name}>`, [ctx.edit(ls, le, '')], true)] });
        }
      }
    }
  },
});
