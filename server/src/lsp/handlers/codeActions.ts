// Code actions: each diagnostic's quick fixes, "Fix all <rule> problems in this file" beside them
// when the rule has more than one safe fix in the file, and `source.fixAll.eca` (every safe fix in
// the file at once, so `editor.codeActionsOnSave` can run it). The fixes and the fix-all answer
// come from the engine (services/fixAll.ts: re-checked, never worse); this file only converts.
import { documentVersion } from '../versions';
import { CodeAction, CodeActionKind, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import { normalize } from '../../engine';
import { safeFix } from '../../engine/services/fixAll';
import { toCodeActions, uriToPath } from '../convert';
import type { ServerContext } from '../context';

/** The kind editor.codeActionsOnSave asks for ("source.fixAll" covers it). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.eca`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** Whether the client asked for `kind` (no `only`: everything but source actions). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only?.length) return !kind.startsWith(CodeActionKind.Source);
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function registerCodeActions(ctx: ServerContext): void {
  const { connection, documents, service } = ctx;

  function editAction(title: string, kind: string, uri: string, version: number, edits: TextEdit[]): CodeAction {
    return CodeAction.create(title, { documentChanges: [{ textDocument: { uri, version }, edits }] }, kind);
  }

  connection.onCodeAction((params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc) return [];
    const path = normalize(uriToPath(uri));
    const out: CodeAction[] = [];
    if (wants(params, CodeActionKind.QuickFix)) {
      const all = ctx.diagnostics.current(path);
      const versionOf = (p: string) => documentVersion(documents, p);
      const offered = new Set<string>();
      for (const lspDiag of params.context.diagnostics) {
        if (lspDiag.source !== 'eca') continue;
        const match = all.find((d) => d.code === lspDiag.code
          && d.range.start.line === lspDiag.range.start.line && d.range.start.character === lspDiag.range.start.character
          && d.range.end.line === lspDiag.range.end.line && d.range.end.character === lspDiag.range.end.character);
        if (!match) continue;
        out.push(...toCodeActions(match, lspDiag, versionOf));
        // Beside the quick fix: every safe fix of the same rule in this file, when there is more than one.
        const rule = match.code;
        if (offered.has(rule) || !safeFix(match) || all.filter((d) => d.code === rule && safeFix(d)).length < 2) continue;
        offered.add(rule);
        const result = service.doFixAll(path, rule);
        if (result && result.applied > 1) out.push(editAction(`Fix all ${rule} problems in this file`, CodeActionKind.QuickFix, uri, doc.version, result.edits));
      }
    }
    if (wants(params, FIX_ALL_KIND)) {
      const result = service.doFixAll(path);
      if (result?.edits.length) out.push(editAction(`Fix all auto-fixable ECA problems (${result.applied})`, FIX_ALL_KIND, uri, doc.version, result.edits));
    }
    return out;
  });
}
