// aliasfy-loose-file: metadata directly in the aliasfy root, outside every environment folder.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { pkgLabel } from '../projectContext';
import { environmentOf } from '../../project/environments';
import { aliasfyFacts } from './packages';

export const aliasfyLooseFile = projectRule({
  id: 'aliasfy-loose-file', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: "sfp install deploys only the folder named after the target org's alias (or default/ on a sandbox): files outside every such folder are never deployed", seen: SEEN.sfpInstall },
  summary: 'Metadata directly in the aliasfy root: never deployed.',
  description: 'sfp deploys only the folder named like the target org\'s alias (or default/); a file in the aliasfy root, outside every environment folder, is never deployed.',
  fix: 'Move it into an environment folder.',
  check(c) {
    for (const { pkg, comps } of aliasfyFacts(c).packages) {
      for (const s of comps) {
        if (!environmentOf(pkg, s.path).loose) continue;
        c.report({ path: s.path, range: s.ranges.root,
          message: `This file sits in the aliasfy root of '${pkgLabel(pkg)}', outside every environment folder: sfp deploys only the folder named like the target org's alias (or default/), so it is never deployed. Move it into an environment folder.` });
      }
    }
  },
});
