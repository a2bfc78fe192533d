// The one Pattern 2 OAuth bootstrap generator (seeds: deployment pattern 2): a shell script sfp runs
// as the package's postDeploymentScript, and the anonymous Apex it runs on the target org, which
// creates the app's OAuth consumer (a consumer key and secret of that org, never in source) and the
// components that need it through the org's own Metadata API (upsertMetadata over SOAP).
// New External Client App and flip (authoring/project.ts) and migrate (migration/plan.ts) all write
// it, so every bootstrap keeps one contract:
//   - arguments as sfp passes them: <packageName> <targetOrg> [devHub artifactDir packageDir];
//     fewer than two: a usage line, exit 2;
//   - configuration at the top of the script: APP_NAME, API_VERSION (sed fills the Apex's
//     __API_VERSION__); every component value is an Apex string literal (apexString), so no value
//     passes through the shell;
//   - environment: ECA_RUN_AS_USER (the client credentials run-as user of the target org, when the
//     Apex upserts OAuth policies), ECA_SKIP_REMOTE_SITE=1 (the org has its Remote Site already);
//   - the Remote Site Setting for the org's own My Domain URL is deployed by the script with
//     `sf project deploy start` before the Apex runs. Not upserted by the Apex itself: that upsert
//     is a callout to the same URL and needs the Remote Site it would create, so on an org without
//     one it fails ("Unauthorized endpoint"); a deploy needs no callout;
//   - an org that already has the app's global OAuth settings is left alone: sfp runs the script on
//     every install, and upserting again would overwrite what the org's admins changed.
import { GLOBAL_OAUTH_TYPE, OAUTH_POLICIES_TYPE } from '../schema';
import { renderInline, type XmlField } from '../xml/write';
import { kebab } from './source';

export interface BootstrapComponent {
  type: string;
  fullName: string;
  fields: XmlField[];
}

export interface BootstrapInput {
  /** The External Client App's API name. */
  app: string;
  /** Metadata API version of the SOAP endpoint and the Remote Site deploy ("65.0"). */
  apiVersion: string;
  /** File name of the Apex, beside the script. */
  apexFile: string;
  /** What the Apex upserts, in this order. */
  components: BootstrapComponent[];
  /** Where it comes from, for the headers ("from the Connected App x"), when not a new app. */
  origin?: string;
  /** The package whose postDeploymentScript it is, when known. */
  packageName?: string;
  /** Client credentials wanted in the OAuth policies: on where the target org's run-as user is known. */
  clientCredentials: boolean;
  /** Default run-as user baked into the script (a SCRIPT_SAFE_USERNAME), or ''. */
  defaultRunAsUser?: string;
}

/**
 * The script's project-relative names, the same for every caller: scripts/bootstrap-eca-oauth.sh
 * and .apex (the seeds' names) when free, else scripts/bootstrap-<app-in-kebab-case>-oauth;
 * undefined when both are taken. A name is free when neither file exists and no package runs it.
 * `isOwn` (a re-run of migrate) says a script is this app's already: its name is kept, so the
 * re-run meets its own files instead of writing a second bootstrap.
 */
export function bootstrapScriptNames(app: string, exists: (rel: string) => boolean, registered: Iterable<string | undefined>, isOwn?: (rel: string) => boolean): { sh: string; apex: string } | undefined {
  const run = new Set([...registered].filter((s): s is string => !!s).map((s) => s.replace(/^\.\//, '')));
  const bases = ['scripts/bootstrap-eca-oauth', `scripts/bootstrap-${kebab(app)}-oauth`];
  const base = bases.find((b) => isOwn?.(`${b}.sh`)) ?? bases.find((b) => !exists(`${b}.sh`) && !exists(`${b}.apex`) && !run.has(`${b}.sh`));
  return base ? { sh: `${base}.sh`, apex: `${base}.apex` } : undefined;
}

/** Whether a script's text is the bootstrap of `app` (its configuration names it). */
export const isBootstrapOf = (app: string, text: string | undefined): boolean => !!text?.includes(`\nAPP_NAME="${app}"\n`);

/** An Apex string literal. */
export function apexString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '').replace(/\n/g, '\\n')}'`;
}

/** Usernames the script can pass through sed and an Apex literal unchanged (the shell checks the same). */
export const SCRIPT_SAFE_USERNAME = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/;

const RUN_AS = '__RUN_AS_USER__';
/** The client-credentials pair of the OAuth policies is decided at run time, from the target org's run-as user. */
const DYNAMIC: Record<string, string> = {
  clientCredentialsFlowUser: "(ccEnabled ? '<clientCredentialsFlowUser>' + runAsUser.escapeXml() + '</clientCredentialsFlowUser>' : '')",
  isClientCredentialsFlowEnabled: "'<isClientCredentialsFlowEnabled>' + ccEnabled + '</isClientCredentialsFlowEnabled>'",
};

function upsertCall(c: BootstrapComponent): string {
  const policies = c.type === OAUTH_POLICIES_TYPE;
  const fields = policies
    ? [...c.fields.filter((f) => !(f.name in DYNAMIC)), ...Object.keys(DYNAMIC).map((name) => ({ name, value: RUN_AS }))]
    : c.fields;
  const parts = renderInline(fields).map((part) => {
    const name = /^<([A-Za-z]+)>/.exec(part)?.[1];
    return policies && name && name in DYNAMIC && part === `<${name}>${RUN_AS}</${name}>` ? DYNAMIC[name] : apexString(part);
  });
  return `upsert(${apexString(c.type)}, ${apexString(c.fullName)},\n        ${parts.join('\n        + ')});`;
}

const hasPolicies = (input: BootstrapInput) => input.components.some((c) => c.type === OAUTH_POLICIES_TYPE);

/** The anonymous Apex the script runs (sed fills __API_VERSION__ and __RUN_AS_USER__). */
export function bootstrapApex(input: BootstrapInput): string {
  const guard = input.components.find((c) => c.type === GLOBAL_OAUTH_TYPE);
  const list = input.components.map((c) => `//   ${c.type.padEnd(38)} ${c.fullName}`).join('\n');
  const runAs = hasPolicies(input) ? `
// The client credentials run-as user of the target org ('' = none), from ECA_RUN_AS_USER.
String runAsUser = '${RUN_AS}';
if (runAsUser.startsWith('__')) runAsUser = '';
Boolean ccWanted = ${input.clientCredentials};
Boolean ccEnabled = ccWanted && String.isNotBlank(runAsUser);
if (ccWanted && !ccEnabled) {
    System.debug(LoggingLevel.WARN, 'Client credentials flow left disabled in the OAuth policies: no run-as user (set ECA_RUN_AS_USER).');
}
` : '';
  const calls = input.components.map((c) => `    ${upsertCall(c)}`).join('\n');
  const body = guard
    ? `if (exists(${apexString(guard.type)}, ${apexString(guard.fullName)})) {
    System.debug(${apexString(`The OAuth plugin of ${input.app} is already bootstrapped on this org; nothing to do.`)});
} else {
${calls}
    System.debug(${apexString(`OAuth bootstrapped for ${input.app}`)});
}`
    : `${calls.replace(/^ {4}/gm, '')}`;
  return `// Pattern 2 OAuth bootstrap of the External Client App ${input.app} (generated by ECA tools${input.origin ? ` ${input.origin}` : ''}),
// run by the shell script beside it, which fills in __API_VERSION__${hasPolicies(input) ? ' and __RUN_AS_USER__' : ''} and deploys a
// Remote Site Setting for this org's My Domain URL first. It calls this org's own Metadata API
// (upsertMetadata) to create, in this order:
${list}
// No oauthLink and no credential: this org owns the consumer; the platform generates its key and secret.
// An org that already has the app's global OAuth settings is left alone (redeploys never rotate credentials).
${runAs}
String call(String operation, String body) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint(URL.getOrgDomainUrl().toExternalForm() + '/services/Soap/m/__API_VERSION__');
    req.setMethod('POST');
    req.setTimeout(120000);
    req.setHeader('Content-Type', 'text/xml; charset=UTF-8');
    req.setHeader('SOAPAction', operation);
    req.setBody('<?xml version="1.0" encoding="UTF-8"?>'
        + '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + '<env:Header><SessionHeader xmlns="http://soap.sforce.com/2006/04/metadata"><sessionId>' + UserInfo.getSessionId() + '</sessionId></SessionHeader></env:Header>'
        + '<env:Body><' + operation + ' xmlns="http://soap.sforce.com/2006/04/metadata">' + body + '</' + operation + '></env:Body></env:Envelope>');
    HttpResponse res = new Http().send(req);
    if (res.getStatusCode() != 200) {
        throw new CalloutException(operation + ' failed (HTTP ' + res.getStatusCode() + '): ' + res.getBody().left(2000));
    }
    return res.getBody();
}

void upsert(String type, String fullName, String fields) {
    String answer = call('upsertMetadata', '<metadata xsi:type="' + type + '"><fullName>' + fullName.escapeXml() + '</fullName>' + fields + '</metadata>');
    if (!answer.contains('<success>true</success>')) {
        throw new CalloutException('upsertMetadata ' + type + ' ' + fullName + ' failed: ' + answer.left(2000));
    }
    System.debug(type + ' ' + fullName + ' upserted');
}

Boolean exists(String type, String fullName) {
    return call('readMetadata', '<type>' + type + '</type><fullNames>' + fullName.escapeXml() + '</fullNames>').contains('<fullName>');
}

${body}
`;
}

/** The postDeploymentScript; always LF (bash rejects CR). */
export function bootstrapShell(input: BootstrapInput): string {
  const policies = hasPolicies(input);
  const user = input.defaultRunAsUser ?? '';
  const runAsDoc = policies
    ? `#   ECA_RUN_AS_USER       client credentials run-as user (an API-only user) of the target org${input.clientCredentials ? `\n#                         (default: ${user || 'none: the flow stays off in the OAuth policies'})` : ' (unused)'}\n`
    : '';
  const runAs = policies ? `RUN_AS_USER="\${ECA_RUN_AS_USER:-${user}}"
if [[ -n "$RUN_AS_USER" && ! "$RUN_AS_USER" =~ ${SCRIPT_SAFE_USERNAME.source} ]]; then
  echo "ECA_RUN_AS_USER '$RUN_AS_USER' is not a Salesforce username" >&2
  exit 1
fi
` : '';
  return `#!/usr/bin/env bash
# Pattern 2 OAuth bootstrap of the External Client App ${input.app} (generated by ECA tools${input.origin ? ` ${input.origin}` : ''}).
# sfp runs it as the postDeploymentScript of ${input.packageName ? `the package ${input.packageName}` : 'its package'} after deploying the app's header
# (distributionState Local), as:
#   <script> <packageName> <targetOrg> [devHub artifactDir packageDir]
# It deploys a Remote Site Setting for the target org's own My Domain URL, then runs ${input.apexFile}
# beside it on that org: the Apex calls the org's Metadata API (upsertMetadata) to create the app's
# OAuth consumer (a consumer key and secret of that org) and its OAuth settings and policies. An org
# that already has them is left alone, so redeploying the header never rotates credentials.
#
# Environment:
${runAsDoc}#   ECA_SKIP_REMOTE_SITE  set to 1 when the org already has a Remote Site Setting for its own My Domain URL
set -euo pipefail

# ---- configuration ---------------------------------------------------------------------------
APP_NAME="${input.app}"
API_VERSION="${input.apiVersion}"
# -----------------------------------------------------------------------------------------------

if [ "$#" -lt 2 ]; then
  echo "usage: $0 <packageName> <targetOrg> [devHub artifactDir packageDir]" >&2
  exit 2
fi
TARGET_ORG="$2"
${runAs}
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ "\${ECA_SKIP_REMOTE_SITE:-}" != "1" ]]; then
  # The Apex calls this org's own Metadata API: allow its My Domain URL as a remote site. Deployed
  # here, not upserted by the Apex: that callout would itself need the Remote Site.
  instance_url="$(sf org display --target-org "$TARGET_ORG" --json | sed -n 's/^ *"instanceUrl": *"\\([^"]*\\)".*/\\1/p' | head -n 1)"
  if [[ -z "$instance_url" ]]; then
    echo "could not read the instance URL of $TARGET_ORG" >&2
    exit 1
  fi
  mkdir -p "$work/rss/remoteSiteSettings"
  cat > "$work/rss/package.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>ECA_Bootstrap_MetadataApi</members>
        <name>RemoteSiteSetting</name>
    </types>
    <version>$API_VERSION</version>
</Package>
XML
  cat > "$work/rss/remoteSiteSettings/ECA_Bootstrap_MetadataApi.remoteSite" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<RemoteSiteSetting xmlns="http://soap.sforce.com/2006/04/metadata">
    <description>Lets the External Client App bootstrap Apex call this org's Metadata API</description>
    <disableProtocolSecurity>false</disableProtocolSecurity>
    <isActive>true</isActive>
    <url>$instance_url</url>
</RemoteSiteSetting>
XML
  sf project deploy start --metadata-dir "$work/rss" --target-org "$TARGET_ORG" --wait 10
fi

sed -e "s|__API_VERSION__|$API_VERSION|g"${policies ? ' -e "s|__RUN_AS_USER__|$RUN_AS_USER|"' : ''} "$here/${input.apexFile}" > "$work/bootstrap.apex"
echo "Bootstrapping the OAuth plugin of $APP_NAME on $TARGET_ORG"
sf apex run --target-org "$TARGET_ORG" --file "$work/bootstrap.apex"
`;
}
