// Fixture trees written to fresh temp directories, so tests never share or mutate state.
// Every temp folder made here is removed when the test file's process ends (pass or fail).
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) { try { rmSync(d, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ } }
});

/** A fresh folder in the temp folder, removed when this process exits. */
export function tempDir(prefix = 'eca-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function tempTree(files: Record<string, string>, prefix = 'eca-test-'): string {
  const root = tempDir(prefix);
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

/** The real Connected App files of `test/fixtures/real/connected-apps` (sorted; none when absent). */
export function realConnectedApps(): string[] {
  const dir = join(REAL, 'connected-apps');
  return existsSync(dir) ? listFiles(dir).filter((p) => /\.connectedApp(-meta\.xml)?$/.test(p)) : [];
}

export const NS = 'http://soap.sforce.com/2006/04/metadata';

/** An ECA file: root element with the metadata namespace around `body`. */
export function eca(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;
}
