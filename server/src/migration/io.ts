// The file-system side of the migration, shared by the CLI and the VS Code command: finding the
// project and its ECA files (so our checks see what the new files deploy with), and applying a
// plan without ever overwriting: new files are created with O_EXCL, edits only apply to a file
// that still holds the text they were computed on, and a failure removes what this run created.
import { EcaError, isEcaError } from '../engine/errors';
import { LineIndex } from '../engine/text';
import type { FileChange } from '../engine/types';
import { writeChanges } from '../io/writeChanges';
import { dirname, resolve } from 'node:path';
import { normalize } from '../engine/project/model';
import { NO_ORGS } from '../engine/project/orgs';
import { findProjectRoot } from '../engine/project/scan';
import { loadProject } from '../engine/project/load';
import type { MigrationOptions, MigrationPlan } from './types';

export interface ProjectContext {
  projectRoot: string;
  sfdxProject: string | null;
  forceignore: string | null;
  projectFiles: { path: string; text: string }[];
}

/**
 * The project a migration works in: the nearest sfdx-project.json above the Connected App, else
 * above the package directory, else `fallback`.
 */
export function projectRootFor(file: string, packageDir: string | undefined, fallback: string): string {
  return findProjectRoot(dirname(resolve(file))) ?? (packageDir ? findProjectRoot(resolve(packageDir)) : undefined) ?? normalize(resolve(fallback));
}

import { planChanges } from './layout';

export { defaultPackageDir, planChanges } from './layout';

/** Read sfdx-project.json, .forceignore and the ECA files of the project's package directories. */
export function loadProjectContext(projectRoot: string, overrides: { sfdxProject?: string | null } = {}): ProjectContext {
  const root = normalize(resolve(projectRoot));
  // Only the package directories matter here: no sf org table. Without sfdx-project.json the walk
  // is the root (bounded: the walker skips node_modules and bundles).
  const files: { path: string; text: string }[] = [];
  const { model } = loadProject(root, {
    sfdxProject: overrides.sfdxProject, orgs: NO_ORGS,
    onParsed: (pf) => { if (!pf.encodingProblem && files.length <= 5000) files.push({ path: pf.path, text: pf.text }); },
  });
  return { projectRoot: root, sfdxProject: model.sfdx?.text ?? null, forceignore: model.forceignoreContent, projectFiles: files };
}

export function optionsFor(ctx: ProjectContext, rest: Omit<MigrationOptions, 'projectRoot' | 'sfdxProject' | 'forceignore' | 'projectFiles'>): MigrationOptions {
  return { ...rest, projectRoot: ctx.projectRoot, sfdxProject: ctx.sfdxProject, forceignore: ctx.forceignore, projectFiles: ctx.projectFiles };
}

/** Applying a plan was refused (a conflict); nothing was written. A member of the one error family. */
export class ApplyError extends EcaError<'CONFLICT'> {
  constructor(message: string) { super('CONFLICT', message); }
}

/** Write the plan's new files and edits through the one plan writer. Throws ApplyError (having written nothing) on any conflict. */
export function applyPlan(plan: MigrationPlan): { created: string[]; edited: string[] } {
  if (plan.conflicts.length) throw new ApplyError(`not written: these files already exist and are never overwritten: ${[...new Set(plan.conflicts)].join(', ')}`);
  const executables = new Set(plan.creates.filter((f) => f.executable).map((f) => f.path));
  try {
    return writeChanges(planChanges(plan), { executable: (p) => executables.has(p), expect: new Map(plan.edits.map((e) => [e.path, e.original])) });
  } catch (err) {
    throw new ApplyError(isEcaError(err) ? (err as Error).message : `not written: ${(err as Error).message}`);
  }
}
