// Fixture trees written to fresh temp directories, so tests never share or mutate state.
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export function tempTree(files: Record<string, string>, prefix = 'eca-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root.replace(/\\/g, '/');
}

export const REPO = resolve(__dirname, '../../..');
export const FIXTURES = resolve(REPO, 'test/fixtures');
/** Real files from public repositories (provenance: each folder's manifest.tsv). */
export const REAL = resolve(FIXTURES, 'real');

export function read(p: string): string { return readFileSync(p, 'utf8'); }

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p); else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export const NS = 'http://soap.sforce.com/2006/04/metadata';

/** An ECA file: root element with the metadata namespace around `body`. */
export function eca(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;
}
