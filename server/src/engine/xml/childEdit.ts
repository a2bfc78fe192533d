// The one XML child editor: edits of one child element of a metadata file's root, as offset edits
// against the text, touching only the bytes they must. Set a child (replace its content in place,
// or insert it in the platform's alphabetical order with its siblings' indentation and the file's
// line ending, with the root's namespace prefix), or remove it with its line. The rules' quick
// fixes, the authoring commands (authoring/xmlEdit.ts) and the Environments view's copy-setting
// action (project/view/actions.ts) all edit through it.
import type { ParsedFile } from '../document';
import { localName, type XmlElement } from './scanner';

/** Replace `length` characters at `offset` with `content`. */
export interface OffsetEdit { offset: number; length: number; content: string }

/** Offsets covering an element's whole line(s), for deletions that leave no blank line behind. */
export function lineSpan(file: ParsedFile, el: XmlElement): [number, number] {
  const t = file.text;
  let s = el.start;
  while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
  let e = el.end;
  while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
  const atLineStart = s === 0 || t[s - 1] === '\n';
  if (atLineStart) {
    if (t.startsWith('\r\n', e)) e += 2;
    else if (t[e] === '\n') e += 1;
    return [s, e];
  }
  return [el.start, el.end];
}

/**
 * Where to insert a new child element so the file keeps the platform's alphabetical order, and the
 * text to insert (one line, indented like its siblings, in the file's line ending).
 */
export function insertChild(file: ParsedFile, parent: XmlElement, name: string, value: string): { offset: number; text: string } {
  const eol = file.lines.eol;
  const kids = parent.children;
  const line = (indent: string) => `${indent}<${name}>${value}</${name}>`;
  if (kids.length === 0) {
    const parentIndent = file.lines.indentAt(parent.start);
    const indent = parentIndent + '    ';
    if (parent.closeStart !== -1) {
      // Insert on its own line before the close tag.
      const before = file.text.slice(parent.openEnd, parent.closeStart);
      if (before.includes('\n')) {
        const closeLineStart = file.text.lastIndexOf('\n', parent.closeStart) + 1;
        return { offset: closeLineStart, text: line(indent) + eol };
      }
      return { offset: parent.openEnd, text: eol + line(indent) + eol + parentIndent };
    }
    return { offset: parent.openEnd, text: eol + line(indent) };
  }
  const after = kids.find((k) => k.name.localeCompare(name, 'en') > 0 && k.name.toLowerCase() > name.toLowerCase());
  const indent = file.lines.indentAt((after ?? kids[kids.length - 1]).start);
  if (after) {
    const lineStart = file.lines.lineStart(file.lines.position(after.start).line);
    const onOwnLine = /^[ \t]*$/.test(file.text.slice(lineStart, after.start));
    if (onOwnLine) return { offset: lineStart, text: line(indent) + eol };
    return { offset: after.start, text: `<${name}>${value}</${name}>` };
  }
  const last = kids[kids.length - 1];
  return { offset: last.end, text: eol + line(indent) };
}

/** The root's children named `name` (local name: any namespace prefix). */
export function childrenNamed(file: ParsedFile, name: string): XmlElement[] {
  return (file.xml.root?.children ?? []).filter((c) => localName(c.name) === name);
}

/** The element's content exactly as written (entities and all); '' for an empty element. */
export function rawContent(text: string, el: XmlElement): string {
  if (el.selfClosing || el.closeStart < 0) return '';
  return text.slice(el.openEnd, el.closeStart);
}

/**
 * The edit that makes the root's child `el` (or a new child `name` when `el` is undefined) hold
 * `content` (XML text, already escaped). `textOnly` replaces just the text of an element that has
 * some (the spacing around it stays); otherwise the whole content is replaced. Undefined when the
 * element already holds exactly that.
 */
export function setChild(file: ParsedFile, el: XmlElement | undefined, name: string, content: string, opts: { textOnly?: boolean } = {}): OffsetEdit | undefined {
  const root = file.xml.root;
  if (!root) throw new Error('internal: child edit on a file without a root element');
  if (!el) {
    const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
    const ins = insertChild(file, root, `${prefix}${name}`, content);
    return { offset: ins.offset, length: 0, content: ins.text };
  }
  if (el.selfClosing || el.closeStart === -1) return { offset: el.start, length: el.end - el.start, content: `<${el.name}>${content}</${el.name}>` };
  if (opts.textOnly && el.textStart !== -1) return { offset: el.textStart, length: el.textEnd - el.textStart, content };
  if (file.text.slice(el.openEnd, el.closeStart) === content) return undefined;
  return { offset: el.openEnd, length: el.closeStart - el.openEnd, content };
}

/** The edit that removes `el` with its line (when it stands alone on it). */
export function removeChild(file: ParsedFile, el: XmlElement): OffsetEdit {
  const [s, e] = lineSpan(file, el);
  return { offset: s, length: e - s, content: '' };
}
