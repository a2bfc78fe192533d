// aliasfy-alias-case: an environment folder differs only in case from a known org alias.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { entryRange } from '../projectContext';
import { aliasfyFacts } from './packages';

export const aliasfyAliasCase = projectRule({
  id: 'aliasfy-alias-case', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: "sfp matches the folder with path.basename(file) === alias (case-sensitive)", seen: SEEN.sfpInstall },
  summary: 'Folder differs only in case from a known org alias.',
  description: 'sfp matches aliases case-sensitively, so the org would not receive the folder.',
  fix: 'Rename the folder to the alias.',
  check(c) {
    const { packages, knownAliases, production } = aliasfyFacts(c);
    for (const { pkg, envFolders, firstIn } of packages) {
      for (const folder of envFolders) {
        if (folder === 'default' || knownAliases.includes(folder) || production.has(folder)) continue;
        const caseTwin = [...knownAliases, ...production].find((a) => a.toLowerCase() === folder.toLowerCase());
        if (!caseTwin) continue;
        const first = firstIn(folder);
        c.report({ path: first?.path ?? c.model.sfdx!.path, range: first ? first.ranges.root : entryRange(c, pkg),
          message: `Folder '${folder}/' differs only in case from the org alias '${caseTwin}'; sfp matches aliases case-sensitively, so ${caseTwin} would not receive it.`,
          fixes: [{ title: `Rename folder to '${caseTwin}'`, preferred: true, changes: [{ kind: 'rename', from: `${pkg.path}/${folder}`, to: `${pkg.path}/${caseTwin}` }] }] });
      }
    }
  },
});
