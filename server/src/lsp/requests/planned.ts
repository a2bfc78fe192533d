// The server updates its own model from the plans it hands out: every path a plan creates or edits
// (authoring, the Environments view's actions, migrate, retrieve) is remembered with its state on
// disk, and before each later request the ones whose state changed (the client applied the plan)
// are re-read into the workspace and re-checked; until they change (or for a minute at most) they
// are also looked at a few times a second, so an applied plan shows up in the model, the
// diagnostics and the views without any request. So the client never has to announce its own edits
// (no made-up watched-file events), and a file created in a new folder, which VS Code's watcher
// reports as the folder alone, still reaches the model.
import type { FileChange } from '../../engine/types';
import { signature } from './fileSignature';
import type { ServerContext } from '../context';

/** How many planned paths are followed (the oldest are dropped). */
const LIMIT = 500;
/** How often, and how long, a handed-out plan's files are looked at until they change. */
const POLL_MS = 200;
const FOLLOW_MS = 60_000;

export class PlannedFiles {
  private readonly known = new Map<string, string>();
  /** Planned paths not yet changed on disk, with the time they stop being looked at. */
  private readonly pending = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ctx: ServerContext) {}

  /** Follow the files of a plan about to be handed out. */
  remember(changes: readonly FileChange[]): void {
    for (const c of changes) {
      for (const path of c.kind === 'rename' ? [c.from, c.to] : [c.path]) {
        this.known.delete(path);
        this.known.set(path, signature(path));
        this.pending.set(path, Date.now() + FOLLOW_MS);
      }
    }
    while (this.known.size > LIMIT) this.known.delete(this.known.keys().next().value as string);
    if (this.pending.size && !this.timer) {
      this.timer = setInterval(() => this.sync(), POLL_MS);
      this.timer.unref?.();
    }
  }

  /** Re-read the planned files whose state on disk changed since they were planned (or last synced). */
  sync(): void {
    const t = Date.now();
    for (const [path, was] of this.known) {
      const now = signature(path);
      if (now === was) {
        if ((this.pending.get(path) ?? t) < t) this.pending.delete(path);
        continue;
      }
      this.known.set(path, now);
      this.pending.delete(path);
      this.ctx.diagnostics.apply(this.ctx.workspace.diskChanged(path, now === ''));
    }
    if (!this.pending.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/** The FileChange lists an answer carries: `changes`, and those of flip's follow-ups. */
export function plannedChanges(answer: unknown): FileChange[] {
  if (!answer || typeof answer !== 'object') return [];
  const a = answer as { changes?: unknown; followUps?: { changes?: unknown }[] };
  const lists = [a.changes, ...(Array.isArray(a.followUps) ? a.followUps.map((f) => f?.changes) : [])];
  return lists.flatMap((l) => (Array.isArray(l) ? (l as FileChange[]) : []));
}
