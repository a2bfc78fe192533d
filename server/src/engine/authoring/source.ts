// What the authoring commands read: the project model (which ECAs, packages, environment folders
// exist) plus the current text of the few files they edit. The text comes from the caller — the
// language server hands in open editors first and the disk second, the CLI reads the disk — so the
// authoring functions stay pure and see unsaved edits the way the user does.
import { printParseErrorCode } from 'jsonc-parser';
import { parseFile, type ParsedFile } from '../document';
import { LineIndex } from '../text';
import { normalize, parseSfdxProject, type PackageDir, type ProjectModel, type SfdxProject } from '../project/model';
import type { FileChange, TextEdit } from '../types';
import { localName } from '../xml/scanner';
import { AuthoringError } from './errors';

export interface AuthoringSource {
  model: ProjectModel;
  /** The current text of a file (an open editor's buffer wins over the disk), or undefined when absent. */
  read(path: string): string | undefined;
  /** Whether a file or folder exists (on disk or as an open, unsaved editor). */
  exists(path: string): boolean;
}

export const PROJECT_FILE = 'sfdx-project.json';

export interface ProjectText {
  path: string;
  text: string;
  project: SfdxProject;
}

/** Absolute path of a project-relative path (forward slashes). */
export function abs(model: ProjectModel, rel: string): string {
  const parts = model.root.split('/');
  for (const seg of normalize(rel).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop(); else parts.push(seg);
  }
  return parts.join('/') || '/';
}

/** Project-relative form of an absolute path. */
export function relOf(model: ProjectModel, path: string): string {
  const p = normalize(path);
  return p === model.root ? '.' : p.startsWith(model.root + '/') ? p.slice(model.root.length + 1) : p;
}

/**
 * sfdx-project.json as it is now, parsed; undefined when the project has none. Refuses (throws
 * MALFORMED_PROJECT) when it cannot be parsed or its packageDirectories is not an array: editing a
 * file we cannot read would only make it worse.
 */
export function readProjectText(src: AuthoringSource): ProjectText | undefined {
  const path = `${src.model.root}/${PROJECT_FILE}`;
  const text = src.read(path);
  if (text === undefined) return undefined;
  const project = parseSfdxProject(path, text);
  const e = project.parseError;
  if (e || Array.isArray(project.json)) {
    const where = e?.code !== undefined ? new LineIndex(text).position(e.offset) : { line: 0, character: 0 };
    const why = e?.code !== undefined ? printParseErrorCode(e.code) : 'the top level is not an object';
    throw new AuthoringError('MALFORMED_PROJECT',
      `${PROJECT_FILE} cannot be parsed (${why} at line ${where.line + 1}, column ${where.character + 1}); fix it first. Nothing was changed.`);
  }
  const dirs = (project.json as Record<string, unknown>).packageDirectories;
  if (dirs !== undefined && !Array.isArray(dirs)) {
    throw new AuthoringError('MALFORMED_PROJECT', `${PROJECT_FILE}: packageDirectories is not an array; fix it first. Nothing was changed.`);
  }
  return { path, text, project };
}

/** The package directory (of the given parsed project) that contains `path`, deepest first. */
export function packageIn(project: SfdxProject | undefined, path: string): PackageDir | undefined {
  if (!project) return undefined;
  const p = normalize(path);
  let best: PackageDir | undefined;
  for (const d of project.packageDirs) {
    if ((p === d.path || p.startsWith(d.path + '/')) && (!best || d.path.length > best.path.length)) best = d;
  }
  return best;
}

/**
 * Parse an XML file the command must read or edit, refusing it (MALFORMED_XML) when it is not
 * well-formed or its root is not `expectedRoot`.
 */
export function parseXmlStrict(path: string, text: string, expectedRoot?: string): ParsedFile {
  const file = parseFile(path, text);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const problem = file.encodingProblem ?? (file.tooLarge ? 'the file is too large to be metadata' : undefined);
  if (problem) throw new AuthoringError('MALFORMED_XML', `${name}: ${problem}. Nothing was changed.`);
  const wf = file.wellFormed;
  const scan = file.xml.problems[0];
  if (wf || scan || !file.xml.root) {
    const pos = wf?.offset !== undefined ? file.lines.position(wf.offset) : wf?.line !== undefined ? { line: wf.line - 1, character: (wf.col ?? 1) - 1 } : scan ? file.lines.position(scan.offset) : { line: 0, character: 0 };
    const why = wf?.message ?? scan?.message ?? 'there is no root element';
    throw new AuthoringError('MALFORMED_XML', `${name} is not well-formed XML (line ${pos.line + 1}, column ${pos.character + 1}: ${why}); fix it first. Nothing was changed.`);
  }
  if (expectedRoot && localName(file.xml.root.name) !== expectedRoot) {
    throw new AuthoringError('MALFORMED_XML', `${name}: the root element is <${file.xml.root.name}>, not <${expectedRoot}>; fix it first. Nothing was changed.`);
  }
  return file;
}

// ---------------------------------------------------------------- text style

export interface TextStyle {
  eol: '\n' | '\r\n';
  /** One level of indentation (XML: the children's indent; JSON: one nesting level). */
  indent: string;
}

export const DEFAULT_XML_STYLE: TextStyle = { eol: '\n', indent: '    ' };
export const DEFAULT_JSON_STYLE: TextStyle = { eol: '\n', indent: '  ' };

export function eolOf(text: string, fallback: TextStyle['eol'] = '\n'): TextStyle['eol'] {
  const i = text.indexOf('\n');
  if (i === -1) return fallback;
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** EOL and child indentation of a metadata XML file (so generated siblings look like it). */
export function xmlStyleOf(text: string | undefined): TextStyle {
  if (!text) return DEFAULT_XML_STYLE;
  const m = /\n([ \t]+)</.exec(text);
  return { eol: eolOf(text), indent: m ? m[1] : DEFAULT_XML_STYLE.indent };
}

/** EOL and indentation unit of a JSON file (the first indented line is one level deep). */
export function jsonStyleOf(text: string | undefined): TextStyle {
  if (!text) return DEFAULT_JSON_STYLE;
  const m = /\n([ \t]+)["{[\]}]/.exec(text);
  let indent = m ? m[1] : DEFAULT_JSON_STYLE.indent;
  if (indent.includes('\t')) indent = '\t';
  return { eol: eolOf(text), indent };
}

// ---------------------------------------------------------------- changes

/** Offsets-based edits → a FileChange with line/character ranges in `text`. */
export function editChange(path: string, text: string, edits: { offset: number; length: number; content: string }[]): FileChange {
  const lines = new LineIndex(text);
  const out: TextEdit[] = [...edits]
    .sort((a, b) => a.offset - b.offset)
    .map((e) => ({ range: lines.range(e.offset, e.offset + e.length), newText: e.content }));
  return { kind: 'edit', path, edits: out };
}

/**
 * Several changes → one list with at most one entry per file: edits to the same file are merged
 * (they must not overlap), a create and an edit of the same file are refused as a bug.
 */
export function mergeChanges(changes: FileChange[]): FileChange[] {
  const out: FileChange[] = [];
  const edits = new Map<string, Extract<FileChange, { kind: 'edit' }>>();
  for (const c of changes) {
    if (c.kind !== 'edit') {
      out.push(c);
      continue;
    }
    const prev = edits.get(c.path);
    if (!prev) {
      const copy = { kind: 'edit' as const, path: c.path, edits: [...c.edits] };
      edits.set(c.path, copy);
      out.push(copy);
      continue;
    }
    prev.edits.push(...c.edits);
    prev.edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (let i = 1; i < prev.edits.length; i++) {
      const a = prev.edits[i - 1].range.end;
      const b = prev.edits[i].range.start;
      if (a.line > b.line || (a.line === b.line && a.character > b.character)) {
        throw new Error(`internal: overlapping edits to ${c.path}`);
      }
    }
  }
  const created = new Set(out.filter((c) => c.kind === 'create').map((c) => (c as { path: string }).path));
  for (const p of edits.keys()) if (created.has(p)) throw new Error(`internal: ${p} is both created and edited`);
  return out;
}

/** Apply one file's edits to its text (the CLI and the tests use this; VS Code applies a WorkspaceEdit). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** `Acme_Portal` → `acme-portal`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'app';
}
