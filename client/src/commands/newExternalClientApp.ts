// "ECA: New External Client App" (eca.newExternalClientApp): a guided flow for deployment
// pattern 1 (unlocked package, Packaged, ready for the OAuth settings the DevHub retrieve brings)
// or pattern 2 (source package, Local, the bootstrap shell script + anonymous Apex registered as
// postDeploymentScript), plus the .forceignore lines for global OAuth settings. Without an
// sfdx-project.json in the folder, one is created. Answers can be passed in the argument object.
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AuthoringContext } from '../../../server/src/engine/authoring';
import { AUTHORING_METHODS, type NewEcaAnswer } from '../../../server/src/lsp/authoringProtocol';
import { applyChanges, argsOf, errorOf, request, targetOf, type CommandError } from './authoringShared';

export const NEW_ECA_COMMAND_ID = 'eca.newExternalClientApp';
const TITLE = 'New External Client App';
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface NewEcaCommandArgs {
  /** The project (any file or folder in it), or an empty folder to create the project in. */
  uri?: vscode.Uri | string;
  name?: string;
  pattern?: 1 | 2;
  /** Project-relative package directory; '' (or null) lets the engine create a new one. */
  packageDir?: string | null;
  label?: string;
  /** '' skips the question. */
  contactEmail?: string;
  description?: string;
  scopes?: string;
  callbackUrl?: string;
  clientCredentials?: boolean;
  /** Open the new header in an editor. Default true. */
  open?: boolean;
}

export interface NewEcaCommandResult {
  applied: boolean;
  eca?: string;
  pattern?: 1 | 2;
  header?: string;
  script?: string;
  packageDir?: string;
  created: string[];
  edited: string[];
  nextSteps: string[];
  error?: CommandError;
}

function nameProblem(v: string, taken: string[]): string | undefined {
  if (!NAME_RE.test(v) || v.includes('__') || v.endsWith('_')) return 'Start with a letter; letters, digits and single underscores; no trailing underscore';
  if (taken.includes(v)) return `${v} exists already`;
  return undefined;
}

/** An example name for the input box that is not an app of the project (never suggest a taken name). */
export function examplePlaceholder(taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  for (const c of ['My_Integration', 'Partner_Portal', 'Mobile_App']) if (!lower.has(c.toLowerCase())) return c;
  let n = 2;
  while (lower.has(`my_integration_${n}`)) n++;
  return `My_Integration_${n}`;
}

export async function newEca(client: LanguageClient, arg?: unknown): Promise<NewEcaCommandResult> {
  const args = argsOf<NewEcaCommandArgs>(arg);
  const none: NewEcaCommandResult = { applied: false, created: [], edited: [], nextSteps: [] };
  const target = await targetOf(args.uri, TITLE);
  if (!target) return fail(none, { code: 'NOT_FOUND', message: 'open a folder first.' });
  let ctx: AuthoringContext;
  try {
    ctx = await request<AuthoringContext>(client, AUTHORING_METHODS.context, { target });
  } catch (e) {
    return fail(none, errorOf(e));
  }
  const taken = ctx.ecas.map((e) => e.name);
  const name = args.name ?? (await vscode.window.showInputBox({
    title: TITLE, prompt: `API name of the app (as in Setup → External Client App Manager)${taken.length ? `; taken: ${taken.join(', ')}` : ''}`, placeHolder: examplePlaceholder(taken), ignoreFocusOut: true,
    validateInput: (v) => nameProblem(v.trim(), taken),
  }))?.trim();
  if (!name) return none;
  let pattern = args.pattern;
  if (!pattern) {
    const pick = await vscode.window.showQuickPick([
      { label: 'Pattern 1: shared credentials', description: 'unlocked package, Packaged', detail: 'Created once on the DevHub, retrieved with its OAuth settings (oauthLink); every org shares the DevHub\'s consumer; sandboxes keep it on refresh.', pattern: 1 as const },
      { label: 'Pattern 2: independent credentials', description: 'source package, Local, bootstrap script', detail: 'Deployed as source; a postDeploymentScript runs anonymous Apex that creates an OAuth consumer on each org (own key and secret per org).', pattern: 2 as const },
    ], { title: `${TITLE}: ${name}`, placeHolder: 'Deployment pattern', ignoreFocusOut: true });
    if (!pick) return none;
    pattern = pick.pattern;
  }
  let packageDir = args.packageDir === null ? '' : args.packageDir;
  if (packageDir === undefined) {
    const fitting = ctx.packages.filter((p) => !p.aliasfy && (pattern === 1 ? p.type === 'unlocked' || p.type === 'org-dependent' : p.type === 'source' && !p.postDeploymentScript));
    if (fitting.length) {
      const pick = await vscode.window.showQuickPick([
        { label: '$(new-folder) A new package directory', description: 'recommended', dir: '' },
        ...fitting.map((p) => ({ label: p.path, description: `${p.name ?? ''} (${p.type})`, dir: p.path })),
      ], { title: `${TITLE}: ${name}`, placeHolder: `Package directory (pattern ${pattern} needs ${pattern === 1 ? 'an unlocked' : 'a source'} package)`, ignoreFocusOut: true });
      if (!pick) return none;
      packageDir = pick.dir;
    } else packageDir = '';
  }
  const label = args.label ?? (await vscode.window.showInputBox({ title: `${TITLE}: ${name}`, prompt: 'Label', value: name.replace(/_/g, ' '), ignoreFocusOut: true }));
  if (label === undefined) return none;
  const contactEmail = args.contactEmail ?? (await vscode.window.showInputBox({
    title: `${TITLE}: ${name}`, prompt: 'Contact email (optional)', placeHolder: 'integration-team@example.com', ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? undefined : 'Not an email address'),
  }));
  if (contactEmail === undefined) return none;
  let { callbackUrl, scopes } = args;
  if (pattern === 2 && callbackUrl === undefined && args.name === undefined) {
    callbackUrl = await vscode.window.showInputBox({ title: `${TITLE}: ${name}`, prompt: 'Callback URL of the OAuth consumer the bootstrap creates on each org', value: 'https://login.salesforce.com/services/oauth2/success', ignoreFocusOut: true });
    if (callbackUrl === undefined) return none;
    scopes = await vscode.window.showInputBox({ title: `${TITLE}: ${name}`, prompt: 'OAuth scopes (metadata names, comma-separated)', value: 'Api,RefreshToken', ignoreFocusOut: true });
    if (scopes === undefined) return none;
  }
  let plan: NewEcaAnswer;
  try {
    plan = await request<NewEcaAnswer>(client, AUTHORING_METHODS.newEca, {
      target, name, pattern, packageDir: packageDir || undefined, label: label.trim() || undefined, contactEmail: contactEmail.trim() || undefined,
      description: args.description, scopes: scopes || undefined, callbackUrl: callbackUrl || undefined, clientCredentials: args.clientCredentials,
    });
  } catch (e) {
    return fail(none, errorOf(e));
  }
  const applied = await applyChanges(plan.changes, plan.versions, `New External Client App ${plan.eca}`);
  const base: NewEcaCommandResult = { ...none, eca: plan.eca, pattern: plan.pattern, header: plan.header, script: plan.script, packageDir: plan.packageDir, nextSteps: plan.nextSteps };
  if (!applied.applied) return fail(base, applied.error!);
  const headerPath = applied.created.find((p) => p.replace(/\\/g, '/').endsWith(`/${plan.header}`)) ?? applied.created.find((p) => p.endsWith('.eca-meta.xml'));
  if (args.open !== false && headerPath) await vscode.window.showTextDocument(uriOf(headerPath), { preview: false });
  const buttons = plan.pattern === 1 ? ['Retrieve from DevHub', 'Scaffold Policies'] : ['Scaffold Policies'];
  void vscode.window.showInformationMessage(`${plan.eca} (pattern ${plan.pattern}) created in ${plan.packageDir}. ${plan.nextSteps[0]}`, ...buttons).then((b) => {
    if (b === 'Retrieve from DevHub') void vscode.commands.executeCommand('eca.retrieveFromDevHub', { eca: plan.eca });
    if (b === 'Scaffold Policies' && headerPath) void vscode.commands.executeCommand('eca.scaffoldEnvironmentPolicies', { uri: uriOf(headerPath), eca: plan.eca });
  });
  return { ...base, applied: true, created: applied.created, edited: applied.edited };
}

function fail(result: NewEcaCommandResult, error: CommandError): NewEcaCommandResult {
  void vscode.window.showErrorMessage(`${TITLE}: ${error.message}`);
  return { ...result, applied: false, error };
}
