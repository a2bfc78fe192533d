// The project rules' answer for a workspace (every model's project diagnostics, by file), kept until
// a change makes it stale. Computed at once when asked (`current`), or ahead of time in slices
// (`refresh`) that give the event loop a turn between two rules, so the language server keeps
// answering requests while a whole-workspace pass runs the project rules. EcaWorkspace owns one.
import { projectRuleSteps } from './project/projectRules';
import { nextTurn } from './project/scan';
import type { ProjectModel } from './project/model';
import type { CheckOptions } from './options';
import type { EngineDiagnostic } from './types';

export interface ProjectAnswer { all: EngineDiagnostic[]; byPath: Map<string, EngineDiagnostic[]> }

export class ProjectFindings {
  private dirty = true;
  /** Counts the changes that made the answer stale: a sliced run that saw one is dropped. */
  private changes = 0;
  private last: ProjectAnswer = { all: [], byPath: new Map() };

  constructor(private readonly source: { models(): readonly ProjectModel[]; checkOptions(): CheckOptions; log(msg: string): void }) {}

  /** True when a change since the last run may change the answer. */
  get stale(): boolean { return this.dirty; }

  /** A change the project rules read happened. */
  changed(): void {
    this.dirty = true;
    this.changes++;
  }

  /** The answer as last computed, without running the rules (a keystroke is published at once). */
  get lastAnswer(): ProjectAnswer { return this.last; }

  /** The answer now: the rules run if it is stale. */
  current(): ProjectAnswer {
    if (!this.dirty) return this.last;
    const all: EngineDiagnostic[] = [];
    for (const m of this.source.models()) {
      const steps = projectRuleSteps(m, this.source.checkOptions());
      let r = this.step(steps);
      while (!r.done) r = this.step(steps);
      all.push(...r.value);
    }
    return this.computed(all);
  }

  /**
   * Bring the answer up to date in slices of `sliceMs` (the event loop gets a turn between two
   * rules). A change during the run makes what it computed stale: it is dropped, and the next
   * `current()` runs the rules again.
   */
  async refresh(sliceMs: number): Promise<void> {
    if (!this.dirty) return;
    const changes = this.changes;
    const all: EngineDiagnostic[] = [];
    let slice = performance.now();
    for (const m of [...this.source.models()]) {
      const steps = projectRuleSteps(m, this.source.checkOptions());
      let r = this.step(steps);
      while (!r.done) {
        if (performance.now() - slice >= sliceMs) {
          await nextTurn();
          if (this.changes !== changes) return;
          slice = performance.now();
        }
        r = this.step(steps);
      }
      all.push(...r.value);
    }
    if (this.changes === changes && this.dirty) this.computed(all);
  }

  /** The next rule of a model's run; a failure outside the rules ends that model's run (logged). */
  private step(steps: Generator<void, EngineDiagnostic[], void>): IteratorResult<void, EngineDiagnostic[]> {
    try {
      return steps.next();
    } catch (e) {
      this.source.log(`project rules failed: ${(e as Error).stack}`);
      return { done: true, value: [] };
    }
  }

  private computed(all: EngineDiagnostic[]): ProjectAnswer {
    const byPath = new Map<string, EngineDiagnostic[]>();
    for (const d of all) {
      const list = byPath.get(d.path);
      if (list) list.push(d); else byPath.set(d.path, [d]);
    }
    this.dirty = false;
    return (this.last = { all, byPath });
  }
}
