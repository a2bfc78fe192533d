// packaged-in-source-package: a Packaged app in an explicit sfp source package.
import { projectRule } from '../define';
import { editFix, entryRange, pkgLabel, sfdxPath } from '../projectContext';
import { HEADER_TYPE } from '../../schema';
import { summaryDistributionState } from '../values';
import { suggestedDistributionState } from '../../project/pattern';

export const packagedInSourcePackage = projectRule({
  id: 'packaged-in-source-package', severity: 'warning', section: 4, scope: 'ExternalClientApplication',
  evidence: 'inferred',
  summary: 'Packaged ECA in a source package.',
  description: 'Pattern 1 ships Packaged apps in an unlocked package (the platform resolves the oauthLink through the package); pattern 2 keeps a Local app in a source package with a bootstrap script. The message says which one the rest of the project points to.',
  fix: 'Flip distributionState to Local (pattern 2), or make the package unlocked (pattern 1); the one that fits the project is preferred.',
  reads: ['ExternalClientApplication.distributionState'],
  check(c) {
    for (const s of c.model.components.values()) {
      if (s.type !== HEADER_TYPE) continue;
      const pkg = c.model.packageOf(s.path);
      if (!pkg || pkg.type !== 'source' || !pkg.explicitType) continue;
      if (summaryDistributionState(s.distributionState) !== 'Packaged') continue;
      const hint = suggestedDistributionState(c.model, s.name);
      const local = hint?.state !== 'Packaged';
      c.report({ path: s.path, range: s.ranges.distributionState ?? s.ranges.root,
        message: `${s.name} is Packaged but sits in the source package '${pkgLabel(pkg)}'. Pattern 1 ships Packaged ECAs in an unlocked package (the platform resolves the oauthLink through the package); pattern 2 keeps a Local ECA in a source package with a bootstrap script.${hint ? ` ${hint.reason}` : ''}`,
        fixes: [
          ...(s.ranges.distributionState ? [editFix('Flip distributionState to Local (pattern 2)', s.path, [{ range: s.ranges.distributionState, newText: 'Local' }], local && !!hint)] : []),
          editFix(`Make '${pkgLabel(pkg)}' an unlocked package (pattern 1)`, sfdxPath(c), [{ range: entryRange(c, pkg, 'type'), newText: '"unlocked"' }], !local),
        ] });
    }
  },
});
