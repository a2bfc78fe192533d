// Edits to sfdx-project.json that touch only the bytes they must. Replacing an existing value goes
// through jsonc-parser's `modify` (a pure value replacement). Inserting a property or an array
// element is done here: `modify` with formatting options re-formats the whole enclosing object
// (a compact `{ "path": "x" }` neighbour becomes five lines), and without them it inserts minified
// JSON. Here the new text copies the neighbour's style (multi-line or compact, indentation, the
// file's line ending), and a trailing `// comment` stays on the line it annotates.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type JSONPath, type Node } from 'jsonc-parser';
import type { TextStyle } from './source';

export type JsonEdit = Edit;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function tree(text: string): Node {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) throw new Error('internal: JSON edit on text that does not parse');
  return root;
}

/** Leading whitespace of the line that holds `offset`. */
function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}

/** JSON text of `value`; objects and arrays span lines (indented from `base`) unless `compact`. */
export function render(value: JsonValue, base: string, style: TextStyle, compact: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = base + style.indent;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    if (compact) return `[ ${value.map((v) => render(v, base, style, true)).join(', ')} ]`;
    return `[${style.eol}${value.map((v) => inner + render(v, inner, style, false)).join(`,${style.eol}`)}${style.eol}${base}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  if (compact) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${render(v, base, style, true)}`).join(', ')} }`;
  return `{${style.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, style, false)}`).join(`,${style.eol}`)}${style.eol}${base}}`;
}

/**
 * Insert `text` after the node ending at `end`: the comma goes right after it, the new text on a
 * line of its own after whatever comment ends that line (so `"a": 1 // why` keeps its comment).
 */
function insertAfter(text: string, end: number, newText: string, multiline: boolean, indent: string, style: TextStyle): JsonEdit[] {
  if (!multiline) return [{ offset: end, length: 0, content: `, ${newText}` }];
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > end && text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(end, lineEnd);
  const trimmed = rest.trim();
  if (trimmed.startsWith('//') || (trimmed.startsWith('/*') && trimmed.endsWith('*/'))) {
    return [
      { offset: end, length: 0, content: ',' },
      { offset: lineEnd, length: 0, content: `${style.eol}${indent}${newText}` },
    ];
  }
  return [{ offset: end, length: 0, content: `,${style.eol}${indent}${newText}` }];
}

/** Edits that insert `"key": value` as the last property of the object at `objectPath`. */
export function insertProperty(text: string, objectPath: JSONPath, key: string, value: JsonValue, style: TextStyle): JsonEdit[] {
  const obj = objectPath.length ? findNodeAtLocation(tree(text), objectPath) : tree(text);
  if (!obj || obj.type !== 'object') throw new Error(`internal: no object at ${JSON.stringify(objectPath)}`);
  const props = obj.children ?? [];
  const objIndent = indentAt(text, obj.offset);
  if (!props.length) {
    const inner = text.slice(obj.offset + 1, obj.offset + obj.length - 1);
    const line = `${JSON.stringify(key)}: ${render(value, objIndent + style.indent, style, false)}`;
    const body = `${style.eol}${objIndent}${style.indent}${line}${style.eol}${objIndent}`;
    if (/^\s*$/.test(inner)) return [{ offset: obj.offset + 1, length: inner.length, content: body }];
    return [{ offset: obj.offset + 1, length: 0, content: `${style.eol}${objIndent}${style.indent}${line}` }];
  }
  const last = props[props.length - 1];
  const multiline = !sameLine(text, obj.offset, last.offset);
  const indent = multiline ? indentAt(text, last.offset) : '';
  const line = `${JSON.stringify(key)}: ${render(value, indent, style, !multiline)}`;
  return insertAfter(text, last.offset + last.length, line, multiline, indent, style);
}

/** Edits that insert `value` into the array at `arrayPath` so that it becomes element `at`. */
export function insertElement(text: string, arrayPath: JSONPath, at: number, value: JsonValue, style: TextStyle): JsonEdit[] {
  const arr = findNodeAtLocation(tree(text), arrayPath);
  if (!arr || arr.type !== 'array') throw new Error(`internal: no array at ${JSON.stringify(arrayPath)}`);
  const items = arr.children ?? [];
  const arrIndent = indentAt(text, arr.offset);
  if (!items.length) {
    const inner = text.slice(arr.offset + 1, arr.offset + arr.length - 1);
    const indent = arrIndent + style.indent;
    const body = `${style.eol}${indent}${render(value, indent, style, false)}${style.eol}${arrIndent}`;
    if (/^\s*$/.test(inner)) return [{ offset: arr.offset + 1, length: inner.length, content: body }];
    return [{ offset: arr.offset + 1, length: 0, content: `${style.eol}${indent}${render(value, indent, style, false)}` }];
  }
  const n = Math.max(0, Math.min(at, items.length));
  const neighbour = items[n === 0 ? 0 : n - 1];
  const multiline = !sameLine(text, arr.offset, neighbour.offset);
  const indent = multiline ? indentAt(text, neighbour.offset) : '';
  // Copy the neighbour's shape: a one-line object gets a one-line sibling.
  const compact = !multiline || sameLine(text, neighbour.offset, neighbour.offset + neighbour.length);
  const rendered = render(value, indent, style, compact);
  if (n === 0) {
    return [{ offset: neighbour.offset, length: 0, content: multiline ? `${rendered},${style.eol}${indent}` : `${rendered}, ` }];
  }
  return insertAfter(text, neighbour.offset + neighbour.length, rendered, multiline, indent, style);
}

/**
 * Set a property: replace the value when the key exists (jsonc-parser `modify`, a pure value
 * replacement), else insert it as the object's last property.
 */
export function setProperty(text: string, path: JSONPath, value: JsonValue, style: TextStyle): JsonEdit[] {
  const existing = findNodeAtLocation(tree(text), path);
  if (existing) {
    return modify(text, path, value, { formattingOptions: { insertSpaces: style.indent !== '\t', tabSize: style.indent === '\t' ? 4 : style.indent.length, eol: style.eol } });
  }
  return insertProperty(text, path.slice(0, -1), String(path[path.length - 1]), value, style);
}

/**
 * Run edit steps one after the other (each sees the text the previous ones produced) and return
 * edits against the original text. When a step's edit lands inside text an earlier step wrote,
 * everything is folded into one edit spanning the difference.
 */
export function composeEdits(original: string, steps: ((text: string) => JsonEdit[])[]): JsonEdit[] {
  let current = original;
  /** Edits in original coordinates, in application order (equal offsets keep this order). */
  let applied: JsonEdit[] = [];
  for (const step of steps) {
    const edits = step(current);
    const mapped = edits.map((e) => toOriginal(applied, e));
    if (mapped.some((m) => !m)) {
      let final = original;
      for (const s of steps) final = applyEdits(final, s(final));
      return [minimalEdit(original, final)].filter((e) => e.length || e.content);
    }
    const next = [...applied];
    // Insert from the back so earlier indexes stay valid; same-index edits keep their order.
    const withIndex = (mapped as { edit: JsonEdit; index: number }[]).map((m, i) => ({ ...m, i }));
    withIndex.sort((a, b) => b.index - a.index || b.i - a.i);
    for (const m of withIndex) next.splice(m.index, 0, m.edit);
    applied = next;
    current = applyEdits(current, edits);
  }
  return applied;
}

/**
 * Map an edit in the coordinates of (original + applied) back to original coordinates, with the
 * index it takes in `applied`; undefined when it overlaps text an applied edit wrote.
 */
function toOriginal(applied: JsonEdit[], e: JsonEdit): { edit: JsonEdit; index: number } | undefined {
  let delta = 0;
  const start = e.offset;
  const end = e.offset + e.length;
  let index = 0;
  for (const a of applied) {
    const curStart = a.offset + delta;
    const curEnd = curStart + a.content.length;
    if (end <= curStart && start < curEnd) break;
    if (start >= curEnd) { delta += a.content.length - a.length; index++; continue; }
    return undefined;
  }
  return { edit: { offset: start - delta, length: e.length, content: e.content }, index };
}

/** The one edit that turns `a` into `b`, trimmed to the differing middle. */
export function minimalEdit(a: string, b: string): JsonEdit {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { offset: p, length: a.length - p - s, content: b.slice(p, b.length - s) };
}
