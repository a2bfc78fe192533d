// oauth-settings-in-source-package: an org-specific oauthLink shipped in a source package.
import { projectRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { pkgLabel } from '../projectContext';
import { OAUTH_SETTINGS_TYPE } from '../../schema';

export const oauthSettingsInSourcePackage = projectRule({
  id: 'oauth-settings-in-source-package', severity: 'warning', section: 4, scope: 'ExtlClntAppOauthSettings',
  evidence: { platform: QUOTE.oauthLinkProblem, seen: SEEN.fieldNotes },
  summary: 'OAuth settings with an oauthLink in a source package.',
  description: 'The link is specific to the org that owns the consumer; deploying it to any other org fails ("There was a problem with the OAuth link. The app either isn\'t available on this instance").',
  check(c) {
    for (const s of c.model.components.values()) {
      if (s.type !== OAUTH_SETTINGS_TYPE || !s.hasOauthLinkElement || !s.oauthLink) continue;
      const pkg = c.model.packageOf(s.path);
      if (!pkg || pkg.type !== 'source' || !pkg.explicitType) continue;
      c.report({ path: s.path, range: s.ranges.oauthLink,
        message: `OAuth settings with an oauthLink in the source package '${pkgLabel(pkg)}': the link is specific to the org that owns the consumer, and deploying it to any other org fails ("There was a problem with the OAuth link. The app either isn't available on this instance"). Ship them in an unlocked package (pattern 1) or let a bootstrap script create them (pattern 2).` });
    }
  },
});
