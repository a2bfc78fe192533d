// The engine's public surface. Server, CLI and tests call these; nothing here knows LSP or vscode.
// Editors and tools start from getLanguageService(new EcaWorkspace(...)); batch tools from
// loadProject(root, options).
export * from './types';
export { parseFile, decodeBytes, type ParsedFile } from './document';
export { classify, isEcaCandidate } from './files';
export { ProjectModel, normalize } from './project/model';
export { CATALOGUE, RULE_BY_ID } from './rules/catalogue';
export { applyOptions, checkParsed, checkFile, sortDiagnostics, type CheckOptions } from './check';
export { EcaWorkspace, loadProject, createProjectModel, readParsed, noImpact, mergeImpact, type Impact, type ScanStats, type WorkspaceOptions, type ProjectOptions, type LoadOptions } from './workspace';
export { getLanguageService, type LanguageService, type CompletionItem, type HoverInfo, type DocumentSymbol, type Location } from './languageService';
