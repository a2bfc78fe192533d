// Server side of "Retrieve External Client App from DevHub": the client asks the questions (org,
// apps, folder, confirmation); the server reads the sf logins, talks to the org through the lazily
// loaded Salesforce libraries, and answers with FileChange[] (retrieve/changes.ts). Cancelling the
// request aborts the org call. Nothing here writes to disk.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { normalize } from '../../engine/project/model';
import { loginCommand } from '../../retrieve/errors';
import { retrieveChanges } from '../../retrieve/changes';
import { locateApps } from '../../retrieve/plan';
import { defaultPackageDir, findProjectRoot, packageDirOf, readProject } from '../../retrieve/project';
import { listOrgEcas, listOrgLogins, prepareRetrieve } from '../../retrieve/retrieve';
import { pathToUri } from '../convert';
import type { ServerContext } from '../context';
import {
  RETRIEVE_METHODS, type ListAppsAnswer, type ListAppsParams, type PrepareAnswer, type PrepareParams,
  type RetrieveLoginsAnswer, type RetrieveProjectAnswer,
} from '../retrieveProtocol';
import { defineRequests } from './registry';
import { handle, targetPath, versionsOf } from './runner';

function registerRetrieveRequests(ctx: ServerContext): void {
  const openDoc = (p: string) => ctx.documents.get(pathToUri(normalize(p)));

  handle(ctx, RETRIEVE_METHODS.project, (params: { target: string }): RetrieveProjectAnswer | null => {
    const p = params?.target ? targetPath(params.target) : '';
    if (!p || !existsSync(p)) return null;
    const root = findProjectRoot(statSync(p).isDirectory() ? p : dirname(p));
    if (!root) return null;
    const project = readProject(root);
    return { root: project.root, packageDirs: project.packageDirs, defaultDir: defaultPackageDir(project).path };
  });

  handle(ctx, RETRIEVE_METHODS.logins, async (params: { root?: string }): Promise<RetrieveLoginsAnswer> =>
    ({ logins: (await listOrgLogins(params?.root)).logins, loginHint: loginCommand(undefined) }));

  handle(ctx, RETRIEVE_METHODS.listApps, async (params: ListAppsParams, signal): Promise<ListAppsAnswer> => {
      const listed = await listOrgEcas(params.targetOrg, params.root, signal);
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
    });

  handle(ctx, RETRIEVE_METHODS.prepare, async (params: PrepareParams, signal): Promise<PrepareAnswer> => {
      const plan = await prepareRetrieve({
        targetOrg: params.targetOrg, ecas: params.ecas, projectRoot: params.root, outputDir: params.outputDir, signal,
      });
      const changes = retrieveChanges(plan, (abs) => openDoc(abs)?.getText());
      const versions = versionsOf(ctx.documents, changes);
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
    });
}

defineRequests('retrieve', registerRetrieveRequests);
