// duplicate-element: a non-repeating field occurs twice.
import { fileRule } from '../define';
import { lineSpan } from '../context';
import { PLATFORM } from '../common';
import { schemaLevels } from './walk';

export const duplicateElement = fileRule({
  id: 'duplicate-element', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Error parsing file: Element profileActionOverrides is duplicated at this location in type CustomApplication", seen: "the Metadata API's deploy answer quoted by Gearset, https://docs.gearset.com/en/articles/13285046-metadata-sections-must-be-grouped-together; which fields hold one value: maxOccurs in the WSDL (docs/reference/wsdl)" },
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
