// Open documents: the editor's text goes into the engine's workspace (parsed once per version),
// and the impact the workspace reports is handed to the diagnostics publisher.
import { normalize } from '../../engine';
import { uriToPath } from '../convert';
import type { ServerContext } from '../context';

/** Edits closer together than this are a burst (see diagnostics.ts). */
const BURST_MS = 4;

export function registerDocuments(ctx: ServerContext): void {
  const { documents, workspace: ws } = ctx;
  const lastChangeAt = new Map<string, number>();

  documents.onDidChangeContent(({ document: doc }) => {
    const path = normalize(uriToPath(doc.uri));
    const impact = ws.setDocument(path, doc.getText(), doc.version);
    const now = performance.now();
    const burst = now - (lastChangeAt.get(doc.uri) ?? -Infinity) < BURST_MS;
    lastChangeAt.set(doc.uri, now);
    ctx.diagnostics.apply(impact, { burst, first: path });
  });

  documents.onDidClose(({ document: doc }) => {
    const path = normalize(uriToPath(doc.uri));
    lastChangeAt.delete(doc.uri);
    // The file on disk is the truth again, for its own problems and for cross-file facts.
    const impact = ws.closeDocument(path);
    ctx.diagnostics.closed(path);
    impact.files.delete(path);
    ctx.diagnostics.apply(impact);
  });
}
