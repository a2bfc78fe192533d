// global-oauth-without-oauth-settings: global OAuth settings for an app with no OAuth settings anywhere.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { GLOBAL_OAUTH_TYPE, OAUTH_SETTINGS_TYPE } from '../../schema';

export const globalOauthWithoutOauthSettings = projectRule({
  id: 'global-oauth-without-oauth-settings', severity: 'warning', section: 6, scope: 'ExtlClntAppGlobalOauthSettings',
  evidence: { platform: "The external client app configured in your global OAuth Settings doesn't have a valid OAuth settings configuration.", seen: SEEN.platformFacts },
  summary: 'Global OAuth settings for an app that has no OAuth settings in the project.',
  description: 'The deploy fails with "The external client app configured in your global OAuth Settings doesn\'t have a valid OAuth settings configuration." unless the target org already has the app\'s OAuth settings.',
  check(c) {
    for (const s of c.model.components.values()) {
      if (s.type !== GLOBAL_OAUTH_TYPE || !s.eca || c.model.isIgnored(s.path)) continue;
      if (c.model.componentsOf(s.eca).some((x) => x.type === OAUTH_SETTINGS_TYPE)) continue;
      c.report({ path: s.path, range: s.ranges.eca ?? s.ranges.root,
        message: `No ExtlClntAppOauthSettings for ${s.eca} exists in this project. Unless the target org already has them, the deploy fails: "The external client app configured in your global OAuth Settings doesn't have a valid OAuth settings configuration." Add the app's OAuth settings (.ecaOauth-meta.xml) to the same deploy.` });
    }
  },
});
