// Every rule of the engine, in catalogue order. To add a rule: write rules/<area>/<rule-id>.ts with
// fileRule()/projectRule() and list it here (docs/recipes/add-a-rule.md). The catalogue, the CLI's
// `rules` output, SARIF metadata and docs/rules.md all read this list.
import type { AnyRule, FileRule, ProjectRule } from './define';
import { fileTooLarge } from './file/file-too-large';
import { fileEncoding } from './file/file-encoding';
import { xmlMalformed } from './file/xml-malformed';
import { xmlNamespace } from './file/xml-namespace';
import { rootMismatch } from './file/root-mismatch';
import { unknownElement } from './schema/unknown-element';
import { missingRequired } from './schema/missing-required';
import { duplicateElement } from './schema/duplicate-element';
import { invalidEnum } from './schema/invalid-enum';
import { invalidBoolean } from './schema/invalid-boolean';
import { invalidNumber } from './schema/invalid-number';
import { invalidScope } from './schema/invalid-scope';
import { fileSuffix } from './naming/file-suffix';
import { fileFolder } from './naming/file-folder';
import { oauthLinkMissing } from './types/oauth-link-missing';
import { globalOauthInSource } from './types/global-oauth-in-source';
import { secretInSource } from './types/secret-in-source';
import { consumerKeyInSource } from './types/consumer-key-in-source';
import { oauthLinkFormat } from './types/oauth-link-format';
import { clientCredentialsUserMissing } from './types/client-credentials-user-missing';
import { clientCredentialsUserFormat } from './types/client-credentials-user-format';
import { clientCredentialsUserUnused } from './types/client-credentials-user-unused';
import { refreshTokenPeriod } from './types/refresh-token-period';
import { sfdxProjectInvalid } from './project/sfdx-project-invalid';
import { apiVersionNewer } from './project/api-version-newer';
import { unknownEca } from './project/unknown-eca';
import { duplicateComponent } from './project/duplicate-component';
import { oauthSettingsDuplicate } from './project/oauth-settings-duplicate';
import { oauthLinkOrgMismatch } from './project/oauth-link-org-mismatch';
import { packagedInSourcePackage } from './project/packaged-in-source-package';
import { localInUnlockedPackage } from './project/local-in-unlocked-package';
import { oauthSettingsInSourcePackage } from './project/oauth-settings-in-source-package';
import { policiesWithoutOauth } from './project/policies-without-oauth';
import { deployOrder } from './project/deploy-order';
import { postDeployScriptMissing } from './project/post-deploy-script-missing';
import { aliasfyNotSource } from './aliasfy/aliasfy-not-source';
import { aliasfyLooseFile } from './aliasfy/aliasfy-loose-file';
import { aliasfyNoDefault } from './aliasfy/aliasfy-no-default';
import { aliasfyNoProduction } from './aliasfy/aliasfy-no-production';
import { aliasfyAliasCase } from './aliasfy/aliasfy-alias-case';
import { aliasfyAliasUnknown } from './aliasfy/aliasfy-alias-unknown';
import { aliasfyMainDefault } from './aliasfy/aliasfy-main-default';
import { aliasfyAmbiguous } from './aliasfy/aliasfy-ambiguous';
import { aliasfyDrift } from './aliasfy/aliasfy-drift';
import { clientCredentialsInDefault } from './aliasfy/client-credentials-in-default';
import { clientCredentialsUserShared } from './aliasfy/client-credentials-user-shared';
import { orgScopedAppFormat } from './platform/org-scoped-app-format';
import { permissionSetId } from './platform/permission-set-id';
import { globalOauthWithoutOauthSettings } from './platform/global-oauth-without-oauth-settings';
import { connectedAppNew } from './platform/connected-app-new';
import { pkceDisabled } from './security/pkce-disabled';
import { refreshTokenRotationOff } from './security/refresh-token-rotation-off';
import { consumerSecretApiAccess } from './security/consumer-secret-api-access';
import { partnerControls } from './security/partner-controls';
import { callbackUrlInsecure } from './security/callback-url-insecure';
import { callbackUrlWildcard } from './security/callback-url-wildcard';
import { refreshTokenNeverExpires } from './security/refresh-token-never-expires';
import { scopeFull } from './security/scope-full';
import { ipRelaxationBypass } from './security/ip-relaxation-bypass';
import { publicClientWithoutPkce } from './security/public-client-without-pkce';

export const ALL_RULES: AnyRule[] = [
  // 1. Well-formedness and schema
  xmlMalformed, xmlNamespace, rootMismatch, unknownElement, missingRequired, duplicateElement,
  invalidEnum, invalidBoolean, invalidNumber, invalidScope, fileTooLarge, fileEncoding,
  // 2. File naming and placement
  fileSuffix, fileFolder,
  // 3. Per type
  oauthLinkMissing, globalOauthInSource, secretInSource, consumerKeyInSource, oauthLinkFormat,
  clientCredentialsUserMissing, clientCredentialsUserFormat, clientCredentialsUserUnused, refreshTokenPeriod,
  // 4. Across files
  unknownEca, duplicateComponent, oauthSettingsDuplicate, oauthLinkOrgMismatch, packagedInSourcePackage,
  localInUnlockedPackage, oauthSettingsInSourcePackage, policiesWithoutOauth, deployOrder, postDeployScriptMissing,
  sfdxProjectInvalid, apiVersionNewer,
  // 5. aliasfy trees
  aliasfyNotSource, aliasfyLooseFile, aliasfyNoDefault, aliasfyNoProduction, aliasfyAliasCase, aliasfyAliasUnknown,
  aliasfyMainDefault, aliasfyAmbiguous, aliasfyDrift, clientCredentialsInDefault, clientCredentialsUserShared,
  // 6. Platform facts 2026
  orgScopedAppFormat, permissionSetId, globalOauthWithoutOauthSettings, connectedAppNew,
  // 8. Security (category `security`: OAuth best practice, RFC 9700 / RFC 8252, Salesforce's partner controls)
  partnerControls, pkceDisabled, publicClientWithoutPkce, callbackUrlInsecure, callbackUrlWildcard,
  refreshTokenRotationOff, refreshTokenNeverExpires, scopeFull, ipRelaxationBypass, consumerSecretApiAccess,
];

export const FILE_RULES: FileRule[] = ALL_RULES.filter((r): r is FileRule => r.kind === 'file');
export const PROJECT_RULES: ProjectRule[] = ALL_RULES.filter((r): r is ProjectRule => r.kind === 'project');
