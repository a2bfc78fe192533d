// Hover: the field's documentation, the meaning of a value, and deploy-time replacements.
import type { ParsedFile } from '../document';
import type { ProjectModel } from '../project/model';
import { valueOf } from '../xml/scanner';
import { elementAtName, enclosingElement } from './locate';
import { fieldOfElement } from './fieldFor';
import { fieldDoc, typeDoc } from './docs';
import { PROTOCOL_SCOPES } from '../schema';
import { environmentOf, receiversOf } from '../project/environments';
import { effectiveApiVersion } from '../project/apiVersion';
import { formatApiVersion, NEWEST_API_VERSION } from '../schema/versions';

/** The API version the file is judged at, and where it comes from. */
function versionNote(file: ParsedFile, project: ProjectModel | null): string {
  const v = effectiveApiVersion(file, project);
  const newer = v.declared > v.version ? ` — newer than any version this tool knows; judged at ${formatApiVersion(NEWEST_API_VERSION)}` : '';
  return `API version of this file: **${formatApiVersion(v.declared)}** (${v.where})${newer}.`;
}
import { securityNote } from '../security/hover';

/** Where this file deploys: its package, and for aliasfy trees which orgs receive it. */
function deploymentNote(file: ParsedFile, project: ProjectModel): string {
  const pkg = project.packageOf(file.path);
  if (!pkg) return '';
  const head = `Package **${pkg.name ?? pkg.rel}** (${pkg.type}${pkg.aliasfy ? ', aliasfy' : ''}), position ${pkg.index + 1} in packageDirectories.`;
  if (!pkg.aliasfy) return head;
  const place = environmentOf(pkg, file.path);
  if (!place.env) return `${head}\n\n⚠ Outside every environment folder: never deployed.`;
  const receivers = receiversOf(project, pkg, place.env);
  const who = place.env === 'default'
    ? `Received by sandboxes and scratch orgs that have no folder of their own${pkg.mergeMode ? ', and merged into every alias folder (merge mode)' : ''}; never by production.`
    : `Received only by the org whose alias is exactly \`${place.env}\`.`;
  const known = receivers.length ? `\n\nOrgs on this machine: ${receivers.map((r) => `\`${r.alias}\` (${r.kind}, ${r.how})`).join(', ')}.` : '';
  return `${head}\n\nEnvironment folder \`${place.env}/\`. ${who}${known}`;
}

export interface HoverResult { markdown: string; start: number; end: number }

/**
 * `receivers`: who receives this file, in one line (services/receivers.ts, the CodeLens's text),
 * shown first on the root element.
 */
export function hover(file: ParsedFile, offset: number, project: ProjectModel | null, receivers?: () => string | undefined): HoverResult | null {
  const named = elementAtName(file, offset);
  if (named) {
    if (named === file.xml.root && file.rootType) {
      const who = receivers?.();
      const where = [who ? `**${who[0].toUpperCase()}${who.slice(1)}**` : '', project ? deploymentNote(file, project) : '', versionNote(file, project)].filter(Boolean).join('\n\n');
      return { markdown: (where ? where + '\n\n---\n\n' : '') + typeDoc(file.rootType), start: named.nameStart, end: named.nameEnd };
    }
    const info = fieldOfElement(file, named);
    if (info) {
      const sec = securityNote(info.field.name, valueOf(named), file.path, project);
      return { markdown: (sec ? sec + '\n\n---\n\n' : '') + fieldDoc(info.type, info.field) + `\n\n${versionNote(file, project)}`, start: named.nameStart, end: named.nameEnd };
    }
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
  const sec = securityNote(f.name, value, file.path, project);
  if (sec) parts.push(sec);
  parts.push('', fieldDoc(info.type, f));
  return { markdown: parts.join('\n\n'), start: el.textStart, end: el.textEnd };
}
