// What every single-file rule receives: the parsed file, the project model, and a `report` that
// turns offsets into ranges and stamps the running rule's id and default severity on the result.
// Rules are declared with fileRule() (define.ts), one concern per file, listed in registry.ts.
import type { ParsedFile } from '../document';
import type { FileRule } from './define';
import type { ProjectModel } from '../project/model';
import type { CommandFix, EngineDiagnostic, Fix, Severity, TextEdit } from '../types';
import type { XmlElement } from '../xml/scanner';

export interface Report {
  /** Defaults to the running rule's default severity. */
  severity?: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  commands?: CommandFix[];
  related?: EngineDiagnostic['related'];
}

export interface RuleContext {
  file: ParsedFile;
  /** The rule being run (set by the engine before each check). */
  rule: FileRule | null;
  project: ProjectModel | null;
  report(r: Report): void;
  /** A TextEdit in this file from offsets. */
  edit(start: number, end: number, newText: string): TextEdit;
  /** A fix that edits only this file. */
  fix(title: string, edits: TextEdit[], preferred?: boolean): Fix;
}

export function makeContext(file: ParsedFile, project: ProjectModel | null, out: EngineDiagnostic[]): RuleContext {
  const ctx: RuleContext = {
    file,
    rule: null,
    project,
    report(r) {
      const rule = ctx.rule;
      if (!rule) throw new Error('report() outside a rule');
      out.push({
        code: rule.id,
        severity: r.severity ?? rule.severity,
        message: r.message,
        range: file.lines.range(r.start, r.end),
        path: file.path,
        fixes: r.fixes,
        commands: r.commands,
        related: r.related,
      });
    },
    edit(start, end, newText) {
      return { range: file.lines.range(start, end), newText };
    },
    fix(title, edits, preferred) {
      return { title, changes: [{ kind: 'edit', path: file.path, edits }], preferred };
    },
  };
  return ctx;
}

/** Offsets covering an element's whole line(s), for deletions that leave no blank line behind. */
export function lineSpan(file: ParsedFile, el: XmlElement): [number, number] {
  const t = file.text;
  let s = el.start;
  while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
  let e = el.end;
  while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
  const atLineStart = s === 0 || t[s - 1] === '\n';
  if (atLineStart) {
    if (t.startsWith('\r\n', e)) e += 2;
    else if (t[e] === '\n') e += 1;
    return [s, e];
  }
  return [el.start, el.end];
}

/**
 * Where to insert a new child element so the file keeps the platform's alphabetical order, and the
 * text to insert (one line, indented like its siblings, in the file's line ending).
 */
export function insertChild(file: ParsedFile, parent: XmlElement, name: string, value: string): { offset: number; text: string } {
  const eol = file.lines.eol;
  const kids = parent.children;
  const line = (indent: string) => `${indent}<${name}>${value}</${name}>`;
  if (kids.length === 0) {
    const parentIndent = file.lines.indentAt(parent.start);
    const indent = parentIndent + '    ';
    if (parent.closeStart !== -1) {
      // Insert on its own line before the close tag.
      const before = file.text.slice(parent.openEnd, parent.closeStart);
      if (before.includes('\n')) {
        const closeLineStart = file.text.lastIndexOf('\n', parent.closeStart) + 1;
        return { offset: closeLineStart, text: line(indent) + eol };
      }
      return { offset: parent.openEnd, text: eol + line(indent) + eol + parentIndent };
    }
    return { offset: parent.openEnd, text: eol + line(indent) };
  }
  const after = kids.find((k) => k.name.localeCompare(name, 'en') > 0 && k.name.toLowerCase() > name.toLowerCase());
  const indent = file.lines.indentAt((after ?? kids[kids.length - 1]).start);
  if (after) {
    const lineStart = file.lines.lineStart(file.lines.position(after.start).line);
    const onOwnLine = /^[ \t]*$/.test(file.text.slice(lineStart, after.start));
    if (onOwnLine) return { offset: lineStart, text: line(indent) + eol };
    return { offset: after.start, text: `<${name}>${value}</${name}>` };
  }
  const last = kids[kids.length - 1];
  return { offset: last.end, text: eol + line(indent) };
}
