// "ECA: Scaffold Environment Policy Folders" (eca.scaffoldEnvironmentPolicies). Pick the ECA, the
// environments (sf org aliases, existing alias folders, default), the policy types, and a run-as
// user per environment (production is asked explicitly: it never falls back to default/). The
// server plans the files and the aliasfy package entry; they apply as one WorkspaceEdit, existing
// files are skipped and reported. Answers can be passed in the argument object.
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AuthoringContext, PolicyKind } from '../../../server/src/engine/authoring';
import { AUTHORING_METHODS, type ContextAnswer, type ScaffoldAnswer } from '../../../server/src/lsp/authoringProtocol';
import { USERNAME_RE } from '../../../server/src/engine/username';
import { applyChanges, argsOf, errorOf, request, targetOf, type CommandError } from './authoringShared';

export const SCAFFOLD_COMMAND_ID = 'eca.scaffoldEnvironmentPolicies';
const TITLE = 'Scaffold Environment Policy Folders';
const ALIAS_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface ScaffoldCommandArgs {
  /** A file or folder of the project (an ECA file also names the app). */
  uri?: vscode.Uri | string;
  eca?: string;
  envs?: string[];
  policies?: PolicyKind[];
  /** Run-as user per environment; environments not listed are asked for unless `askRunAsUsers` is false. */
  runAsUsers?: Record<string, string>;
  askRunAsUsers?: boolean;
  packageDir?: string;
}

export interface ScaffoldCommandResult {
  applied: boolean;
  eca?: string;
  packageDir?: string;
  packageEntryAdded?: boolean;
  created: string[];
  skipped: { env: string; path: string; reason: string }[];
  notes: string[];
  edited: string[];
  error?: CommandError;
}

/** How an environment reads in the list: what it is, and whether it already has the app's policies. */
const KIND_TEXT: Record<string, string> = {
  default: 'fallback for orgs without their own folder',
  production: 'production: never falls back to default/',
  sandbox: 'sandbox',
  scratch: 'scratch org',
  devhub: 'Dev Hub',
  unknown: 'org type not known (no sf login)',
};
const SOURCE_TEXT: Record<string, string> = { 'sf alias': 'sf alias', folder: 'has a folder', 'production setting': 'in eca.productionAliases' };

export type EnvItem = vscode.QuickPickItem & { alias?: string; other?: boolean };

/** The environment list of the scaffold, with its safe default selection (exported for the e2e test). */
export function envItems(ctx: AuthoringContext, eca: string): EnvItem[] {
  type Item = EnvItem;
  const have = new Set(ctx.ecas.find((e) => e.name === eca)?.policyEnvs ?? []);
  // Safe default: the environments that need a file and lack one (default, production, existing folders).
  const needs = (e: AuthoringContext['environments'][number]) => e.alias === 'default' || e.kind === 'production' || e.sources.includes('folder');
  const items: Item[] = ctx.environments.map((e) => ({
    label: e.alias,
    description: have.has(e.alias) ? `$(check) has ${eca}'s policies` : `$(circle-large-outline) no policies yet`,
    detail: [KIND_TEXT[e.kind] ?? e.kind, ...e.sources.filter((s) => s !== 'fallback').map((s) => SOURCE_TEXT[s] ?? s)].join(' · '),
    picked: !have.has(e.alias) && needs(e),
    alias: e.alias,
  }));
  items.push({ label: '$(add) Another org alias…', other: true });
  return items;
}

async function pickEnvs(ctx: AuthoringContext, eca: string, title: string): Promise<string[] | undefined> {
  const items = envItems(ctx, eca);
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Environments to create policy files for', canPickMany: true, ignoreFocusOut: true, matchOnDetail: true });
  if (!picked) return undefined;
  const envs = picked.filter((i) => i.alias).map((i) => i.alias!);
  if (picked.some((i) => i.other)) {
    const more = await vscode.window.showInputBox({
      title, prompt: 'Org aliases, separated by commas (exactly as `sf org list` shows them)', placeHolder: 'uat, prod', ignoreFocusOut: true,
      validateInput: (v) => v.split(',').map((s) => s.trim()).filter(Boolean).every((a) => ALIAS_RE.test(a)) ? undefined : 'Letters, digits, . _ - only',
    });
    if (more === undefined) return undefined;
    envs.push(...more.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return [...new Set(envs)];
}

export async function scaffold(client: LanguageClient, arg?: unknown): Promise<ScaffoldCommandResult> {
  const args = argsOf<ScaffoldCommandArgs>(arg);
  const none: ScaffoldCommandResult = { applied: false, created: [], skipped: [], notes: [], edited: [] };
  const target = await targetOf(args.uri, TITLE);
  if (!target) return fail(none, { code: 'NOT_FOUND', message: 'open a folder with an sfdx-project.json first.' });
  let ctx: ContextAnswer;
  try {
    ctx = await request<ContextAnswer>(client, AUTHORING_METHODS.context, { target });
  } catch (e) {
    return fail(none, errorOf(e));
  }
  // The app: named, else the one the ECA file the command was invoked on belongs to, else picked.
  let eca = args.eca ?? ctx.targetEca;
  if (!eca) {
    if (!ctx.ecas.length) return fail(none, { code: 'NOT_FOUND', message: 'this project has no External Client App header (externalClientApps/*.eca-meta.xml).' });
    const pick = ctx.ecas.length === 1 ? { label: ctx.ecas[0].name } : await vscode.window.showQuickPick(
      ctx.ecas.map((e) => ({ label: e.name, description: `${e.distributionState}${e.pattern ? ` · pattern ${e.pattern}` : ''}`, detail: e.header })),
      { title: TITLE, placeHolder: 'Which External Client App?' });
    if (!pick) return none;
    eca = pick.label;
  }
  const title = `${TITLE}: ${eca}`;
  const envs = args.envs ?? (await pickEnvs(ctx, eca, title));
  if (!envs?.length) return none;
  let policies = args.policies;
  if (!policies) {
    const picked = await vscode.window.showQuickPick([
      { label: 'OAuth policies', description: 'extlClntAppOauthPolicies: client credentials and run-as user, IP relaxation, refresh token, session level', picked: true, policy: 'oauth' as PolicyKind },
      { label: 'Plugin policies', description: 'extlClntAppPolicies: the app and its OAuth plugin enabled', picked: false, policy: 'plugin' as PolicyKind },
    ], { title, placeHolder: 'Policy types to create', canPickMany: true, ignoreFocusOut: true });
    if (!picked?.length) return none;
    policies = picked.map((p) => p.policy);
  }
  const runAsUsers: Record<string, string> = { ...(args.runAsUsers ?? {}) };
  if (policies.includes('oauth') && args.askRunAsUsers !== false) {
    for (const env of envs) {
      if (env === 'default' || env in runAsUsers) continue;
      const production = ctx.productionAliases.includes(env);
      const user = await vscode.window.showInputBox({
        title: `${title} · ${env}${production ? ' (production)' : ''}`,
        prompt: production
          ? `Run-as user (clientCredentialsFlowUser) in ${env}. Production never falls back to default/: give its integration user, or leave empty to keep client credentials off.`
          : `Run-as user (clientCredentialsFlowUser) in ${env}; empty keeps client credentials off.`,
        placeHolder: `integration.user@example.com${production ? '' : `.${env}`}`,
        ignoreFocusOut: true,
        validateInput: (v) => {
          if (!v.trim()) return undefined;
          if (!USERNAME_RE.test(v.trim())) return 'A Salesforce username looks like an email address';
          if (Object.entries(runAsUsers).some(([e, u]) => e !== env && u === v.trim())) return 'Usernames are unique across orgs: this one is already used for another environment';
          return undefined;
        },
      });
      if (user === undefined) return none;
      if (user.trim()) runAsUsers[env] = user.trim();
    }
  }
  let plan: ScaffoldAnswer;
  try {
    plan = await request<ScaffoldAnswer>(client, AUTHORING_METHODS.scaffold, { target, eca, envs, policies, runAsUsers, packageDir: args.packageDir });
  } catch (e) {
    return fail(none, errorOf(e));
  }
  const skipped = plan.skipped.map((s) => ({ env: s.env, path: s.path, reason: s.reason }));
  const base: ScaffoldCommandResult = { ...none, eca: plan.eca, packageDir: plan.packageDir, packageEntryAdded: plan.packageEntryAdded, skipped, notes: plan.notes };
  const applied = await applyChanges(plan.changes, plan.versions, `Scaffold ${plan.eca} policies`);
  if (!applied.applied) return fail(base, applied.error!);
  const result = { ...base, applied: true, created: applied.created, edited: applied.edited };
  const parts = [
    applied.created.length ? `created ${applied.created.length} file(s) in ${plan.packageDir}${plan.packageEntryAdded ? ' (new aliasfy package in sfdx-project.json)' : ''}` : 'nothing to create',
    skipped.length ? `skipped ${[...new Set(skipped.map((s) => s.env))].join(', ')} (exists)` : '',
    ...plan.notes,
  ].filter(Boolean);
  const show = plan.notes.length || !applied.created.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`${plan.eca}: ${parts.join('. ')}`);
  if (applied.created[0]) void vscode.window.showTextDocument(uriOf(applied.created[0]), { preview: true, preserveFocus: true }).then(undefined, () => undefined);
  return result;
}

function fail(result: ScaffoldCommandResult, error: CommandError): ScaffoldCommandResult {
  void vscode.window.showErrorMessage(`${TITLE}: ${error.message}`);
  return { ...result, applied: false, error };
}
