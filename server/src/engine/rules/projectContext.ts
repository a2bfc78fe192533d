// What every project rule receives: the project model, sfdx-project.json parsed once as a JSON
// tree (for ranges and byte-exact edits), and the same kind of `report` file rules use: it stamps
// the running rule's id and default severity on each diagnostic.
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { PackageDir, ProjectModel } from '../project/model';
import type { CommandFix, EngineDiagnostic, Fix, Range, Severity, TextEdit } from '../types';
import { LineIndex } from '../text';
import type { ProjectRule } from './define';

export const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface ProjectReport {
  /** The file the diagnostic is on. */
  path: string;
  range: Range | undefined;
  message: string;
  /** Defaults to the running rule's default severity. */
  severity?: Severity;
  fixes?: Fix[];
  commands?: CommandFix[];
  related?: EngineDiagnostic['related'];
}

export interface ProjectRuleContext {
  model: ProjectModel;
  sfdxTree: JsonNode | undefined;
  sfdxLines: LineIndex | undefined;
  /** The rule being run (set by checkProjectRules before each check). */
  rule: ProjectRule | null;
  report(r: ProjectReport): void;
}

export function makeProjectContext(model: ProjectModel, out: EngineDiagnostic[]): ProjectRuleContext {
  let sfdxTree: JsonNode | undefined;
  let sfdxLines: LineIndex | undefined;
  if (model.sfdx) {
    try { sfdxTree = parseTree(model.sfdx.text, [], { allowTrailingComma: true }); } catch { sfdxTree = undefined; }
    sfdxLines = new LineIndex(model.sfdx.text);
  }
  const c: ProjectRuleContext = {
    model, sfdxTree, sfdxLines, rule: null,
    report(r) {
      const rule = c.rule;
      if (!rule) throw new Error('report() outside a rule');
      const d: EngineDiagnostic = { code: rule.id, severity: r.severity ?? rule.severity, path: r.path, range: r.range ?? ZERO, message: r.message };
      if (r.fixes) d.fixes = r.fixes;
      if (r.commands) d.commands = r.commands;
      if (r.related) d.related = r.related;
      out.push(d);
    },
  };
  return c;
}

/** Range of a packageDirectories entry in sfdx-project.json (its `key` value, or the entry). */
export function entryRange(c: ProjectRuleContext, pkg: PackageDir, key = 'path'): Range {
  if (!c.sfdxTree || !c.sfdxLines) return ZERO;
  const node = findNodeAtLocation(c.sfdxTree, ['packageDirectories', pkg.index, key]) ?? findNodeAtLocation(c.sfdxTree, ['packageDirectories', pkg.index]);
  return node ? c.sfdxLines.range(node.offset, node.offset + node.length) : ZERO;
}

export const sfdxPath = (c: ProjectRuleContext): string => c.model.sfdx!.path;

export function editFix(title: string, path: string, edits: TextEdit[], preferred = false): Fix {
  return { title, preferred, changes: [{ kind: 'edit', path, edits }] };
}

export const pkgLabel = (pkg: PackageDir): string => pkg.name ?? pkg.rel;
