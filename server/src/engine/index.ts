// The engine's public surface. Server, CLI and tests call these; nothing here knows LSP or vscode.
// Editors and tools start from getLanguageService(new EcaWorkspace(...)); batch tools from
// loadProject(root, options).
export * from './types';
export { parseFile, decodeBytes, type ParsedFile } from './document';
export { classify, isEcaCandidate, isEcaPath } from './files';
export { ProjectModel, normalize } from './project/model';
export { CATALOGUE, RULE_BY_ID, RULE_KIND, type RuleMeta } from './rules/catalogue';
export { suggestedDistributionState, classifyPattern, type StateSuggestion, type PatternVerdict, type PatternEvidence } from './project/pattern';
export { applyOptions, checkParsed, checkSecretsOnly, checkFile, sortDiagnostics, type CheckOptions } from './check';
export { EcaWorkspace, type ScanStats, type WorkspaceOptions } from './workspace';
export { noImpact, mergeImpact, type Impact } from './impact';
export { loadProject, createProjectModel, createUnitModel, readParsed, type ProjectOptions, type LoadOptions, type LoadScope, type LoadedProject } from './project/load';
export { memoryFs, type EngineFs, type AsyncEngineFs, type DirEntry } from './fs';
export { getLanguageService, type LanguageService, type CompletionItem, type HoverInfo, type DocumentSymbol, type Location } from './languageService';
