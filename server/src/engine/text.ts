import type { Position, Range } from './types';

/** Maps string offsets (UTF-16 code units, as JS strings and LSP count) to line/character. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    let i = text.indexOf('\n');
    while (i !== -1) {
      this.starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  }
  get lineCount(): number { return this.starts.length; }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offset(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(this.starts[p.line] + Math.max(0, p.character), lineEnd);
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
  lineStart(line: number): number { return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]; }
  /** The whitespace that starts the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(this.position(offset).line);
    const m = /^[ \t]*/.exec(this.text.slice(start, start + 200));
    return m ? m[0] : '';
  }
  /** The document's line ending, so inserted lines match it. */
  get eol(): string { return this.text.includes('\r\n') ? '\r\n' : '\n'; }
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** How far `candidate` is from `word` (case-insensitive; a part of the other counts as near). */
export function nearness(word: string, candidate: string): number {
  const w = word.toLowerCase();
  const lc = candidate.toLowerCase();
  if (lc === w) return 0;
  const d = levenshtein(w, lc);
  return lc.includes(w) || w.includes(lc) ? Math.min(d, Math.abs(lc.length - w.length) * 0.5 + 1) : d;
}

/** Candidates close to `word` (case-insensitive), best first. */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const scored = candidates
    .map((c) => ({ c, d: nearness(word, c) }))
    .filter((x) => x.d <= Math.max(2, Math.ceil(Math.max(word.length, x.c.length) * 0.4)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((x) => x.c);
}

/** The one best candidate of `closest`'s list, when it is strictly nearer than the next (else none). */
export function unambiguous(word: string, near: readonly string[]): string | undefined {
  if (!near.length) return undefined;
  return near.length === 1 || nearness(word, near[0]) < nearness(word, near[1]) ? near[0] : undefined;
}
