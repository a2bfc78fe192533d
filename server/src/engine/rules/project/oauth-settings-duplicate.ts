// oauth-settings-duplicate: two ExtlClntAppOauthSettings for one app in one deploy unit.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { ZERO } from '../projectContext';
import { stripNamespace, type ComponentSummary } from '../../project/model';
import { OAUTH_SETTINGS_TYPE } from '../../schema';
import { deployUnit } from './deployUnit';

export const oauthSettingsDuplicate = projectRule({
  id: 'oauth-settings-duplicate', severity: 'error', section: 4, scope: 'ExtlClntAppOauthSettings',
  evidence: { platform: "DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value on …", seen: SEEN.platformFacts },
  summary: 'Two OAuth settings for one ECA.',
  description: 'An app has one OAuth plugin; the platform rejects the second ("DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value on …").',
  check(c) {
    const byEca = new Map<string, ComponentSummary[]>();
    for (const s of c.model.components.values()) {
      if (c.model.isIgnored(s.path) || s.type !== OAUTH_SETTINGS_TYPE || !s.eca) continue;
      const k = `${stripNamespace(s.eca)}|${deployUnit(c, s)}`;
      (byEca.get(k) ?? byEca.set(k, []).get(k)!).push(s);
    }
    for (const list of byEca.values()) {
      const names = new Set(list.map((s) => s.name));
      if (names.size < 2) continue;
      for (const s of list) {
        c.report({ path: s.path, range: s.ranges.eca ?? s.ranges.root,
          message: `${names.size} ExtlClntAppOauthSettings (${[...names].join(', ')}) belong to the External Client App ${s.eca}; an app has one OAuth plugin, and the platform rejects the second ("DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value").`,
          related: list.filter((o) => o !== s).map((o) => ({ path: o.path, range: o.ranges.root ?? ZERO, message: 'Other OAuth settings' })) });
      }
    }
  },
});
