// policies-without-oauth: policies for an app whose OAuth nothing earlier in the deploy enables.
import { projectRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import type { ProjectRuleContext } from '../projectContext';
import { GLOBAL_OAUTH_TYPE, HEADER_TYPE, OAUTH_POLICIES_TYPE, OAUTH_SETTINGS_TYPE, POLICIES_TYPE } from '../../schema';
import { summaryBoolean } from '../values';
import { classify } from '../../files';

/** Does anything enable OAuth for `eca` no later than package index `upTo`? */
function oauthEnabledBefore(c: ProjectRuleContext, eca: string, upTo: number | undefined): boolean {
  const comps = c.model.componentsOf(eca);
  const header = comps.find((x) => x.type === HEADER_TYPE);
  for (const x of comps) {
    if (x.type !== OAUTH_SETTINGS_TYPE && x.type !== GLOBAL_OAUTH_TYPE) continue;
    const idx = c.model.packageOf(x.path)?.index;
    if (upTo === undefined || idx === undefined || idx <= upTo) return true;
  }
  if (header) {
    // A bootstrap script runs after its package deployed: it covers policies in later packages
    // only; policies in the ECA's own package deploy before the script creates the OAuth settings.
    const hp = c.model.packageOf(header.path);
    if (hp?.postDeploymentScript && (upTo === undefined || hp.index < upTo)) return true;
  }
  return false;
}

export const policiesWithoutOauth = projectRule({
  id: 'policies-without-oauth', severity: 'error', section: 4, scope: 'policies',
  evidence: { platform: QUOTE.oauthSettingsMissing, seen: `${SEEN.fieldNotes} ("Policies cannot be deployed before OAuth is enabled")` },
  summary: 'Policies for an ECA whose OAuth is enabled by nothing earlier in the deploy.',
  description: 'OAuth policies (or plugin policies with isOauthPluginEnabled) deploy before anything enables OAuth for the app: no OAuth settings in this or an earlier package and no postDeploymentScript bootstrap. The platform rejects them ("The OAuth settings are missing for this external client app."). In a metadata-format bundle (often a delta deploy to an org that may already hold the settings) it is a warning.',
  reads: ['ExtlClntAppConfigurablePolicies.isOauthPluginEnabled'],
  check(c) {
    for (const s of c.model.components.values()) {
      const isOauthPolicy = s.type === OAUTH_POLICIES_TYPE || (s.type === POLICIES_TYPE && summaryBoolean(s.isOauthPluginEnabled) === true);
      if (!isOauthPolicy || !s.eca || !c.model.header(s.eca)) continue;
      if (oauthEnabledBefore(c, s.eca, c.model.packageOf(s.path)?.index)) continue;
      const cls = classify(s.path);
      if (cls?.kind === 'eca' && cls.metadataFormat) {
        // A metadata-format bundle is often a delta deploy to an org that may already hold the
        // app's OAuth settings: the rejection is possible, not certain.
        c.report({ severity: 'warning', path: s.path, range: s.ranges.root,
          message: `Nothing in this metadata-format bundle enables OAuth for ${s.eca}: no ExtlClntAppOauthSettings beside these policies. Unless the target org already has them, the platform may reject them ("The OAuth settings are missing for this external client app.").` });
        continue;
      }
      c.report({ path: s.path, range: s.ranges.root,
        message: `Nothing enables OAuth for ${s.eca} before these policies deploy: no ExtlClntAppOauthSettings in this or an earlier package, and no postDeploymentScript bootstrap on the ECA's package. The platform rejects them ("The OAuth settings are missing for this external client app."). Deploy order is ECA → OAuth → policies.` });
    }
  },
});
