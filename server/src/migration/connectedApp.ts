// Reading a ConnectedApp file (source format `<Name>.connectedApp-meta.xml` or mdapi format
// `<Name>.connectedApp`) into a small tree that keeps every element's offsets, so the migration,
// the report and the hovers all talk about the same elements. Malformed input is refused with a
// message that says where, never half-read: a migration built on a guess would be wrong silently.
import { checkWellFormed } from '../engine/xml/wellFormed';
import { localName, scanXml, valueOf, type XmlElement } from '../engine/xml/scanner';
import { LineIndex } from '../engine/text';
import { METADATA_NAMESPACE } from '../engine/schema';
import type { Range } from '../engine/types';

/** One element of the Connected App: `path` is slash-separated from the root (`oauthConfig/scopes`). */
export interface CaNode {
  name: string;
  path: string;
  /** Trimmed, entity-decoded text. Empty for containers. */
  value: string;
  el: XmlElement;
  children: CaNode[];
}

export interface ConnectedAppDoc {
  /** The file the app was read from. */
  path: string;
  /** API name, from the file name. */
  name: string;
  text: string;
  lines: LineIndex;
  root: XmlElement;
  /** Top-level elements, in document order. */
  nodes: CaNode[];
  /** Oddities that did not stop the read (a missing namespace, …). */
  warnings: string[];
}

export type ReadResult =
  | { ok: true; app: ConnectedAppDoc }
  | { ok: false; error: string; range?: Range };

const SUFFIXES = ['.connectedApp-meta.xml', '.connectedApp'];
const MAX_CHARS = 2 * 1024 * 1024;
const MAX_DEPTH = 32;

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** True for `X.connectedApp-meta.xml` and mdapi-format `X.connectedApp`. */
export function isConnectedAppFile(path: string): boolean {
  return connectedAppName(path) !== undefined;
}

/** The API name a Connected App file stands for, or undefined when the name is not one. */
export function connectedAppName(path: string): string | undefined {
  const base = baseName(path);
  for (const s of SUFFIXES) if (base.endsWith(s) && base.length > s.length) return base.slice(0, -s.length);
  return undefined;
}

function toNode(el: XmlElement, parentPath: string): CaNode {
  const name = localName(el.name);
  const path = parentPath ? `${parentPath}/${name}` : name;
  return { name, path, value: el.children.length ? '' : valueOf(el), el, children: el.children.map((c) => toNode(c, path)) };
}

export function readConnectedApp(path: string, text: string): ReadResult {
  const fileName = baseName(path);
  const name = connectedAppName(path) ?? fileName.replace(/\..*$/, '');
  if (text.length > MAX_CHARS) return { ok: false, error: `${fileName} is ${(text.length / 1048576).toFixed(1)} MB, far beyond any Connected App; it was not read.` };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { ok: false, error: `${fileName} is empty: there is no Connected App to migrate.` };
  const lines = new LineIndex(text);
  const offset = body === text ? 0 : 1;
  const wf = checkWellFormed(body);
  if (wf) {
    const start = wf.offset !== undefined
      ? wf.offset + offset
      : lines.offset({ line: Math.max(0, (wf.line ?? 1) - 1), character: Math.max(0, (wf.col ?? 1) - 1) });
    const range = lines.range(start, start + (wf.length ?? 1));
    return { ok: false, range,
      error: `${fileName} is not well-formed XML (line ${range.start.line + 1}, column ${range.start.character + 1}: ${wf.message.replace(/\s+$/, '')}). Fix the file first; the migration never guesses what a broken file meant.` };
  }
  const xml = scanXml(text);
  const root = xml.root;
  if (!root) return { ok: false, error: `${fileName} has no root element: there is no Connected App to migrate.` };
  const rootName = localName(root.name);
  if (rootName !== 'ConnectedApp') {
    return { ok: false, range: lines.range(root.nameStart, root.nameEnd),
      error: `${fileName} holds <${rootName}>, not <ConnectedApp>: only Connected App metadata can be migrated.` };
  }
  // Connected Apps nest three levels deep; anything far deeper is junk (and the tree below is recursive).
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.depth > MAX_DEPTH) {
      return { ok: false, range: lines.range(el.nameStart, el.nameEnd), error: `${fileName} nests elements ${MAX_DEPTH}+ levels deep; no Connected App does. It was not migrated.` };
    }
    for (const c of el.children) stack.push(c);
  }
  const warnings: string[] = [];
  const xmlns = root.attrs.find((a) => a.name === 'xmlns');
  if (!xmlns) warnings.push(`<ConnectedApp> has no xmlns="${METADATA_NAMESPACE}"; read anyway.`);
  else if (xmlns.value !== METADATA_NAMESPACE) warnings.push(`<ConnectedApp> uses the namespace "${xmlns.value}" instead of "${METADATA_NAMESPACE}"; read anyway.`);
  if (!connectedAppName(path)) warnings.push(`The file name ${fileName} does not end in .connectedApp-meta.xml; the app name '${name}' was taken from it.`);
  return { ok: true, app: { path, name, text, lines, root, nodes: root.children.map((c) => toNode(c, '')), warnings } };
}
