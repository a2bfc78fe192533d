// Well-formedness as XML 1.0 (with namespaces) defines it, which is how the platform's parser reads
// a file: saxes, a conformant parser, is the judge (test/unit/xmlConformance.test.ts holds it to the
// W3C suite). When it finds an error, fast-xml-parser's validator is asked too, for its plainer
// message on the common mistakes (a tag left open); what only saxes sees (`--` in a comment, `]]>` in
// text, a misplaced XML declaration, a bad character reference…) carries saxes' verdict and position.
// DOCTYPE/entity declarations are refused up front (never expanded, never fetched), as are control
// characters (binary junk).
import { XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';

export interface WellFormedError { message: string; offset?: number; length?: number; line?: number; col?: number }

const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITY_RE = /&(?!(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)([^;\s<&]{0,40});?/g;

export function checkWellFormed(text: string): WellFormedError | null {
  const ctl = CONTROL_RE.exec(text);
  if (ctl) {
    const code = ctl[0].charCodeAt(0).toString(16).padStart(4, '0');
    return { offset: ctl.index, length: 1, message: `The file contains the control character U+${code}: it looks binary or corrupted, and XML forbids it.` };
  }
  const doctype = text.indexOf('<!DOCTYPE');
  if (doctype !== -1) {
    return { offset: doctype, length: 9, message: 'DOCTYPE and entity declarations are not allowed in metadata files; the Metadata API rejects them and this tool never expands or fetches entities.' };
  }
  const strict = saxesError(text);
  if (!strict) return null;
  return fastXmlParserError(text) ?? entityError(text) ?? strict;
}

/** Plainer wording for saxes' messages where the XML 1.0 rule needs saying. */
const SAXES_WORDING: [RegExp, string][] = [
  [/^malformed comment\.?$/, "A comment contains '--' (or ends in '--->'): XML 1.0 forbids '--' inside a comment, and the platform's XML parser rejects the file. Replace the '--' (e.g. with '—' or '- -')."],
  [/^the string "\]\]>" is disallowed in char data\.?$/, "']]>' may not appear in text in XML 1.0: escape it as ']]&gt;'."],
  [/^an XML declaration must be at the start of the document\.?$/, 'The XML declaration (<?xml …?>) must be the very first thing in the file: nothing, not even a space or a blank line, may come before it.'],
];

/**
 * Beyond this depth the namespace checks are left out: saxes resolves an element's namespace by
 * walking up the open elements, so a hostile file nested 100,000 deep would take minutes. No
 * metadata file nests beyond a handful of levels; past this one the file is judged as XML 1.0
 * without namespaces (linear), and its element names still meet the schema's unknown-element rule.
 */
const NAMESPACE_DEPTH = 256;
const TOO_DEEP = new Error('too deep for the namespace checks');

/** The first error of a strict XML 1.0 + namespaces parse (without namespaces past NAMESPACE_DEPTH), or null. */
function saxesError(text: string, xmlns = true): WellFormedError | null {
  const p = new SaxesParser({ xmlns, position: true });
  if (xmlns) {
    let depth = 0;
    p.on('opentag', () => { if (++depth > NAMESPACE_DEPTH) throw TOO_DEEP; });
    p.on('closetag', () => { depth--; });
  }
  let err: WellFormedError | null = null;
  p.on('error', (e) => {
    if (err) return;
    const raw = e.message.replace(/^\d+:\d+: /, '');
    const worded = SAXES_WORDING.find(([re]) => re.test(raw))?.[1];
    const at = Math.max(0, p.position - 1);
    // saxes notices a `--` one character late: point at the `--` itself.
    const dashes = worded && raw.startsWith('malformed comment') ? text.lastIndexOf('--', at) : -1;
    err = dashes !== -1 ? { offset: dashes, length: 2, message: worded! } : { offset: at, length: 1, message: worded ?? `Not well-formed XML 1.0: ${raw}` };
  });
  try {
    p.write(text).close();
  } catch (e) {
    if (e === TOO_DEEP) return err ?? saxesError(text, false);
    err ??= { offset: 0, message: `The XML could not be read: ${(e as Error).message}` };
  }
  return err;
}

/** fast-xml-parser's verdict, with its unclosed-tag messages pointed where the fix is. */
function fastXmlParserError(text: string): WellFormedError | null {
  let r: ReturnType<typeof XMLValidator.validate>;
  try {
    r = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (e) {
    return { offset: 0, message: `The XML could not be read: ${(e as Error).message}` };
  }
  if (r !== true) {
    // An unclosed tag is reported where the parser noticed (the parent's closing tag, or the end of
    // the file): point at the tag that was left open instead, which is what needs the fix.
    const opened = /^Expected closing tag '([^']+)' \(opened in line (\d+), col (\d+)\) instead of closing tag '([^']+)'\.$/.exec(r.err.msg);
    // …unless the closing tag is a typo (no element of that name is open): then the fix is there.
    const esc = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (opened && new RegExp(`<${esc(opened[4])}[\\s>/]`).test(text)) {
      const [, name, line, col, found] = opened;
      return { line: Number(line), col: Number(col), message: `<${name}> is never closed: </${found}> (line ${r.err.line}) comes first. Add </${name}>.` };
    }
    const open = /^Invalid '\[(.*)\]' found\.$/s.exec(r.err.msg);
    if (open) {
      const names = [...open[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      const last = names[names.length - 1];
      const at = last ? text.lastIndexOf(`<${last}`) : -1;
      if (at !== -1) return { offset: at, length: last.length + 1, message: `<${last}> is never closed: the file ends first${names.length > 1 ? ` (also open: ${names.slice(0, -1).map((n) => `<${n}>`).join(', ')})` : ''}.` };
    }
    return { line: r.err.line, col: r.err.col, message: r.err.msg };
  }
  return null;
}

function entityError(text: string): WellFormedError | null {
  ENTITY_RE.lastIndex = 0;
  const ent = ENTITY_RE.exec(text);
  if (ent) {
    return { offset: ent.index, length: ent[0].length, message: `Undefined entity reference '${ent[0]}': only &lt; &gt; &amp; &quot; &apos; and character references exist in metadata XML (escape a literal & as &amp;).` };
  }
  return null;
}
