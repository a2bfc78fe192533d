// The two file sets of a plan, read with git and nothing written: the base ref's tree through
// `git ls-tree` and `git cat-file --batch` (no checkout), the working tree as git sees it (tracked
// and untracked files that are not ignored, read from disk). Each reader is written once, as the
// git calls it makes (a generator of GitCall): the CLI runs them synchronously, the language server
// asynchronously (`…Async`, execFile), so git never blocks the server's event loop.
import { EcaError } from '../engine/errors';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../engine/document';
import { nextTurn } from '../engine/project/scan';
import type { FileSet } from './plan';

/** git could not answer (not a repository, an unknown ref): a member of the one error family. */
export class GitError extends EcaError<'GIT'> {
  constructor(message: string) { super('GIT', message); }
}

/** One git invocation; its stdout is sent back into the reader. */
interface GitCall { args: string[]; input?: string }
type GitSteps<T> = Generator<GitCall, T, Buffer>;

const MAX_BUFFER = 1 << 30;

function gitError(e: { code?: string | number | null; message: string }, stderr: Buffer | string | undefined): GitError {
  if (e.code === 'ENOENT') return new GitError('git is not installed (plan reads the base ref with git)');
  return new GitError((stderr?.toString().trim() || e.message).split('\n')[0]);
}

function runSync<T>(cwd: string, steps: GitSteps<T>): T {
  for (let out: Buffer = Buffer.alloc(0); ;) {
    const r = steps.next(out);
    if (r.done) return r.value;
    try {
      out = execFileSync('git', r.value.args, { cwd, input: r.value.input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      throw gitError(e as { code?: string; message: string }, (e as { stderr?: Buffer }).stderr);
    }
  }
}

function gitAsync(cwd: string, call: GitCall, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', call.args, { cwd, maxBuffer: MAX_BUFFER, encoding: 'buffer', signal }, (e, stdout, stderr) => {
      if (!e) resolve(stdout);
      else if (signal?.aborted) reject(signal.reason ?? e);
      else reject(gitError(e, stderr));
    });
    // git may exit before reading its input (a bad ref): the error is its exit, not the pipe.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(call.input);
  });
}

async function runAsync<T>(cwd: string, steps: GitSteps<T>, signal?: AbortSignal): Promise<T> {
  for (let out: Buffer = Buffer.alloc(0); ;) {
    const r = steps.next(out);
    if (r.done) return r.value;
    out = await gitAsync(cwd, r.value, signal);
  }
}

function* repoSteps(): GitSteps<{ top: string; prefix: string }> {
  const top = (yield { args: ['rev-parse', '--show-toplevel'] }).toString('utf8').trim().replace(/\\/g, '/');
  const prefix = (yield { args: ['rev-parse', '--show-prefix'] }).toString('utf8').trim().replace(/\/$/, '');
  return { top, prefix };
}

/** The repository's top folder and the project's path inside it ('' at the top). */
export function repoOf(projectRoot: string): { top: string; prefix: string } {
  return runSync(projectRoot, repoSteps());
}

/** Only the files a plan reads need their text: sfdx-project.json, .forceignore, ECA metadata. */
function wanted(rel: string, isEca: (p: string) => boolean): boolean {
  return rel === 'sfdx-project.json' || rel === '.forceignore' || isEca(rel);
}

function* atRefSteps(ref: string, isEca: (p: string) => boolean): GitSteps<FileSet> {
  const { prefix } = yield* repoSteps();
  yield { args: ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`] };
  const listing = (yield { args: ['ls-tree', '-r', '-z', '--full-tree', ref, '--', ...(prefix ? [prefix] : [])] }).toString('utf8');
  const paths: string[] = [];
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, oid] = entry.slice(0, tab).split(' ');
    const full = entry.slice(tab + 1);
    if (type !== 'blob') continue;
    const rel = prefix ? full.slice(prefix.length + 1) : full;
    paths.push(rel);
    if (wanted(rel, isEca)) blobs.set(rel, oid);
  }
  const texts = new Map<string, string>();
  if (blobs.size) {
    const order = [...blobs];
    const out = yield { args: ['cat-file', '--batch'], input: order.map(([, oid]) => oid).join('\n') + '\n' };
    let at = 0;
    for (const [rel] of order) {
      const nl = out.indexOf(0x0a, at);
      const size = Number(out.subarray(at, nl).toString('utf8').split(' ')[2]);
      texts.set(rel, decodeBytes(out.subarray(nl + 1, nl + 1 + size)).text);
      at = nl + 1 + size + 1;
    }
  }
  return { paths, text: (rel) => texts.get(rel) };
}

/** The project's files at `ref` (paths relative to the project root). */
export function fileSetAtRef(projectRoot: string, ref: string, isEca: (p: string) => boolean): FileSet {
  return runSync(projectRoot, atRefSteps(ref, isEca));
}

/** `fileSetAtRef` without blocking: git runs as a child process the caller awaits. */
export function fileSetAtRefAsync(projectRoot: string, ref: string, isEca: (p: string) => boolean, signal?: AbortSignal): Promise<FileSet> {
  return runAsync(projectRoot, atRefSteps(ref, isEca), signal);
}

const WORKING_TREE: GitCall = { args: ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'] };

/** The project's files in the working tree: tracked and untracked-but-not-ignored, as on disk. */
export function fileSetOfWorkingTree(projectRoot: string): FileSet {
  const listed = runSync(projectRoot, (function* () { return (yield WORKING_TREE).toString('utf8').split('\0'); })());
  // Deleted but still in the index: not part of the working tree.
  return workingTree(projectRoot, listed.filter((rel) => rel && existsSync(join(projectRoot, rel))));
}

/** `fileSetOfWorkingTree` without blocking: git as a child process, the existence checks in slices. */
export async function fileSetOfWorkingTreeAsync(projectRoot: string, signal?: AbortSignal): Promise<FileSet> {
  const listed = (await gitAsync(projectRoot, WORKING_TREE, signal)).toString('utf8').split('\0');
  const paths: string[] = [];
  let slice = performance.now();
  for (const rel of listed) {
    if (rel && existsSync(join(projectRoot, rel))) paths.push(rel);
    if (performance.now() - slice > 10) { await nextTurn(); slice = performance.now(); }
  }
  return workingTree(projectRoot, paths);
}

function workingTree(projectRoot: string, paths: string[]): FileSet {
  const texts = new Map<string, string | undefined>();
  return {
    paths,
    text: (rel) => {
      if (!texts.has(rel)) {
        let t: string | undefined;
        try { t = decodeBytes(readFileSync(join(projectRoot, rel))).text; } catch { t = undefined; }
        texts.set(rel, t);
      }
      return texts.get(rel);
    },
  };
}
