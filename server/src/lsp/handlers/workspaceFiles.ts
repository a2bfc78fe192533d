// The workspace on disk: the first scan after initialize, files and folders changed on disk
// (watched-file events, git checkouts included), and settings changes.
import { FileChangeType } from 'vscode-languageserver/node';
import { mergeImpact, noImpact, type Impact } from '../../engine';
import { uriToPath } from '../convert';
import type { ServerContext } from '../context';
import { loadSettings, toCheckOptions } from '../settings';

export interface WorkspaceFiles {
  /** After initialize: read the settings, index every workspace folder, publish. */
  start(): Promise<void>;
}

export function registerWorkspaceFiles(ctx: ServerContext): WorkspaceFiles {
  const { connection, workspace: ws } = ctx;

  async function applySettings(): Promise<Impact> {
    await loadSettings(ctx);
    const v = ctx.settings.apiVersion;
    return ws.configure({ checkOptions: toCheckOptions(ctx.settings), productionAliases: ctx.settings.productionAliases, exclude: ctx.settings.exclude,
      apiVersion: v === undefined ? null : { version: v, label: 'setting eca.apiVersion' } });
  }

  /** Index every workspace folder, then check and publish everything in scope. */
  async function indexAll(since: number): Promise<void> {
    for (const root of ctx.roots) {
      // A web worker's file system reads the folder's listing and project files before the model does.
      await ws.prefetch(root);
      ws.addRoot(root);
    }
    ctx.rootsKnown?.resolve();
    for (const root of ctx.roots) {
      const t0 = performance.now();
      const stats = await ws.scan(root, { keepParsed: ctx.settings.validationScope === 'workspace' });
      ctx.log(`indexed ${root}: ${stats.ecaFiles} ECA files in ${stats.ms} ms${stats.skipped ? `, ${stats.skipped} skipped` : ''} (project files ${Math.round(performance.now() - t0 - stats.ms)} ms, ${Math.round(performance.now() - since)} ms after initialized)`);
    }
    // Let the log line go out before the first full check occupies the event loop.
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    ctx.diagnostics.revalidateAll();
    const sent = await ctx.diagnostics.idle();
    ctx.log(`workspace diagnostics (${ctx.settings.validationScope}): ${sent} files published in ${Math.round(performance.now() - t0)} ms`);
  }

  connection.onDidChangeConfiguration(async () => {
    const before = ctx.settings.validationScope;
    await applySettings();
    if (before !== ctx.settings.validationScope) ctx.log(`validation scope: ${ctx.settings.validationScope}`);
    ctx.diagnostics.revalidateAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const impact: Impact = noImpact();
    for (const ch of params.changes) {
      const path = uriToPath(ch.uri);
      // A folder that appears with files already inside (git checkout, unzip, a copy) is reported
      // as the folder alone: index what it holds.
      const base = path.slice(path.lastIndexOf('/') + 1);
      const maybeFolder = !base.includes('.') && !/\/(node_modules|\.git|\.sf|\.sfdx)(\/|$)/.test(path);
      if (ch.type === FileChangeType.Created && maybeFolder && (await ws.isDirectory(path))) {
        await ws.prefetch(path);
        const stats = await ws.scan(path);
        if (stats.ecaFiles) { ctx.log(`indexed new folder ${path}: ${stats.ecaFiles} ECA files`); mergeImpact(impact, ws.invalidateAll()); }
        continue;
      }
      await ws.prefetch(path, { deleted: ch.type === FileChangeType.Deleted });
      mergeImpact(impact, ws.diskChanged(path, ch.type === FileChangeType.Deleted));
    }
    ctx.diagnostics.apply(impact);
  });

  return {
    async start() {
      const since = performance.now();
      await applySettings();
      await indexAll(since);
    },
  };
}
