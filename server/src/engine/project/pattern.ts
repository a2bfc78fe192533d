// Which deployment pattern an app follows, and which distributionState fits it, with the reason in
// words. Pattern 1: a Packaged app in an unlocked package (the oauthLink retrieved from the
// DevHub). Pattern 2: a Local app in a source package whose postDeploymentScript bootstraps OAuth.
// This is the one definition: the rules ("did you mean"), the flip code lens and picker, the
// Environments and Apps trees, new-ECA, scaffold and migrate all ask it, so every surface gives the
// same answer for the same reason (test/engine/project/agreement.test.ts runs them side by side).
import { stripNamespace, type PackageDir, type ProjectModel } from './model';
import { HEADER_TYPE, OAUTH_SETTINGS_TYPE } from '../schema';
import { summaryDistributionState } from '../rules/values';

export type Pattern = 1 | 2;
export type PatternState = 'Local' | 'Packaged';

export interface PatternEvidence { pattern: Pattern; fact: string }

export interface PatternVerdict {
  pattern: Pattern | null;
  evidence: PatternEvidence[];
}

/** The distributionState each pattern ships with. */
export const STATE_OF_PATTERN: Readonly<Record<Pattern, PatternState>> = { 1: 'Packaged', 2: 'Local' };

/** The pattern a distributionState belongs to. */
export function patternOfState(state: PatternState): Pattern {
  return state === 'Packaged' ? 1 : 2;
}

/** Unlocked (or org-dependent) packages carry pattern 1. */
export function isUnlockedPackage(pkg: PackageDir): boolean {
  return pkg.type === 'unlocked' || pkg.type === 'org-dependent';
}

/** The pattern a package's type stands for: 1 for unlocked / org-dependent, 2 for source, else undefined. */
export function packagePattern(pkg: PackageDir): Pattern | undefined {
  return isUnlockedPackage(pkg) ? 1 : pkg.type === 'source' ? 2 : undefined;
}

/** The evidence for pattern 1 or 2 the project holds about `app` (its header's package, state, links). */
export function classifyPattern(model: ProjectModel, app: string, opts: { ignoreState?: boolean } = {}): PatternVerdict {
  const comps = model.componentsOf(stripNamespace(app));
  const header = comps.find((c) => c.type === HEADER_TYPE);
  const evidence: PatternEvidence[] = [];
  if (header) {
    const hp = model.packageOf(header.path);
    if (hp) {
      const pn = hp.name ?? hp.rel;
      const p = packagePattern(hp);
      if (p === 1) evidence.push({ pattern: 1, fact: `the header is in the ${hp.type} package '${pn}'${hp.explicitType ? '' : ' (package + versionNumber, no sfp type)'}` });
      else if (p === 2) evidence.push({ pattern: 2, fact: `the header is in the source package '${pn}'` });
      if (hp.postDeploymentScript) evidence.push({ pattern: 2, fact: `'${pn}' runs the postDeploymentScript ${hp.postDeploymentScript} (the OAuth bootstrap)` });
    }
    if (!opts.ignoreState) {
      const state = summaryDistributionState(header.distributionState);
      if (state === 'Packaged') evidence.push({ pattern: 1, fact: 'distributionState is Packaged' });
      else if (state === 'Local') evidence.push({ pattern: 2, fact: `distributionState is Local${header.distributionState === undefined ? ' (not set)' : ''}` });
    }
  }
  if (comps.some((c) => c.type === OAUTH_SETTINGS_TYPE && c.oauthLink)) evidence.push({ pattern: 1, fact: 'its OAuth settings carry an oauthLink retrieved from the DevHub' });
  const one = evidence.filter((e) => e.pattern === 1).length;
  const two = evidence.filter((e) => e.pattern === 2).length;
  return { pattern: one > two ? 1 : two > one ? 2 : null, evidence };
}

export interface StateSuggestion {
  state: PatternState;
  pattern: Pattern;
  /** One sentence saying why, for messages, lenses and pickers. */
  reason: string;
}

/**
 * The distributionState that fits the pattern the project shows for `app`, judged from everything
 * but the current distributionState (the value being questioned). Undefined when the project says
 * nothing either way (no package directory, or evidence that balances out, e.g. an unlocked
 * package that also runs a postDeploymentScript).
 */
export function suggestedDistributionState(model: ProjectModel, app: string): StateSuggestion | undefined {
  const { pattern, evidence } = classifyPattern(model, app, { ignoreState: true });
  if (!pattern) return undefined;
  const facts = evidence.filter((e) => e.pattern === pattern).map((e) => e.fact);
  const list = facts.length > 1 ? `${facts.slice(0, -1).join(', ')} and ${facts[facts.length - 1]}` : facts[0];
  const state = STATE_OF_PATTERN[pattern];
  return { state, pattern, reason: `${state} fits pattern ${pattern} here: ${list}.` };
}
