// Which deployment pattern an app follows, and which distributionState fits it, with the reason in
// words. Pattern 1: a Packaged app in an unlocked package (the oauthLink retrieved from the
// DevHub). Pattern 2: a Local app in a source package whose postDeploymentScript bootstraps OAuth.
// Diagnostics ("did you mean"), the code lens and the flip picker all ask suggestedDistributionState()
// so every surface suggests the same value for the same reason (issue 18.3).
import { stripNamespace, type ProjectModel } from './model';
import { HEADER_TYPE, OAUTH_SETTINGS_TYPE } from '../schema';
import { summaryDistributionState } from '../rules/values';

export interface PatternEvidence { pattern: 1 | 2; fact: string }

export interface PatternVerdict {
  pattern: 1 | 2 | null;
  evidence: PatternEvidence[];
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
      if (hp.type === 'unlocked' || hp.type === 'org-dependent') evidence.push({ pattern: 1, fact: `the header is in the ${hp.type} package '${pn}'` });
      else if (hp.type === 'source') evidence.push({ pattern: 2, fact: `the header is in the source package '${pn}'` });
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
  state: 'Local' | 'Packaged';
  pattern: 1 | 2;
  /** One sentence saying why, for messages, lenses and pickers. */
  reason: string;
}

/**
 * The distributionState that fits the pattern the project shows for `app`, judged from everything
 * but the current distributionState (the value being questioned). Undefined when the project says
 * nothing either way (no package directory, or evidence that balances out).
 */
export function suggestedDistributionState(model: ProjectModel, app: string): StateSuggestion | undefined {
  const { pattern, evidence } = classifyPattern(model, app, { ignoreState: true });
  if (!pattern) return undefined;
  const facts = evidence.filter((e) => e.pattern === pattern).map((e) => e.fact);
  const list = facts.length > 1 ? `${facts.slice(0, -1).join(', ')} and ${facts[facts.length - 1]}` : facts[0];
  return pattern === 1
    ? { state: 'Packaged', pattern, reason: `Packaged fits pattern 1 here: ${list}.` }
    : { state: 'Local', pattern, reason: `Local fits pattern 2 here: ${list}.` };
}
