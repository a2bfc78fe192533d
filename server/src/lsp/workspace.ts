// The server's view of the workspace: one ProjectModel per project root, fed by an asynchronous
// disk scan (off the request path) and by open documents, which always win over disk.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { ProjectModel, normalize, isEcaCandidate, decodeBytes } from '../engine';
import { findProjectRoot, loadProjectFiles, skipDir } from '../engine/project/scan';
import { isInside } from '../engine/project/model';
import { readSfOrgs } from '../engine/project/orgs';
import { homedir } from 'node:os';


export interface ScanStats { files: number; ecaFiles: number; ms: number; skipped: number }

export class Workspace {
  readonly models: ProjectModel[] = [];
  productionAliases: string[] = [];

  /** A new model with the machine's sf orgs and the user's production aliases. */
  private create(root: string): ProjectModel {
    const m = new ProjectModel(root);
    loadProjectFiles(m);
    m.orgs = readSfOrgs(process.env.HOME || homedir(), m.root);
    m.productionAliases = this.productionAliases;
    this.models.push(m);
    return m;
  }

  setProductionAliases(aliases: string[]): void {
    this.productionAliases = aliases;
    for (const m of this.models) { m.productionAliases = aliases; m.version++; }
  }

  /** Re-read sf's aliases and auth files (after `sf org login` or `sf alias set`). */
  reloadOrgs(): void {
    for (const m of this.models) { m.orgs = readSfOrgs(process.env.HOME || homedir(), m.root); m.version++; }
  }
  /** Paths whose content comes from an open editor (disk events must not override them). */
  readonly open = new Set<string>();
  scanning = 0;

  constructor(private readonly log: (msg: string) => void) {}

  /** The model a file belongs to: the deepest project root containing it, created on demand. */
  modelFor(path: string): ProjectModel {
    const p = normalize(path);
    let best: ProjectModel | undefined;
    for (const m of this.models) if (isInside(p, m.root) && (!best || m.root.length > best.root.length)) best = m;
    if (best) return best;
    const root = findProjectRoot(p) ?? normalize(p.replace(/\/[^/]*$/, ''));
    return this.create(root);
  }

  addRoot(root: string): ProjectModel {
    const r = normalize(root);
    const existing = this.models.find((m) => m.root === r);
    if (existing) return existing;
    return this.create(r);
  }

  /**
   * Index every ECA file under `root` from disk, yielding to the event loop between directories so
   * requests (diagnostics of open files, completion) are answered while a large tree is read.
   */
  async scan(root: string, isCancelled: () => boolean = () => false): Promise<ScanStats> {
    const t0 = performance.now();
    const stats: ScanStats = { files: 0, ecaFiles: 0, ms: 0, skipped: 0 };
    this.scanning++;
    try {
      const stack = [normalize(root)];
      let sinceYield = 0;
      while (stack.length && !isCancelled()) {
        const dir = stack.pop()!;
        let entries;
        try {
          entries = await fsp.readdir(dir, { withFileTypes: true });
        } catch (e) {
          stats.skipped++;
          this.log(`scan: skipped ${dir} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
          continue;
        }
        for (const ent of entries) {
          const p = `${dir}/${ent.name}`;
          if (ent.isDirectory()) {
            if (!skipDir(ent.name)) stack.push(p);
            continue;
          }
          if (ent.isSymbolicLink() && !ent.name.endsWith('-meta.xml')) {
            // Never follow linked directories: no loops, no scanning outside the workspace.
            stats.skipped++;
            if (stats.skipped <= 20) this.log(`scan: skipped ${p} (symbolic link not followed)`);
            continue;
          }
          stats.files++;
          if (ent.name === 'sfdx-project.json' && dir !== normalize(root)) this.addRoot(dir);
          if (!ent.name.endsWith('-meta.xml') || !isEcaCandidate(ent.name)) continue;
          if (this.open.has(p)) continue;
          try {
            const buf = await fsp.readFile(p);
            const { text, encodingProblem } = decodeBytes(buf);
            if (!encodingProblem) this.modelFor(p).update(p, text);
            stats.ecaFiles++;
          } catch (e) {
            stats.skipped++;
            if (stats.skipped <= 20) this.log(`scan: skipped ${p} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
          }
        }
        if (++sinceYield >= 20) { sinceYield = 0; await new Promise((r) => setImmediate(r)); }
      }
    } finally {
      this.scanning--;
    }
    stats.ms = Math.round(performance.now() - t0);
    return stats;
  }

  /** A file changed on disk (watched-file event). Returns the model touched and ECA names affected. */
  async diskChanged(path: string, deleted: boolean): Promise<{ model: ProjectModel; ecas: Set<string>; projectFile: boolean } | null> {
    const p = normalize(path);
    const model = this.modelFor(p);
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (base === 'sfdx-project.json' || base === '.forceignore') {
      if (p === `${model.root}/${base}` || base === 'sfdx-project.json') {
        const m = base === 'sfdx-project.json' ? this.addRoot(p.slice(0, p.lastIndexOf('/'))) : model;
        loadProjectFiles(m);
        return { model: m, ecas: new Set(), projectFile: true };
      }
      return null;
    }
    if (this.open.has(p) || !isEcaCandidate(base)) return null;
    if (deleted) return { model, ecas: model.remove(p), projectFile: false };
    try {
      const { text, encodingProblem } = decodeBytes(await fsp.readFile(p));
      if (encodingProblem) return { model, ecas: model.remove(p), projectFile: false };
      return { model, ecas: model.update(p, text), projectFile: false };
    } catch {
      return { model, ecas: model.remove(p), projectFile: false };
    }
  }
}

export function joinPath(a: string, b: string): string { return normalize(join(a, b)); }
