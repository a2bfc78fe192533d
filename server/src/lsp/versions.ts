// The one open-document-version helper: the version of the open document a plan or a fix edits
// (null: not open), so the client can refuse an edit made against a version that changed since.
// Used by the request runner (requests/runner.ts), code actions and rename.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileChange } from '../engine/types';
import { pathToUri } from './convert';

/** The version of the open document at `path`, or null when it is not open. */
export function documentVersion(documents: TextDocuments<TextDocument>, path: string): number | null {
  return documents.get(pathToUri(path))?.version ?? null;
}

/** The versions of the open documents the plan's edits touch (null: not open). */
export function versionsOf(documents: TextDocuments<TextDocument>, changes: readonly FileChange[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of changes) if (c.kind === 'edit') out[c.path] = documentVersion(documents, c.path);
  return out;
}
