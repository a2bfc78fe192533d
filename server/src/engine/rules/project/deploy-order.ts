// deploy-order: a package holding policies comes before the package holding their app.
import { projectRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { editFix, entryRange, pkgLabel, type ProjectRuleContext } from '../projectContext';
import type { PackageDir } from '../../project/model';
import { findNodeAtLocation } from 'jsonc-parser';
import { HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE } from '../../schema';
import type { Fix, TextEdit } from '../../types';

/** Move the `from` entry of packageDirectories right after `after`, keeping every other byte. */
function moveEntryFix(c: ProjectRuleContext, from: PackageDir, after: PackageDir): Fix | undefined {
  const text = c.model.sfdx!.text;
  const arr = findNodeAtLocation(c.sfdxTree!, ['packageDirectories']);
  if (!arr?.children) return undefined;
  const a = arr.children[from.index];
  const b = arr.children[after.index];
  if (!a || !b || from.index >= after.index) return undefined;
  // The moved block: from the end of the previous item's comma (or the array's start) to the entry's end.
  const prevEnd = from.index === 0 ? arr.offset + 1 : arr.children[from.index - 1].offset + arr.children[from.index - 1].length;
  const cutStart = from.index === 0 ? prevEnd : text.indexOf(',', prevEnd) + 1;
  const entryEnd = a.offset + a.length;
  let cutEnd = entryEnd;
  const leading = text.slice(cutStart, a.offset); // whitespace/comments before the entry
  if (from.index === 0) cutEnd = text.indexOf(',', entryEnd) + 1;
  const entry = text.slice(a.offset, entryEnd);
  const bEnd = b.offset + b.length;
  const lines = c.sfdxLines!;
  const edits: TextEdit[] = [];
  if (from.index === 0) {
    // Remove "entry," keeping the next item's leading whitespace where the entry's was.
    const nextLeading = text.slice(cutEnd, arr.children[1].offset);
    edits.push({ range: lines.range(cutStart, arr.children[1].offset), newText: leading.length ? leading : nextLeading });
    edits.push({ range: lines.range(bEnd, bEnd), newText: `,${nextLeading}${entry}` });
  } else {
    edits.push({ range: lines.range(cutStart - 1, entryEnd), newText: '' });
    edits.push({ range: lines.range(bEnd, bEnd), newText: `,${leading}${entry}` });
  }
  return editFix(`Move '${pkgLabel(from)}' after '${pkgLabel(after)}' in packageDirectories`, c.model.sfdx!.path, edits, true);
}

export const deployOrder = projectRule({
  id: 'deploy-order', severity: 'error', section: 4, scope: 'sfdx-project.json',
  evidence: { platform: QUOTE.oauthSettingsMissing, seen: `${SEEN.fieldNotes}; sfp installs packages in packageDirectories order (flxbl-io/sfp, deploy implementation)` },
  summary: 'Policies package comes before the package of the ECA it references.',
  description: 'sfp installs packages in packageDirectories order (it does not sort them by type) and the platform enforces ECA → OAuth → policies ("The OAuth settings are missing for this external client app.").',
  fix: 'Move the entry in sfdx-project.json, preserving every other byte.',
  check(c) {
    const sfdx = c.model.sfdx;
    if (!sfdx || !c.sfdxTree) return;
    const flagged = new Set<number>();
    for (const s of c.model.components.values()) {
      if ((s.type !== OAUTH_POLICIES_TYPE && s.type !== POLICIES_TYPE) || !s.eca) continue;
      const pkg = c.model.packageOf(s.path);
      if (!pkg || flagged.has(pkg.index)) continue;
      const deps = c.model.componentsOf(s.eca).filter((x) => x.type === HEADER_TYPE || x.type === OAUTH_SETTINGS_TYPE);
      const later = deps.map((x) => c.model.packageOf(x.path)).filter((p): p is PackageDir => !!p && p.index > pkg.index);
      if (!later.length) continue;
      const target = later.sort((a, b) => b.index - a.index)[0];
      flagged.add(pkg.index);
      const move = moveEntryFix(c, pkg, target);
      c.report({ path: sfdx.path, range: entryRange(c, pkg),
        message: `'${pkgLabel(pkg)}' holds policies for ${s.eca} but comes before '${pkgLabel(target)}', which holds the ECA or its OAuth settings. sfp installs packages in packageDirectories order and the platform enforces ECA → OAuth → policies ("The OAuth settings are missing for this external client app.").`,
        fixes: move ? [move] : undefined, related: [{ path: sfdx.path, range: entryRange(c, target), message: 'The package it depends on' }] });
    }
  },
});
