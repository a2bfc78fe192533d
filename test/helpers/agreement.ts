// What the agreement tests share: a project's files as an in-memory copy (path → base64), the
// diagnostics a server published made comparable (by path, whatever the URI's scheme), and the
// reference run — the built Node server (dist/server.js --stdio) reading the project from disk.
// test/lsp/browserAgreement.test.ts compares the browser build with it, and
// test/lsp/virtualWorkspace.test.ts the Node server in a virtual workspace (--remote-fs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, type Diag } from './lspClient';
import { tempDir } from './fs';

/** Every file under `root` (not node_modules, not .git), keyed by its path with forward slashes, as base64. */
export function filesOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) { if (n !== 'node_modules' && n !== '.git') walk(p); } else out[p.replace(/\\/g, '/')] = readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

export type Published = Record<string, Diag[]>;

/** A URI of any scheme reduced to its path. */
export const pathOfUri = (uri: string): string => decodeURIComponent(new URL(uri).pathname);

/**
 * Diagnostics as comparable text, keyed by path (URIs of either scheme reduced to their path);
 * with `root`, paths (in keys, related locations and messages) are written relative to it.
 */
export function comparable(pub: Published, root?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const rel = (text: string) => (root ? text.split(root).join('<root>') : text);
  for (const [uri, diags] of Object.entries(pub)) {
    if (!diags.length) continue;
    out[rel(pathOfUri(uri))] = diags.map((d) => {
      const related = ((d as { relatedInformation?: { location: { uri: string; range: unknown }; message: string }[] }).relatedInformation ?? [])
        .map((r) => `${pathOfUri(r.location.uri)} ${JSON.stringify(r.location.range)} ${r.message}`);
      return rel(`${d.code} ${d.severity} ${JSON.stringify(d.range)} ${d.message} ${related.join(' | ')}`);
    }).sort();
  }
  return out;
}

/**
 * The reference: the built Node server on the project's folder on disk, until it has published the
 * whole workspace (and, with `openFile`, that file's diagnostics once it is opened: `firstMs`).
 */
export async function nodeRun(root: string, openFile?: string): Promise<{ published: Published; firstMs?: number }> {
  const home = tempDir('eca-home-');
  const c = new LspClient({ ...process.env, HOME: home });
  try {
    const published: Published = {};
    let opened = 0;
    let firstMs: number | undefined;
    c.onPublish.push((p) => {
      published[p.uri] = p.diagnostics;
      if (openFile && firstMs === undefined && opened && pathOfUri(p.uri) === openFile && p.version === 1) firstMs = performance.now() - opened;
    });
    await c.initialize(root);
    if (openFile) { opened = performance.now(); c.open(openFile, readFileSync(openFile, 'utf8')); }
    await c.waitForLog(/^workspace diagnostics/, 60000);
    if (openFile) await c.until(() => firstMs !== undefined, `first diagnostics of ${openFile}`);
    return { published, firstMs };
  } finally {
    await c.shutdown();
  }
}
