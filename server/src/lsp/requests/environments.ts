// Custom LSP requests behind the Environments and External Client Apps views (see protocol.ts for
// the contract). Every answer comes from the engine's environments view (through the language
// service) over the workspace's project models; open documents win over disk, and problem counts
// are the diagnostics the server publishes. Trees are answered one level per request so a large
// workspace only computes what is expanded.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Fix } from '../../engine';
import type { EnvironmentsView } from '../../engine/project/environmentsView';
import type { ProjectModel } from '../../engine/project/model';
import { fixToWorkspaceEdit } from '../convert';
import type { ServerContext } from '../context';
import {
  ENV_METHODS, type AppsParams, type AppsResult, type CopySettingParams, type CopySettingResult, type EnvironmentsParams,
  type EnvironmentsResult, type MatrixParams, type MatrixResult, type ProjectChangedParams, type ProjectNode, type EnvScaffoldParams,
  type EnvScaffoldResult,
} from '../protocol';
import { defineRequests } from './registry';
import { documentVersion, handle, versionsOf } from './runner';

/** Coalesces bursts of changes (typing, a scan, a checkout) into one notification. */
const NOTIFY_DELAY_MS = 100;

defineRequests('environments', (ctx) => {
  const { connection, documents, workspace: ws, service } = ctx;
  const viewOf = (m: ProjectModel): EnvironmentsView => service.environmentsView(m.root)!;
  /** Project roots worth showing: those with sfdx-project.json, else any with ECA files. */
  const projects = (): ProjectModel[] => {
    const withSfdx = ws.models.filter((m) => m.sfdx);
    const list = withSfdx.length ? withSfdx : ws.models.filter((m) => m.components.size > 0);
    return [...list].sort((a, b) => a.root.localeCompare(b.root));
  };
  const modelAt = (root: string): ProjectModel => {
    const r = root;
    const m = ws.modelAt(r);
    if (!m) throw new ResponseError(ErrorCodes.InvalidParams, `No project at ${root}.`);
    return m;
  };
  const projectNode = (m: ProjectModel): ProjectNode => ({ kind: 'project', root: m.root, name: viewOf(m).name });
  const indexing = () => ws.scanning > 0;
  const planned = (fix: Fix) => ({ edit: fixToWorkspaceEdit(fix, (p) => documentVersion(documents, p)), changes: fix.changes, versions: versionsOf(documents, fix.changes) });

  handle(ctx, ENV_METHODS.environments, (p: EnvironmentsParams | undefined): EnvironmentsResult => {
    const node = p?.node;
    if (!node) {
      const list = projects();
      if (list.length > 1) return { nodes: list.map(projectNode), indexing: indexing() };
      return { nodes: list.length ? viewOf(list[0]).environments().map((info) => ({ kind: 'environment', info })) : [], indexing: indexing() };
    }
    const v = viewOf(modelAt(node.root));
    switch (node.kind) {
      case 'project': return { nodes: v.environments().map((info) => ({ kind: 'environment', info })), indexing: indexing() };
      case 'environment': return { nodes: v.environmentApps(node.env).map((info) => ({ kind: 'envApp', info })), indexing: indexing() };
      case 'envApp': return { nodes: v.environmentFiles(node.env, node.eca).map((info) => ({ kind: 'file', info })), indexing: indexing() };
      default: throw new ResponseError(ErrorCodes.InvalidParams, `Unknown node kind ${(node as { kind: string }).kind}.`);
    }
  });

  handle(ctx, ENV_METHODS.apps, (p: AppsParams | undefined): AppsResult => {
    const node = p?.node;
    if (!node) {
      const list = projects();
      if (list.length > 1) return { nodes: list.map(projectNode), indexing: indexing() };
      return { nodes: list.length ? viewOf(list[0]).apps().map((info) => ({ kind: 'app', info })) : [], indexing: indexing() };
    }
    const v = viewOf(modelAt(node.root));
    if (node.kind === 'project') return { nodes: v.apps().map((info) => ({ kind: 'app', info })), indexing: indexing() };
    if (node.kind === 'app') {
      const detail = v.app(node.eca);
      if (!detail) throw new ResponseError(ErrorCodes.InvalidParams, `No External Client App named ${node.eca} in ${node.root}.`);
      return { nodes: [], detail, indexing: indexing() };
    }
    throw new ResponseError(ErrorCodes.InvalidParams, `Unknown node kind ${(node as { kind: string }).kind}.`);
  });

  handle(ctx, ENV_METHODS.matrix, (p: MatrixParams | undefined): MatrixResult => {
    const list = p?.root ? [modelAt(p.root)] : projects();
    return { matrices: list.map((m) => viewOf(m).matrix()), indexing: indexing() };
  });

  handle(ctx, ENV_METHODS.copySetting, (p: CopySettingParams): CopySettingResult => {
    if (!p || typeof p.source !== 'string' || typeof p.setting !== 'string' || !Array.isArray(p.targets) || !p.targets.length) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'copySetting needs a source file, a setting and at least one target file.');
    }
    const v = viewOf(ws.modelFor(p.source));
    const { fix, unchanged } = v.copySetting(p.source, p.setting, p.targets);
    return { ...planned(fix), changed: fix.changes.map((c) => (c.kind === 'edit' ? c.path : '')).filter(Boolean), unchanged };
  });

  handle(ctx, ENV_METHODS.scaffold, (p: EnvScaffoldParams): EnvScaffoldResult => {
    if (!p || typeof p.root !== 'string' || typeof p.env !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'scaffold needs a project root and an environment.');
    const { fix, skipped } = viewOf(modelAt(p.root)).scaffold(p.env, p.from, { eca: p.eca, slot: p.slot });
    return { ...planned(fix), files: fix.changes.map((c) => (c.kind === 'create' ? c.path : '')).filter(Boolean), skipped };
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const params: ProjectChangedParams = { roots: projects().map((m) => m.root) };
      void connection.sendNotification(ENV_METHODS.projectChanged, params);
    }, NOTIFY_DELAY_MS);
  };
  // Edits of open files change settings without always changing project facts (so without a new
  // round of project diagnostics): refresh on them too.
  documents.onDidChangeContent(() => changed());
  documents.onDidClose(() => changed());
  ctx.projectListeners.push(changed);
});
