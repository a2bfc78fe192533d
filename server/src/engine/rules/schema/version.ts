// Judging a file at its API version (project/apiVersion.ts) against the per-version table
// (schema/versions.ts), for the schema rules that keep their codes (unknown-element, invalid-enum,
// invalid-scope). Severity follows the evidence: what a later version removed is an error (the
// platform says so: "isNamedUserJwtEnabled … is not valid" from 64.0); what only a later version
// declares is a warning (the published WSDL lags what the platform accepts).
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { RuleContext } from '../context';
import type { Fix, Severity } from '../../types';
import { LineIndex } from '../../text';
import { deploysAt, effectiveApiVersion, type ApiVersionInfo } from '../../project/apiVersion';
import { KNOWN_API_VERSIONS, formatApiVersion, type VersionVerdict } from '../../schema/versions';

export interface VersionFinding { severity: Severity; message: string; fixes: Fix[] }

export function fileApiVersion(ctx: RuleContext): ApiVersionInfo {
  return effectiveApiVersion(ctx.file, ctx.project);
}

/**
 * The finding for `what` ("<isCanvasPluginEnabled> (ExtlClntAppOauthSettings)") when the file's
 * version does not declare it; null when it does (or the table has no record of it). `remove`
 * is the fix that takes it out of the file.
 */
export function versionFinding(ctx: RuleContext, verdict: VersionVerdict, what: string, remove?: Fix): VersionFinding | null {
  if (verdict.kind === 'declared' || verdict.kind === 'unknown') return null;
  const v = fileApiVersion(ctx);
  const at = deploysAt(v);
  // Removed: an error where the deploy version is known; with no version declared anywhere the file
  // may well deploy at an older one, so it is a warning that says so.
  if (verdict.kind === 'removed' && v.source === 'newest') {
    return { severity: 'warning', fixes: remove ? [remove] : [],
      message: `${what} is ${verdict.text}; ${at}. If it deploys at a later version, the Metadata API may reject it ("not valid"); set sourceApiVersion in sfdx-project.json to the version it deploys at.` };
  }
  if (verdict.kind === 'removed') {
    return { severity: 'error', fixes: remove ? [{ ...remove, preferred: true }] : [],
      message: `${what} is ${verdict.text}; ${at}, where the Metadata API rejects it ("not valid"). Remove it, or deploy at a version that declares it.` };
  }
  const first = verdict.ranges.map(([a]) => a).find((a) => a > v.version);
  const fixes: Fix[] = [];
  const raise = first !== undefined ? raiseSourceApiVersion(ctx, v, first) : undefined;
  if (raise) fixes.push(raise);
  if (remove) fixes.push(remove);
  return { severity: 'warning', fixes,
    message: `${what} is ${verdict.text}; ${at}. The deploy may reject it (the published WSDL can lag what the platform accepts).${raise ? ` Raise sourceApiVersion to ${formatApiVersion(first!)}, or remove it.` : ' Remove it, or deploy at a version that declares it.'}` };
}

/** The fix that sets sourceApiVersion in sfdx-project.json to a version we know. */
function raiseSourceApiVersion(ctx: RuleContext, v: ApiVersionInfo, to: number): Fix | undefined {
  const sfdx = ctx.project?.sfdx;
  if (v.source !== 'sfdx-project.json' || !sfdx || !KNOWN_API_VERSIONS.includes(to)) return undefined;
  const node = findNodeAtLocation(parseTree(sfdx.text) ?? { type: 'null', offset: 0, length: 0 }, ['sourceApiVersion']);
  if (!node || node.type !== 'string') return undefined;
  const lines = new LineIndex(sfdx.text);
  return { title: `Raise sourceApiVersion to ${formatApiVersion(to)} (sfdx-project.json)`,
    changes: [{ kind: 'edit', path: sfdx.path, edits: [{ range: lines.range(node.offset, node.offset + node.length), newText: `"${formatApiVersion(to)}"` }] }] };
}
