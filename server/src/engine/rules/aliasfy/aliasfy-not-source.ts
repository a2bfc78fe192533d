// aliasfy-not-source: aliasfy on an unlocked/org-dependent package.
import { isUnlockedPackage } from '../../project/pattern';
import { projectRule } from '../define';
import { editFix, entryRange, pkgLabel, sfdxPath } from '../projectContext';
import { aliasfyFacts } from './packages';

export const aliasfyNotSource = projectRule({
  id: 'aliasfy-not-source', severity: 'error', section: 5, scope: 'aliasfy package',
  evidence: { platform: "sfp deletes \"aliasfy\" from an unlocked package's descriptor before building it, so the version holds every environment folder", seen: "sfp's own code: flxbl-io/sfp src/core/package/packageCreators/CreateUnlockedPackageImpl.ts @ cc39d24 (docs/reference/evidence.md § sfp)" },
  summary: 'aliasfy on an unlocked/org-dependent package.',
  description: 'aliasfy works only for source packages; on an unlocked package sfp builds every environment folder into one version.',
  fix: 'Set "type": "source".',
  check(c) {
    for (const { pkg } of aliasfyFacts(c).packages) {
      if (!isUnlockedPackage(pkg)) continue;
      c.report({ path: sfdxPath(c), range: entryRange(c, pkg, 'aliasfy'),
        message: `aliasfy works only for source packages; '${pkgLabel(pkg)}' is ${pkg.type}${pkg.explicitType ? '' : ' (it has package and versionNumber but no "type": "source")'}, so sfp builds every environment folder into one version.`,
        fixes: pkg.explicitType ? [editFix('Set "type": "source"', sfdxPath(c), [{ range: entryRange(c, pkg, 'type'), newText: '"source"' }])] : undefined });
    }
  },
});
