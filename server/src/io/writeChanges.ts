// The one plan writer of the command-line tools (eca-check flip/scaffold/new and migrate): writes a
// plan's FileChange[] to disk all or nothing. Creates never overwrite (O_EXCL, after checking
// every target first), edits apply to a file only while it still holds the text the plan was made
// on (when the caller says what that was) and keep a UTF-8 BOM, executables get their x bits, and
// when any write fails every write done is undone. Refusals are EcaErrors with code CONFLICT.
// (Retrieve writes through its own staged, atomic-rename writer, server/src/retrieve/commit.ts,
// because it replaces files the org sent in one step and can be cancelled half-way.)
import { chmodSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeBytes } from '../engine/document';
import { applyTextEdits } from '../engine/authoring';
import { EcaError } from '../engine/errors';
import type { FileChange } from '../engine/types';

export interface WriteOptions {
  /** Files to make executable after creating them (default: `*.sh`). */
  executable?: (path: string) => boolean;
  /** The text each edited file must still hold (path → text); a file that changed since refuses the whole write. */
  expect?: ReadonlyMap<string, string>;
}

/** Write `changes`; returns the created and edited paths. Throws EcaError('CONFLICT') having written nothing. */
export function writeChanges(changes: readonly FileChange[], opts: WriteOptions = {}): { created: string[]; edited: string[] } {
  const executable = opts.executable ?? ((p: string) => p.endsWith('.sh'));
  const taken = changes.filter((c) => c.kind === 'create' && existsSync(c.path)).map((c) => (c.kind === 'create' ? c.path : ''));
  if (taken.length) throw new EcaError('CONFLICT', `not written: these files already exist and are never overwritten: ${taken.join(', ')}`);
  for (const [path, text] of opts.expect ?? []) {
    let now: string;
    try { now = readFileSync(path, 'utf8'); } catch { throw new EcaError('CONFLICT', `not written: ${path} can no longer be read`); }
    if (now !== text) throw new EcaError('CONFLICT', `not written: ${path} changed since the plan was made; run it again`);
  }
  const undo: (() => void)[] = [];
  const created: string[] = [];
  const edited: string[] = [];
  try {
    for (const c of changes) {
      if (c.kind === 'create') {
        const dirs: string[] = [];
        for (let d = dirname(c.path); !existsSync(d); d = dirname(d)) dirs.unshift(d);
        mkdirSync(dirname(c.path), { recursive: true });
        undo.push(() => { for (const d of [...dirs].reverse()) rmdirSync(d); });
        writeFileSync(c.path, c.text, { flag: 'wx' });
        undo.push(() => rmSync(c.path, { force: true }));
        if (executable(c.path)) chmodSync(c.path, (statSync(c.path).mode & 0o777) | 0o111);
        created.push(c.path);
      } else if (c.kind === 'edit') {
        const before = readFileSync(c.path);
        const bom = before.length >= 3 && before[0] === 0xef && before[1] === 0xbb && before[2] === 0xbf;
        const text = applyTextEdits(decodeBytes(before).text, c.edits);
        writeFileSync(c.path, bom ? Buffer.concat([before.subarray(0, 3), Buffer.from(text, 'utf8')]) : text);
        undo.push(() => writeFileSync(c.path, before));
        edited.push(c.path);
      } else {
        throw new Error('internal: plans written here never rename');
      }
    }
  } catch (e) {
    for (const u of undo.reverse()) { try { u(); } catch { /* best effort */ } }
    throw e;
  }
  return { created, edited };
}
