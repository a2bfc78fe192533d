// Which files the engine owns, decided by name alone (cheap enough for a 100k-file walk).
// Source format: `<Name>.<suffix>-meta.xml` in any folder. Metadata format (mdapi trees beside a
// package.xml, `sf project deploy --metadata-dir`, CumulusCI): `<Name>.<suffix>` without -meta.xml,
// recognised only inside the type's own folder (`externalClientApps/X.eca`), where the Metadata
// API requires it — so a stray `notes.eca` elsewhere is not taken for metadata.
import { ECA_SETTINGS_FILE, ECA_SETTINGS_MDAPI_FILE, TYPE_BY_NAME, TYPE_BY_SUFFIX, TYPES, type TypeInfo } from './schema';

export type FileClass =
  /** `metadataFormat`: an mdapi file (`X.eca`), not source format (`X.eca-meta.xml`). */
  | { kind: 'eca'; type: TypeInfo; name: string; suffix: string; metadataFormat?: boolean }
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

/** Metadata-format folders: folder name → the type whose `<Name>.<suffix>` files it holds. */
export const MDAPI_FOLDERS: ReadonlyMap<string, TypeInfo> = new Map(
  TYPES.filter((t) => t.kind === 'metadata' && t.folder && t.suffix && t.suffix !== 'settings').map((t) => [t.folder!, t]),
);

/** A metadata-format file name in `folder` (the name of its parent directory), or null. */
export function classifyMetadataFormat(base: string, folder: string): FileClass | null {
  if (folder === 'settings') {
    return base === ECA_SETTINGS_MDAPI_FILE
      ? { kind: 'eca', type: TYPE_BY_NAME.get('ExternalClientAppSettings')!, name: 'ExternalClientApp', suffix: 'settings', metadataFormat: true }
      : null;
  }
  const type = MDAPI_FOLDERS.get(folder);
  if (!type) return null;
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base.slice(dot + 1) !== type.suffix) return null;
  return { kind: 'eca', type, name: base.slice(0, dot), suffix: type.suffix!, metadataFormat: true };
}

/** Whether a directory of this name can hold metadata-format ECA files (one Set lookup per directory). */
export function isMdapiFolder(name: string): boolean {
  return name === 'settings' || MDAPI_FOLDERS.has(name);
}

export function classify(path: string): FileClass | null {
  const base = baseName(path);
  if (base === ECA_SETTINGS_FILE) {
    return { kind: 'eca', type: TYPE_BY_NAME.get('ExternalClientAppSettings')!, name: 'ExternalClientApp', suffix: 'settings' };
  }
  if (!base.endsWith('-meta.xml')) return classifyMetadataFormat(base, parentFolderName(path));
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

/** Like isEcaCandidate, for a full path, and also true for metadata-format files (by their folder). */
export function isEcaPath(path: string): boolean {
  if (path.endsWith('-meta.xml')) return isEcaCandidate(path);
  return classifyMetadataFormat(baseName(path), parentFolderName(path)) !== null;
}
