// Server side of "Retrieve External Client App from DevHub": the client asks the questions (org,
// apps, folder, confirmation); the server reads the sf logins, talks to the org through the lazily
// loaded Salesforce libraries, and answers with FileChange[] (retrieve/changes.ts). Cancelling the
// request aborts the org call. Nothing here writes to disk.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { normalize } from '../../engine/project/model';
import { isRetrieveError, loginCommand } from '../../retrieve/errors';
import { retrieveChanges } from '../../retrieve/changes';
import { locateApps } from '../../retrieve/plan';
import { defaultPackageDir, findProjectRoot, packageDirOf, readProject } from '../../retrieve/project';
import { listOrgEcas, listOrgLogins, prepareRetrieve } from '../../retrieve/retrieve';
import { pathToUri, uriToPath } from '../convert';
import {
  RETRIEVE_METHODS, type ListAppsAnswer, type ListAppsParams, type PrepareAnswer, type PrepareParams, type RetrieveErrorData,
  type RetrieveLoginsAnswer, type RetrieveProjectAnswer,
} from '../retrieveProtocol';
import { defineRequests } from './registry';

function toPath(target: string): string {
  return target.startsWith('file:') ? uriToPath(target) : target;
}

function signalOf(token: CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  else token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

/** Retrieval errors travel with their code (and login hint) so the client can offer a login. */
async function answer<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isRetrieveError(e)) throw new ResponseError<RetrieveErrorData>(ErrorCodes.InvalidRequest, e.message, { code: e.code, hint: e.hint });
    if (e instanceof ResponseError) throw e;
    throw new ResponseError<RetrieveErrorData>(ErrorCodes.InternalError, (e as Error)?.message ?? String(e), { code: 'INTERNAL' });
  }
}

function registerRetrieveRequests(connection: Connection, documents: TextDocuments<TextDocument>): void {
  const openDoc = (p: string) => documents.get(pathToUri(normalize(p)));

  connection.onRequest(RETRIEVE_METHODS.project, (params: { target: string }): RetrieveProjectAnswer | null => {
    const p = toPath(params?.target ?? '');
    if (!p || !existsSync(p)) return null;
    const root = findProjectRoot(statSync(p).isDirectory() ? p : dirname(p));
    if (!root) return null;
    const project = readProject(root);
    return { root: project.root, packageDirs: project.packageDirs, defaultDir: defaultPackageDir(project).path };
  });

  connection.onRequest(RETRIEVE_METHODS.logins, (params: { root?: string }): Promise<RetrieveLoginsAnswer> =>
    answer(async () => ({ logins: (await listOrgLogins(params?.root)).logins, loginHint: loginCommand(undefined) })));

  connection.onRequest(RETRIEVE_METHODS.listApps, (params: ListAppsParams, token): Promise<ListAppsAnswer> =>
    answer(async () => {
      const listed = await listOrgEcas(params.targetOrg, params.root, signalOf(token));
      const project = readProject(params.root);
      const local = locateApps(project, listed.ecas.map((e) => e.fullName));
      return {
        apps: listed.ecas.map((e) => {
          const here = local.get(e.fullName) ?? [];
          return {
            fullName: e.fullName,
            lastModifiedDate: e.lastModifiedDate,
            lastModifiedByName: e.lastModifiedByName,
            localDir: here.length ? packageDirOf(project, here[0])?.path : undefined,
          };
        }),
      };
    }));

  connection.onRequest(RETRIEVE_METHODS.prepare, (params: PrepareParams, token): Promise<PrepareAnswer> =>
    answer(async () => {
      const plan = await prepareRetrieve({
        targetOrg: params.targetOrg, ecas: params.ecas, projectRoot: params.root, outputDir: params.outputDir, signal: signalOf(token),
      });
      const versions: Record<string, number | null> = {};
      const changes = retrieveChanges(plan, (abs) => {
        const doc = openDoc(abs);
        versions[abs] = doc ? doc.version : null;
        return doc?.getText();
      });
      return {
        org: plan.org,
        warnings: plan.warnings,
        changes,
        versions,
        files: plan.files.map((f) => ({
          path: f.path, absPath: f.absPath, type: f.type, fullName: f.fullName, state: f.state,
          orgText: f.state === 'Changed' ? f.content.toString('utf8') : undefined,
        })),
      };
    }));
}

defineRequests('retrieve', (ctx) => registerRetrieveRequests(ctx.connection, ctx.documents));
