// What every protocol handler receives: the connection, the open documents, the engine's workspace
// and language service, the user's settings, and the diagnostics publisher. Built once by
// startServer (server.ts); handlers register themselves against it and keep no global state.
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcaWorkspace, Impact, LanguageService, Severity } from '../engine';
import type { Diagnostics } from './handlers/diagnostics';

export type ValidationScope = 'workspace' | 'openFiles';

/** The `eca.*` settings the server reads (package.json contributes.configuration). */
export interface Settings {
  severityOverrides: Record<string, Severity | 'off'>;
  disabledRules: string[];
  productionAliases: string[];
  /** eca.apiVersion: the API version every file is judged at ("" or absent: each file's own). */
  apiVersion?: number;
  /** eca.exclude: gitignore patterns, relative to each project's root, of files no check covers. */
  exclude: string[];
  /** eca.validation.scope: publish every ECA file's problems (workspace) or open files' only. */
  validationScope: ValidationScope;
}

export const DEFAULT_SETTINGS: Settings = { severityOverrides: {}, disabledRules: [], productionAliases: [], exclude: [], validationScope: 'workspace' };

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: EcaWorkspace;
  readonly service: LanguageService;
  settings: Settings;
  /** Workspace folders given at initialize (absolute paths). */
  roots: string[];
  hasConfigCapability: boolean;
  /** What the client said it supports at initialize. */
  clientCapabilities: ClientCapabilities;
  log(msg: string): void;
  /** Set by the diagnostics handler before any other handler registers. */
  diagnostics: Diagnostics;
  /** Apply a change's impact: re-check and re-publish what it affected. */
  changed(impact: Impact): void;
  /** Listeners told after a project pass (project rules re-ran, files re-published). */
  readonly projectListeners: (() => void)[];
  /**
   * Set while the workspace folders' project files are being read through an asynchronous file
   * system (a web worker's): documents opened meanwhile wait for it, so they join the right project.
   */
  rootsKnown?: { promise: Promise<void>; resolve(): void };
}
