// oauth-link-missing: OAuth settings without an oauthLink where nothing in the same deploy creates
// the OAuth consumer. Global OAuth settings deployed alongside from a source-deployed directory
// create it, whatever the distributionState (Help's "Deploy an ECA with a New Global OAuth
// Settings File"; Salesforce's Data 360 kit); inside a 2GP package they cannot ship.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import type { RuleContext } from '../context';
import { GLOBAL_OAUTH_TYPE, OAUTH_SETTINGS_TYPE } from '../../schema';
import { childValue, ecaFacts, retrieveCommand, rootOf } from '../common';

/** A global OAuth settings file for `eca` that a source deploy carries (not in a 2GP package, not ignored). */
function globalDeployedAlongside(ctx: RuleContext, eca: string | undefined) {
  const project = ctx.project;
  if (eca === undefined || !project) return undefined;
  return project.componentsOf(eca).find((c) => {
    if (c.type !== GLOBAL_OAUTH_TYPE || project.isIgnored(c.path)) return false;
    const t = project.packageOf(c.path)?.type;
    return t === undefined || t === 'source';
  });
}

export const oauthLinkMissing = fileRule({
  id: 'oauth-link-missing', severity: 'error', section: 3, scope: 'ExtlClntAppOauthSettings',
  evidence: { platform: "Cannot invoke \"String.split(String)\" because \"oauthLink\" is null", seen: SEEN.fieldNotes },
  summary: 'OAuth settings without oauthLink where nothing creates the consumer.',
  description: 'Without an oauthLink, something in the same deploy must create the OAuth consumer: global OAuth settings for the app deployed alongside from a source-deployed directory (Help\'s "new Global OAuth Settings File" flow, whatever the distributionState). Otherwise, or inside an unlocked/2GP package where global settings cannot ship, the deploy breaks the OAuth plugin ("Cannot invoke String.split(String) because oauthLink is null"), unrecoverable without deleting the metadata.',
  fix: 'Command: retrieve the app and its OAuth settings from the DevHub.',
  check(ctx) {
    const root = rootOf(ctx, OAUTH_SETTINGS_TYPE);
    if (!root || childValue(root, 'oauthLink') !== undefined) return;
    const ecaRef = childValue(root, 'externalClientApplication');
    const facts = ecaFacts(ctx, ecaRef);
    if (!facts.unlocked && globalDeployedAlongside(ctx, ecaRef)) return;
    const why = facts.unlocked
      ? `it sits in the ${facts.pkg?.type} package '${facts.pkg?.name ?? facts.pkg?.rel}', where global OAuth settings cannot ship to create the consumer`
      : `no ExtlClntAppGlobalOauthSettings for ${ecaRef ?? 'its ECA'} is deployed alongside (from a source-deployed directory) to create the OAuth consumer`;
    ctx.report({ start: root.nameStart, end: root.nameEnd, commands: retrieveCommand(ecaRef),
      message: `These OAuth settings have no <oauthLink>, and ${why}. Deploying them breaks the OAuth plugin ("Cannot invoke \\"String.split(String)\\" because \\"oauthLink\\" is null"), which cannot be repaired without deleting the metadata. Retrieve the ECA and its OAuth settings from the DevHub where OAuth was enabled to get the link${facts.unlocked ? '' : ', or deploy its global OAuth settings with it'}.` });
  },
});
