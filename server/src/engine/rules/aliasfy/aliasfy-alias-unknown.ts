// aliasfy-alias-unknown: an environment folder matches no org alias sf knows on this machine.
import { projectRule } from '../define';
import { entryRange } from '../projectContext';
import { aliasfyFacts } from './packages';

export const aliasfyAliasUnknown = projectRule({
  id: 'aliasfy-alias-unknown', severity: 'information', section: 5, scope: 'aliasfy package',
  evidence: 'inferred',
  summary: 'Folder matches no org alias known to sf here.',
  description: 'Only an org with exactly this alias receives the folder; raised only when sf knows some aliases on this machine.',
  check(c) {
    const { packages, knownAliases, production } = aliasfyFacts(c);
    if (!knownAliases.length) return;
    for (const { pkg, envFolders, firstIn } of packages) {
      for (const folder of envFolders) {
        if (folder === 'default' || knownAliases.includes(folder) || production.has(folder)) continue;
        if ([...knownAliases, ...production].some((a) => a.toLowerCase() === folder.toLowerCase())) continue; // aliasfy-alias-case
        const first = firstIn(folder);
        c.report({ path: first?.path ?? c.model.sfdx!.path, range: first ? first.ranges.root : entryRange(c, pkg),
          message: `Folder '${folder}/' matches no org alias known to sf on this machine (${knownAliases.slice(0, 8).join(', ')}${knownAliases.length > 8 ? ', …' : ''}); only an org with exactly this alias receives it.` });
      }
    }
  },
});
