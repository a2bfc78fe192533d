// Writing metadata XML the way the platform writes it on retrieve: the XML declaration, the
// metadata namespace on the root, four-space indentation, fields in alphabetical order (repeated
// fields keep their order), and only &, < and > escaped in text. Migration writes its files with
// it; the Pattern 2 bootstrap (authoring/bootstrap.ts) its SOAP bodies; `escapeXml` is the one
// element-text escaper.
import { METADATA_NAMESPACE } from '../schema';

export type XmlField =
  | { name: string; value: string }
  | { name: string; children: XmlField[] };

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Alphabetical by name; a stable sort keeps repeated elements in their original order. */
export function sortFields(fields: XmlField[]): XmlField[] {
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.name < b.f.name ? -1 : a.f.name > b.f.name ? 1 : a.i - b.i))
    .map(({ f }) => ('children' in f ? { name: f.name, children: sortFields(f.children) } : f));
}

function renderFields(fields: XmlField[], indent: string, out: string[]): void {
  for (const f of fields) {
    if ('children' in f) {
      out.push(`${indent}<${f.name}>`);
      renderFields(f.children, indent + '    ', out);
      out.push(`${indent}</${f.name}>`);
    } else {
      out.push(`${indent}<${f.name}>${escapeXml(f.value)}</${f.name}>`);
    }
  }
}

/** A complete metadata file for `rootElement` holding `fields`. */
export function renderMetadata(rootElement: string, fields: XmlField[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<${rootElement} xmlns="${METADATA_NAMESPACE}">`];
  renderFields(sortFields(fields), '    ', out);
  out.push(`</${rootElement}>`, '');
  return out.join('\n');
}

/** The fields as one line of XML elements (for SOAP bodies), sorted like a file. */
export function renderInline(fields: XmlField[]): string[] {
  const out: string[] = [];
  const walk = (fs: XmlField[]) => {
    for (const f of fs) {
      if ('children' in f) { out.push(`<${f.name}>`); walk(f.children); out.push(`</${f.name}>`); }
      else out.push(`<${f.name}>${escapeXml(f.value)}</${f.name}>`);
    }
  };
  walk(sortFields(fields));
  return out;
}
