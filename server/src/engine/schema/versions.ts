// What each API version of the platform declares: the per-version table generated from the WSDL of
// every version (api-versions.json, npm run gen:schema), read as "is this type, element or
// enumeration value declared at version v, and if not, when is it". The schema rules, completion
// and hover judge a file at its effective API version (project/apiVersion.ts) through this module.
import raw from './api-versions.json';

type Ranges = [number, number][];

interface VersionTable {
  known: number[];
  newest: number;
  partial: number[];
  types: Record<string, Ranges>;
  elements: Record<string, Ranges>;
  values: Record<string, Ranges>;
}

const TABLE = raw as unknown as VersionTable;

/** Every API version whose schema we have (56.0 … 67.0), oldest first. */
export const KNOWN_API_VERSIONS: readonly number[] = TABLE.known;
export const NEWEST_API_VERSION: number = TABLE.newest;
export const OLDEST_API_VERSION: number = TABLE.known[0];

/** `66` → `66.0`, as sfdx-project.json and package.xml write it. */
export function formatApiVersion(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

/** `"66.0"`, `"66"`, `66` → 66; undefined when it is not a version. */
export function parseApiVersion(s: unknown): number | undefined {
  const text = typeof s === 'number' ? String(s) : typeof s === 'string' ? s.trim() : '';
  if (!/^\d{1,3}(\.0)?$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/**
 * How a version stands to what declares a thing: `declared`; `later` (only versions after it
 * declare it: the WSDL may lag the platform, a warning); `removed` (only versions before it did:
 * the platform rejects it, an error); `unknown` (the table has no record: not judged by version).
 */
export type VersionVerdict =
  | { kind: 'declared' }
  | { kind: 'unknown' }
  | { kind: 'later'; ranges: Ranges; text: string }
  | { kind: 'removed'; ranges: Ranges; text: string };

function verdict(ranges: Ranges | undefined, v: number): VersionVerdict {
  if (!ranges) return { kind: 'unknown' };
  // Versions before the oldest schema we have are judged at the oldest; after the newest, at the newest.
  const at = Math.min(Math.max(v, OLDEST_API_VERSION), NEWEST_API_VERSION);
  if (ranges.some(([a, b]) => at >= a && at <= b)) return { kind: 'declared' };
  const text = describeRanges(ranges);
  return ranges.some(([a]) => a > at) ? { kind: 'later', ranges, text } : { kind: 'removed', ranges, text };
}

/** "declared from API 67.0", "declared up to API 63.0", "declared at API 61.0–63.0". */
export function describeRanges(ranges: Ranges): string {
  if (ranges.length === 1) {
    const [a, b] = ranges[0];
    if (b === NEWEST_API_VERSION) return `declared from API ${formatApiVersion(a)}`;
    if (a === OLDEST_API_VERSION) return `declared up to API ${formatApiVersion(b)}`;
  }
  const parts = ranges.map(([a, b]) => (a === b ? formatApiVersion(a) : `${formatApiVersion(a)}–${formatApiVersion(b)}`));
  return `declared at API ${parts.join(', ')}`;
}

export function typeVerdict(type: string, v: number): VersionVerdict {
  return verdict(TABLE.types[type], v);
}

export function elementVerdict(type: string, element: string, v: number): VersionVerdict {
  return verdict(TABLE.elements[`${type}.${element}`], v);
}

/** For a value of an XSD enumeration (`ExtlClntAppDistState`, `ConnectedAppOauthAccessScope`). */
export function valueVerdict(simpleType: string, value: string, v: number): VersionVerdict {
  return verdict(TABLE.values[`${simpleType}=${value}`], v);
}

/** The ranges that declare a thing, for hover ("since when"); undefined when not versioned. */
export function elementRanges(type: string, element: string): Ranges | undefined {
  return TABLE.elements[`${type}.${element}`];
}
export function typeRanges(type: string): Ranges | undefined {
  return TABLE.types[type];
}

/** Whether version v may carry the element (declared there, or not versioned at all): completion's filter. */
export function elementAt(type: string, element: string, v: number): boolean {
  const k = elementVerdict(type, element, v).kind;
  return k === 'declared' || k === 'unknown';
}

/** Whether version v may carry the value of an enumeration (`enumType` undefined: not versioned). */
export function valueAt(enumType: string | undefined, value: string, v: number): boolean {
  if (!enumType) return true;
  const k = valueVerdict(enumType, value, v).kind;
  return k === 'declared' || k === 'unknown';
}
