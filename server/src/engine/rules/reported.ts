// Diagnostic codes reported outside the rule framework, declared here so the catalogue (docs/rules.md,
// SARIF, `eca-check rules`, settings) lists them like every rule: the Connected App migration's
// hint (server/src/migration/insights.ts) and verify's org checks (server/src/verify/verify.ts).
// Those modules take their codes from here; the checks themselves stay where the data is (a
// Connected App file, a live org), outside the engine.
import type { RuleMeta } from './define';
import { QUOTE, SEEN } from './evidence';

/** Who reports a code: the migration's Connected App insight, or verify against an org. */
export type ReportedBy = 'migration' | 'verify';

export interface ReportedCode extends RuleMeta { reportedBy: ReportedBy }

export const MIGRATION_DIAGNOSTIC_CODE = 'connected-app-migration';

export const VERIFY_CODES = {
  deploy: 'org-deploy-check',
  user: 'org-user-missing',
  permissionSet: 'org-permission-set-missing',
  profile: 'org-profile-missing',
  app: 'org-app-missing',
  oauthLink: 'org-oauth-link-mismatch',
} as const;

const VERIFY_SCOPE = 'ECA files an org receives (verify)';

export const REPORTED_CODES: ReportedCode[] = [
  { id: MIGRATION_DIAGNOSTIC_CODE, reportedBy: 'migration', severity: 'information', section: 7, scope: 'ConnectedApp',
    summary: 'This Connected App can be migrated to an External Client App.',
    description: 'Salesforce restricts creating Connected Apps from Spring \'26 and recommends External Client Apps. The information names the settings that have no ECA equivalent (blockers); hovers show where each element goes. Also reported when the Connected App is not well-formed, saying why the migration is unavailable.',
    fix: 'ECA: Migrate Connected App to External Client App (eca-check migrate): creates the ECA files and a report; consumer key and secret are never copied.',
    evidence: { platform: 'Connected App creation via APIs (including the Metadata API) is blocked in the same way as the UI', seen: 'Salesforce Help 005228017 (docs/reference/platform-facts-2026.md § Security controls Salesforce recommends)' } },
  { id: VERIFY_CODES.deploy, reportedBy: 'verify', severity: 'error', section: 7, scope: VERIFY_SCOPE,
    summary: 'The org\'s check-only deploy reports a problem.',
    description: 'eca-check verify runs a check-only deploy of exactly the files the org would receive; each component error (or warning) of the org\'s answer is reported on the file it names, or on sfdx-project.json. Nothing is deployed.',
    evidence: { platform: 'the component failures of the org\'s own answer to a check-only deploy, quoted as the org words them', seen: 'the target org itself, at verify time (Metadata API deploy with checkOnly)' } },
  { id: VERIFY_CODES.user, reportedBy: 'verify', severity: 'error', section: 7, scope: 'ExtlClntAppOauthConfigurablePolicies',
    summary: 'The run-as user is missing or inactive in the org.',
    description: 'The client credentials flow runs as an active user of the org; usernames are unique across all orgs, so another org\'s user fails the deploy ("Enter a valid execution user for the OAuth client credentials flow").',
    evidence: { platform: QUOTE.executionUser, seen: `${SEEN.fieldNotes}; the user looked up in the target org` } },
  { id: VERIFY_CODES.permissionSet, reportedBy: 'verify', severity: 'error', section: 7, scope: 'ExtlClntAppOauthConfigurablePolicies',
    summary: 'A permission set named in the policies is not in the org.',
    description: 'commaSeparatedPermissionSet names permission sets the org must already have; a missing one fails the deploy.',
    evidence: { platform: QUOTE.permissionSets, seen: `${SEEN.platformFacts}; the permission set looked up in the target org` } },
  { id: VERIFY_CODES.profile, reportedBy: 'verify', severity: 'error', section: 7, scope: 'ExtlClntAppOauthConfigurablePolicies',
    summary: 'A profile named in the policies is not in the org.',
    description: 'commaSeparatedProfile names profiles the org must already have; a missing one fails the deploy.',
    evidence: { platform: 'INVALID_FIELD: We couldn\'t find profiles called … (the same rejection as for permission sets)', seen: `${SEEN.platformFacts}; the profile looked up in the target org` } },
  { id: VERIFY_CODES.app, reportedBy: 'verify', severity: 'error', section: 7, scope: VERIFY_SCOPE,
    summary: 'The External Client App the file belongs to is neither deployed with it nor in the org.',
    description: 'Satellites (OAuth settings, policies) need their ECA header in the org first: deployed in the same run or installed before.',
    evidence: { platform: 'INVALID_CROSS_REFERENCE_KEY (a satellite whose externalClientApplication names no app the org has)', seen: `${SEEN.platformFacts12} § Deploy and auth errors users hit in 2026; ${SEEN.platformFacts} (satellites fail only in an org that lacks the app); the app listed in the target org` } },
  { id: VERIFY_CODES.oauthLink, reportedBy: 'verify', severity: 'error', section: 7, scope: 'ExtlClntAppOauthSettings',
    summary: 'The oauthLink does not point at the org\'s DevHub consumer.',
    description: 'A Packaged ECA\'s oauthLink names the org id of the DevHub that owns its OAuth consumer; a link from another org cannot be resolved on install. A link to the target org itself is not reported.',
    evidence: { platform: QUOTE.oauthLinkProblem, seen: `${SEEN.fieldNotes} ("consumer orgs reference the DevHub's OAuth consumer via oauthLink")` } },
];
