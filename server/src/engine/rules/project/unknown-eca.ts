// unknown-eca: a satellite names an External Client App the workspace does not define.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { editFix } from '../projectContext';
import { stripNamespace } from '../../project/model';
import { HEADER_TYPE } from '../../schema';
import { closest } from '../../text';

export const unknownEca = projectRule({
  id: 'unknown-eca', severity: 'warning', section: 4, scope: 'satellites (externalClientApplication)',
  evidence: { platform: "INVALID_CROSS_REFERENCE_KEY when a satellite's <externalClientApplication> names no app the org has", seen: `${SEEN.platformFacts12} § Deploy and auth errors users hit in 2026; ${SEEN.platformFacts} (fails only in an org that lacks the app)` },
  summary: 'externalClientApplication names no ECA in the workspace.',
  description: 'The deploy fails only in an org that lacks the app (INVALID_CROSS_REFERENCE_KEY); satellites of apps created in Setup are often retrieved to track drift without the header, so this is a warning — information where sfdx-project.json declares package dependencies that may provide it. A namespaced reference ns__Name resolves to the app Name.',
  fix: 'Change to the closest app name in the workspace.',
  check(c) {
    const names = c.model.ecaNames();
    const maybeDependency = !!c.model.sfdx?.hasPackageDependencies;
    for (const s of c.model.components.values()) {
      if (s.type === HEADER_TYPE || s.eca === undefined || s.eca === '') continue;
      if (c.model.header(s.eca)) continue;
      const near = closest(stripNamespace(s.eca), names, 3);
      c.report({ severity: maybeDependency ? 'information' : 'warning', path: s.path, range: s.ranges.eca,
        message: `externalClientApplication '${s.eca}' names no External Client App in this workspace${maybeDependency ? ' (it may come from a package dependency declared in sfdx-project.json)' : ''}; deploying it fails in any org that lacks the app (INVALID_CROSS_REFERENCE_KEY). Fine when the app was created in Setup and these files track it.${near.length ? ` Did you mean '${near[0]}'?` : ''}`,
        fixes: s.ranges.eca ? near.map((n, i) => editFix(`Change to '${n}'`, s.path, [{ range: s.ranges.eca!, newText: n }], i === 0)) : undefined });
    }
  },
});
