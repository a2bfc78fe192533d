// Well-formedness, judged by fast-xml-parser's validator (the parser the product standardises on),
// plus what it lets through that the Metadata API refuses: DOCTYPE/entity declarations (never
// expanded, never fetched), undefined entity references, and control characters (binary junk).
import { XMLValidator } from 'fast-xml-parser';

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
  ENTITY_RE.lastIndex = 0;
  const ent = ENTITY_RE.exec(text);
  if (ent) {
    return { offset: ent.index, length: ent[0].length, message: `Undefined entity reference '${ent[0]}': only &lt; &gt; &amp; &quot; &apos; and character references exist in metadata XML (escape a literal & as &amp;).` };
  }
  return null;
}
