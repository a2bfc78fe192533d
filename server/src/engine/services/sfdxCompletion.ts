// Completion inside sfdx-project.json where an org alias fits: sfp's `skipDeployOnOrgs` entries.
// Offers the aliases sf knows on this machine and the environment folders of aliasfy packages.
import { getLocation } from 'jsonc-parser';
import type { ProjectModel } from '../project/model';
import type { CompletionEntry } from './completion';

export function completeSfdxProject(text: string, offset: number, model: ProjectModel): CompletionEntry[] {
  const loc = getLocation(text, offset);
  const p = loc.path;
  if (loc.isAtPropertyKey || p.length !== 4 || p[0] !== 'packageDirectories' || p[2] !== 'skipDeployOnOrgs') return [];
  // Replace the string literal under the cursor (quotes included), or insert a quoted alias.
  const node = loc.previousNode;
  const inString = node && node.type === 'string' && offset > node.offset && offset <= node.offset + node.length;
  const start = inString ? node!.offset : offset;
  const end = inString ? node!.offset + node!.length : offset;
  const aliases = new Set<string>(model.orgs.aliases.keys());
  for (const d of model.sfdx?.packageDirs ?? []) {
    if (!d.aliasfy) continue;
    for (const f of model.fs.listDirs(d.path)) if (f !== 'default' && !f.startsWith('.')) aliases.add(f);
  }
  return [...aliases].sort().map((a, i) => ({
    label: a,
    kind: 'value' as const,
    detail: model.orgs.aliases.has(a) ? `sf alias → ${model.orgs.aliases.get(a)}` : 'aliasfy environment folder',
    insertText: JSON.stringify(a),
    isSnippet: false,
    replaceStart: start,
    replaceEnd: end,
    sortText: String(i).padStart(3, '0'),
  }));
}
