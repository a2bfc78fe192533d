// Custom requests behind the authoring commands (flip distributionState, scaffold environment
// policy folders, new External Client App). The server answers them because it owns the project
// model: every ECA file indexed, open editors' unsaved text, sf org aliases, the production
// aliases setting. The answers are plans — FileChange lists plus what the user should know — and
// the client turns a plan into one WorkspaceEdit, so nothing here writes to disk.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { normalize, type EcaWorkspace, type ProjectModel } from '../../engine';
import { dirnameOf } from '../../engine/fs';
import { authoringContext, planFlip, planNewEca, planScaffold, type AuthoringSource } from '../../engine/authoring';
import { findProjectRoot } from '../../engine/project/scan';
import { stripNamespace } from '../../engine/project/model';
import { pathToUri } from '../convert';
import type { ServerContext } from '../context';
import {
  AUTHORING_METHODS, type AuthoringParams, type ContextAnswer, type ContextParams, type FlipAnswer, type FlipParams,
  type NewEcaAnswer, type NewEcaParams, type ScaffoldAnswer, type ScaffoldParams,
} from '../protocol';
import { defineRequests } from './registry';
import { handle, targetPath, versionsOf } from './runner';

function isDir(ws: EcaWorkspace, p: string): boolean {
  return ws.fs.stat(p) === 'dir';
}

defineRequests('authoring', registerAuthoringRequests);

function registerAuthoringRequests(ctx: ServerContext): void {
  const { documents, workspace: ws } = ctx;
  const openDoc = (path: string) => documents.get(pathToUri(path));

  /** The model of the project `target` belongs to, created and indexed on demand (a project made a moment ago). */
  async function modelFor(target: string): Promise<ProjectModel> {
    const path = targetPath(target);
    const root = normalize(findProjectRoot(path, ws.fs) ?? (isDir(ws, path) ? path : dirnameOf(path)));
    let model = ws.modelAt(root);
    if (!model) {
      // A project made a moment ago: files indexed into an enclosing project move to it.
      model = ws.addRoot(root);
      await ws.scan(root, { keepParsed: ctx.settings.validationScope === 'workspace' });
      ctx.diagnostics.revalidateAll();
    }
    return model;
  }

  async function sourceFor(params: AuthoringParams): Promise<AuthoringSource> {
    if (!params || typeof params.target !== 'string' || !params.target) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'target (a file or folder of the project) is required');
    }
    for (const p of params.sync ?? []) {
      const path = targetPath(p);
      await ws.prefetch(path, { deleted: false });
      ctx.diagnostics.apply(ws.diskChanged(path, ws.fs.stat(path) === undefined));
    }
    const model = await modelFor(params.target);
    return {
      model,
      read: (path) => ws.textOf(path),
      exists: (path) => !!openDoc(path) || ws.fs.stat(path) !== undefined,
    };
  }

  handle(ctx, AUTHORING_METHODS.context, async (params: ContextParams): Promise<ContextAnswer> => {
    const src = await sourceFor(params);
    const own = src.model.components.get(targetPath(params.target));
    return { ...authoringContext(src), targetEca: own?.eca ? stripNamespace(own.eca) : undefined };
  });

  handle(ctx, AUTHORING_METHODS.flip, async (params: FlipParams): Promise<FlipAnswer> => {
    const plan = planFlip(await sourceFor(params), { eca: params.eca, path: params.path ? targetPath(params.path) : undefined, to: params.to });
    return { ...plan, versions: versionsOf(documents, [...plan.changes, ...plan.followUps.flatMap((f) => f.changes ?? [])]) };
  });

  handle(ctx, AUTHORING_METHODS.scaffold, async (params: ScaffoldParams): Promise<ScaffoldAnswer> => {
    const r = planScaffold(await sourceFor(params), params);
    return { ...r, versions: versionsOf(documents, r.changes) };
  });

  handle(ctx, AUTHORING_METHODS.newEca, async (params: NewEcaParams): Promise<NewEcaAnswer> => {
    const r = planNewEca(await sourceFor(params), params);
    return { ...r, versions: versionsOf(documents, r.changes) };
  });
}
