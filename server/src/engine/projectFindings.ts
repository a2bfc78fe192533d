// The project rules' findings over the models of a workspace (engine/workspace.ts), all of them and
// by the file each lands on, kept until a change makes them stale. Nothing here knows LSP.
import type { ProjectModel } from './project/model';
import { checkProjectRules } from './project/projectRules';
import type { CheckOptions } from './check';
import type { EngineDiagnostic } from './types';

export interface Findings { all: EngineDiagnostic[]; byPath: Map<string, EngineDiagnostic[]> }

export class ProjectFindings {
  private last: Findings = { all: [], byPath: new Map() };
  /** A change since the last pass may change the findings (the project rules must run again). */
  stale = true;

  constructor(private readonly models: () => readonly ProjectModel[], private readonly options: () => CheckOptions, private readonly log: (msg: string) => void) {}

  /** The findings now: the last pass's, or a new pass when stale. */
  current(): Findings {
    if (!this.stale) return this.last;
    const all: EngineDiagnostic[] = [];
    for (const m of this.models()) {
      try { all.push(...checkProjectRules(m, this.options())); } catch (e) { this.log(`project rules failed: ${(e as Error).stack}`); }
    }
    const byPath = new Map<string, EngineDiagnostic[]>();
    for (const d of all) {
      const list = byPath.get(d.path);
      if (list) list.push(d); else byPath.set(d.path, [d]);
    }
    this.stale = false;
    return (this.last = { all, byPath });
  }

  /** The findings on a file as last computed, without running the project rules again. */
  lastFor(path: string): readonly EngineDiagnostic[] {
    return this.last.byPath.get(path) ?? [];
  }
}
