// Where the migration's files go: the ECA's API name, and the path of each component in a
// package directory.
import { normalize } from '../engine/project/model';
import { dirnameOf } from '../engine/fs';
import { LineIndex } from '../engine/text';
import type { FileChange } from '../engine/types';
import type { MigrationPlan } from './types';
import { absolutePath } from '../engine/host/disk';
import { sourceFileOf } from '../engine/project/environments';
import { FILE_TYPES, type FileKind } from './mapping';

const API_NAME_RE = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

export function joinPath(...parts: string[]): string {
  return normalize(parts.filter(Boolean).join('/').replace(/\/+/g, '/'));
}

/** A valid API name for the ECA (letters, digits, single underscores, starting with a letter). */
export function ecaApiName(name: string): string {
  if (API_NAME_RE.test(name) && !name.endsWith('_')) return name;
  let s = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^[^A-Za-z]+/, '').replace(/_+$/, '');
  if (!s) s = 'Migrated_App';
  return s;
}

/** The path of one ECA component named `name` in the package directory `dir`. */
export function pathOf(dir: string, kind: FileKind, name: string): string {
  return joinPath(dir, sourceFileOf(FILE_TYPES[kind].type, `${name}${FILE_TYPES[kind].nameSuffix}`));
}

/** Where the ECA files go by default: next to the `connectedApps/` folder that holds the app. */
export function defaultPackageDir(file: string): string {
  const dir = normalize(dirnameOf(absolutePath(file)));
  return dir.endsWith('/connectedApps') ? dir.slice(0, -'/connectedApps'.length) : dir;
}

/** The plan as FileChange[] (edits as text edits against the text they were computed on). */
export function planChanges(plan: MigrationPlan): FileChange[] {
  const changes: FileChange[] = plan.creates.map((f) => ({ kind: 'create', path: f.path, text: f.text }));
  for (const e of plan.edits) {
    const idx = new LineIndex(e.original);
    changes.push({ kind: 'edit', path: e.path, edits: e.edits.map((x) => ({ range: { start: idx.position(x.offset), end: idx.position(x.offset + x.length) }, newText: x.content })) });
  }
  return changes;
}
