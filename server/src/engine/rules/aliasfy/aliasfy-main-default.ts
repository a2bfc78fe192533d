// aliasfy-main-default: an aliasfy package uses the main/default/ source layout.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { entryRange, pkgLabel, sfdxPath } from '../projectContext';
import { aliasfyFacts } from './packages';

export const aliasfyMainDefault = projectRule({
  id: 'aliasfy-main-default', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: "sfp takes the first folder named 'default' at any depth for the fallback environment", seen: `${SEEN.sfpInstall}; dxatscale/sfpowerscripts#1374` },
  summary: 'aliasfy package uses the main/default layout.',
  description: 'sfp takes that `default` for the fallback environment folder (sfpowerscripts#1374).',
  fix: 'Restructure as <alias>/… folders at the package root.',
  check(c) {
    for (const { pkg, folders, firstIn } of aliasfyFacts(c).packages) {
      if (!folders.includes('main') || !c.model.fs.listDirs(`${pkg.path}/main`).includes('default')) continue;
      const f = firstIn('main/default');
      c.report({ path: f?.path ?? sfdxPath(c), range: f ? f.ranges.root : entryRange(c, pkg),
        message: `'${pkgLabel(pkg)}' is aliasfy but uses the main/default/ source layout: sfp takes that 'default' folder for the fallback environment (sfpowerscripts#1374). Restructure as <alias>/… folders at the package root.` });
    }
  },
});
