// The ECA language server (`node dist/server.js --stdio`, or IPC when started by the extension).
// Protocol handling only: every answer comes from the engine (server/src/engine).
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  type InitializeParams, type InitializeResult, type Connection, FileChangeType,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stat } from 'node:fs/promises';
import { applyOptions, checkParsed, parseFile, normalize, type CheckOptions, type EngineDiagnostic, type ParsedFile, type Severity } from './engine';
import { checkProjectRules } from './engine/project/projectRules';
import { complete } from './engine/services/completion';
import { completeSfdxProject } from './engine/services/sfdxCompletion';
import { hover } from './engine/services/hover';
import { symbols } from './engine/services/symbols';
import { definition, ecaAt, references, renameEca } from './engine/services/navigation';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { Workspace } from './lsp/workspace';
import { fixToWorkspaceEdit, pathToUri, toCodeActions, toCompletionItem, toDocumentSymbol, toLspDiagnostic, uriToPath } from './lsp/convert';
import type { ProjectModel } from './engine/project/model';
import { connectedAppHover, connectedAppInsights } from './migration/insights';
import { isConnectedAppFile } from './migration/connectedApp';
import { registerEnvironmentRequests } from './lsp/environmentsRequests';

interface Settings { severityOverrides: Record<string, Severity | 'off'>; disabledRules: string[]; productionAliases: string[] }
const DEFAULT_SETTINGS: Settings = { severityOverrides: {}, disabledRules: [], productionAliases: [] };

async function isDirectory(path: string): Promise<boolean> {
  try { return (await stat(path)).isDirectory(); } catch { return false; }
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (msg: string) => connection.console.log(msg);
  const ws = new Workspace(log);
  let settings: Settings = DEFAULT_SETTINGS;
  let hasConfigCapability = false;
  let roots: string[] = [];
  /** Parse + diagnostics of each open document at its current version (code actions reuse them). */
  const cache = new Map<string, { version: number; parsed: ParsedFile; diags: EngineDiagnostic[] }>();
  /** Summary signature per path, to tell whether an edit changed facts other files depend on. */
  const signatures = new Map<string, string>();
  const pending = new Set<string>();
  let flushScheduled = false;
  /** Diagnostics published on files that are not open (project rules on sfdx-project.json etc.). */
  let projectDiagUris = new Set<string>();

  const checkOptions = (): CheckOptions => ({ severityOverrides: settings.severityOverrides, disabledRules: settings.disabledRules });

  function parsedFor(doc: TextDocument): { parsed: ParsedFile; diags: EngineDiagnostic[] } {
    const c = cache.get(doc.uri);
    if (c && c.version === doc.version) return c;
    const path = uriToPath(doc.uri);
    const model = ws.modelFor(path);
    const parsed = parseFile(path, doc.getText());
    // Connected App files are read-only here: an offer to migrate, and hovers naming the ECA equivalents.
    const diags = isConnectedAppFile(path)
      ? applyOptions(connectedAppInsights(path, parsed.text).diagnostics, checkOptions())
      : checkParsed(parsed, model, checkOptions());
    const entry = { version: doc.version, parsed, diags };
    cache.set(doc.uri, entry);
    return entry;
  }

  /** The facts other files' single-file rules read (header state, link presence, membership). */
  function signature(model: ProjectModel, path: string): string {
    const s = model.components.get(normalize(path));
    return s ? `${s.type}|${s.eca}|${s.distributionState}|${s.hasOauthLinkElement}` : '';
  }
  /** Everything project rules read, ranges included (their diagnostics point into this file). */
  const projectSignatures = new Map<string, string>();
  function projectSignature(model: ProjectModel, path: string): string {
    const s = model.components.get(normalize(path));
    return s ? JSON.stringify(s) : '';
  }

  /** Re-index an open document and schedule it and, when its facts changed, its dependents. */
  function documentChanged(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    ws.open.add(normalize(path));
    const model = ws.modelFor(path);
    if (path.endsWith('/sfdx-project.json') && normalize(path) === `${model.root}/sfdx-project.json`) {
      // The editor's text of sfdx-project.json is the truth while it is open (unsaved edits too).
      model.setSfdxProject(path, doc.getText());
      revalidateSoon();
      return;
    }
    const touched = model.update(path, doc.getText());
    const sig = signature(model, path);
    const changedFacts = signatures.get(path) !== sig;
    signatures.set(path, sig);
    const now = performance.now();
    const burst = now - (lastChangeAt.get(doc.uri) ?? -Infinity) < BURST_MS;
    lastChangeAt.set(doc.uri, now);
    schedule(doc.uri, burst);
    if (changedFacts) scheduleDependents(model, touched);
    else {
      const psig = projectSignature(model, path);
      if (projectSignatures.get(path) !== psig) scheduleProject();
      projectSignatures.set(path, psig);
    }
  }

  function scheduleDependents(model: ProjectModel, ecas: Set<string>): void {
    for (const d of documents.all()) {
      const p = normalize(uriToPath(d.uri));
      const s = model.components.get(p);
      if (s && s.eca !== undefined && ecas.has(s.eca.replace(/^[A-Za-z0-9]+__/, ''))) { cache.delete(d.uri); schedule(d.uri); }
    }
    scheduleProject();
  }

  /**
   * Validation runs on the next turn of the event loop, so a single edit is answered at once. When
   * edits arrive in a burst (less than BURST_MS apart: a script, a paste storm, a replay — no
   * person types that fast), the flush waits BURST_MS so the stale versions in between are never
   * validated: only the newest text is checked and published.
   */
  const BURST_MS = 4;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushImmediate: ReturnType<typeof setImmediate> | undefined;
  function schedule(uri: string, burst = false): void {
    pending.add(uri);
    if (burst) {
      if (flushImmediate) { clearImmediate(flushImmediate); flushImmediate = undefined; }
      if (!flushTimer) flushTimer = setTimeout(flush, BURST_MS);
      flushScheduled = true;
      return;
    }
    if (!flushScheduled) {
      flushScheduled = true;
      flushImmediate = setImmediate(flush);
    }
  }
  const lastChangeAt = new Map<string, number>();

  let projectScheduled = false;
  function scheduleProject(): void {
    if (projectScheduled) return;
    projectScheduled = true;
    setTimeout(() => { projectScheduled = false; publishProjectDiagnostics(); }, 50);
  }

  function flush(): void {
    flushScheduled = false;
    if (flushTimer) { clearTimeout(flushTimer); flushTimer = undefined; }
    flushImmediate = undefined;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) {
      const doc = documents.get(uri);
      if (!doc) continue;
      try {
        const { diags } = parsedFor(doc);
        const own = diags.concat(projectDiagsFor(uriToPath(uri)));
        void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: own.map(toLspDiagnostic) });
      } catch (e) {
        log(`validation failed for ${uri}: ${(e as Error).stack}`);
      }
    }
  }

  let lastProjectDiags: EngineDiagnostic[] = [];
  function projectDiagsFor(path: string): EngineDiagnostic[] {
    const p = normalize(path);
    return lastProjectDiags.filter((d) => d.path === p);
  }

  /** Project-level rules (sections 4–5) for every model; published per file. */
  function publishProjectDiagnostics(): void {
    const all: EngineDiagnostic[] = [];
    for (const m of ws.models) {
      try { all.push(...checkProjectRules(m, checkOptions())); } catch (e) { log(`project rules failed: ${(e as Error).stack}`); }
    }
    lastProjectDiags = all;
    envRequests.changed();
    const byUri = new Map<string, EngineDiagnostic[]>();
    for (const d of all) {
      const uri = pathToUri(d.path);
      if (!byUri.has(uri)) byUri.set(uri, []);
      byUri.get(uri)!.push(d);
    }
    const next = new Set<string>();
    for (const [uri, list] of byUri) {
      const doc = documents.get(uri);
      if (doc) { schedule(uri); continue; }
      next.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: list.map(toLspDiagnostic) });
    }
    for (const uri of projectDiagUris) if (!next.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    projectDiagUris = next;
    for (const d of documents.all()) schedule(d.uri);
  }

  async function loadSettings(): Promise<void> {
    if (!hasConfigCapability) return;
    try {
      const s = (await connection.workspace.getConfiguration({ section: 'eca' })) as Partial<Settings> | null;
      settings = {
        severityOverrides: s?.severityOverrides && typeof s.severityOverrides === 'object' ? s.severityOverrides : {},
        disabledRules: Array.isArray(s?.disabledRules) ? s!.disabledRules : [],
        productionAliases: Array.isArray(s?.productionAliases) ? s!.productionAliases : [],
      };
      ws.setProductionAliases(settings.productionAliases);
    } catch (e) {
      log(`could not read settings: ${(e as Error).message}`);
    }
  }

  let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  function revalidateSoon(): void {
    if (revalidateTimer) clearTimeout(revalidateTimer);
    revalidateTimer = setTimeout(() => { revalidateTimer = undefined; revalidateAll(); }, 30);
  }

  function revalidateAll(): void {
    cache.clear();
    for (const d of documents.all()) schedule(d.uri);
    scheduleProject();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfigCapability = !!params.capabilities.workspace?.configuration;
    roots = (params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['<', '>', ',', ' ', '"'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'eca-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (hasConfigCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    await loadSettings();
    for (const root of roots) {
      ws.addRoot(root);
      const stats = await ws.scan(root);
      log(`indexed ${root}: ${stats.ecaFiles} ECA files of ${stats.files} files in ${stats.ms} ms${stats.skipped ? `, ${stats.skipped} skipped` : ''}`);
    }
    revalidateAll();
  });

  connection.onDidChangeConfiguration(async () => {
    await loadSettings();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    let projectChanged = false;
    for (const ch of params.changes) {
      const path = uriToPath(ch.uri);
      // A folder that appears with files already inside (git checkout, unzip, a copy) is reported
      // as the folder alone: index what it holds.
      const base = path.slice(path.lastIndexOf('/') + 1);
      const maybeFolder = !base.includes('.') && !/\/(node_modules|\.git|\.sf|\.sfdx)(\/|$)/.test(path);
      if (ch.type === FileChangeType.Created && maybeFolder && (await isDirectory(path))) {
        const stats = await ws.scan(path);
        if (stats.ecaFiles) { log(`indexed new folder ${path}: ${stats.ecaFiles} ECA files`); projectChanged = true; }
        continue;
      }
      const r = await ws.diskChanged(path, ch.type === FileChangeType.Deleted);
      if (!r) continue;
      if (r.projectFile) projectChanged = true;
      else scheduleDependents(r.model, r.ecas);
    }
    if (projectChanged) revalidateAll();
  });

  documents.onDidChangeContent((e) => documentChanged(e.document));
  documents.onDidClose((e) => {
    const path = normalize(uriToPath(e.document.uri));
    ws.open.delete(path);
    cache.delete(e.document.uri);
    lastChangeAt.delete(e.document.uri);
    signatures.delete(path);
    projectSignatures.delete(path);
    // The file on disk is the truth again for cross-file facts.
    void ws.diskChanged(path, false).then((r) => { if (!r) return; if (r.projectFile) revalidateAll(); else scheduleDependents(r.model, r.ecas); });
    const projectOwn = lastProjectDiags.filter((d) => d.path === path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: projectOwn.map(toLspDiagnostic) });
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { parsed } = parsedFor(doc);
    const offset = parsed.lines.offset(params.position);
    if (parsed.path.endsWith('/sfdx-project.json')) {
      return completeSfdxProject(parsed.text, offset, ws.modelFor(parsed.path)).map((e) => toCompletionItem(e, parsed.lines));
    }
    return complete(parsed, offset, ws.modelFor(parsed.path)).map((e) => toCompletionItem(e, parsed.lines));
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { parsed } = parsedFor(doc);
    if (isConnectedAppFile(parsed.path)) {
      const ca = connectedAppHover(parsed.path, parsed.text, parsed.lines.offset(params.position));
      return ca ? { contents: { kind: 'markdown', value: ca.markdown }, range: ca.range } : null;
    }
    const h = hover(parsed, parsed.lines.offset(params.position), ws.modelFor(parsed.path));
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: parsed.lines.range(h.start, h.end) } : null;
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { parsed } = parsedFor(doc);
    return symbols(parsed).map((s) => toDocumentSymbol(s, parsed.lines));
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { diags } = parsedFor(doc);
    const all = diags.concat(projectDiagsFor(uriToPath(doc.uri)));
    const versionOf = (path: string) => {
      const d = documents.get(pathToUri(path));
      return d ? d.version : null;
    };
    const out = [];
    for (const lspDiag of params.context.diagnostics) {
      if (lspDiag.source !== 'eca') continue;
      const match = all.find((d) => d.code === lspDiag.code
        && d.range.start.line === lspDiag.range.start.line && d.range.start.character === lspDiag.range.start.character
        && d.range.end.line === lspDiag.range.end.line && d.range.end.character === lspDiag.range.end.character);
      if (match) out.push(...toCodeActions(match, lspDiag, versionOf));
    }
    return out;
  });

  const locate = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (!doc) return null;
    const { parsed } = parsedFor(doc);
    const at = ecaAt(parsed, parsed.lines.offset(position));
    return at ? { parsed, at, model: ws.modelFor(parsed.path) } : null;
  };
  const toLocation = (l: { path: string; range: unknown }) => ({ uri: pathToUri(l.path), range: l.range as never });

  connection.onDefinition((params) => {
    const r = locate(params.textDocument.uri, params.position);
    return r ? definition(r.model, r.at.name).map(toLocation) : [];
  });

  connection.onReferences((params) => {
    const r = locate(params.textDocument.uri, params.position);
    return r ? references(r.model, r.at.name, params.context.includeDeclaration).map(toLocation) : [];
  });

  connection.onPrepareRename((params) => {
    const r = locate(params.textDocument.uri, params.position);
    if (!r || !r.model.header(r.at.name)) return null;
    return { range: r.parsed.lines.range(r.at.start, r.at.end), placeholder: r.at.name };
  });

  connection.onRenameRequest((params) => {
    const r = locate(params.textDocument.uri, params.position);
    if (!r) return null;
    try {
      const changes = renameEca(r.model, r.at.name, params.newName);
      return fixToWorkspaceEdit({ title: 'rename', changes }, (path) => documents.get(pathToUri(path))?.version ?? null);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidRequest, (e as Error).message);
    }
  });

  /** Custom request: re-read sf's org aliases (the client sends it after a login or on demand). */
  connection.onRequest('eca/reloadOrgs', () => { ws.reloadOrgs(); revalidateAll(); return true; });
  (require('./lsp/authoringRequests') as typeof import('./lsp/authoringRequests')).registerAuthoringRequests(connection, ws, documents);
  // Client-thin commands (migrate, retrieve): plans as FileChange[]; moves to lsp/README.md's registration point once wt-server lands.
  (require('./lsp/requests/migrate') as typeof import('./lsp/requests/migrate')).registerMigrateRequests(connection, documents);
  (require('./lsp/requests/retrieve') as typeof import('./lsp/requests/retrieve')).registerRetrieveRequests(connection, documents);
  const envRequests = registerEnvironmentRequests(connection, ws, documents, () => lastProjectDiags, checkOptions);

  documents.listen(connection);
  connection.listen();
}

// Started as a program (not imported by tests): stdio with --stdio, otherwise IPC/pipe per argv.
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { try { connection.console.error(`uncaught: ${e.stack}`); } catch { /* connection gone */ } });
  startServer(connection);
}
