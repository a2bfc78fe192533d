// aliasfy-ambiguous: the same environment folder name occurs twice in one package tree.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { entryRange, pkgLabel, type ProjectRuleContext } from '../projectContext';
import { aliasfyFacts } from './packages';
import { TYPE_FOLDERS } from '../../project/environments';

function findDirNamed(c: ProjectRuleContext, root: string, name: string, maxDepth: number): string[] {
  const out: string[] = [];
  const stack: [string, number][] = [[root, 0]];
  while (stack.length) {
    const [d, depth] = stack.pop()!;
    if (depth >= maxDepth) continue;
    for (const n of c.model.fs.listDirs(d)) {
      const p = `${d}/${n}`;
      if (n === name) out.push(p);
      if (!TYPE_FOLDERS.has(n)) stack.push([p, depth + 1]);
    }
  }
  return out;
}

export const aliasfyAmbiguous = projectRule({
  id: 'aliasfy-ambiguous', severity: 'error', section: 5, scope: 'aliasfy package',
  evidence: { platform: "sfp install takes the first folder named after the alias at any depth of the package (files.find over a recursive listing); the others are never deployed", seen: SEEN.sfpInstall },
  summary: 'Same alias folder name twice in one package tree.',
  description: 'sfp searches for the alias folder at any depth of the package and picks one of them.',
  check(c) {
    for (const { pkg, envFolders, firstIn } of aliasfyFacts(c).packages) {
      for (const folder of envFolders) {
        const deeper = findDirNamed(c, pkg.path, folder, 4).filter((p) => p !== `${pkg.path}/${folder}`);
        if (!deeper.length) continue;
        const first = firstIn(folder);
        c.report({ path: first?.path ?? c.model.sfdx!.path, range: first ? first.ranges.root : entryRange(c, pkg),
          message: `The environment folder name '${folder}' occurs more than once in '${pkgLabel(pkg)}' (${deeper.map((d) => d.slice(pkg.path.length + 1)).join(', ')}); sfp searches at any depth and picks one of them.` });
      }
    }
  },
});
