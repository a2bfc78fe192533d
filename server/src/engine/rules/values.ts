// The typed accessor rules read field values through. A value the engine cannot read (a boolean
// written `True`, an enum outside its values) is `unreadable`, never false or absent: the schema
// rules report it, and every other rule must treat it as unknown — no "has no effect" hint, and
// no fix that deletes user data, on the strength of a value nobody can read (issue 18.2).
import { childrenByName } from '../document';
import { accepts, TYPE_BY_NAME } from '../schema';
import { isNil, localName, valueOf, type XmlElement } from '../xml/scanner';
import type { ProjectModel } from '../project/model';

export type Reading<T> =
  | { state: 'absent' }
  | { state: 'unreadable'; raw: string; el: XmlElement }
  | { state: 'ok'; value: T; el: XmlElement };

/** true/false from an xsd:boolean (`1`/`0` included); undefined when it is not one. */
export function parseBoolean(raw: string | undefined): boolean | undefined {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return undefined;
}

/** The first `name` child; an `xsi:nil="true"` one holds no value, so it reads as absent. */
function child(root: XmlElement, name: string): XmlElement | undefined {
  const el = childrenByName(root).get(name)?.[0] ?? root.children.find((c) => localName(c.name) === name);
  return el && isNil(el) ? undefined : el;
}

/** A boolean field of `root`. Values substituted at deploy time (replacements) are unreadable too. */
export function readBoolean(root: XmlElement, name: string, project?: ProjectModel | null): Reading<boolean> {
  const el = child(root, name);
  if (!el) return { state: 'absent' };
  const raw = valueOf(el);
  const v = project?.isReplaced(raw) ? undefined : parseBoolean(raw);
  return v === undefined ? { state: 'unreadable', raw, el } : { state: 'ok', value: v, el };
}

/** An enum field of `root`, checked against the schema table of `typeName`. */
export function readEnum(root: XmlElement, typeName: string, name: string, project?: ProjectModel | null): Reading<string> {
  const el = child(root, name);
  if (!el) return { state: 'absent' };
  const raw = valueOf(el);
  const field = TYPE_BY_NAME.get(typeName)?.fieldMap.get(name);
  const ok = !project?.isReplaced(raw) && (!field?.values?.length || accepts(field, raw));
  return ok ? { state: 'ok', value: raw, el } : { state: 'unreadable', raw, el };
}

/** A number field of `root` (whole numbers only). */
export function readInt(root: XmlElement, name: string, project?: ProjectModel | null): Reading<number> {
  const el = child(root, name);
  if (!el) return { state: 'absent' };
  const raw = valueOf(el);
  return /^[+-]?\d+$/.test(raw) && !project?.isReplaced(raw) ? { state: 'ok', value: Number(raw), el } : { state: 'unreadable', raw, el };
}

/** The same verdicts for the raw strings the project model keeps in its component summaries. */
export function summaryBoolean(raw: string | undefined): boolean | 'absent' | 'unreadable' {
  if (raw === undefined) return 'absent';
  return parseBoolean(raw) ?? 'unreadable';
}

/** distributionState as the model summarises it: the value, 'Local' when absent (the default), or unreadable. */
export function summaryDistributionState(raw: string | undefined): string | 'unreadable' {
  if (raw === undefined) return 'Local';
  const field = TYPE_BY_NAME.get('ExternalClientApplication')?.fieldMap.get('distributionState');
  return !field?.values?.length || accepts(field, raw) ? raw : 'unreadable';
}
