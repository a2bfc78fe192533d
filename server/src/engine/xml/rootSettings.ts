// The one reader of a metadata file's settings: the direct children of its root element, by local
// name, from a parse the caller already has (the workspace's, or the loader's). The Environments
// view (its trees, the matrix and the copy-setting action), the security posture (audit, the
// matrix's Security section) and plan's per-setting changes all read settings through it.
import type { ParsedFile } from '../document';
import { localName, valueOf, type XmlElement } from './scanner';

export interface RootSetting {
  /** The first element's value (trimmed text). */
  value: string;
  /** Every element of the name, each as shown in a change list: a leaf's value, else its content on one line. */
  shown: string[];
  /** The first element's offsets in the text ([start, end)). */
  span: [number, number];
}

/** A file's root children: local name → the setting (first element's value and span, every value shown). */
export function rootSettings(file: ParsedFile): Map<string, RootSetting> {
  const out = new Map<string, RootSetting>();
  for (const ch of file.xml.root?.children ?? []) {
    const n = localName(ch.name);
    const shown = shownValue(file.text, ch);
    const had = out.get(n);
    if (had) had.shown.push(shown);
    else out.set(n, { value: valueOf(ch), shown: [shown], span: [ch.start, ch.end] });
  }
  return out;
}

/** A leaf's value, or a complex element's content with its whitespace folded to single spaces. */
function shownValue(text: string, el: XmlElement): string {
  if (!el.children.length) return valueOf(el);
  return text.slice(el.openEnd, el.closeStart >= 0 ? el.closeStart : el.end).replace(/\s+/g, ' ').trim();
}
