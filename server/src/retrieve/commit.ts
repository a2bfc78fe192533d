// Writes a set of files into the workspace as one unit. Everything is first written to a staging
// directory under the OS temp dir; nothing in the workspace changes until all of it is there.
// Then each file is copied next to its target under a temporary name and, once all copies
// exist, renamed over its target (rename within a directory is atomic). Any failure undoes every
// step taken: renamed files get their old bytes back, new files and folders are removed.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { cancelled, retrieveError } from './errors';

export interface FileWrite {
  absPath: string;
  content: Buffer;
  /** What the file held when the change was planned: null if it did not exist. */
  existing: Buffer | null;
}

async function readOrNull(p: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/** Missing directories from the filesystem root down to `dir` (outermost first). */
async function missingDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let d = dir;
  const root = parse(d).root;
  for (;;) {
    try {
      await fs.lstat(d);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.unshift(d);
    }
    if (d === root) break;
    d = dirname(d);
  }
  return missing;
}

export async function writeAtomically(files: FileWrite[], signal?: AbortSignal): Promise<void> {
  if (files.length === 0) return;
  const staging = await fs.mkdtemp(join(tmpdir(), 'eca-retrieve-'));
  const tag = randomBytes(4).toString('hex');
  const createdDirs: string[] = [];
  const tempFiles: string[] = [];
  const renamed: FileWrite[] = [];
  try {
    // 1. Stage everything outside the workspace.
    const staged: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const p = join(staging, String(i));
      await fs.writeFile(p, files[i].content);
      staged.push(p);
    }
    if (signal?.aborted) throw cancelled();
    // 2. Nothing changed on disk since the plan was made?
    for (const f of files) {
      const now = await readOrNull(f.absPath);
      const same = now === null ? f.existing === null : f.existing !== null && now.equals(f.existing);
      if (!same) {
        throw retrieveError('CONFLICT', `${f.absPath} changed on disk while the retrieve ran; nothing was written. Run it again.`);
      }
    }
    // 3. Copies beside their targets, under temporary names.
    for (let i = 0; i < files.length; i++) {
      const dir = dirname(files[i].absPath);
      for (const d of await missingDirs(dir)) {
        await fs.mkdir(d);
        createdDirs.push(d);
      }
      const tmp = `${files[i].absPath}.${tag}.eca-retrieve.tmp`;
      tempFiles.push(tmp);
      await fs.copyFile(staged[i], tmp);
    }
    // 4. The switch: rename each over its target.
    for (let i = 0; i < files.length; i++) {
      await fs.rename(tempFiles[i], files[i].absPath);
      renamed.push(files[i]);
    }
  } catch (err) {
    const problems: string[] = [];
    for (const f of renamed.reverse()) {
      try {
        if (f.existing === null) await fs.rm(f.absPath, { force: true });
        else {
          const back = `${f.absPath}.${tag}.eca-restore.tmp`;
          await fs.writeFile(back, f.existing);
          await fs.rename(back, f.absPath);
        }
      } catch (e) {
        problems.push(`${f.absPath}: ${(e as Error).message}`);
      }
    }
    for (const t of tempFiles) await fs.rm(t, { force: true }).catch(() => undefined);
    for (const d of createdDirs.reverse()) await fs.rmdir(d).catch(() => undefined);
    if (problems.length) {
      throw retrieveError('WRITE_FAILED', `Writing failed and these files could not be restored: ${problems.join('; ')}`);
    }
    const name = (err as { name?: string }).name;
    if (name === 'RetrieveError') throw err;
    throw retrieveError('WRITE_FAILED', `Writing into the workspace failed (${(err as Error).message}); every change was rolled back.`);
  } finally {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
