#!/usr/bin/env bash
# sfp postDeploymentScript of the acme-eca-erp-sync package (pattern 2: a Local ECA per org).
# Runs anonymous Apex on the target org that calls the org's own Metadata API (upsertMetadata) to
# create the OAuth settings, the global OAuth settings (the consumer) and the plugin policies, so
# every org gets its own consumer key and secret. sfp calls it as:
#   bootstrap-eca-oauth.sh <packageName> <targetOrg> <devHub> <artifactDir> <packageDir>
set -euo pipefail

APP_NAME="Acme_Erp_Sync"
SCOPES="Api,RefreshToken"
CALLBACK_URL="https://erp.acme.example.com/oauth/callback"
TARGET_ORG="${2:?target org alias or username}"

here="$(cd "$(dirname "$0")" && pwd)"
apex="$(mktemp)"
trap 'rm -f "$apex"' EXIT
sed -e "s|__APP_NAME__|${APP_NAME}|g" -e "s|__SCOPES__|${SCOPES}|g" -e "s|__CALLBACK_URL__|${CALLBACK_URL}|g" \
  "$here/bootstrap-eca-oauth.apex" > "$apex"
sf apex run --target-org "$TARGET_ORG" --file "$apex"
