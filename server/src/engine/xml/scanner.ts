// A tolerant, position-keeping XML scanner. saxes (see wellFormed.ts) is the authority
// on whether a file is well-formed; this scanner gives every element exact offsets and keeps going
// through half-typed documents (unclosed tags, stray close tags, a `<` being typed), so rules can
// still run on the rest of the file. It never recurses, so 100,000-deep nesting is just a loop,
// and it never expands entities beyond the five predefined ones and character references.

export interface XmlAttr { name: string; value: string; nameStart: number; valueStart: number; valueEnd: number }

export interface XmlElement {
  name: string;
  /** Offset of `<`. */
  start: number;
  nameStart: number;
  nameEnd: number;
  /** Offset just after the open tag's `>` (or where the scanner gave up on it). */
  openEnd: number;
  /** Offset of the close tag's `<`, or -1 when there is none (self-closing or unclosed). */
  closeStart: number;
  /** Offset just after the element (after the close tag, or openEnd when unclosed/self-closing). */
  end: number;
  selfClosing: boolean;
  /** True when the document ended or a mismatched close tag ended it. */
  unclosed: boolean;
  attrs: XmlAttr[];
  children: XmlElement[];
  parent: XmlElement | null;
  depth: number;
  /** Decoded text of the direct text children, untrimmed. */
  text: string;
  /** Offsets of the first and last non-whitespace character of direct text (+1), or -1. */
  textStart: number;
  textEnd: number;
}

export interface ScanProblem { offset: number; end: number; message: string }

export interface XmlDocument {
  root: XmlElement | null;
  /** Elements at top level beyond the first (a second root is a well-formedness error). */
  extraRoots: XmlElement[];
  problems: ScanProblem[];
  hasDoctype: boolean;
  doctypeOffset: number;
}

const NAME_RE = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR_RE = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, e: string) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
    }
  });
}

function newElement(name: string, start: number, nameStart: number, parent: XmlElement | null): XmlElement {
  return {
    name, start, nameStart, nameEnd: nameStart + name.length, openEnd: nameStart + name.length,
    closeStart: -1, end: nameStart + name.length, selfClosing: false, unclosed: false,
    attrs: [], children: [], parent, depth: parent ? parent.depth + 1 : 0,
    text: '', textStart: -1, textEnd: -1,
  };
}

function isWs(c: number): boolean { return c === 32 || c === 9 || c === 10 || c === 13; }

export function scanXml(text: string): XmlDocument {
  const doc: XmlDocument = { root: null, extraRoots: [], problems: [], hasDoctype: false, doctypeOffset: -1 };
  const stack: XmlElement[] = [];
  // How many elements of each name are open: a close tag that names none is a stray at once, not a
  // walk down the whole stack (a file of 50,000 stray close tags would take seconds).
  const open = new Map<string, number>();
  const pop = (): XmlElement => { const el = stack.pop()!; open.set(el.name, open.get(el.name)! - 1); return el; };
  const len = text.length;
  let i = 0;

  const addText = (from: number, to: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      // Text outside the root: only whitespace (and a BOM) is allowed.
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (!isWs(c) && c !== 0xfeff) {
          doc.problems.push({ offset: k, end: Math.min(to, k + 1), message: 'Text outside the root element.' });
          return;
        }
      }
      return;
    }
    let s = from;
    while (s < to && isWs(text.charCodeAt(s))) s++;
    // Whitespace between elements is layout, not a value: skip it without allocating.
    if (s === to) return;
    top.text += decodeEntities(text.slice(from, to));
    let e = to;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (top.textStart === -1) top.textStart = s;
    top.textEnd = e;
  };

  while (i < len) {
    const lt = text.indexOf('<', i);
    if (lt === -1) { addText(i, len); break; }
    if (lt > i) addText(i, lt);
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 33 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        if (close === -1) { doc.problems.push({ offset: i, end: len, message: 'Unclosed comment.' }); i = len; break; }
        i = close + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        const end = close === -1 ? len : close;
        const top = stack[stack.length - 1];
        if (top) {
          top.text += text.slice(i + 9, end);
          if (end > i + 9 && text.slice(i + 9, end).trim()) {
            if (top.textStart === -1) top.textStart = i;
            top.textEnd = close === -1 ? len : close + 3;
          }
        }
        if (close === -1) { doc.problems.push({ offset: i, end: len, message: 'Unclosed CDATA section.' }); i = len; break; }
        i = close + 3;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', i)) {
        doc.hasDoctype = true;
        doc.doctypeOffset = i;
        // Skip an internal subset in brackets without interpreting it (entities are never expanded).
        const bracket = text.indexOf('[', i);
        const gt = text.indexOf('>', i);
        let endAt = gt;
        if (bracket !== -1 && gt !== -1 && bracket < gt) {
          const closeB = text.indexOf(']', bracket);
          endAt = closeB === -1 ? -1 : text.indexOf('>', closeB);
        }
        i = endAt === -1 ? len : endAt + 1;
        continue;
      }
      const gt = text.indexOf('>', i);
      i = gt === -1 ? len : gt + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      const close = text.indexOf('?>', i + 2);
      i = close === -1 ? len : close + 2;
      continue;
    }
    if (next === 47 /* / */) {
      NAME_RE.lastIndex = i + 2;
      const m = NAME_RE.exec(text);
      const name = m ? m[0] : '';
      const gt = text.indexOf('>', i);
      const nextLt = text.indexOf('<', i + 1);
      const tagEnd = gt === -1 || (nextLt !== -1 && nextLt < gt) ? (m ? i + 2 + name.length : i + 2) : gt + 1;
      // Find the matching open element; close everything above it as unclosed.
      let k = open.get(name) ? stack.length - 1 : -1;
      while (k >= 0 && stack[k].name !== name) k--;
      if (k === -1) {
        doc.problems.push({ offset: i, end: tagEnd, message: name ? `Close tag </${name}> has no matching open tag.` : 'Incomplete close tag.' });
      } else {
        while (stack.length - 1 > k) {
          const el = pop();
          el.unclosed = true;
          el.end = i;
          doc.problems.push({ offset: el.nameStart, end: el.nameEnd, message: `Element <${el.name}> is not closed.` });
        }
        const el = pop();
        el.closeStart = i;
        el.end = tagEnd;
      }
      i = tagEnd;
      continue;
    }
    // An open tag.
    NAME_RE.lastIndex = i + 1;
    const m = NAME_RE.exec(text);
    if (!m) {
      doc.problems.push({ offset: i, end: i + 1, message: "'<' does not start a tag." });
      addText(i, i + 1);
      i++;
      continue;
    }
    const parent = stack[stack.length - 1] ?? null;
    const el = newElement(m[0], i, i + 1, parent);
    let j = i + 1 + m[0].length;
    // Attributes.
    for (;;) {
      ATTR_RE.lastIndex = j;
      const a = ATTR_RE.exec(text);
      if (!a) break;
      const quoteStart = a.index + a[0].length - a[2].length;
      el.attrs.push({
        name: a[1],
        value: decodeEntities(a[3] ?? a[4] ?? ''),
        nameStart: a.index + a[0].indexOf(a[1]),
        valueStart: quoteStart + 1,
        valueEnd: quoteStart + a[2].length - 1,
      });
      j = a.index + a[0].length;
    }
    while (j < len && isWs(text.charCodeAt(j))) j++;
    if (text.startsWith('/>', j)) {
      el.selfClosing = true;
      el.openEnd = el.end = j + 2;
    } else if (text.charCodeAt(j) === 62 /* > */) {
      el.openEnd = j + 1;
    } else {
      // Half-typed open tag: treat it as ending here, keep the element.
      doc.problems.push({ offset: el.nameStart, end: el.nameEnd, message: `Open tag <${el.name}> is not terminated by '>'.` });
      const gt = text.indexOf('>', j);
      const nextLt = text.indexOf('<', j);
      el.openEnd = gt !== -1 && (nextLt === -1 || gt < nextLt) ? gt + 1 : j;
      if (text.charCodeAt(el.openEnd - 2) === 47) el.selfClosing = true;
      el.end = el.openEnd;
    }
    if (parent) parent.children.push(el);
    else if (!doc.root) doc.root = el;
    else {
      doc.extraRoots.push(el);
      doc.problems.push({ offset: el.nameStart, end: el.nameEnd, message: 'A second root element.' });
    }
    if (!el.selfClosing) { stack.push(el); open.set(el.name, (open.get(el.name) ?? 0) + 1); }
    i = el.openEnd;
  }
  while (stack.length) {
    const el = stack.pop()!;
    el.unclosed = true;
    el.end = len;
    doc.problems.push({ offset: el.nameStart, end: el.nameEnd, message: `Element <${el.name}> is not closed.` });
  }
  return doc;
}

/** The trimmed, decoded direct text of an element (its value). */
export function valueOf(el: XmlElement): string {
  return el.text.trim();
}

/**
 * `xsi:nil="true"`: the element is there with no value (what a full-org retrieve writes, e.g.
 * `<enableExternalClientApps xsi:nil="true"/>`). Value checks skip it; it is never false or empty.
 */
export function isNil(el: XmlElement): boolean {
  for (const a of el.attrs) {
    if ((a.name === 'nil' || a.name.endsWith(':nil')) && (a.value.trim() === 'true' || a.value.trim() === '1')) return true;
  }
  return false;
}

/** Offsets of the element's value, or of its name when the value is empty. */
export function valueSpan(el: XmlElement): [number, number] {
  if (el.textStart !== -1) return [el.textStart, el.textEnd];
  return [el.nameStart, el.nameEnd];
}

/** The local name without a namespace prefix. */
export function localName(name: string): string {
  const c = name.indexOf(':');
  return c === -1 ? name : name.slice(c + 1);
}
