// duplicate-element: a non-repeating field occurs twice, or the elements of a repeating field are
// split by others (the platform reads each element's occurrences as one consecutive block: Salesforce
// Help 000383335, "Element tabVisibilities is duplicated at this location").
import { fileRule } from '../define';
import { lineSpan } from '../context';
import { PLATFORM } from '../common';
import { localName, type XmlElement } from '../../xml/scanner';
import { schemaLevels } from './walk';

export const duplicateElement = fileRule({
  id: 'duplicate-element', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Error parsing file: Element tabVisibilities is duplicated at this location in type Profile", seen: "Salesforce Help, Metadata API Deployment Error: 'Element … Is Duplicated at This Location in Type …', https://help.salesforce.com/s/articleView?id=000383335&type=1; which fields hold one value: maxOccurs in the WSDL (docs/reference/wsdl)" },
  summary: 'A non-repeating field occurs twice, or a repeating field\'s elements are split by others.',
  description: 'A field that holds one value appears more than once; or the elements of a field that repeats (customAttributes, trustedIpRanges, canvasOptions …) are not one consecutive block, another element between them, as a merge often leaves them. The Metadata API rejects the file either way ("Element … is duplicated at this location").',
  fix: 'Remove the later occurrence; move a split-off repeated element next to the others.',
  check(ctx) {
    for (const level of schemaLevels(ctx.file)) {
      const { type, groups } = level;
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
      // A repeating field's elements after another element came between them.
      for (const { el, name, blockEnd, between } of splitOff(level.parent.children, (n) => !!type.fieldMap.get(n)?.multiple)) {
        const [ls, le] = lineSpan(ctx.file, el);
        const at = lineSpan(ctx.file, blockEnd)[1];
        const moved = at === blockEnd.end && ls !== el.start ? ctx.file.text.slice(el.start, el.end) : ctx.file.text.slice(ls, le);
        ctx.report({ start: el.nameStart, end: el.nameEnd,
          message: `<${name}> elements are split by <${between}>: the platform reads all <${name}> of ${type.name} as one consecutive block, and ${PLATFORM} ("Element ${name} is duplicated at this location"). Move it next to the other <${name}>.`,
          related: [{ path: ctx.file.path, range: ctx.file.lines.range(blockEnd.nameStart, blockEnd.nameEnd), message: `The block of <${name}> ends here` }],
          fixes: [ctx.fix(`Move this <${name}> next to the others`, [ctx.edit(at, at, moved), ctx.edit(ls, le, '')], true)] });
      }
    }
  },
});

/**
 * The elements of a repeating name that come after its first block ended (another element came
 * between), each with the last element of that first block and the name that split them.
 */
function splitOff(children: readonly XmlElement[], repeats: (name: string) => boolean): { el: XmlElement; name: string; blockEnd: XmlElement; between: string }[] {
  const out: { el: XmlElement; name: string; blockEnd: XmlElement; between: string }[] = [];
  const firstBlockEnd = new Map<string, XmlElement>();
  const ended = new Map<string, string>();
  let prev: string | undefined;
  for (const el of children) {
    const name = localName(el.name);
    if (prev !== undefined && prev !== name && !ended.has(prev)) ended.set(prev, name);
    const between = ended.get(name);
    if (between === undefined) firstBlockEnd.set(name, el);
    else if (repeats(name)) out.push({ el, name, blockEnd: firstBlockEnd.get(name)!, between });
    prev = name;
  }
  return out;
}
