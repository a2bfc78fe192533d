// Engine data → LSP data. The only place the two vocabularies meet.
import {
  CodeAction, CodeActionKind, CompletionItemKind, DiagnosticSeverity, InsertTextFormat,
  type CompletionItem as CompletionItem_, type Diagnostic, type DocumentSymbol, type WorkspaceEdit, SymbolKind,
  type TextDocumentEdit, type CreateFile, type RenameFile,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { RULE_BY_ID, type CompletionItem, type DocumentSymbol as EngineSymbol, type EngineDiagnostic, type Fix, type Severity } from '../engine';
import { docsLink } from '../engine/rules/define';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The scheme and authority of the workspace's URIs: `file` on a desktop; in a web workbench the
 * folder's own (vscode-remote://host, vscode-vfs://github, …), which paths then stand for.
 */
let uriBase: { scheme: string; authority: string } = { scheme: 'file', authority: '' };

/** Paths stand for URIs of this folder's scheme and authority from now on (set once, at initialize). */
export function setUriBase(folderUri: string): void {
  const u = URI.parse(folderUri);
  uriBase = { scheme: u.scheme, authority: u.authority };
}

export const uriToPath = (uri: string): string => {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath.replace(/\\/g, '/') : u.path;
};
export const pathToUri = (path: string): string =>
  uriBase.scheme === 'file' ? URI.file(path).toString() : URI.from({ scheme: uriBase.scheme, authority: uriBase.authority, path }).toString();

/** The folder holding docs/rules.md (the server's host says where, at start), or undefined. */
let docsRoot: string | undefined;

/** Each rule's link, built once (a workspace pass converts thousands of diagnostics). */
const docHrefs = new Map<string, string | undefined>();

export function setDocsRoot(root: string | undefined): void {
  docsRoot = root?.replace(/\/$/, '');
  docHrefs.clear();
}

/** Where a rule's documentation is: its section of the local docs/rules.md (no network). */
export function ruleDocHref(code: string): string | undefined {
  if (!docsRoot || !RULE_BY_ID.has(code)) return undefined;
  if (docHrefs.has(code)) return docHrefs.get(code);
  const [file, fragment] = docsLink(code).split('#');
  const href = URI.file(`${docsRoot}/${file}`).with({ fragment }).toString();
  docHrefs.set(code, href);
  return href;
}

export function toLspDiagnostic(d: EngineDiagnostic): Diagnostic {
  const href = ruleDocHref(d.code);
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'eca',
    code: d.code,
    codeDescription: href ? { href } : undefined,
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
