// What the rules' evidence rests on, named once: the platform's own words (a deploy error, a
// documentation sentence, the WSDL) or the Salesforce CLI's / sfp's own code, and where each was
// seen. Rules declare `evidence` from these (define.ts); docs/rules.md shows it, and
// docs/reference/evidence.md keeps the provenance of every source (issue 26: evidence behind every error).
import type { Citation, RuleEvidence } from './define';

const REF = 'docs/reference/evidence.md';

/** Where a source was read: a file of this repository (with its section) or a public address. */
export const SEEN = {
  fieldNotes: `practitioners' field notes "ECA deployment patterns" (errors met deploying to scratch orgs, sandboxes and production, April 2026), quoted in ${REF} § Field notes`,
  platformFacts: 'docs/reference/platform-facts-2026.md § Deploy behaviour seen in real repositories and Help (practitioner notes at API v67)',
  platformFacts12: 'docs/reference/platform-facts-2026-12.md',
  wsdl: 'the Metadata API WSDL of the file\'s API version, docs/reference/wsdl/metadata-v<NN>-eca.xsd',
  metadataNotes: 'docs/reference/eca-metadata-notes.md § Constraints that a validator can check (Metadata API Developer Guide v66.0)',
  globalOauthPage: 'Metadata API Developer Guide, ExtlClntAppGlobalOauthSettings: https://developer.salesforce.com/docs/atlas.en-us.260.0.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm',
  sdrResolver: `Salesforce CLI's own code: forcedotcom/source-deploy-retrieve src/resolve/metadataResolver.ts and src/registry/metadataRegistry.json @ ac2a8fe (${REF} § Salesforce CLI)`,
  sfpInstall: `sfp's own code: flxbl-io/sfp src/core/package/packageInstallers/InstallPackage.ts setPackageDirectoryForPackage @ cc39d24 (${REF} § sfp)`,
} as const;

/** The platform's rejection texts that several rules quote (each also appears in the rule's message). */
export const QUOTE = {
  oauthSettingsMissing: 'The OAuth settings are missing for this external client app.',
  executionUser: 'Enter a valid execution user for the OAuth client credentials flow',
  oauthLinkProblem: "There was a problem with the OAuth link. The app either isn't available on this instance",
  notInSourceControl: "These settings include private and sensitive OAuth consumer information that can't be packaged and must not be added to source control.",
  permissionSets: "INVALID_FIELD: We couldn't find permission sets called …",
} as const;

/** The evidence of a security rule: the documented practice it checks, not a platform rejection. */
export function practice(c: Citation, what: string): RuleEvidence {
  return { platform: `documented practice, not a platform rejection: ${what}`, seen: `${c.title}, ${c.url}` };
}
