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

// The child edits the quick fixes use live in the one XML child editor.
export { insertChild, lineSpan } from '../xml/childEdit';
