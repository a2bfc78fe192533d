// unknown-element: an element the type's schema does not declare (often an invented or misplaced one).
import { fileRule } from '../define';
import type { RuleContext } from '../context';
import { lineSpan } from '../context';
import { MISPLACED, METADATA_NAMESPACE, TYPES, type TypeInfo } from '../../schema';
import { localName, valueOf, type XmlElement } from '../../xml/scanner';
import { closest, unambiguous } from '../../text';
import type { Fix } from '../../types';
import { PLATFORM } from '../common';
import { schemaLevels } from './walk';
import { fileApiVersion, versionFinding } from './version';
import { elementVerdict, typeVerdict } from '../../schema/versions';

function fieldOwners(name: string): TypeInfo[] {
  return TYPES.filter((t) => t.kind === 'metadata' && t.fieldMap.has(name));
}

function renameElementFix(ctx: RuleContext, el: XmlElement, to: string): Fix {
  const edits = [ctx.edit(el.nameStart, el.nameEnd, to)];
  if (el.closeStart !== -1) edits.push(ctx.edit(el.closeStart + 2, el.closeStart + 2 + el.name.length, to));
  return ctx.fix(`Rename to <${to}>`, edits);
}

/**
 * The fixes for a misplaced element whose right name already exists in the file: renaming would
 * create a duplicate-element, so merge a comma-separated value into the existing element (or
 * remove the stray one when the existing element already holds every entry).
 */
function mergeFixes(ctx: RuleContext, el: XmlElement, existing: XmlElement, field: string): Fix[] {
  const [ls, le] = lineSpan(ctx.file, el);
  const stray = valueOf(el).split(',').map((s) => s.trim()).filter(Boolean);
  const have = valueOf(existing).split(',').map((s) => s.trim()).filter(Boolean);
  const missing = stray.filter((s) => !have.includes(s));
  const remove = ctx.edit(ls, le, '');
  if (!missing.length || existing.children.length || el.children.length) {
    return [ctx.fix(`Remove this <${localName(el.name)}> (<${field}> already exists)`, [remove], true)];
  }
  const raw = existing.textStart === -1 ? '' : ctx.file.text.slice(existing.textStart, existing.textEnd);
  const sep = /,\s/.test(raw) || !raw ? ', ' : ',';
  const at = existing.textStart === -1 ? existing.openEnd : existing.textEnd;
  const add = ctx.edit(at, at, `${raw ? sep : ''}${missing.join(sep)}`);
  return [ctx.fix(`Merge ${missing.join(', ')} into <${field}>`, [add, remove], true)];
}

function reportUnknown(ctx: RuleContext, type: TypeInfo, el: XmlElement, isRoot: boolean, siblings: Map<string, XmlElement[]>): void {
  const name = localName(el.name);
  const known = type.fields.map((f) => f.name);
  const misplaced = isRoot ? MISPLACED[name] : undefined;
  const owners = isRoot ? fieldOwners(name).filter((t) => t.name !== type.name) : [];
  const near = closest(name, known, 2);
  let message = `<${name}> is not a field of ${type.name}`;
  const fixes: Fix[] = [];
  const renameOrMerge = (to: string) => {
    const existing = type.fieldMap.get(to)?.multiple ? undefined : siblings.get(to)?.[0];
    if (existing) fixes.push(...mergeFixes(ctx, el, existing, to));
    else fixes.push(renameElementFix(ctx, el, to));
  };
  if (misplaced) {
    const target = misplaced.type.split(' and ');
    if (target.includes(type.name)) {
      message += `; the field is <${misplaced.field}>`;
      if (siblings.has(misplaced.field)) message += `, which this file already has`;
      renameOrMerge(misplaced.field);
    } else {
      message += `; it lives in ${misplaced.type} as <${misplaced.field}>${misplaced.why ? ` (${misplaced.why})` : ''}`;
    }
  } else if (owners.length) {
    message += `; it belongs to ${owners.map((t) => `${t.name} (.${t.suffix}-meta.xml)`).join(' or ')}`;
  } else if (near.length) {
    message += `. Did you mean <${near[0]}>?`;
    for (const n of near) renameOrMerge(n);
  }
  message += `. ${PLATFORM[0].toUpperCase()}${PLATFORM.slice(1)} ("Element {${METADATA_NAMESPACE}}${name} invalid at this location").`;
  // Preferred (what Fix All applies unasked) only when the cure is unambiguous: a misplaced field,
  // or one name strictly nearer than the rest. Two equally near names stay a choice for the user.
  const sure = misplaced !== undefined || unambiguous(name, near) !== undefined;
  if (!sure) for (const f of fixes) f.preferred = false;
  else if (fixes[0] && !fixes.some((f) => f.preferred)) fixes[0].preferred = true;
  ctx.report({ start: el.nameStart, end: el.nameEnd, message, fixes });
}

export const unknownElement = fileRule({
  id: 'unknown-element', severity: 'error', section: 1, scope: 'any ECA file',
  evidence: { platform: "Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}fields invalid at this location in type Workflow", seen: "a deploy's component failure in forcedotcom/cli#3275 (https://github.com/forcedotcom/cli/issues/3275); Metadata API WSDL of the file's API version (docs/reference/wsdl); removed elements: sfdx-hardis c698968/5ff8647, \"isNamedUserJwtEnabled is deprecated and not valid\"" },
  summary: 'Element is not in the type\'s schema.',
  description: 'The Metadata API rejects elements its schema does not declare ("Element … invalid at this location"). Public examples are full of invented ones: <scopes> (the field is commaSeparatedOauthScopes), executionUser, ipRelaxation, refreshTokenPolicy, sessionTimeout.',
  fix: 'Rename to the closest valid name; where the right element already exists, merge into it or remove the stray one.',
  check(ctx) {
    const levels = schemaLevels(ctx.file);
    if (!levels.length) return;
    const v = fileApiVersion(ctx).version;
    const root = levels[0];
    // A whole type the file's version does not declare: one finding on the root, not one per element.
    const typeFinding = versionFinding(ctx, typeVerdict(root.type.name, v), `The type ${root.type.name}`);
    if (typeFinding) {
      ctx.report({ ...typeFinding, start: root.parent.nameStart, end: root.parent.nameEnd });
      return;
    }
    for (const level of levels) {
      for (const [name, els] of level.groups) {
        if (level.type.fieldMap.has(name)) {
          for (const el of els) reportVersion(ctx, level.type, el, v);
          continue;
        }
        if (!level.type.documented) continue;
        for (const el of els) reportUnknown(ctx, level.type, el, level.isRoot, level.groups);
      }
    }
  },
});

/** A declared field of the type that the file's API version does not declare (removed, or only later). */
function reportVersion(ctx: RuleContext, type: TypeInfo, el: XmlElement, v: number): void {
  const name = localName(el.name);
  const [ls, le] = lineSpan(ctx.file, el);
  const remove = ctx.fix(`Remove <${name}>`, [ctx.edit(ls, le, '')]);
  const f = versionFinding(ctx, elementVerdict(type.name, name, v), `<${name}> in ${type.name}`, remove);
  if (f) ctx.report({ ...f, start: el.nameStart, end: el.nameEnd });
}
