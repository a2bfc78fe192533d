// What a change affects, as the workspace answers it: the files to re-check and publish, and
// whether the project rules (or everything) must run again, and the facts of a component that decide it.
import type { ComponentSummary } from './project/model';

/** What a change affects: the caller re-publishes these files (and project diagnostics). */
export interface Impact {
  /** Files whose own diagnostics may have changed (the changed file included). */
  files: Set<string>;
  /** Project rules (sections 4–5) must run again. */
  project: boolean;
  /** Everything must be checked again (sfdx-project.json, .forceignore, settings, orgs). */
  all: boolean;
}

/** A change that affects nothing (a fresh object each time: callers may add to it). */
export const noImpact = (): Impact => ({ files: new Set<string>(), project: false, all: false });

/** Fold `b` into `a` (a checkout reports many files in one event). */
export function mergeImpact(a: Impact, b: Impact): Impact {
  for (const f of b.files) a.files.add(f);
  a.project ||= b.project;
  a.all ||= b.all;
  return a;
}

/** The facts other files' single-file rules read (header state, link presence, membership). */
export function fileFacts(s: ComponentSummary | undefined): string {
  // Rotation and scopes: refresh-token-never-expires (a policies file rule) reads them from the app's other files.
  return s ? `${s.type}|${s.eca}|${s.distributionState}|${s.hasOauthLinkElement}|${s.isRefreshTokenRotationEnabled}|${s.oauthScopes}` : '';
}

/** Everything project rules read, ranges included (their diagnostics point into this file). */
export function projectFacts(s: ComponentSummary | undefined): string {
  return s ? JSON.stringify(s) : '';
}
