// Open documents: the editor's text goes into the engine's workspace (parsed once per version),
// and the impact the workspace reports is handed to the diagnostics publisher.
import { normalize } from '../../engine';
import { uriToPath } from '../convert';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';

/** Edits closer together than this are a burst (see diagnostics.ts). */
const BURST_MS = 4;

export function registerDocuments(ctx: ServerContext): void {
  const { documents, workspace: ws } = ctx;
  const lastChangeAt = new Map<string, number>();

  // Documents opened before the workspace folders' project files are known (web worker) wait.
  const waiting = new Set<string>();
  void ctx.rootsKnown?.promise.then(() => {
    ctx.rootsKnown = undefined;
    for (const uri of waiting) { const doc = documents.get(uri); if (doc) changed(doc); }
    waiting.clear();
  });

  documents.onDidChangeContent(({ document: doc }) => {
    if (ctx.rootsKnown) waiting.add(doc.uri);
    else changed(doc);
  });

  function changed(doc: TextDocument): void {
    const path = normalize(uriToPath(doc.uri));
    const impact = ws.setDocument(path, doc.getText(), doc.version);
    const now = performance.now();
    const burst = now - (lastChangeAt.get(doc.uri) ?? -Infinity) < BURST_MS;
    lastChangeAt.set(doc.uri, now);
    ctx.diagnostics.apply(impact, { burst, first: path });
  }

  documents.onDidClose(({ document: doc }) => {
    if (waiting.delete(doc.uri)) return;
    const path = normalize(uriToPath(doc.uri));
    lastChangeAt.delete(doc.uri);
    // The file on disk is the truth again, for its own problems and for cross-file facts.
    const impact = ws.closeDocument(path);
    ctx.diagnostics.closed(path);
    impact.files.delete(path);
    ctx.diagnostics.apply(impact);
  });
}
