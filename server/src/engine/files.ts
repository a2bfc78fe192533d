// Which files the engine owns, decided by name alone (cheap enough for a 100k-file walk).
import { ECA_SETTINGS_FILE, TYPE_BY_NAME, TYPE_BY_SUFFIX, type TypeInfo } from './schema';

export type FileClass =
  | { kind: 'eca'; type: TypeInfo; name: string; suffix: string }
  /** Named like an ECA file but with a suffix the platform does not know (rule file-suffix). */
  | { kind: 'suspect'; name: string; suffix: string };

const META_RE = /^(.+)\.([A-Za-z][A-Za-z0-9]*)-meta\.xml$/;
const SUSPECT_RE = /^(eca|extlclntapp|externalclientapp|extlclntapps)/i;

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? path : path.slice(i + 1);
}

export function parentFolderName(path: string): string {
  const p = path.replace(/\\/g, '/');
  const parts = p.split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : '';
}

export function classify(path: string): FileClass | null {
  const base = baseName(path);
  if (base === ECA_SETTINGS_FILE) {
    return { kind: 'eca', type: TYPE_BY_NAME.get('ExternalClientAppSettings')!, name: 'ExternalClientApp', suffix: 'settings' };
  }
  if (!base.endsWith('-meta.xml')) return null;
  const m = META_RE.exec(base);
  if (!m) return null;
  const type = TYPE_BY_SUFFIX.get(m[2]);
  if (type) return { kind: 'eca', type, name: m[1], suffix: m[2] };
  if (SUSPECT_RE.test(m[2])) return { kind: 'suspect', name: m[1], suffix: m[2] };
  return null;
}

/**
 * Cheap pre-filter for directory walks (called for every file of a 100k-file tree): looks at the
 * suffix between the last dot and `-meta.xml` without regexes, and classifies only likely hits.
 */
export function isEcaCandidate(path: string): boolean {
  if (!path.endsWith('-meta.xml')) return false;
  const end = path.length - 9;
  const dot = path.lastIndexOf('.', end - 1);
  if (dot === -1) return false;
  const c = path.charCodeAt(dot + 1);
  // Every ECA suffix, suspect spelling and the settings file start with e/E ('eca', 'extl…', 'external…') or 's' (settings).
  if (c !== 101 && c !== 69 && c !== 115) return false;
  return classify(path) !== null;
}
