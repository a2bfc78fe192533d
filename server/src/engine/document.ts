// One ECA file, parsed once per version: its class (by name), its XML tree with offsets, its line
// index and (computed on first use) its verdict on well-formedness. Every service (rules,
// completion, hover, symbols) and the project model's index read this one object.
import { classify, type FileClass } from './files';
import { LineIndex } from './text';
import { scanXml, localName, valueOf, type XmlDocument, type XmlElement } from './xml/scanner';
import { checkWellFormed, type WellFormedError } from './xml/wellFormed';
import { TYPE_BY_ROOT, type TypeInfo } from './schema';

/** Files above this size get one diagnostic instead of a parse (generated junk, not metadata). */
export const MAX_FILE_CHARS = 2 * 1024 * 1024;

export interface ParsedFile {
  path: string;
  text: string;
  lines: LineIndex;
  cls: FileClass | null;
  /** The type by suffix, or by root element when the suffix is unknown. */
  type: TypeInfo | undefined;
  rootType: TypeInfo | undefined;
  xml: XmlDocument;
  /** Computed on first read, then kept. */
  readonly wellFormed: WellFormedError | null;
  tooLarge: boolean;
  encodingProblem: string | null;
}

const EMPTY_XML: XmlDocument = { root: null, extraRoots: [], problems: [], hasDoctype: false, doctypeOffset: -1 };

export function parseFile(path: string, text: string, encodingProblem: string | null = null): ParsedFile {
  const cls = classify(path);
  const tooLarge = text.length > MAX_FILE_CHARS;
  const lines = new LineIndex(tooLarge ? '' : text);
  if (tooLarge || encodingProblem) {
    return { path, text, lines, cls, type: cls?.kind === 'eca' ? cls.type : undefined, rootType: undefined, xml: EMPTY_XML, wellFormed: null, tooLarge, encodingProblem };
  }
  const xml = scanXml(text);
  const rootType = xml.root ? TYPE_BY_ROOT.get(localName(xml.root.name)) : undefined;
  const type = cls?.kind === 'eca' ? cls.type : rootType;
  // The strict well-formedness pass runs when a rule first asks for it (once per parsed version), so
  // indexing a document for the project model costs one scan only.
  let wellFormed: WellFormedError | null | undefined;
  return {
    path, text, lines, cls, type, rootType, xml, tooLarge, encodingProblem,
    get wellFormed() { if (wellFormed === undefined) wellFormed = checkWellFormed(text); return wellFormed; },
  };
}

/** Direct children of the root grouped by local name, in document order. */
export function childrenByName(el: XmlElement | null): Map<string, XmlElement[]> {
  const m = new Map<string, XmlElement[]>();
  if (!el) return m;
  for (const c of el.children) {
    const n = localName(c.name);
    const list = m.get(n);
    if (list) list.push(c); else m.set(n, [c]);
  }
  return m;
}

export function firstValue(el: XmlElement | null, name: string): string | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (localName(c.name) === name) return valueOf(c);
  return undefined;
}

/** Decode bytes read from disk: UTF-8 (BOM stripped), UTF-16 with BOM decoded but flagged. */
export function decodeBytes(buf: Uint8Array): { text: string; encodingProblem: string | null } {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf.subarray(2));
    return { text, encodingProblem: `The file is UTF-16 (${le ? 'little' : 'big'}-endian); Salesforce metadata files are UTF-8, and the deploy may not read it. Re-save it as UTF-8.` };
  }
  let text = new TextDecoder('utf-8').decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encodingProblem: null };
}
