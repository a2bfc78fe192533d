// oauth-link-org-mismatch: oauthLink org ids disagree within a package, or with the DevHub.
import { projectRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { stripNamespace, type ComponentSummary } from '../../project/model';
import { OAUTH_SETTINGS_TYPE } from '../../schema';
import { RETRIEVE_COMMAND } from '../common';

function orgIdOf(link: string | undefined): string | undefined {
  const m = link ? /^(00D[0-9A-Za-z]{12})/.exec(link) : null;
  return m ? m[1] : undefined;
}

export const oauthLinkOrgMismatch = projectRule({
  id: 'oauth-link-org-mismatch', severity: 'warning', section: 4, scope: 'ExtlClntAppOauthSettings',
  evidence: { platform: QUOTE.oauthLinkProblem, seen: `${SEEN.fieldNotes} ("consumer orgs reference the DevHub's OAuth consumer via oauthLink")` },
  summary: 'oauthLink org ids differ within a package or from the DevHub.',
  description: 'Links of one package must come from the DevHub that owns the OAuth consumers; a link pointing at another org (or at an org other than the DevHub sf knows) does not resolve in packaged consumer orgs.',
  fix: 'Command: retrieve the OAuth settings from the DevHub.',
  check(c) {
    const byPkg = new Map<string, ComponentSummary[]>();
    for (const s of c.model.components.values()) {
      if (s.type !== OAUTH_SETTINGS_TYPE || !orgIdOf(s.oauthLink)) continue;
      const key = c.model.packageOf(s.path)?.path ?? '';
      (byPkg.get(key) ?? byPkg.set(key, []).get(key)!).push(s);
    }
    const hubOrg = c.model.orgs.devHub?.org?.orgId?.slice(0, 15);
    for (const list of byPkg.values()) {
      const counts = new Map<string, number>();
      for (const s of list) counts.set(orgIdOf(s.oauthLink)!, (counts.get(orgIdOf(s.oauthLink)!) ?? 0) + 1);
      const majority = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      for (const s of list) {
        const org = orgIdOf(s.oauthLink)!;
        const commands = [{ title: `Retrieve ${s.eca ?? s.name} from the DevHub`, command: RETRIEVE_COMMAND, arguments: [{ eca: s.eca ? stripNamespace(s.eca) : undefined }] }];
        if (hubOrg && org.slice(0, 15) !== hubOrg) {
          c.report({ path: s.path, range: s.ranges.oauthLink, commands,
            message: `This oauthLink points at org ${org}, but your DevHub (${c.model.orgs.devHub!.aliasOrUsername}) is ${hubOrg}. Packaged consumer orgs resolve the link through the DevHub that owns the OAuth consumer; retrieve the OAuth settings from that DevHub.` });
        } else if (counts.size > 1 && org !== majority) {
          c.report({ path: s.path, range: s.ranges.oauthLink, commands,
            message: `This oauthLink points at org ${org} while the other OAuth settings of this package point at ${majority}; links of one package must come from the same DevHub.` });
        }
      }
    }
  },
});
