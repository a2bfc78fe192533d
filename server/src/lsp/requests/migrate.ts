// Server side of "Migrate Connected App to External Client App": `prepare` tells the client what
// to ask (patterns, package directories, whether a run-as user is needed); `plan` runs the
// migration core (server/src/migration) and answers with FileChange[] — every new file as a
// create, the sfdx-project.json change as an edit — plus the report. Nothing here writes to disk.
import { packagePattern } from '../../engine/project/pattern';
import { EcaError } from '../../engine/errors';
import type { ServerContext } from '../context';
import { decodeBytes } from '../../engine/document';
import { normalize, parseSfdxProject } from '../../engine/project/model';
import { findProjectRoot } from '../../engine/project/scan';
import { analyzeConnectedApp, isPattern, PATTERNS, planMigration, relativeTo, type MigrationPattern } from '../../migration';
import { defaultPackageDir, planChanges } from '../../migration/layout';
import { pathToUri } from '../convert';
import {
  MIGRATE_METHODS, type MigrateErrorData, type MigratePackageDirChoice, type MigratePlanAnswer, type MigratePlanParams,
  type MigratePrepareAnswer, type MigrateTarget,
} from '../migrateProtocol';
import { defineRequests } from './registry';
import { handle, targetPath, versionsOf } from './runner';

function refuse(code: MigrateErrorData['code'], message: string): never {
  throw new EcaError(code, message);
}

function registerMigrateRequests(ctx: ServerContext): void {
  const { documents, workspace: ws } = ctx;
  const openDoc = (p: string) => documents.get(pathToUri(p));

  /** The project as the workspace holds it (open documents win): no file of it is read again. */
  function projectOf(root: string, sfdx: string | undefined) {
    const model = ws.modelAt(root) ?? ws.addRoot(root);
    return { projectRoot: model.root, sfdxProject: sfdx ?? model.sfdx?.text ?? null, forceignore: model.forceignoreContent, components: model.components };
  }

  function read(params: MigrateTarget): { file: string; text: string; root: string } {
    if (!params || typeof params.target !== 'string' || !params.target) refuse('USAGE', 'target (the Connected App file) is required');
    const file = targetPath(params.target);
    let text = params.text ?? openDoc(file)?.getText();
    if (text === undefined) {
      try { text = decodeBytes(ws.fs.readFile(file)).text; } catch (e) { refuse('NOT_FOUND', `${file} cannot be read: ${(e as Error).message}`); }
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const root = normalize(findProjectRoot(file, ws.fs) ?? file.slice(0, file.lastIndexOf('/')));
    return { file, text, root };
  }

  const sfdxText = (root: string, given?: string) => given ?? openDoc(`${root}/sfdx-project.json`)?.getText();

  handle(ctx, MIGRATE_METHODS.prepare, (params: MigrateTarget & { pattern?: MigrationPattern }): MigratePrepareAnswer => {
    const { file, text, root } = read(params);
    const first = analyzeConnectedApp(file, text);
    if (!first.ok) refuse('INVALID', first.error);
    const pattern = params.pattern && isPattern(params.pattern) ? params.pattern : undefined;
    const dirs: MigratePackageDirChoice[] = [];
    const beside = defaultPackageDir(file);
    dirs.push({ path: beside, label: relativeTo(root, beside), description: 'next to the Connected App', beside: true });
    const ctx = projectOf(root, sfdxText(root));
    if (ctx.sfdxProject) {
      for (const d of parseSfdxProject(`${root}/sfdx-project.json`, ctx.sfdxProject).packageDirs) {
        if (dirs.some((x) => x.path === d.path)) continue;
        const fits = pattern === '1' ? packagePattern(d) === 1 : pattern ? packagePattern(d) === 2 : false;
        dirs.push({ path: d.path, label: d.rel, description: `${d.name ?? 'package directory'} · ${d.type}${d.aliasfy ? ' · aliasfy' : ''}${fits ? ' · fits this pattern' : ''}` });
      }
    }
    const ccOn = /<isClientCredentialEnabled>\s*true\s*</.test(text) && !/<oauthClientCredentialUser>\s*\S/.test(text);
    return {
      projectRoot: root,
      name: first.name,
      label: first.name,
      patterns: (['local', '2', '1'] as const).map((id) => ({ id, label: PATTERNS[id].label, detail: PATTERNS[id].detail })),
      packageDirs: dirs,
      asksRunAsUser: ccOn,
      hasOauth: first.doc.nodes.some((n) => n.name === 'oauthConfig'),
    };
  });

  handle(ctx, MIGRATE_METHODS.plan, (params: MigratePlanParams): MigratePlanAnswer => {
    const { file, text, root } = read(params);
    if (!isPattern(params.pattern)) refuse('USAGE', `pattern must be 1, 2 or local, not '${String(params.pattern)}'`);
    const abs = (p: string) => normalize(p.startsWith('/') || /^[a-z]:[\\/]/i.test(p) ? p : `${root}/${p}`).replace(/\/+$/, '');
    const sfdx = sfdxText(root, params.sfdxProject);
    const ctx = projectOf(root, sfdx);
    const plan = planMigration(file, text, {
      pattern: params.pattern, packageDir: abs(params.packageDir), runAsUser: params.runAsUser,
      projectRoot: ctx.projectRoot, sfdxProject: ctx.sfdxProject, forceignore: ctx.forceignore, projectComponents: [...ctx.components.values()],
    });
    if (!plan.ok) refuse('INVALID', plan.error);
    const changes = planChanges(plan);
    const versions = versionsOf(documents, changes);
    return {
      name: plan.name,
      label: plan.label,
      patternLabel: PATTERNS[params.pattern].label,
      projectRoot: root,
      changes: plan.conflicts.length ? [] : changes,
      versions,
      executables: plan.creates.filter((f) => f.executable).map((f) => f.path),
      headerPath: plan.creates.find((f) => f.role === 'header')?.path,
      report: plan.report,
      blockers: plan.blockers.map((b) => b.code),
      conflicts: plan.conflicts,
    };
  });
}

defineRequests('migrate', registerMigrateRequests);
