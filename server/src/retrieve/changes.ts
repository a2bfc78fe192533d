// A retrieve plan as FileChange[]: a create for each new file, one minimal edit (the changed span
// only, so the rest of the file keeps its bytes) for each local file the org's version replaces,
// nothing for unchanged files. The VS Code command applies them as one WorkspaceEdit.
import type { FileChange } from '../engine/types';
import { LineIndex } from '../engine/text';
import type { RetrievePlan } from './retrieve';

/** The edit turning `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(path: string, before: string, after: string): FileChange | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a CRLF pair or a surrogate pair.
  if (start > 0 && (before[start - 1] === '\r' || /[\uD800-\uDBFF]/.test(before[start - 1]))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && (before[before.length - end] === '\n' && before[before.length - end - 1] === '\r' || /[\uDC00-\uDFFF]/.test(before[before.length - end]))) end--;
  const idx = new LineIndex(before);
  return {
    kind: 'edit',
    path,
    edits: [{ range: { start: idx.position(start), end: idx.position(before.length - end) }, newText: after.slice(start, after.length - end) }],
  };
}

/**
 * The changes that write `plan`. `openText` gives an open editor's text of a path (the edit is
 * computed on what the editor holds), else the bytes on disk when the plan was made are used.
 */
export function retrieveChanges(plan: RetrievePlan, openText: (absPath: string) => string | undefined): FileChange[] {
  const out: FileChange[] = [];
  for (const f of plan.files) {
    const after = f.content.toString('utf8');
    if (f.state === 'Created' && f.existing === null) {
      out.push({ kind: 'create', path: f.absPath, text: after });
      continue;
    }
    const before = openText(f.absPath) ?? f.existing?.toString('utf8');
    if (before === undefined) {
      out.push({ kind: 'create', path: f.absPath, text: after });
      continue;
    }
    const edit = minimalEdit(f.absPath, before, after);
    if (edit) out.push(edit);
  }
  return out;
}
