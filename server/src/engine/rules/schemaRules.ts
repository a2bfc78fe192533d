// Section 1 of the rule catalogue: well-formedness and schema, one file at a time.
import { insertChild, lineSpan, type Rule, type RuleContext } from './context';
import { childrenByName } from '../document';
import { localName, valueOf, valueSpan, type XmlElement } from '../xml/scanner';
import {
  accepts, MISPLACED, METADATA_NAMESPACE, PROTOCOL_SCOPES, TYPE_BY_NAME, TYPE_BY_ROOT, TYPES,
  type FieldInfo, type TypeInfo,
} from '../schema';
import { closest } from '../text';

const PLATFORM = 'the Metadata API rejects the deploy';

export const xmlMalformed: Rule = (ctx) => {
  const f = ctx.file;
  if (f.tooLarge) {
    ctx.report({ code: 'file-too-large', severity: 'warning', start: 0, end: 0,
      message: `The file is ${(f.text.length / 1048576).toFixed(1)} MB, far beyond any real metadata file; it was not parsed. Is it generated output or a binary committed by mistake?` });
    return;
  }
  if (f.encodingProblem) {
    ctx.report({ code: 'file-encoding', severity: 'error', start: 0, end: 0, message: f.encodingProblem });
    return;
  }
  const w = f.wellFormed;
  // A new, still empty file is not an error yet (it gets one once it has content).
  if (!w || !f.text.trim()) return;
  let start: number;
  if (w.offset !== undefined) start = w.offset;
  else start = f.lines.offset({ line: Math.max(0, (w.line ?? 1) - 1), character: Math.max(0, (w.col ?? 1) - 1) });
  let end = start + (w.length ?? 0);
  if (w.length === undefined) while (end < f.text.length && end - start < 40 && !/[\s>]/.test(f.text[end])) end++;
  if (end === start) end = Math.min(f.text.length, start + 1);
  ctx.report({ code: 'xml-malformed', severity: 'error', start, end,
    message: `Not well-formed XML: ${w.message} The platform cannot read the file ("Error parsing file"); fix the XML first — the checks below still ran on what could be read.` });
};

export const xmlNamespace: Rule = (ctx) => {
  const root = ctx.file.xml.root;
  if (!root || !ctx.file.type) return;
  const xmlns = root.attrs.find((a) => a.name === 'xmlns');
  if (xmlns?.value === METADATA_NAMESPACE) return;
  if (xmlns) {
    ctx.report({ code: 'xml-namespace', severity: 'error', start: xmlns.valueStart, end: xmlns.valueEnd,
      message: `The root element's namespace must be "${METADATA_NAMESPACE}", not "${xmlns.value}"; otherwise ${PLATFORM} as an unknown type.`,
      fixes: [ctx.fix('Set the metadata namespace', [ctx.edit(xmlns.valueStart, xmlns.valueEnd, METADATA_NAMESPACE)], true)] });
  } else {
    ctx.report({ code: 'xml-namespace', severity: 'error', start: root.nameStart, end: root.nameEnd,
      message: `<${root.name}> lacks xmlns="${METADATA_NAMESPACE}"; without it ${PLATFORM} as an unknown type.`,
      fixes: [ctx.fix('Add the metadata namespace', [ctx.edit(root.nameEnd, root.nameEnd, ` xmlns="${METADATA_NAMESPACE}"`)], true)] });
  }
};

export const rootMismatch: Rule = (ctx) => {
  const f = ctx.file;
  const root = f.xml.root;
  if (!root || f.cls?.kind !== 'eca') return;
  const expected = f.cls.type.rootElement;
  const actual = localName(root.name);
  if (!expected || actual === expected) return;
  const other = TYPE_BY_ROOT.get(actual);
  const fixes = [];
  const closeNameStart = root.closeStart !== -1 ? root.closeStart + 2 : -1;
  const edits = [ctx.edit(root.nameStart, root.nameEnd, expected)];
  if (closeNameStart !== -1) edits.push(ctx.edit(closeNameStart, closeNameStart + root.name.length, expected));
  if (other?.suffix && other.suffix !== 'settings') {
    const dir = f.path.slice(0, f.path.replace(/\\/g, '/').lastIndexOf('/') + 1);
    fixes.push({ title: `Rename the file to ${f.cls.name}.${other.suffix}-meta.xml`, preferred: true,
      changes: [{ kind: 'rename' as const, from: f.path, to: `${dir}${f.cls.name}.${other.suffix}-meta.xml` }] });
  }
  fixes.push(ctx.fix(`Change the root element to <${expected}>`, edits));
  ctx.report({ code: 'root-mismatch', severity: 'error', start: root.nameStart, end: root.nameEnd, fixes,
    message: `A .${f.cls.suffix}-meta.xml file must hold <${expected}>, but its root is <${actual}>. sf resolves the type from the suffix, so ${PLATFORM} or deploys the wrong type.` });
};

function fieldOwners(name: string): TypeInfo[] {
  return TYPES.filter((t) => t.kind === 'metadata' && t.fieldMap.has(name));
}

function checkValue(ctx: RuleContext, typeName: string, field: FieldInfo, el: XmlElement): void {
  if (el.children.length > 0 && field.kind !== 'complex') return;
  const value = valueOf(el);
  const [vs, ve] = valueSpan(el);
  if (ctx.project?.isReplaced(value)) return;
  const where = `${typeName}.${field.name}`;
  switch (field.kind) {
    case 'boolean': {
      if (value === 'true' || value === 'false') return;
      if (value === '1' || value === '0') {
        const b = value === '1' ? 'true' : 'false';
        ctx.report({ code: 'invalid-boolean', severity: 'hint', start: vs, end: ve,
          message: `'${value}' is a valid xsd:boolean, but the platform writes '${b}'; write '${b}' so retrieves produce no diff.`,
          fixes: [ctx.fix(`Write '${b}'`, [ctx.edit(vs, ve, b)], true)] });
        return;
      }
      const lower = value.toLowerCase();
      const guess = ['true', 'yes', 'y', 'on'].includes(lower) ? 'true' : ['false', 'no', 'n', 'off'].includes(lower) ? 'false' : undefined;
      const fixes = (guess ? [guess] : ['true', 'false']).map((b, i) =>
        ctx.fix(`Set to '${b}'`, [value ? ctx.edit(vs, ve, b) : ctx.edit(el.openEnd, el.openEnd, b)], i === 0 && !!guess));
      if (!value && el.selfClosing) fixes.length = 0;
      ctx.report({ code: 'invalid-boolean', severity: 'error', start: vs, end: ve, fixes,
        message: `${where} must be 'true' or 'false' (lower case)${value ? `, not '${value}'` : ', but it is empty'}; ${PLATFORM} ("Cannot parse boolean").` });
      return;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(value)) {
        ctx.report({ code: 'invalid-number', severity: 'error', start: vs, end: ve,
          message: `${where} must be a whole number${value ? `, not '${value}'` : ', but it is empty'}; ${PLATFORM}.` });
        return;
      }
      const n = Number(value);
      if (field.values && !field.values.includes(String(n))) {
        ctx.report({ code: 'invalid-number', severity: 'error', start: vs, end: ve,
          message: `${where} accepts only ${field.values.join(', ')} (minutes), not ${value}.`,
          fixes: closestNumbers(field.values, n).map((v, i) => ctx.fix(`Set to ${v}`, [ctx.edit(vs, ve, v)], i === 0)) });
        return;
      }
      const range = field.range ?? (/(Period|Minutes|Timeout|Validity)/.test(field.name) ? [1, Number.MAX_SAFE_INTEGER] as [number, number] : undefined);
      if (range && (n < range[0] || n > range[1])) {
        ctx.report({ code: 'invalid-number', severity: 'error', start: vs, end: ve,
          message: `${where} must be ${range[1] === Number.MAX_SAFE_INTEGER ? `at least ${range[0]}` : `between ${range[0]} and ${range[1]}`}, not ${value}.` });
      }
      return;
    }
    case 'enum': {
      if (!field.values || field.values.length === 0) return;
      if (accepts(field, value)) return;
      const all = [...field.values, ...(field.alsoAccepted ?? [])];
      const exactCase = all.find((v) => v.toLowerCase() === value.toLowerCase());
      const suggestions = exactCase ? [exactCase] : closest(value, field.values, 3);
      ctx.report({ code: 'invalid-enum', severity: 'error', start: vs, end: ve,
        message: `'${value}' is not a valid ${where}. Valid values: ${field.values.join(', ')}.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ''} Otherwise ${PLATFORM} ("bad value for restricted picklist").`,
        fixes: suggestions.map((s, i) => ctx.fix(`Change to '${s}'`, [value ? ctx.edit(vs, ve, s) : ctx.edit(el.openEnd, el.openEnd, s)], i === 0)) });
      return;
    }
    case 'scopes': {
      checkScopes(ctx, field, el);
      return;
    }
    default:
      return;
  }
}

function closestNumbers(values: string[], n: number): string[] {
  return [...values].sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n)).slice(0, 2);
}

function checkScopes(ctx: RuleContext, field: FieldInfo, el: XmlElement): void {
  if (el.textStart === -1 || !field.values) return;
  const raw = ctx.file.text.slice(el.textStart, el.textEnd);
  if (raw.includes('&') || raw.includes('<')) return;
  let pos = 0;
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const token = part.trim();
    const s = el.textStart + pos + lead;
    const e = s + token.length;
    pos += part.length + 1;
    if (!token || field.values.includes(token)) continue;
    const mapped = PROTOCOL_SCOPES[token.toLowerCase()];
    const caseFix = field.values.find((v) => v.toLowerCase() === token.toLowerCase());
    // Protocol tokens are lower case (api, refresh_token); 'API' or 'Refreshtoken' are just mis-cased names.
    const isProtocol = mapped !== undefined && token === token.toLowerCase();
    const suggestion = isProtocol ? mapped : caseFix ?? mapped ?? closest(token, field.values, 1)[0];
    ctx.report({ code: 'invalid-scope', severity: 'error', start: s, end: e,
      message: isProtocol
        ? `'${token}' is an OAuth protocol scope token; commaSeparatedOauthScopes takes metadata names: write '${mapped}'. The deploy fails on unknown scope names.`
        : `'${token}' is not an OAuth scope metadata name.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Valid names: ${field.values.join(', ')}. Custom scopes go in commaSeparatedCustomScopes.`,
      fixes: suggestion ? [ctx.fix(`Change to '${suggestion}'`, [ctx.edit(s, e, suggestion)], true)] : undefined });
  }
}

/** unknown-element, missing-required, duplicate-element and value checks for one element level. */
function checkLevel(ctx: RuleContext, type: TypeInfo, parent: XmlElement, isRoot: boolean): void {
  const groups = childrenByName(parent);
  for (const [name, els] of groups) {
    const field = type.fieldMap.get(name);
    if (!field) {
      if (type.documented) for (const el of els) reportUnknown(ctx, type, el, isRoot);
      continue;
    }
    if (!field.multiple && els.length > 1) {
      for (const dup of els.slice(1)) {
        const [ls, le] = lineSpan(ctx.file, dup);
        ctx.report({ code: 'duplicate-element', severity: 'error', start: dup.nameStart, end: dup.nameEnd,
          message: `<${name}> occurs more than once in ${type.name}; it holds one value, and ${PLATFORM} ("Element ${name} is duplicated").`,
          related: [{ path: ctx.file.path, range: ctx.file.lines.range(els[0].nameStart, els[0].nameEnd), message: 'First occurrence' }],
          fixes: [ctx.fix(`Remove this <${name}>`, [ctx.edit(ls, le, '')], true)] });
      }
    }
    if (field.maxOccurs && els.length > field.maxOccurs) {
      const extra = els[field.maxOccurs];
      ctx.report({ code: 'invalid-number', severity: 'error', start: extra.nameStart, end: extra.nameEnd,
        message: `${type.name} allows at most ${field.maxOccurs} <${name}> entries; this file has ${els.length}.` });
    }
    for (const el of els) {
      if (field.kind === 'complex' && field.complexType) {
        const sub = TYPE_BY_NAME.get(field.complexType);
        if (sub && !el.selfClosing) checkLevel(ctx, sub, el, false);
      } else {
        checkValue(ctx, type.name, field, el);
      }
    }
  }
  // Required fields. For undocumented types only the parent reference is certain.
  for (const field of type.fields) {
    if (!field.required || groups.has(field.name)) continue;
    if (!type.documented && field.name !== 'externalClientApplication') continue;
    if (field.name === 'label') continue; // never required (eca-metadata-notes.md)
    if (parent.unclosed && parent.children.length === 0) continue;
    const placeholder = placeholderFor(ctx, field);
    const ins = insertChild(ctx.file, parent, field.name, placeholder);
    ctx.report({ code: 'missing-required', severity: 'error', start: parent.nameStart, end: parent.nameEnd,
      message: `${type.name} requires <${field.name}>${field.name === 'externalClientApplication' ? ' (the developer name of the parent External Client App)' : ''}; without it ${PLATFORM} ("Required field is missing: ${field.name}").`,
      fixes: [ctx.fix(`Add <${field.name}>`, [ctx.edit(ins.offset, ins.offset, ins.text)], true)] });
  }
}

function placeholderFor(ctx: RuleContext, field: FieldInfo): string {
  if (field.name === 'externalClientApplication') {
    const f = ctx.file;
    const names = ctx.project?.ecaNames() ?? [];
    const stem = f.cls?.name ?? '';
    const guess = names.find((n) => stem.startsWith(n)) ?? names[0];
    return guess ?? stem.replace(/_(oauth|oauthPlcy|plcy|glbloauth|policy|defaultPolicy)$/i, '');
  }
  if (field.kind === 'boolean') return 'false';
  if (field.kind === 'enum' && field.values?.length) return field.values[0];
  return '';
}

function reportUnknown(ctx: RuleContext, type: TypeInfo, el: XmlElement, isRoot: boolean): void {
  const name = localName(el.name);
  const known = type.fields.map((f) => f.name);
  const misplaced = isRoot ? MISPLACED[name] : undefined;
  const owners = isRoot ? fieldOwners(name).filter((t) => t.name !== type.name) : [];
  const near = closest(name, known, 2);
  let message = `<${name}> is not a field of ${type.name}`;
  const fixes = [];
  if (misplaced) {
    const target = misplaced.type.split(' and ');
    if (target.includes(type.name)) {
      message += `; the field is <${misplaced.field}>`;
      fixes.push(renameElementFix(ctx, el, misplaced.field));
    } else {
      message += `; it lives in ${misplaced.type} as <${misplaced.field}>${misplaced.why ? ` (${misplaced.why})` : ''}`;
    }
  } else if (owners.length) {
    message += `; it belongs to ${owners.map((t) => `${t.name} (.${t.suffix}-meta.xml)`).join(' or ')}`;
  } else if (near.length) {
    message += `. Did you mean <${near[0]}>?`;
    for (const n of near) fixes.push(renameElementFix(ctx, el, n));
  }
  message += `. ${PLATFORM[0].toUpperCase()}${PLATFORM.slice(1)} ("Element {${'http://soap.sforce.com/2006/04/metadata'}}${name} invalid at this location").`;
  if (fixes[0]) fixes[0].preferred = true;
  ctx.report({ code: 'unknown-element', severity: 'error', start: el.nameStart, end: el.nameEnd, message, fixes });
}

function renameElementFix(ctx: RuleContext, el: XmlElement, to: string) {
  const edits = [ctx.edit(el.nameStart, el.nameEnd, to)];
  if (el.closeStart !== -1) edits.push(ctx.edit(el.closeStart + 2, el.closeStart + 2 + el.name.length, to));
  return ctx.fix(`Rename to <${to}>`, edits);
}

export const schemaCheck: Rule = (ctx) => {
  const f = ctx.file;
  const root = f.xml.root;
  if (!root) return;
  // Validate against the root's own type when it is a known ECA type (root-mismatch reports the
  // clash with the suffix); otherwise against the suffix's type.
  const type = f.rootType ?? (f.cls?.kind === 'eca' ? f.cls.type : undefined);
  if (!type || type.kind !== 'metadata') return;
  if (localName(root.name) !== type.rootElement) return;
  checkLevel(ctx, type, root, true);
};

export const SCHEMA_RULES: Rule[] = [xmlMalformed, xmlNamespace, rootMismatch, schemaCheck];
