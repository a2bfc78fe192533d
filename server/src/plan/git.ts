// The two file sets of a plan, read with git and nothing written: the base ref's tree through
// `git ls-tree` and `git cat-file --batch` (no checkout), the working tree as git sees it (tracked
// and untracked files that are not ignored, read from disk).
import { EcaError } from '../engine/errors';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../engine/document';
import type { FileSet } from './plan';

/** git could not answer (not a repository, an unknown ref): a member of the one error family. */
export class GitError extends EcaError<'GIT'> {
  constructor(message: string) { super('GIT', message); }
}

function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string; message: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (plan reads the base ref with git)');
    throw new GitError((err.stderr?.toString('utf8').trim() || err.message).split('\n')[0]);
  }
}

/** The repository's top folder and the project's path inside it ('' at the top). */
export function repoOf(projectRoot: string): { top: string; prefix: string } {
  const top = git(projectRoot, ['rev-parse', '--show-toplevel']).toString('utf8').trim().replace(/\\/g, '/');
  const prefix = git(projectRoot, ['rev-parse', '--show-prefix']).toString('utf8').trim().replace(/\/$/, '');
  return { top, prefix };
}

/** Only the files a plan reads need their text: sfdx-project.json, .forceignore, ECA metadata. */
function wanted(rel: string, isEca: (p: string) => boolean): boolean {
  return rel === 'sfdx-project.json' || rel === '.forceignore' || isEca(rel);
}

/** The project's files at `ref` (paths relative to the project root). */
export function fileSetAtRef(projectRoot: string, ref: string, isEca: (p: string) => boolean): FileSet {
  const { prefix } = repoOf(projectRoot);
  git(projectRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const listing = git(projectRoot, ['ls-tree', '-r', '-z', '--full-tree', ref, '--', ...(prefix ? [prefix] : [])]).toString('utf8');
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
    const out = git(projectRoot, ['cat-file', '--batch'], order.map(([, oid]) => oid).join('\n') + '\n');
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

/** The project's files in the working tree: tracked and untracked-but-not-ignored, as on disk. */
export function fileSetOfWorkingTree(projectRoot: string): FileSet {
  const listing = git(projectRoot, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate']).toString('utf8');
  const paths: string[] = [];
  const texts = new Map<string, string | undefined>();
  for (const rel of listing.split('\0')) {
    if (!rel) continue;
    // Deleted but still in the index: not part of the working tree.
    if (existsSync(join(projectRoot, rel))) paths.push(rel);
  }
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
