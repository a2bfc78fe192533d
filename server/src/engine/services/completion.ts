// Completion from the schema: element names valid at the cursor (with docs), enum values,
// booleans, scope names, ECA names for `externalClientApplication`, and a root skeleton.
import type { ParsedFile } from '../document';
import type { ProjectModel } from '../project/model';
import { childrenByName } from '../document';
import { METADATA_NAMESPACE, type FieldInfo, type TypeInfo } from '../schema';
import { cursorContext } from './locate';
import { typeOfElement, fieldOfElement } from './fieldFor';
import { fieldDoc } from './docs';
import { effectiveApiVersion } from '../project/apiVersion';
import { elementAt, valueAt } from '../schema/versions';

export interface CompletionEntry {
  label: string;
  kind: 'element' | 'value' | 'snippet' | 'reference';
  detail?: string;
  documentation?: string;
  /** Text to insert; `snippet` entries use LSP snippet syntax ($1, ${1:x}). */
  insertText: string;
  isSnippet: boolean;
  /** Offsets of the text the entry replaces. */
  replaceStart: number;
  replaceEnd: number;
  sortText?: string;
}

/** The field's values the API version declares (completion offers only those). */
function valuesAt(f: FieldInfo, v: number): string[] {
  return (f.values ?? []).filter((x) => valueAt(f.enumType, x, v));
}

function elementSnippet(f: FieldInfo, v: number): string {
  const values = valuesAt(f, v);
  if (f.kind === 'boolean') return `${f.name}>\${1|true,false|}</${f.name}>`;
  if (f.kind === 'enum' && values.length) return `${f.name}>\${1|${values.map((x) => x.replace(/[,|]/g, '')).join(',')}|}</${f.name}>`;
  if (f.kind === 'complex') return `${f.name}>\n\t$1\n</${f.name}>`;
  return `${f.name}>$1</${f.name}>`;
}

function elementEntries(type: TypeInfo, present: Map<string, unknown[]>, withLt: boolean, start: number, end: number, v: number): CompletionEntry[] {
  return type.fields
    .filter((f) => (f.multiple || !present.has(f.name)) && elementAt(type.name, f.name, v))
    .map((f, i) => ({
      label: f.name,
      kind: 'element' as const,
      detail: `${f.kind === 'enum' ? 'enum' : f.kind === 'complex' ? f.complexType : f.kind}${f.required ? ' · required' : ''}${f.deprecated ? ' · deprecated' : ''}`,
      documentation: fieldDoc(type, f),
      insertText: (withLt ? '<' : '') + elementSnippet(f, v),
      isSnippet: true,
      replaceStart: start,
      replaceEnd: end,
      // Required fields first, then schema (alphabetical) order.
      sortText: `${f.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
    }));
}

export function complete(file: ParsedFile, offset: number, project: ProjectModel | null): CompletionEntry[] {
  const ctx = cursorContext(file, offset);
  const v = effectiveApiVersion(file, project).version;
  if (ctx.kind === 'tag-name') {
    const parentType = ctx.parent ? typeOfElement(file, ctx.parent) : undefined;
    if (!ctx.parent) {
      const t = file.type;
      if (!t?.rootElement) return [];
      return [{ label: t.rootElement, kind: 'snippet', detail: `${t.name} root`, insertText: `${t.rootElement} xmlns="${METADATA_NAMESPACE}">\n\t$0\n</${t.rootElement}>`, isSnippet: true, replaceStart: ctx.prefixStart, replaceEnd: offset }];
    }
    if (!parentType) return [];
    // Replace the typed prefix and any rest of the name after the cursor.
    let end = offset;
    while (end < file.text.length && /[-A-Za-z0-9_:.]/.test(file.text[end])) end++;
    return elementEntries(parentType, childrenByName(ctx.parent), false, ctx.prefixStart, end, v);
  }
  if (ctx.kind === 'content') {
    if (!ctx.parent) {
      const t = file.type;
      if (!t?.rootElement || file.xml.root) return [];
      return [{ label: `<${t.rootElement}>`, kind: 'snippet', detail: `${t.name} skeleton`,
        insertText: `<?xml version="1.0" encoding="UTF-8"?>\n<${t.rootElement} xmlns="${METADATA_NAMESPACE}">\n\t$0\n</${t.rootElement}>\n`,
        isSnippet: true, replaceStart: offset, replaceEnd: offset }];
    }
    const parentType = typeOfElement(file, ctx.parent);
    return parentType ? elementEntries(parentType, childrenByName(ctx.parent), true, offset, offset, v) : [];
  }
  if (ctx.kind === 'value') {
    const info = fieldOfElement(file, ctx.element);
    if (!info) return [];
    const { field } = info;
    const raw = file.text.slice(ctx.valueStart, ctx.valueEnd);
    const value = (start: number, end: number, values: string[], detail: string, kind: CompletionEntry['kind'] = 'value') =>
      values.map((v, i) => ({ label: v, kind, detail, insertText: v, isSnippet: false, replaceStart: start, replaceEnd: end, sortText: String(i).padStart(3, '0') }));
    // Replace the whole current value (trimmed).
    const lead = raw.length - raw.trimStart().length;
    const s = ctx.valueStart + lead;
    const e = ctx.valueStart + raw.trimEnd().length;
    if (field.kind === 'boolean') return value(s, Math.max(s, e), ['true', 'false'], 'boolean');
    if (field.kind === 'enum' || (field.kind === 'int' && field.values)) {
      return value(s, Math.max(s, e), [...valuesAt(field, v), ...(field.alsoAccepted ?? [])], field.name);
    }
    if (field.kind === 'scopes' && field.values) {
      // Complete the scope after the last comma before the cursor.
      const upto = file.text.slice(ctx.valueStart, offset);
      const comma = upto.lastIndexOf(',');
      let start = comma === -1 ? s : ctx.valueStart + comma + 1;
      while (start < offset && file.text[start] === ' ') start++;
      let end = offset;
      while (end < ctx.valueEnd && /[A-Za-z_]/.test(file.text[end])) end++;
      const used = new Set(raw.split(',').map((x) => x.trim()));
      return value(start, end, valuesAt(field, v).filter((x) => !used.has(x)), 'OAuth scope (metadata name)');
    }
    if (field.name === 'externalClientApplication' && project) {
      return value(s, Math.max(s, e), project.ecaNames(), 'External Client App in this workspace', 'reference');
    }
  }
  return [];
}
