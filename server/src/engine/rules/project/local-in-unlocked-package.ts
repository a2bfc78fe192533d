// local-in-unlocked-package: a Local app inside an unlocked package.
import { projectRule } from '../define';
import { editFix, pkgLabel } from '../projectContext';
import { HEADER_TYPE } from '../../schema';
import { summaryDistributionState } from '../values';
import { isUnlockedPackage, suggestedDistributionState } from '../../project/pattern';

export const localInUnlockedPackage = projectRule({
  id: 'local-in-unlocked-package', severity: 'warning', section: 4, scope: 'ExternalClientApplication',
  evidence: 'inferred',
  summary: 'Local ECA in an unlocked package.',
  description: 'Pattern 1 packages Packaged apps; a Local app in an unlocked package is not replicated to sandboxes on refresh (pattern 2 is Local + source package + bootstrap).',
  fix: 'Flip distributionState to Packaged (pattern 1).',
  reads: ['ExternalClientApplication.distributionState'],
  check(c) {
    for (const s of c.model.components.values()) {
      if (s.type !== HEADER_TYPE) continue;
      const pkg = c.model.packageOf(s.path);
      if (!pkg || !isUnlockedPackage(pkg)) continue;
      if (summaryDistributionState(s.distributionState) !== 'Local') continue;
      const hint = suggestedDistributionState(c.model, s.name);
      c.report({ path: s.path, range: s.ranges.distributionState ?? s.ranges.root,
        message: `${s.name} is ${s.distributionState ? 'Local' : 'Local (no distributionState)'} inside the unlocked package '${pkgLabel(pkg)}'. Pattern 1 packages Packaged ECAs; a Local ECA is not replicated to sandboxes on refresh.${hint ? ` ${hint.reason}` : ''}`,
        fixes: s.ranges.distributionState ? [editFix('Flip distributionState to Packaged (pattern 1)', s.path, [{ range: s.ranges.distributionState, newText: 'Packaged' }], true)] : undefined });
    }
  },
});
