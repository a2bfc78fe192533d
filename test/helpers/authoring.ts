// In-memory projects for the authoring tests: the real ProjectModel over a file map, an
// AuthoringSource reading that map, the changes applied byte for byte, and the project checked
// afterwards with the real engine (checkFile on every ECA file + checkProjectRules).
import assert from 'node:assert/strict';
import { checkFile, classify, type EngineDiagnostic, type FileChange } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { applyTextEdits, type AuthoringSource } from '../../server/src/engine/authoring';
import { modelOf, ROOT, type ModelOptions } from './engine';

export { ROOT };

export type Files = Record<string, string>;

export function sourceOf(files: Files, opts: ModelOptions = {}): AuthoringSource {
  const model = modelOf(files, opts);
  return {
    model,
    read: (p) => files[rel(p)],
    exists: (p) => model.fs.exists(p),
  };
}

export function rel(path: string): string {
  return path.startsWith(ROOT + '/') ? path.slice(ROOT.length + 1) : path;
}

/** The file map after `changes` (creates must not exist, edits must hit existing files). */
export function applyAll(files: Files, changes: FileChange[]): Files {
  const out: Files = { ...files };
  for (const c of changes) {
    if (c.kind === 'create') {
      assert.equal(out[rel(c.path)], undefined, `create of an existing file ${rel(c.path)}`);
      out[rel(c.path)] = c.text;
    } else if (c.kind === 'edit') {
      const before = out[rel(c.path)];
      assert.notEqual(before, undefined, `edit of a missing file ${rel(c.path)}`);
      out[rel(c.path)] = applyTextEdits(before, c.edits);
    } else {
      assert.fail('authoring never renames');
    }
  }
  return out;
}

/** Every diagnostic the engine reports on the project (single-file rules on each ECA file, and the project rules). */
export function checkAll(files: Files, opts: ModelOptions = {}): EngineDiagnostic[] {
  const model = modelOf(files, opts);
  const out: EngineDiagnostic[] = [];
  for (const [p, text] of Object.entries(files)) {
    if (classify(p)) out.push(...checkFile(`${ROOT}/${p}`, text, model));
  }
  out.push(...checkProjectRules(model));
  return out;
}

export function errorsOf(diags: EngineDiagnostic[]): string[] {
  return diags.filter((d) => d.severity === 'error').map((d) => `${rel(d.path)}: ${d.code}: ${d.message}`);
}

export function codes(diags: EngineDiagnostic[], severity?: EngineDiagnostic['severity']): string[] {
  return diags.filter((d) => !severity || d.severity === severity).map((d) => `${rel(d.path)} ${d.code}`).sort();
}

/** Paths (relative) that a list of changes touches, sorted, with their kind. */
export function touched(changes: FileChange[]): string[] {
  return changes.map((c) => `${c.kind} ${rel(c.kind === 'rename' ? c.to : c.path)}`).sort();
}

export const NS = 'http://soap.sforce.com/2006/04/metadata';
