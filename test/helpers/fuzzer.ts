// Mutation fuzzer for the engine: valid ECA files and project trees, mutated (byte flips,
// truncation, tag swaps, deep nesting, huge attributes, entity declarations, random Unicode,
// conflict markers…), then every service is run on each input. A finding is a throw, an
// internal-error diagnostic, a range outside the document, or a run far slower than the input's
// size allows (a hang or a quadratic blow-up). Deterministic for a given seed.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile, checkParsed, createProjectModel, type EngineDiagnostic } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { complete } from '../../server/src/engine/services/completion';
import { hover } from '../../server/src/engine/services/hover';
import { symbols } from '../../server/src/engine/services/symbols';
import { ecaAt } from '../../server/src/engine/services/navigation';
import { RULE_CASES } from '../unit/ruleCases';
import { PATTERN1, PATTERN2 } from '../unit/projectCases';
import { unmark, memFs, ROOT } from './engine';

export interface Finding { kind: string; detail: string; input: string; path: string }
export interface FuzzStats { inputs: number; projects: number; findings: Finding[]; slowest: { ms: number; size: number }; ms: number }

/** xorshift32: small, fast, reproducible. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  return { int: (n: number) => next() % Math.max(1, n), pick: <T>(a: T[]) => a[next() % a.length] };
}
type R = ReturnType<typeof rng>;

function seeds(corpusDir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const c of RULE_CASES) out.push({ path: `${ROOT}/${c.target}`, text: unmark(c.files[c.target]).text });
  for (const [rel, t] of Object.entries(PATTERN1)) if (rel.endsWith('-meta.xml')) out.push({ path: `${ROOT}/${rel}`, text: unmark(t).text });
  if (existsSync(corpusDir)) {
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('-meta.xml')) out.push({ path: `${ROOT}/force-app/main/default/${p.split('/').slice(-2).join('/')}`, text: readFileSync(p, 'utf8') });
      }
    };
    walk(corpusDir);
  }
  return out;
}

const UNICODE = ['\u0000', '\uFEFF', '\uD800', '\uDC00', '😀', '\u202E', '\r', '\r\n', '\u2028', 'é', '\u0301', '\uFFFF', '\t', '﻿'];
const SNIPPETS = ['<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#x110000;', ']]>', '<![CDATA[', '<!--', '-->', '<?xml version="1.0"?>', '"', "'", '=', 'xmlns="x"', '<a b=c>'];

const MUTATORS: ((t: string, r: R) => string)[] = [
  // byte flip
  (t, r) => { const i = r.int(t.length); return t.slice(0, i) + String.fromCharCode(r.int(128)) + t.slice(i + 1); },
  // truncation
  (t, r) => t.slice(0, r.int(t.length + 1)),
  // delete a chunk
  (t, r) => { const i = r.int(t.length); return t.slice(0, i) + t.slice(i + r.int(40)); },
  // insert a syntax fragment
  (t, r) => { const i = r.int(t.length); return t.slice(0, i) + r.pick(SNIPPETS) + t.slice(i); },
  // random unicode
  (t, r) => { const i = r.int(t.length); return t.slice(0, i) + r.pick(UNICODE) + t.slice(i); },
  // tag swap: exchange two element names
  (t) => {
    // Names up to 64 characters (a mutated huge attribute can make a tag name too long for a RegExp).
    const names = [...t.matchAll(/<([A-Za-z]\w{0,63})(?![\w])/g)].map((m) => m[1]);
    if (names.length < 2) return t;
    const [a, b] = [names[1], names[names.length - 1]];
    return t.replace(new RegExp(`\\b${a}\\b`, 'g'), '\u0001').replace(new RegExp(`\\b${b}\\b`, 'g'), a).replace(/\u0001/g, b);
  },
  // deep nesting
  (t, r) => { const n = 1 + r.int(5000); const i = t.indexOf('>', t.indexOf('<', 40)) + 1; return t.slice(0, i) + '<x>'.repeat(n) + '</x>'.repeat(r.int(2) ? n : 0) + t.slice(i); },
  // huge attribute
  (t, r) => t.replace(/<([A-Za-z]\w*)/, `<$1 big="${'a'.repeat(1000 + r.int(200000))}"`),
  // entity declarations (billion laughs / external)
  (t, r) => `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "${'x'.repeat(10)}"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY e SYSTEM "file:///etc/passwd">]>\n${t.replace(/<\?xml[^>]*>/, '').replace('</label>', r.int(2) ? '&b;</label>' : '&e;</label>')}`,
  // merge conflict markers
  (t, r) => { const lines = t.split('\n'); const i = r.int(lines.length); lines.splice(i, 0, '<<<<<<< HEAD', lines[i] ?? '', '=======', (lines[i] ?? '').replace(/>[^<]*</, '>other<'), '>>>>>>> feature/x'); return lines.join('\n'); },
  // duplicate a line
  (t, r) => { const lines = t.split('\n'); const i = r.int(lines.length); lines.splice(i, 0, lines[i] ?? ''); return lines.join('\n'); },
  // swap two lines
  (t, r) => { const lines = t.split('\n'); const i = r.int(lines.length); const j = r.int(lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; return lines.join('\n'); },
  // CRLF everywhere, or strip all newlines
  (t, r) => (r.int(2) ? t.replace(/\n/g, '\r\n') : t.replace(/\r?\n/g, '')),
];

function checkDiags(diags: EngineDiagnostic[], text: string, lineCount: number, lineLen: (l: number) => number): string | null {
  for (const d of diags) {
    if (d.code === 'internal-error') return `internal-error: ${d.message}`;
    const { start, end } = d.range;
    for (const p of [start, end]) {
      if (p.line < 0 || p.line >= Math.max(1, lineCount) || p.character < 0 || p.character > lineLen(p.line)) return `range outside document: ${JSON.stringify(d.range)} (${d.code}, ${text.length} chars, ${lineCount} lines)`;
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `inverted range ${JSON.stringify(d.range)} (${d.code})`;
  }
  return null;
}

/** Generous bound: a hang or quadratic blow-up, not a benchmark. `scale` widens it on busy machines. */
const budgetMs = (size: number, scale: number) => (250 + size / 2000) * scale;

export function runFuzz(opts: { count: number; seed: number; corpusDir: string; onProgress?: (n: number) => void; slowScale?: number }): FuzzStats {
  const scale = opts.slowScale ?? 1;
  const r = rng(opts.seed);
  const pool = seeds(opts.corpusDir);
  const model = createProjectModel(ROOT, { fs: memFs({}) });
  for (const s of pool.slice(0, 50)) model.update(s.path, s.text);
  const stats: FuzzStats = { inputs: 0, projects: 0, findings: [], slowest: { ms: 0, size: 0 }, ms: 0 };
  const t0 = performance.now();
  for (let i = 0; i < opts.count; i++) {
    const base = r.pick(pool);
    let text = base.text;
    const rounds = 1 + r.int(3);
    for (let k = 0; k < rounds; k++) text = r.pick(MUTATORS)(text, r);
    const s0 = performance.now();
    try {
      const parsed = parseFile(base.path, text);
      const diags = checkParsed(parsed, model);
      const lines = text.split('\n');
      const bad = checkDiags(diags, text, parsed.tooLarge ? 1 : parsed.lines.lineCount, (l) => (parsed.tooLarge ? 0 : (lines[l] ?? '').length + (lines[l]?.endsWith('\r') ? 0 : 0)));
      if (bad) stats.findings.push({ kind: 'diagnostic', detail: bad, input: text.slice(0, 2000), path: base.path });
      for (let k = 0; k < 3; k++) {
        const o = r.int(text.length + 1);
        complete(parsed, o, model);
        hover(parsed, o, model);
        ecaAt(parsed, o);
      }
      symbols(parsed);
      // Feed the mutated file to the project model too (the server indexes half-typed files).
      model.update(base.path, text);
      if (i % 50 === 0) checkProjectRules(model);
    } catch (e) {
      stats.findings.push({ kind: 'throw', detail: (e as Error).stack ?? String(e), input: text.slice(0, 2000), path: base.path });
    }
    const ms = performance.now() - s0;
    if (ms > stats.slowest.ms) stats.slowest = { ms, size: text.length };
    if (ms > budgetMs(text.length, scale)) stats.findings.push({ kind: 'slow', detail: `${ms.toFixed(0)} ms for ${text.length} chars`, input: text.slice(0, 300), path: base.path });
    stats.inputs++;
    if (i % 500 === 0) {
      // Project trees: mutate sfdx-project.json and the aliasfy layout.
      const proj = r.int(2) ? PATTERN1 : PATTERN2;
      const files: Record<string, string> = {};
      for (const [k, v] of Object.entries(proj)) files[k] = unmark(v).text;
      let sfdx = files['sfdx-project.json'];
      for (let k = 0; k < 1 + r.int(3); k++) sfdx = r.pick(MUTATORS)(sfdx, r);
      files['sfdx-project.json'] = sfdx;
      try {
        const m = createProjectModel(ROOT, { fs: memFs(files), sfdxProject: sfdx });
        for (const [k, v] of Object.entries(files)) if (k.endsWith('-meta.xml')) m.update(`${ROOT}/${k}`, v);
        const d = checkProjectRules(m);
        const bad = d.find((x) => x.code === 'internal-error');
        if (bad) stats.findings.push({ kind: 'project', detail: bad.message, input: sfdx.slice(0, 2000), path: 'sfdx-project.json' });
      } catch (e) {
        stats.findings.push({ kind: 'project-throw', detail: (e as Error).stack ?? String(e), input: sfdx.slice(0, 2000), path: 'sfdx-project.json' });
      }
      stats.projects++;
      opts.onProgress?.(i);
    }
  }
  stats.ms = performance.now() - t0;
  return stats;
}
