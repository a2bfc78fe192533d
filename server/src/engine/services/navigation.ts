// Go to definition, find references and rename of an External Client App across the project.
import type { ParsedFile } from '../document';
import { stripNamespace, type ComponentSummary, type ProjectModel } from '../project/model';
import { HEADER_TYPE } from '../schema';
import { localName } from '../xml/scanner';
import type { FileChange, Range } from '../types';
import { elementAtName, enclosingElement } from './locate';

/** The ECA name under the cursor: an externalClientApplication value, or the header's root element. */
export function ecaAt(file: ParsedFile, offset: number): { name: string; start: number; end: number } | null {
  const el = enclosingElement(file, offset);
  if (el && localName(el.name) === 'externalClientApplication' && el.textStart !== -1 && offset >= el.textStart && offset <= el.textEnd) {
    return { name: file.text.slice(el.textStart, el.textEnd), start: el.textStart, end: el.textEnd };
  }
  const named = elementAtName(file, offset);
  if (named && named === file.xml.root && file.type?.name === HEADER_TYPE && file.cls?.kind === 'eca') {
    return { name: file.cls.name, start: named.nameStart, end: named.nameEnd };
  }
  return null;
}

export interface Location { path: string; range: Range }

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(model: ProjectModel, eca: string): Location[] {
  return model.componentsOf(eca).filter((c) => c.type === HEADER_TYPE).map((c) => ({ path: c.path, range: c.ranges.root ?? ZERO }));
}

export function references(model: ProjectModel, eca: string, includeDeclaration: boolean): Location[] {
  return model.componentsOf(eca)
    .filter((c) => includeDeclaration || c.type !== HEADER_TYPE)
    .map((c) => ({ path: c.path, range: (c.type === HEADER_TYPE ? c.ranges.root : c.ranges.eca) ?? ZERO }));
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The file name a component gets when its ECA is renamed (MyApp_oauth → NewApp_oauth). */
function renamedFile(c: ComponentSummary, oldName: string, newName: string): string | undefined {
  const base = stripNamespace(oldName);
  const slash = c.path.lastIndexOf('/');
  const dir = c.path.slice(0, slash + 1);
  const file = c.path.slice(slash + 1);
  const ns = c.name.startsWith(base) ? '' : c.name.slice(0, c.name.indexOf('__') + 2);
  const own = c.name.slice(ns.length);
  if (own === base || own.startsWith(`${base}_`) || own.startsWith(`${base}.`)) {
    return `${dir}${ns}${newName}${file.slice(ns.length + base.length)}`;
  }
  return undefined;
}

/**
 * Every change a rename needs: the externalClientApplication value of every satellite, the
 * header's orgScopedExternalApp suffix, and the file names that start with the ECA's name.
 * Throws with a clear message when the new name is not a valid developer name or is taken.
 */
export function renameEca(model: ProjectModel, oldName: string, newName: string): FileChange[] {
  if (!NAME_RE.test(newName) || newName.includes('__') || newName.endsWith('_')) {
    throw new Error(`'${newName}' is not a valid API name: letters, digits and single underscores, starting with a letter.`);
  }
  if (model.header(newName)) throw new Error(`An External Client App named '${newName}' already exists.`);
  const comps = model.componentsOf(oldName);
  if (!comps.length) throw new Error(`No External Client App named '${oldName}' in this workspace.`);
  const changes: FileChange[] = [];
  const renames: FileChange[] = [];
  for (const c of comps) {
    const edits = [];
    if (c.type !== HEADER_TYPE && c.ranges.eca && c.eca) {
      const ns = c.eca.length > stripNamespace(c.eca).length ? c.eca.slice(0, c.eca.length - stripNamespace(c.eca).length) : '';
      edits.push({ range: c.ranges.eca, newText: ns + newName });
    }
    if (c.type === HEADER_TYPE && c.orgScopedExternalApp && c.ranges.orgScopedExternalApp) {
      const colon = c.orgScopedExternalApp.indexOf(':');
      if (colon !== -1 && c.orgScopedExternalApp.slice(colon + 1) === oldName) {
        edits.push({ range: c.ranges.orgScopedExternalApp, newText: `${c.orgScopedExternalApp.slice(0, colon + 1)}${newName}` });
      }
    }
    if (edits.length) changes.push({ kind: 'edit', path: c.path, edits });
    const to = renamedFile(c, oldName, newName);
    if (to && to !== c.path) {
      if (model.components.has(to) || model.fs.exists(to)) throw new Error(`Renaming would overwrite ${to}.`);
      renames.push({ kind: 'rename', from: c.path, to });
    }
  }
  // Edits first (against the old paths), then the renames.
  return [...changes, ...renames];
}
