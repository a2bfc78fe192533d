// Document symbols: the element tree with values as details (depth-capped for pathological files).
import type { ParsedFile } from '../document';
import { localName, valueOf, type XmlElement } from '../xml/scanner';

export interface SymbolNode { name: string; detail: string; start: number; end: number; selStart: number; selEnd: number; children: SymbolNode[] }

const MAX_DEPTH = 8;
const MAX_NODES = 5000;

export function symbols(file: ParsedFile): SymbolNode[] {
  const root = file.xml.root;
  if (!root) return [];
  let budget = MAX_NODES;
  const build = (el: XmlElement, depth: number): SymbolNode => {
    budget--;
    const v = el.children.length ? '' : valueOf(el);
    return {
      name: localName(el.name),
      detail: v.length > 80 ? v.slice(0, 77) + '…' : v,
      start: el.start, end: Math.max(el.end, el.nameEnd), selStart: el.nameStart, selEnd: el.nameEnd,
      children: depth < MAX_DEPTH ? el.children.filter(() => budget > 0).map((c) => build(c, depth + 1)) : [],
    };
  };
  return [build(root, 0)];
}
