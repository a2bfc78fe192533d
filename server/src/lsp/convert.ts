// Engine data → LSP data. The only place the two vocabularies meet.
import {
  CodeAction, CodeActionKind, CompletionItemKind, DiagnosticSeverity, InsertTextFormat,
  type CompletionItem as CompletionItem_, type Diagnostic, type DocumentSymbol, type WorkspaceEdit, SymbolKind,
  type TextDocumentEdit, type CreateFile, type RenameFile,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { RULE_BY_ID, type CompletionItem, type DocumentSymbol as EngineSymbol, type EngineDiagnostic, type Fix, type Severity } from '../engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const uriToPath = (uri: string): string => URI.parse(uri).fsPath.replace(/\\/g, '/');
export const pathToUri = (path: string): string => URI.file(path).toString();

export function toLspDiagnostic(d: EngineDiagnostic): Diagnostic {
  // A security rule's code links to the source it cites (RFC 9700, RFC 8252, Salesforce) in the hover.
  const citation = RULE_BY_ID.get(d.code)?.citation;
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'eca',
    code: d.code,
    ...(citation ? { codeDescription: { href: citation.url } } : {}),
    message: d.message,
    relatedInformation: d.related?.map((r) => ({ location: { uri: pathToUri(r.path), range: r.range }, message: r.message })),
  };
}

export function fixToWorkspaceEdit(fix: Fix, versionOf: (path: string) => number | null): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile | RenameFile)[] = [];
  for (const c of fix.changes) {
    if (c.kind === 'edit') {
      documentChanges.push({ textDocument: { uri: pathToUri(c.path), version: versionOf(c.path) }, edits: c.edits });
    } else if (c.kind === 'create') {
      // Never overwrite: the client refuses the create (and so the whole edit) if the file exists.
      documentChanges.push({ kind: 'create', uri: pathToUri(c.path), options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({ textDocument: { uri: pathToUri(c.path), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] });
    } else {
      documentChanges.push({ kind: 'rename', oldUri: pathToUri(c.from), newUri: pathToUri(c.to), options: { overwrite: false, ignoreIfExists: false } });
    }
  }
  return { documentChanges };
}

export function toCodeActions(d: EngineDiagnostic, lspDiag: Diagnostic, versionOf: (path: string) => number | null): CodeAction[] {
  const out: CodeAction[] = [];
  for (const fix of d.fixes ?? []) {
    const a = CodeAction.create(fix.title, fixToWorkspaceEdit(fix, versionOf), CodeActionKind.QuickFix);
    a.diagnostics = [lspDiag];
    if (fix.preferred) a.isPreferred = true;
    out.push(a);
  }
  for (const c of d.commands ?? []) {
    const a = CodeAction.create(c.title, { title: c.title, command: c.command, arguments: c.arguments }, CodeActionKind.QuickFix);
    a.diagnostics = [lspDiag];
    out.push(a);
  }
  return out;
}

export function toCompletionItem(e: CompletionItem): CompletionItem_ {
  return {
    label: e.label,
    kind: e.kind === 'element' ? CompletionItemKind.Property : e.kind === 'snippet' ? CompletionItemKind.Snippet : e.kind === 'reference' ? CompletionItemKind.Reference : CompletionItemKind.EnumMember,
    detail: e.detail,
    documentation: e.documentation ? { kind: 'markdown', value: e.documentation } : undefined,
    insertTextFormat: e.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: e.range, newText: e.insertText },
    sortText: e.sortText,
    filterText: e.kind === 'element' && e.insertText.startsWith('<') ? `<${e.label}` : e.label,
  };
}

export function toDocumentSymbol(n: EngineSymbol): DocumentSymbol {
  return {
    name: n.name,
    detail: n.detail,
    kind: n.children.length ? SymbolKind.Object : SymbolKind.Field,
    range: n.range,
    selectionRange: n.selectionRange,
    children: n.children.map(toDocumentSymbol),
  };
}
