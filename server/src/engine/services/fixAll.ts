// Fix All: every safe fix of one file applied at once (ESLint's source.fixAll), or every safe fix
// of one rule. A safe fix is a diagnostic's preferred fix that edits only this file and invents
// no value (a placeholder username or a policy period stays a quick fix the user picks). Fixes are
// applied in passes (a fix that overlaps another waits for the next pass, on the re-checked text),
// and every pass is re-checked: a pass that would leave the file worse (more problems of any
// severity) is undone and its fixes are tried one by one. The answer is the rules' own edits,
// mapped back onto the text the editor holds, so only the bytes the fixes change are touched.
import { parseFile } from '../document';
import { checkParsed, type CheckOptions } from '../check';
import type { ProjectModel } from '../project/model';
import { LineIndex } from '../text';
import type { EngineDiagnostic, Fix, Severity, TextEdit } from '../types';

/**
 * A diagnostic's safe fix: its preferred one (the rule is sure of it; other fixes are suggestions)
 * when it edits this file alone and writes no placeholder.
 */
export function safeFix(d: EngineDiagnostic): Fix | undefined {
  const fix = d.fixes?.find((f) => f.preferred);
  if (!fix || fix.placeholder || !fix.changes.length) return undefined;
  return fix.changes.every((c) => c.kind === 'edit' && c.path === d.path) ? fix : undefined;
}

export interface FixAllResult {
  /** Edits against the text passed in (empty when nothing could be fixed). */
  edits: TextEdit[];
  /** Fixes applied. */
  applied: number;
  /** The file's diagnostics before and after (its own checks). */
  before: EngineDiagnostic[];
  after: EngineDiagnostic[];
}

/** An edit in offsets of the original text. */
interface Span { start: number; end: number; text: string }

/**
 * Spans in the order to apply them one by one: the last offset first, and of inserts at one offset
 * the later one first, so they end up in their given order (as LSP applies a TextEdit[]).
 */
function lastFirst(fixes: Span[][]): Span[] {
  return fixes.flat().map((s, i) => ({ s, i })).sort((a, b) => b.s.start - a.s.start || b.i - a.i).map((x) => x.s);
}

/** One diagnostic's safe fix in the current pass: its edits and the lines they touch. */
interface Candidate { code: string; spans: Span[]; lines: Set<number> }

/** Two edits that touch the same text (two insertions at one point count). */
function overlaps(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === a.end && a.start === b.start) || (b.start === b.end && b.start === a.start);
}

/** Passes at most: fixes that share lines go one pass each. */
const MAX_PASSES = 50;
const ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];

function counts(ds: EngineDiagnostic[]): number[] {
  return ORDER.map((s) => ds.filter((d) => d.severity === s).length);
}

/** Better: no severity has more problems, and there are fewer in all. */
function better(after: EngineDiagnostic[], before: EngineDiagnostic[]): boolean {
  const a = counts(after);
  const b = counts(before);
  return a.every((n, i) => n <= b[i]) && after.length < before.length;
}

/**
 * The original text with `applied` (original offsets, sorted, disjoint) applied, plus the map
 * from current offsets back to original ones.
 */
class Composed {
  spans: Span[] = [];
  constructor(readonly original: string) {}

  text(): string {
    let out = '';
    let at = 0;
    for (const s of this.spans) { out += this.original.slice(at, s.start) + s.text; at = s.end; }
    return out + this.original.slice(at);
  }

  /** Apply an edit given in offsets of the current text. */
  apply(cs: number, ce: number, text: string): void {
    // Where each applied span sits in the current text.
    let delta = 0;
    const placed = this.spans.map((s) => {
      const p = { span: s, cs: s.start + delta, ce: s.start + delta + s.text.length };
      delta += s.text.length - (s.end - s.start);
      return p;
    });
    const touching = placed.filter((p) => p.ce >= cs && p.cs <= ce);
    const current = this.text();
    let xs = cs;
    let xe = ce;
    for (const p of touching) { xs = Math.min(xs, p.cs); xe = Math.max(xe, p.ce); }
    // An offset outside every applied span: shift back by the spans before it.
    const toOriginal = (c: number): number => {
      let d = 0;
      for (const p of placed) { if (p.ce <= c) d = p.ce - p.span.end; else break; }
      return c - d;
    };
    const first = touching[0];
    const last = touching[touching.length - 1];
    const os = first && first.cs === xs ? first.span.start : toOriginal(xs);
    const oe = last && last.ce === xe ? last.span.end : toOriginal(xe);
    const merged: Span = { start: os, end: oe, text: current.slice(xs, cs) + text + current.slice(ce, xe) };
    this.spans = this.spans.filter((s) => !touching.some((p) => p.span === s)).concat(merged).sort((a, b) => a.start - b.start);
  }

  edits(lines: LineIndex): TextEdit[] {
    return this.spans
      .filter((s) => s.text !== this.original.slice(s.start, s.end))
      .map((s) => ({ range: lines.range(s.start, s.end), newText: s.text }));
  }
}

/**
 * Every safe fix of the file (of rule `rule` only, when given), re-checked after each pass.
 * `text` is the file's current text; `model` its project (may be null).
 */
export function fixAll(path: string, text: string, model: ProjectModel | null, options?: CheckOptions, rule?: string): FixAllResult {
  const check = (t: string) => checkParsed(parseFile(path, t), model, options);
  const before = check(text);
  const composed = new Composed(text);
  let current = text;
  let diags = before;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const lines = new LineIndex(current);
    const candidates: Candidate[] = [];
    for (const d of diags) {
      const fix = rule && d.code !== rule ? undefined : safeFix(d);
      if (!fix) continue;
      const edits = fix.changes.flatMap((c) => (c.kind === 'edit' ? c.edits : []));
      candidates.push({
        code: d.code,
        spans: edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText })),
        lines: new Set(edits.flatMap((e) => Array.from({ length: e.range.end.line - e.range.start.line + 1 }, (_, i) => e.range.start.line + i))),
      });
    }
    if (!candidates.length) break;
    // This pass takes fixes that touch neither the text nor, for another rule's fix, the lines of
    // one taken before (two rules' fixes to one element may not compose: a scope renamed by one and
    // merged in by the other); the rest wait for the next pass, on the re-checked text.
    const taken: Span[][] = [];
    const used: Candidate[] = [];
    for (const c of candidates) {
      const clash = used.some((u) => c.spans.some((e) => u.spans.some((x) => overlaps(e, x)))
        || (u.code !== c.code && [...c.lines].some((l) => u.lines.has(l))));
      if (clash) continue;
      taken.push(c.spans);
      used.push(c);
    }
    const tryApply = (fixes: Span[][]): { text: string; diags: EngineDiagnostic[] } | null => {
      const spans = lastFirst(fixes);
      let t = current;
      for (const s of spans) t = t.slice(0, s.start) + s.text + t.slice(s.end);
      const after = check(t);
      return better(after, diags) ? { text: t, diags: after } : null;
    };
    let accepted: Span[][] = [];
    let result = tryApply(taken);
    if (result) accepted = taken;
    else {
      // One of them makes things worse: keep the first fix that alone makes the file better.
      for (const fix of taken) {
        result = tryApply([fix]);
        if (result) { accepted = [fix]; break; }
      }
    }
    if (!result) break;
    // Record in original coordinates, last first so earlier offsets stay valid.
    for (const s of lastFirst(accepted)) composed.apply(s.start, s.end, s.text);
    applied += accepted.length;
    current = result.text;
    diags = result.diags;
  }
  if (composed.text() !== current) throw new Error('internal: fix-all edits do not compose');
  return { edits: composed.edits(new LineIndex(text)), applied, before, after: diags };
}
