// Hover: the field's documentation, the meaning of a value, and deploy-time replacements.
import type { ParsedFile } from '../document';
import type { ProjectModel } from '../project/model';
import { valueOf } from '../xml/scanner';
import { elementAtName, enclosingElement } from './locate';
import { fieldOfElement } from './fieldFor';
import { fieldDoc, typeDoc } from './docs';
import { PROTOCOL_SCOPES } from '../schema';

export interface HoverResult { markdown: string; start: number; end: number }

export function hover(file: ParsedFile, offset: number, project: ProjectModel | null): HoverResult | null {
  const named = elementAtName(file, offset);
  if (named) {
    if (named === file.xml.root && file.rootType) return { markdown: typeDoc(file.rootType), start: named.nameStart, end: named.nameEnd };
    const info = fieldOfElement(file, named);
    if (info) return { markdown: fieldDoc(info.type, info.field), start: named.nameStart, end: named.nameEnd };
    return null;
  }
  const el = enclosingElement(file, offset);
  if (!el || el.children.length || el.textStart === -1 || offset < el.textStart || offset > el.textEnd) return null;
  const info = fieldOfElement(file, el);
  if (!info) return null;
  const value = valueOf(el);
  const parts: string[] = [];
  const rep = project?.replacementFor(value);
  if (rep) parts.push(`Replaced at deploy time by sfdx-project.json \`replacements\`${rep.replaceWith ? ` with ${rep.replaceWith}` : ''}; not format-checked here.`);
  const f = info.field;
  if (f.values?.includes(value)) parts.push(`\`${value}\` is a documented value of **${f.name}**.`);
  else if (f.alsoAccepted?.includes(value)) parts.push(`\`${value}\` is undocumented but emitted by the platform in retrieved files; accepted.`);
  if (f.kind === 'scopes') {
    const names = value.split(',').map((s) => s.trim()).filter(Boolean);
    parts.push(names.map((n) => `- \`${n}\`${f.values?.includes(n) ? '' : PROTOCOL_SCOPES[n.toLowerCase()] ? ` → protocol token; metadata name \`${PROTOCOL_SCOPES[n.toLowerCase()]}\`` : ' — unknown'}`).join('\n'));
  }
  if (f.name === 'externalClientApplication' && project) {
    const comps = project.componentsOf(value);
    parts.push(comps.length ? `${comps.length} component(s) of **${value}** in this workspace.` : `No External Client App named **${value}** in this workspace.`);
  }
  parts.push('', fieldDoc(info.type, f));
  return { markdown: parts.join('\n\n'), start: el.textStart, end: el.textEnd };
}
