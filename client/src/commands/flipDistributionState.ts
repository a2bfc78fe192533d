// "ECA: Flip Distribution State (Local ⇄ Packaged)" (eca.flipDistributionState), and the code
// lens on `<distributionState>` that runs it. The server plans the flip and the follow-ups that
// finish the conversion to the other deployment pattern (package type, bootstrap script,
// .forceignore, retrieving the oauthLink); the user picks them in one multi-select list, and the
// flip plus the picked file changes apply as one WorkspaceEdit. Command follow-ups (the retrieve)
// run afterwards. Answers can be passed in the argument object instead of being asked.
import * as vscode from 'vscode';
import { isWorkspaceUri, pathOfUri } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FileChange } from '../../../server/src/engine/types';
import type { AuthoringContext, DistributionState, FollowUp } from '../../../server/src/engine/authoring';
import { AUTHORING_METHODS, type ContextAnswer, type FlipAnswer } from '../../../server/src/lsp/authoringProtocol';
import { applyChanges, argsOf, errorOf, HEADER_RE, pathOf, rel, request, SUFFIX_RE, targetOf, type CommandError } from './authoringShared';
import { diagnosticCode } from './ruleDoc';

export const FLIP_COMMAND_ID = 'eca.flipDistributionState';
const TITLE = 'Flip Distribution State';

export interface FlipCommandArgs {
  /** An ECA file (header or satellite), or any file of the project when `eca` names the app. */
  uri?: vscode.Uri | string;
  /** Developer name of the app (skips the pick). */
  eca?: string;
  /** Target state (default: the other one). */
  to?: DistributionState;
  /** Follow-ups to apply with the flip (skips the pick): ids, or 'recommended' | 'all' | 'none'. */
  followUps?: string[] | 'recommended' | 'all' | 'none';
  /** Apply the follow-ups but not the flip itself (finishing a half-done conversion). Default true. */
  flip?: boolean;
  /** Run command follow-ups (the retrieve from the DevHub) after the edit. Default true. */
  runCommands?: boolean;
}

export interface FlipCommandResult {
  applied: boolean;
  eca?: string;
  from?: string;
  to?: DistributionState;
  followUps: string[];
  created: string[];
  edited: string[];
  implications: string[];
  error?: CommandError;
}

type Item = vscode.QuickPickItem & { followUp?: FollowUp; isFlip?: boolean };

async function pickEca(client: LanguageClient, target: string): Promise<string | undefined> {
  const ctx = await request<AuthoringContext>(client, AUTHORING_METHODS.context, { target });
  if (!ctx.ecas.length) {
    void vscode.window.showWarningMessage(`${TITLE}: this project has no External Client App header (externalClientApps/*.eca-meta.xml).`);
    return undefined;
  }
  if (ctx.ecas.length === 1) return ctx.ecas[0].name;
  const pick = await vscode.window.showQuickPick(ctx.ecas.map((e) => ({
    label: e.name,
    description: `${e.distributionState}${e.package ? ` · ${e.package.name ?? e.package.path} (${e.package.type})` : ''}${e.pattern ? ` · pattern ${e.pattern}` : ''}`,
    detail: e.header,
  })), { title: TITLE, placeHolder: 'Which External Client App?' });
  return pick?.label;
}

export type FlipItem = Item;

/**
 * The flip's list: the file change (checked), the package follow-ups (unchecked: the user opts in)
 * and the notes as plain separator text. Exported for the e2e test of the defaults.
 */
export function flipItems(plan: FlipAnswer, withFlip: boolean): FlipItem[] {
  const items: FlipItem[] = [];
  if (withFlip) items.push({ label: `$(arrow-swap) Set distributionState to ${plan.to}`, description: `${plan.from} → ${plan.to}`, detail: plan.implications[0], picked: true, isFlip: true });
  // Safe default: only the file changes. The package-level follow-ups (package type, bootstrap
  // script, .forceignore, retrieve) are offered unchecked: the user opts in.
  if (plan.followUps.length) items.push({ label: 'Package changes (opt in)', kind: vscode.QuickPickItemKind.Separator });
  for (const f of plan.followUps) items.push({ label: f.command ? `$(cloud-download) ${f.title}` : f.title, description: f.recommended ? 'recommended for this pattern' : undefined, detail: f.detail, picked: false, followUp: f });
  // What the flip implies: plain text (separator lines), never a choice.
  const notes = plan.implications.slice(1);
  for (const n of notes) items.push({ label: `Note: ${n}`, kind: vscode.QuickPickItemKind.Separator });
  return items;
}

export async function flip(client: LanguageClient, arg?: unknown): Promise<FlipCommandResult> {
  const args = argsOf<FlipCommandArgs>(arg);
  const none: FlipCommandResult = { applied: false, followUps: [], created: [], edited: [], implications: [] };
  const target = await targetOf(args.uri, TITLE);
  if (!target) {
    void vscode.window.showErrorMessage(`${TITLE}: open a folder with an sfdx-project.json first.`);
    return none;
  }
  // The ECA: named, else the ECA file the command was invoked on, else picked.
  let eca = args.eca;
  const filePath = pathOf(args.uri) ?? (vscode.window.activeTextEditor && pathOfUri(vscode.window.activeTextEditor.document.uri));
  const onEcaFile = !eca && !!filePath && SUFFIX_RE.test(filePath);
  if (!eca && !onEcaFile) {
    try {
      eca = await pickEca(client, target);
    } catch (e) {
      return fail(none, errorOf(e));
    }
    if (!eca) return none;
  }
  let plan: FlipAnswer;
  let to = args.to;
  for (;;) {
    try {
      plan = await request<FlipAnswer>(client, AUTHORING_METHODS.flip, { target, eca, path: onEcaFile ? filePath : undefined, to });
      break;
    } catch (e) {
      const err = errorOf(e);
      // A value that is neither Local nor Packaged: ask which one to set.
      if (err.code === 'INVALID' && !to && /neither Local nor Packaged/.test(err.message)) {
        const pick = await vscode.window.showQuickPick(['Packaged', 'Local'], { title: TITLE, placeHolder: err.message });
        if (!pick) return none;
        to = pick as DistributionState;
        continue;
      }
      return fail(none, err);
    }
  }
  const base: FlipCommandResult = { ...none, eca: plan.eca, from: plan.from, to: plan.to, implications: plan.implications };
  const withFlip = args.flip !== false && plan.changes.length > 0;

  let chosen: FollowUp[];
  let doFlip = withFlip;
  if (args.followUps !== undefined) {
    const sel = args.followUps;
    chosen = sel === 'none' ? [] : sel === 'all' ? plan.followUps : sel === 'recommended' ? plan.followUps.filter((f) => f.recommended)
      : plan.followUps.filter((f) => sel.includes(f.id));
    const unknown = Array.isArray(sel) ? sel.filter((id) => !plan.followUps.some((f) => f.id === id)) : [];
    if (unknown.length) return fail(base, { code: 'INVALID', message: `Unknown follow-up ${unknown.join(', ')} (offered: ${plan.followUps.map((f) => f.id).join(', ') || 'none'}).` });
  } else {
    if (!withFlip && !plan.followUps.length) {
      void vscode.window.showInformationMessage(`${plan.eca} is already ${plan.to}. ${plan.implications.join(' ')}`);
      return { ...base, applied: true };
    }
    const items = flipItems(plan, withFlip);
    const picked = await vscode.window.showQuickPick(items, {
      title: `${TITLE}: ${plan.eca} ${plan.from} → ${plan.to} (pattern ${plan.pattern})`,
      placeHolder: 'Changes to apply (one undo step)',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked) return base;
    doFlip = picked.some((i) => i.isFlip);
    chosen = picked.filter((i) => i.followUp).map((i) => i.followUp!);
  }

  const changes: FileChange[] = [...(doFlip ? plan.changes : []), ...chosen.flatMap((f) => f.changes ?? [])];
  const applied = await applyChanges(changes, plan.versions, `Flip ${plan.eca} to ${plan.to}`);
  const result: FlipCommandResult = { ...base, applied: applied.applied, followUps: chosen.map((f) => f.id), created: applied.created, edited: applied.edited, error: applied.error };
  if (!applied.applied) return fail(result, applied.error!);
  const notes = plan.implications.slice(1);
  if (changes.length) {
    void vscode.window.showInformationMessage(`${plan.eca}: distributionState ${doFlip ? `${plan.from} → ${plan.to}` : plan.from}${chosen.length ? `; ${chosen.map((f) => f.title).join('; ')}` : ''}.${notes.length ? ` ${notes.join(' ')}` : ''}`);
  }
  if (args.runCommands !== false) {
    for (const f of chosen) if (f.command) await vscode.commands.executeCommand(f.command.command, ...f.command.arguments);
  }
  return result;
}

function fail(result: FlipCommandResult, error: CommandError): FlipCommandResult {
  void vscode.window.showErrorMessage(`${TITLE}: ${error.message}`);
  return { ...result, applied: false, error };
}

/**
 * A lens on `<distributionState>` (or on the root when it is absent) of every ECA header. It
 * follows the app's packaging as the server's project model reads it: when the state fits, the
 * lens says so and why; when it does not, it suggests the state that fits and why. Nothing is
 * shown on a file that is not well-formed (the lens would describe the app from a broken file).
 */
class FlipLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly client: LanguageClient) {}

  /** Re-ask when the diagnostics of a header change (a file became well-formed, the package changed). */
  watch(): vscode.Disposable {
    return vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => HEADER_RE.test(u.path))) this.changed.fire();
    });
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    // A workspace file (file:, or the web workbench's or a virtual workspace's scheme); not a diff's other side (git:).
    if (!HEADER_RE.test(doc.uri.path) || !isWorkspaceUri(doc.uri)) return [];
    if (vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'eca' && diagnosticCode(d) === 'xml-malformed')) return [];
    // The state and where it is written come from the server's model of the document.
    let ctx: ContextAnswer | undefined;
    try {
      ctx = await request<ContextAnswer>(this.client, AUTHORING_METHODS.context, { target: pathOfUri(doc.uri) });
    } catch {
      return []; // no project model answer: nothing to say about this header
    }
    const info = ctx.ecas.find((e) => e.name === ctx?.targetEca);
    if (!info) return [];
    const current = info.distributionState;
    const at = new vscode.Position(info.stateAt.range.start.line, info.stateAt.range.start.character);
    const range = new vscode.Range(at, at);
    const suggested = info?.suggested;
    const lens = (title: string, to: DistributionState, tooltip: string) =>
      new vscode.CodeLens(range, { title, command: FLIP_COMMAND_ID, arguments: [{ uri: doc.uri.toString(), to }], tooltip });
    const other: DistributionState = current === 'Packaged' ? 'Local' : 'Packaged';
    const patternText = (to: DistributionState) => (to === 'Packaged' ? 'pattern 1: unlocked package + oauthLink' : 'pattern 2: source package + bootstrap script');
    const prefix = info.stateAt.written ? '' : 'Local (default): ';
    if (!suggested) {
      return [lens(`$(arrow-swap) ${prefix}flip to ${other} — ${patternText(other)}`, other, `Flip ${rel(pathOfUri(doc.uri))} and pick the follow-ups that finish the conversion`)];
    }
    if (current === suggested.state) {
      return [lens(`$(check) ${prefix}fits pattern ${suggested.pattern} · flip to ${other} — ${patternText(other)}`, other, `${suggested.why}. Click to flip to ${other} anyway (the package changes are offered, unchecked).`)];
    }
    return [lens(`$(lightbulb) ${prefix}${current} does not fit this package: flip to ${suggested.state} — ${patternText(suggested.state)}`, suggested.state, `${suggested.why}, so ${suggested.state} fits; ${current} does not. Click to flip the file (the package is not changed unless you opt in).`)];
  }
}

/** The code lens on every ECA header (the command itself is in the command table). */
export function registerFlipLens(context: vscode.ExtensionContext, client: LanguageClient): FlipLens {
  const lens = new FlipLens(client);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ pattern: '**/*.eca-meta.xml' }, lens), lens.watch());
  return lens;
}

export type { FlipLens };
