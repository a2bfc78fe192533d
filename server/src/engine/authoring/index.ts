// Authoring commands of the engine: flip distributionState, scaffold environment policy folders,
// new External Client App. Pure functions of an AuthoringSource (the project model plus the
// current text of files) that return FileChange[] and never touch the disk; the language server
// turns them into a WorkspaceEdit, the CLI writes them.
export { AuthoringError, isAuthoringError, type AuthoringErrorCode } from './errors';
export { applyTextEdits, mergeChanges, readProjectText, type AuthoringSource } from './source';
export { authoringContext, type AuthoringContext, type EcaInfo, type AuthoringEnvironment, type PackageInfo } from './context';
export { planFlip, flipChanges, chosenFollowUps, RETRIEVE_COMMAND, type FlipPlan, type FlipRequest, type FollowUp, type FollowUpId, type FollowUpSelection, type DistributionState } from './flip';
export { planScaffold, USERNAME_RE, ALIAS_RE, type ScaffoldRequest, type ScaffoldResult, type PolicyKind } from './scaffold';
export { planNewEca, validateName, NAME_RE, type NewEcaRequest, type NewEcaResult } from './newEca';
