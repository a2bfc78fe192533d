// The schema walk the section-1 schema rules share: every element level of a file, matched to its
// type in the schema table, computed once per parsed file and memoised. Each schema rule
// (unknown-element, missing-required, duplicate-element, invalid-*) reads the levels it needs.
import type { ParsedFile } from '../../document';
import { childrenByName } from '../../document';
import { TYPE_BY_NAME, type FieldInfo, type TypeInfo } from '../../schema';
import { isNil, localName, valueOf as valueOfEl, type XmlElement } from '../../xml/scanner';
import type { RuleContext } from '../context';

export interface Level {
  type: TypeInfo;
  parent: XmlElement;
  groups: Map<string, XmlElement[]>;
  isRoot: boolean;
}

const cache = new WeakMap<ParsedFile, Level[]>();

/** Every element level the schema describes, root first (iterative: deep files are just a loop). */
export function schemaLevels(file: ParsedFile): Level[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const out: Level[] = [];
  const root = file.xml.root;
  // Validate against the root's own type when it is a known ECA type (root-mismatch reports the
  // clash with the suffix); otherwise against the suffix's type. A type no published schema
  // declares gets no element check (well-formedness and root only).
  const type = file.rootType ?? (file.cls?.kind === 'eca' ? file.cls.type : undefined);
  if (root && type && type.kind === 'metadata' && type.published && localName(root.name) === type.rootElement) {
    const stack: [TypeInfo, XmlElement, boolean][] = [[type, root, true]];
    while (stack.length) {
      const [t, parent, isRoot] = stack.shift()!;
      const groups = childrenByName(parent);
      out.push({ type: t, parent, groups, isRoot });
      for (const [name, els] of groups) {
        const field = t.fieldMap.get(name);
        if (field?.kind !== 'complex' || !field.complexType) continue;
        const sub = TYPE_BY_NAME.get(field.complexType);
        if (sub) for (const el of els) if (!el.selfClosing) stack.push([sub, el, false]);
      }
    }
  }
  cache.set(file, out);
  return out;
}

/** Every simple-valued element the schema knows, with its field (what the value rules check). */
export function* valueElements(ctx: RuleContext, kind: FieldInfo['kind']): Generator<{ type: TypeInfo; field: FieldInfo; el: XmlElement; value: string }> {
  for (const level of schemaLevels(ctx.file)) {
    for (const [name, els] of level.groups) {
      const field = level.type.fieldMap.get(name);
      if (!field || field.kind !== kind) continue;
      for (const el of els) {
        if (el.children.length > 0 || isNil(el)) continue;
        const value = valueOfEl(el);
        if (ctx.project?.isReplaced(value)) continue;
        yield { type: level.type, field, el, value };
      }
    }
  }
}


/**
 * The entries of a comma-separated value (scopes, permission sets), trimmed, with their offsets in
 * the file. None when the element is empty or its text holds entities or markup: offsets into raw
 * text would not match the decoded value.
 */
export function commaTokens(ctx: RuleContext, el: XmlElement): { token: string; start: number; end: number }[] {
  if (el.textStart === -1) return [];
  const raw = ctx.file.text.slice(el.textStart, el.textEnd);
  if (raw.includes('&') || raw.includes('<')) return [];
  const out: { token: string; start: number; end: number }[] = [];
  let pos = 0;
  for (const part of raw.split(',')) {
    const token = part.trim();
    const start = el.textStart + pos + part.length - part.trimStart().length;
    out.push({ token, start, end: start + token.length });
    pos += part.length + 1;
  }
  return out;
}
