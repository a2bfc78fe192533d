// The engine's language service: one façade over the workspace and the services (validation,
// completion, hover, symbols, navigation, rename, the environments view), in the shape of
// vscode-json-languageservice's getLanguageService. Callers (the LSP handlers, tests) import this
// instead of the inner modules. Positions and ranges are the engine's (0-based line/character).
import type { ParsedFile } from './document';
import type { EngineDiagnostic, FileChange, Position, Range } from './types';
import type { EcaWorkspace } from './workspace';
import { complete, type CompletionEntry } from './services/completion';
import { completeSfdxProject } from './services/sfdxCompletion';
import { hover } from './services/hover';
import { symbols, type SymbolNode } from './services/symbols';
import { definition, ecaAt, references, renameEca, type Location } from './services/navigation';
import { fixAll, type FixAllResult } from './services/fixAll';
import { workspaceSymbols, type WorkspaceSymbol } from './services/workspaceSymbols';
import { fileReceivers, type FileReceivers } from './services/receivers';
import { EnvironmentsView } from './project/environmentsView';
import type { ProjectModel } from './project/model';

export type { Location } from './services/navigation';
export type { FixAllResult } from './services/fixAll';
export type { WorkspaceSymbol } from './services/workspaceSymbols';
export type { FileReceivers } from './services/receivers';

/** A completion entry with the range it replaces. */
export interface CompletionItem extends CompletionEntry { range: Range }
export interface HoverInfo { markdown: string; range: Range }
export interface DocumentSymbol { name: string; detail: string; range: Range; selectionRange: Range; children: DocumentSymbol[] }

export interface LanguageService {
  readonly workspace: EcaWorkspace;
  /** The diagnostics of a file at its current content: its own checks plus project diagnostics on it. */
  doValidation(path: string): EngineDiagnostic[];
  doComplete(path: string, position: Position): CompletionItem[];
  doHover(path: string, position: Position): HoverInfo | null;
  findDocumentSymbols(path: string): DocumentSymbol[];
  findDefinition(path: string, position: Position): Location[];
  findReferences(path: string, position: Position, includeDeclaration: boolean): Location[];
  /** The ECA name under the cursor when it can be renamed (a header exists), else null. */
  prepareRename(path: string, position: Position): { range: Range; placeholder: string } | null;
  /** Every change renaming the ECA under the cursor; throws with a user message on an invalid name. */
  doRename(path: string, position: Position, newName: string): FileChange[] | null;
  /** The environments view of a project (trees, matrix, copy and scaffold plans), cached per model. */
  environmentsView(root: string): EnvironmentsView | undefined;
  /** Every safe fix of a file at once (of one rule when given), re-checked: never worse. */
  doFixAll(path: string, rule?: string): FixAllResult | null;
  /** Every app and component in the workspace whose name matches `query`. */
  findWorkspaceSymbols(query: string): WorkspaceSymbol[];
  /**
   * Which orgs receive a file, in a project where that is a question (an aliasfy package, or more
   * than one package directory); undefined elsewhere and for files that are no indexed component.
   */
  findReceivers(path: string): FileReceivers | undefined;
}

function toSymbol(n: SymbolNode, f: ParsedFile): DocumentSymbol {
  return { name: n.name, detail: n.detail, range: f.lines.range(n.start, n.end), selectionRange: f.lines.range(n.selStart, n.selEnd), children: n.children.map((c) => toSymbol(c, f)) };
}

export function getLanguageService(workspace: EcaWorkspace): LanguageService {
  const views = new WeakMap<ProjectModel, EnvironmentsView>();
  const viewOf = (m: ProjectModel): EnvironmentsView => {
    let v = views.get(m);
    if (!v) {
      v = new EnvironmentsView(m, {
        parsedOf: (p) => workspace.parsed(p),
        projectDiagnostics: () => workspace.projectDiagnostics(),
        options: () => workspace.checkOptions,
        fileDiagnostics: (p) => workspace.fileDiagnostics(p),
      });
      views.set(m, v);
    }
    return v;
  };
  const at = (path: string, position: Position) => {
    const parsed = workspace.parsed(path);
    return parsed ? { parsed, offset: parsed.lines.offset(position), model: workspace.modelFor(parsed.path) } : null;
  };
  const ecaUnder = (path: string, position: Position) => {
    const r = at(path, position);
    if (!r) return null;
    const eca = ecaAt(r.parsed, r.offset);
    return eca ? { ...r, eca } : null;
  };
  const service: LanguageService = {
    workspace,
    doValidation: (path) => workspace.diagnostics(path),
    doComplete(path, position) {
      const r = at(path, position);
      if (!r) return [];
      const entries = r.parsed.path.endsWith('/sfdx-project.json')
        ? completeSfdxProject(r.parsed.text, r.offset, r.model)
        : complete(r.parsed, r.offset, r.model);
      return entries.map((e) => ({ ...e, range: r.parsed.lines.range(e.replaceStart, e.replaceEnd) }));
    },
    doHover(path, position) {
      const r = at(path, position);
      const h = r ? hover(r.parsed, r.offset, r.model, () => service.findReceivers(r.parsed.path)?.text) : null;
      return h && r ? { markdown: h.markdown, range: r.parsed.lines.range(h.start, h.end) } : null;
    },
    findDocumentSymbols(path) {
      const parsed = workspace.parsed(path);
      return parsed ? symbols(parsed).map((s) => toSymbol(s, parsed)) : [];
    },
    findDefinition(path, position) {
      const r = ecaUnder(path, position);
      return r ? definition(r.model, r.eca.name) : [];
    },
    findReferences(path, position, includeDeclaration) {
      const r = ecaUnder(path, position);
      return r ? references(r.model, r.eca.name, includeDeclaration) : [];
    },
    prepareRename(path, position) {
      const r = ecaUnder(path, position);
      if (!r || !r.model.header(r.eca.name)) return null;
      return { range: r.parsed.lines.range(r.eca.start, r.eca.end), placeholder: r.eca.name };
    },
    doRename(path, position, newName) {
      const r = ecaUnder(path, position);
      return r ? renameEca(r.model, r.eca.name, newName) : null;
    },
    environmentsView(root) {
      const m = workspace.modelAt(root);
      return m ? viewOf(m) : undefined;
    },
    doFixAll(path, rule) {
      const parsed = workspace.parsed(path);
      return parsed ? fixAll(parsed.path, parsed.text, workspace.modelFor(parsed.path), workspace.checkOptions, rule) : null;
    },
    findWorkspaceSymbols: (query) => workspaceSymbols(workspace.models, query),
    findReceivers(path) {
      const m = workspace.modelFor(path);
      const dirs = m.sfdx?.packageDirs ?? [];
      if (dirs.length < 2 && !dirs.some((d) => d.aliasfy)) return undefined;
      return fileReceivers(viewOf(m), path);
    },
  };
  return service;
}
