// Finding what the cursor is on: the element around an offset, and what kind of position it is.
import type { ParsedFile } from '../document';
import type { XmlElement } from '../xml/scanner';

/** The innermost element whose content contains `offset` (between its open tag and close tag). */
export function enclosingElement(file: ParsedFile, offset: number): XmlElement | null {
  let cur = file.xml.root;
  if (!cur || offset < cur.openEnd) return null;
  let best: XmlElement | null = null;
  // Iterative descent (documents may be deeply nested).
  while (cur) {
    const contentEnd = cur.closeStart !== -1 ? cur.closeStart : cur.unclosed ? Number.MAX_SAFE_INTEGER : cur.end;
    if (cur.selfClosing || offset < cur.openEnd || offset > contentEnd) break;
    best = cur;
    let next: XmlElement | null = null;
    for (const c of cur.children) {
      if (c.start > offset) break;
      const cEnd = c.closeStart !== -1 ? c.closeStart : c.unclosed ? Number.MAX_SAFE_INTEGER : c.end;
      if (!c.selfClosing && offset >= c.openEnd && offset <= cEnd) { next = c; }
    }
    cur = next;
  }
  return best;
}

/** The element whose open- or close-tag name contains `offset`. */
export function elementAtName(file: ParsedFile, offset: number): XmlElement | null {
  const stack: XmlElement[] = file.xml.root ? [file.xml.root] : [];
  while (stack.length) {
    const el = stack.pop()!;
    if (offset >= el.nameStart && offset <= el.nameEnd) return el;
    if (el.closeStart !== -1 && offset >= el.closeStart + 2 && offset <= el.closeStart + 2 + el.name.length) return el;
    if (offset >= el.start && offset <= el.end && el.depth < 64) stack.push(...el.children);
  }
  return null;
}

export type CursorContext =
  | { kind: 'tag-name'; parent: XmlElement | null; prefixStart: number; prefix: string }
  | { kind: 'value'; element: XmlElement; valueStart: number; valueEnd: number }
  | { kind: 'content'; parent: XmlElement | null }
  | { kind: 'none' };

const TAG_PREFIX_RE = /<([A-Za-z_:][-A-Za-z0-9_:.]*)?$/;

export function cursorContext(file: ParsedFile, offset: number): CursorContext {
  const text = file.text;
  const before = text.slice(Math.max(0, offset - 200), offset);
  const m = TAG_PREFIX_RE.exec(before);
  if (m) {
    const lt = offset - m[0].length;
    return { kind: 'tag-name', parent: enclosingElement(file, lt), prefixStart: lt + 1, prefix: m[1] ?? '' };
  }
  const el = enclosingElement(file, offset);
  if (!el) return { kind: file.xml.root ? 'none' : 'content', parent: null } as CursorContext;
  if (el.children.length === 0) {
    // Inside a leaf's text: the value runs from the open tag's end to the next '<' (or line end).
    const lt = text.indexOf('<', el.openEnd);
    let end = lt === -1 ? text.length : lt;
    const nl = text.indexOf('\n', el.openEnd);
    if (nl !== -1 && nl < end && el.closeStart === -1) end = nl;
    if (offset <= end && !/\n/.test(text.slice(el.openEnd, offset))) {
      return { kind: 'value', element: el, valueStart: el.openEnd, valueEnd: end };
    }
  }
  return { kind: 'content', parent: el };
}
