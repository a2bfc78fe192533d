// Edits of one child element of a metadata file's root, as offset edits against the text: set a
// value (replace it in place, or insert the element in the platform's alphabetical order with its
// siblings' indentation and the file's line ending), or remove the element with its line.
import type { ParsedFile } from '../document';
import { insertChild, lineSpan } from '../rules/context';
import { localName, type XmlElement } from '../xml/scanner';
import { AuthoringError } from './errors';
import { escapeXml, parseXmlStrict } from './source';
import type { JsonEdit as OffsetEdit } from './jsonEdit';

export type { OffsetEdit };

function children(file: ParsedFile, name: string): XmlElement[] {
  return (file.xml.root?.children ?? []).filter((c) => localName(c.name) === name);
}

/** The single child `name` of the root, undefined when absent; refuses duplicates. */
export function onlyChild(file: ParsedFile, name: string): XmlElement | undefined {
  const found = children(file, name);
  if (found.length > 1) {
    const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
    throw new AuthoringError('MALFORMED_XML', `${fileName} has ${found.length} <${name}> elements (duplicate-element); remove the extra one first. Nothing was changed.`);
  }
  return found[0];
}

/** Edit that makes the root's child `name` hold `value` (escaped). */
export function setChildValue(file: ParsedFile, name: string, value: string): OffsetEdit {
  const el = onlyChild(file, name);
  const v = escapeXml(value);
  if (!el) {
    const ins = insertChild(file, file.xml.root!, name, v);
    return { offset: ins.offset, length: 0, content: ins.text };
  }
  if (el.selfClosing || el.closeStart === -1) {
    return { offset: el.start, length: el.end - el.start, content: `<${el.name}>${v}</${el.name}>` };
  }
  if (el.textStart === -1) return { offset: el.openEnd, length: el.closeStart - el.openEnd, content: v };
  return { offset: el.textStart, length: el.textEnd - el.textStart, content: v };
}

/** Edit that removes the root's child `name` with its line; undefined when there is none. */
export function removeChild(file: ParsedFile, name: string): OffsetEdit | undefined {
  const el = onlyChild(file, name);
  if (!el) return undefined;
  const [s, e] = lineSpan(file, el);
  return { offset: s, length: e - s, content: '' };
}

function apply(text: string, e: OffsetEdit | undefined): string {
  return e ? text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length) : text;
}

/**
 * Apply a list of value changes to a file's text, one at a time (each on the re-parsed result):
 * `string` sets the element, `null` removes it. For generating new files from a template.
 */
export function withValues(path: string, text: string, root: string, values: [string, string | null][]): string {
  let out = text;
  for (const [name, value] of values) {
    const file = parseXmlStrict(path, out, root);
    out = apply(out, value === null ? removeChild(file, name) : setChildValue(file, name, value));
  }
  return out;
}
