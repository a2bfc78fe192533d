// The "External Client Apps" view container: the Environments and External Client Apps trees, the
// environment matrix, and their actions. Everything shown comes from the language server's eca/*
// requests; every change to a file goes through a WorkspaceEdit the server computed.
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import {
  ENV_METHODS, type CopySettingResult, type EnvironmentsResult, type ReceivedFile, type ScaffoldParams, type ScaffoldResult,
} from '../../../server/src/lsp/environmentsProtocol';
import { applyChanges } from '../commands/authoringShared';
import { RETRIEVE_COMMAND_ID } from '../commands/retrieve';
import { SCAFFOLD_COMMAND_ID as SCAFFOLD_POLICIES_COMMAND, type ScaffoldCommandResult } from '../commands/scaffoldPolicies';
import { AppsTreeProvider, type AppNode } from './appsTree';
import { EnvironmentsTreeProvider, type EnvNode } from './environmentsTree';
import { fileLabel, SETTING_LABELS } from './format';
import { MatrixPanel, type MatrixTarget } from './matrixPanel';

export { AppsTreeProvider, EnvironmentsTreeProvider, MatrixPanel };
export type { AppNode, EnvNode };

export const VIEW_IDS = { container: 'eca-explorer', environments: 'eca.environments', apps: 'eca.apps' } as const;

export const VIEW_COMMANDS = {
  refresh: 'eca.views.refresh',
  showMatrix: 'eca.views.showMatrix',
  openFile: 'eca.views.openFile',
  revealInExplorer: 'eca.views.revealInExplorer',
  compareWithDefault: 'eca.views.compareWithDefault',
  compareWithEnvironment: 'eca.views.compareWithEnvironment',
  copySetting: 'eca.views.copySetting',
  scaffold: 'eca.views.scaffoldEnvironment',
  retrieve: 'eca.views.retrieveFromDevHub',
} as const;

/** What the extension exposes (through activate()'s API) so end-to-end tests can read the views. */
export interface EcaViewsApi {
  readonly environments: EnvironmentsTreeProvider;
  readonly apps: AppsTreeProvider;
  readonly matrix: MatrixPanel;
  readonly environmentsView: vscode.TreeView<EnvNode>;
  readonly appsView: vscode.TreeView<AppNode>;
  /** Fires each time the server reported a project change and the views were refreshed. */
  readonly onDidRefresh: vscode.Event<void>;
  /** The message of the last action that failed (also shown to the user); cleared when an action starts. */
  lastError: string | undefined;
}

type Node = EnvNode | AppNode;

/** The path a node stands for (the file, the app's header, the environment's folder). */
export function pathOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'file': return node.info.path;
    case 'setting': return node.file.path;
    case 'ref': return node.ref.path;
    case 'app': return node.info.header?.path;
    case 'environment': return node.info.folders[0];
    case 'envApp': return node.info.settingsFrom?.path;
    case 'bootstrap': return node.detail.bootstrap?.path;
    case 'project': return node.root;
    default: return undefined;
  }
}

function ecaOf(node: Node | undefined): { eca: string; root: string; header?: string } | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'app': return { eca: node.info.eca, root: node.info.root, header: node.info.header?.path };
    case 'envApp': return { eca: node.info.eca, root: node.info.root };
    case 'file': return { eca: node.info.eca, root: node.info.root };
    case 'setting': return { eca: node.file.eca, root: node.file.root };
    case 'ref': case 'bootstrap': case 'policies': case 'deploy': case 'notes': case 'pattern': case 'policyEnv':
      return { eca: node.detail.eca, root: node.detail.root, header: node.detail.header?.path };
    default: return undefined;
  }
}

function fileOf(node: Node | undefined): ReceivedFile | undefined {
  if (node?.kind === 'file') return node.info;
  if (node?.kind === 'setting') return node.file;
  return undefined;
}

/** Answers the scaffold action accepts instead of asking (tests, other commands). */
export interface ScaffoldViewArgs {
  /** `policies`: new files from the team's settings through eca.scaffoldEnvironmentPolicies; `copy`: copy another environment's files. */
  mode?: 'policies' | 'copy';
  /** Copy this environment's files (implies `copy`). */
  from?: string;
  /** Run-as user per environment, for `policies` (then nothing is asked). */
  runAsUsers?: Record<string, string>;
}

/** A failure the user can act on; its message is shown as is. */
class UserError extends Error {}

export type ViewCommandId = (typeof VIEW_COMMANDS)[keyof typeof VIEW_COMMANDS];

/** Creates the trees and the matrix; returns their API and the handlers of the views' commands (registered by the command table). */
export function registerViews(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<unknown>): { api: EcaViewsApi; handlers: Record<ViewCommandId, (...args: never[]) => Promise<unknown>> } {
  const environments = new EnvironmentsTreeProvider(client, ready);
  const apps = new AppsTreeProvider(client, ready);
  const matrix = new MatrixPanel(client, ready);
  const environmentsView = vscode.window.createTreeView(VIEW_IDS.environments, { treeDataProvider: environments, showCollapseAll: true });
  const appsView = vscode.window.createTreeView(VIEW_IDS.apps, { treeDataProvider: apps, showCollapseAll: true });
  const refreshed = new vscode.EventEmitter<void>();
  context.subscriptions.push(environments, apps, matrix, environmentsView, appsView, refreshed);

  // One badge, on the apps view (the container shows it): the Problems panel's errors and warnings,
  // set from the status bar's count (extension.ts) so both tell the same story.

  const refreshAll = () => {
    environments.refresh();
    apps.refresh();
    void matrix.update().catch(() => undefined);
    refreshed.fire();
  };
  context.subscriptions.push(
    client.onNotification(ENV_METHODS.projectChanged, refreshAll),
    client.onDidChangeState((e) => { if (e.newState === State.Running) refreshAll(); }),
  );

  const commands: Record<ViewCommandId, (...args: never[]) => unknown> = {
    [VIEW_COMMANDS.refresh]: () => refreshAll(),
    // From a CodeLens: the file's app and component, to open the matrix at that row.
    [VIEW_COMMANDS.showMatrix]: (target?: MatrixTarget) => matrix.show(target),
    [VIEW_COMMANDS.openFile]: async (node: Node) => {
      const p = pathOf(node);
      if (!p) throw new UserError('This node has no file: the environment receives none.');
      await vscode.window.showTextDocument(uriOf(p), { preview: false });
      return uriOf(p);
    },
    [VIEW_COMMANDS.revealInExplorer]: async (node: Node) => {
      const p = pathOf(node);
      if (!p) throw new UserError('Nothing to reveal: this environment has no file or folder of its own.');
      await vscode.commands.executeCommand('revealInExplorer', uriOf(p));
      return uriOf(p);
    },
    [VIEW_COMMANDS.compareWithDefault]: async (node: Node) => {
      const f = fileOf(node);
      const def = f?.peers.find((p) => p.env === 'default' && p.path !== f.path);
      if (!f?.path || !def) throw new UserError('There is no default/ copy of this file to compare with.');
      return diff(def.path, f.path, `${fileLabel(f)}: default/ ↔ ${f.env}/${f.status === 'own' ? '' : ` (${f.status})`}`);
    },
    [VIEW_COMMANDS.compareWithEnvironment]: async (node: Node, other?: string) => {
      const f = fileOf(node);
      if (!f?.path) throw new UserError('This environment receives no copy of the file to compare.');
      const peers = f.peers.filter((p) => p.path !== f.path);
      if (!peers.length) throw new UserError('No other environment has its own copy of this file.');
      let peer = other !== undefined ? peers.find((p) => p.env === other) : undefined;
      if (other !== undefined && !peer) throw new UserError(`${other} has no copy of ${fileLabel(f)}.`);
      if (!peer) {
        const pick = await vscode.window.showQuickPick(peers.map((p) => ({ label: p.env, description: vscode.workspace.asRelativePath(p.path), peer: p })), { title: `Compare ${fileLabel(f)} (${f.env}) with…` });
        if (!pick) return undefined;
        peer = pick.peer;
      }
      return diff(peer.path, f.path, `${fileLabel(f)}: ${peer.env}/ ↔ ${f.env}/`);
    },
    [VIEW_COMMANDS.copySetting]: async (node: Node, targetEnvs?: string[]) => {
      if (node?.kind !== 'setting' || !node.file.path) throw new UserError('Pick a setting of a file to copy.');
      const f = node.file;
      const label = SETTING_LABELS[node.name] ?? node.name;
      const candidates = f.peers.filter((p) => p.path !== f.path);
      let targets = candidates;
      if (targetEnvs) {
        targets = targetEnvs.map((e) => {
          const c = candidates.find((p) => p.env === e);
          if (!c) throw new UserError(`${e} has no copy of ${fileLabel(f)} of its own (scaffold it first).`);
          return c;
        });
      } else {
        const picks = await vscode.window.showQuickPick(
          candidates.map((p) => ({ label: p.env, description: vscode.workspace.asRelativePath(p.path), peer: p, picked: false })),
          { title: `Copy ${label} = ${node.value ?? '(not set)'} from ${f.env} to…`, canPickMany: true, placeHolder: 'Environments with their own copy of the file (scaffold the others first)' },
        );
        if (!picks?.length) return undefined;
        targets = picks.map((p) => p.peer);
      }
      await ready;
      const res = await client.sendRequest<CopySettingResult>(ENV_METHODS.copySetting, { source: f.path, setting: node.name, targets: targets.map((t) => t.path) });
      if (res.changed.length) {
        const applied = await applyChanges(res.changes, res.versions, `Copy ${node.name}`);
        if (!applied.applied) throw new UserError(applied.error?.message ?? 'The edit was not applied.');
      }
      const envOf = (p: string) => targets.find((t) => t.path === p)?.env ?? p;
      void vscode.window.showInformationMessage(
        res.changed.length
          ? `${label} copied from ${f.env} to ${res.changed.map(envOf).join(', ')}${res.unchanged.length ? ` (already equal in ${res.unchanged.map(envOf).join(', ')})` : ''}.`
          : `${label} is already the same in ${res.unchanged.map(envOf).join(', ')}.`,
      );
      return res;
    },
    [VIEW_COMMANDS.scaffold]: async (node: Node, opts?: ScaffoldViewArgs) => {
      const o = opts ?? {};
      // What is missing, and where it may come from.
      let params: ScaffoldParams;
      let files: ReceivedFile[] = [];
      let sources: string[] = [];
      if (node?.kind === 'environment') {
        params = { root: node.info.root, env: node.info.name };
        sources = environments.lastTop.flatMap((n) => (n.kind === 'environment' && n.info.root === node.info.root && n.info.name !== node.info.name && n.info.folders.length ? [n.info.name] : []));
      } else if (node?.kind === 'envApp') {
        params = { root: node.info.root, env: node.info.env, eca: node.info.eca };
        await ready;
        const res = await client.sendRequest<EnvironmentsResult>(ENV_METHODS.environments, { node: { kind: 'envApp', root: node.info.root, env: node.info.env, eca: node.info.eca } });
        files = res.nodes.flatMap((n) => (n.kind === 'file' && n.info.scaffoldable ? [n.info] : []));
        sources = [...new Set(files.flatMap((f) => f.peers.map((p) => p.env)))];
      } else {
        const f = fileOf(node);
        if (!f || !f.scaffoldable) throw new UserError('Pick an environment, or a file an environment lacks, to scaffold.');
        params = { root: f.root, env: f.env, slot: f.slot };
        files = [f];
        sources = f.peers.map((p) => p.env);
      }
      // OAuth and plugin policies of one app: the authoring command (issue 6) writes them from the
      // team's settings with this environment's run-as user; anything else is copied.
      const kinds = [...new Set(files.map((f) => f.policyKind))];
      const authoring = files.length > 0 && kinds.every((k) => k !== undefined) && new Set(files.map((f) => f.package.rel)).size === 1;
      let mode = o.mode ?? (o.from !== undefined ? 'copy' : undefined);
      let from = o.from;
      if (!mode) {
        type Item = vscode.QuickPickItem & { mode: 'policies' | 'copy'; from?: string };
        const items: Item[] = [];
        if (authoring) items.push({ label: '$(new-file) New policies from the team\'s settings', description: `asks for ${params.env}'s run-as user (ECA: Scaffold Environment Policy Folders)`, mode: 'policies' });
        items.push({ label: 'Copy automatically', description: params.env === 'default' ? 'from another environment, client credentials switched off' : 'from default/ where it has the file, else from another environment', mode: 'copy' });
        for (const s of sources) items.push({ label: `Copy ${s}/`, description: params.env === 'default' ? 'client credentials switched off' : 'as is (then set this org\'s run-as user)', mode: 'copy', from: s });
        const pick = await vscode.window.showQuickPick(items, { title: `Scaffold ${params.env}/${params.eca ? ` for ${params.eca}` : ''}` });
        if (!pick) return undefined;
        mode = pick.mode;
        from = pick.from;
      }
      if (mode === 'policies') {
        if (!authoring) throw new UserError('Only OAuth and plugin policies of one package can be scaffolded from the team\'s settings; copy them instead.');
        const f = files[0];
        const result = await vscode.commands.executeCommand<ScaffoldCommandResult | undefined>(SCAFFOLD_POLICIES_COMMAND, {
          uri: uriOf(f.root),
          eca: f.eca,
          envs: [params.env],
          policies: kinds,
          packageDir: f.package.rel,
          runAsUsers: o.runAsUsers,
          askRunAsUsers: o.runAsUsers ? false : undefined,
        });
        return result;
      }
      params.from = from;
      await ready;
      const res = await client.sendRequest<ScaffoldResult>(ENV_METHODS.scaffold, params);
      const applied = await applyChanges(res.changes, res.versions, `Scaffold ${params.env}/`);
      if (!applied.applied) throw new UserError(applied.error?.message ?? 'The edit was not applied.');
      if (res.files[0]) await vscode.window.showTextDocument(uriOf(res.files[0]), { preview: false });
      void vscode.window.showInformationMessage(
        `Created ${res.files.length} file(s) in ${params.env}/${from ? ` from ${from}/` : ''}${params.env === 'default' ? ' (client credentials off)' : ''}: check the run-as user, which differs per org.${res.skipped.length ? ` Skipped: ${res.skipped.join('; ')}` : ''}`,
      );
      return res;
    },
    [VIEW_COMMANDS.retrieve]: async (node: Node, extra?: Record<string, unknown>) => {
      const e = ecaOf(node);
      if (!e) throw new UserError('Pick an External Client App to retrieve.');
      return vscode.commands.executeCommand(RETRIEVE_COMMAND_ID, { eca: e.eca, uri: uriOf(e.header ?? e.root), ...extra });
    },
  };
  const api: EcaViewsApi = { environments, apps, matrix, environmentsView, appsView, onDidRefresh: refreshed.event, lastError: undefined };
  // The views' handlers, for the command table (commands/catalogue.ts: `ctx.views`), which registers them.
  const handlers = {} as Record<ViewCommandId, (...args: never[]) => Promise<unknown>>;
  for (const [id, run] of Object.entries(commands)) {
    handlers[id as ViewCommandId] = async (...args: never[]) => {
      api.lastError = undefined;
      try {
        return await run(...args);
      } catch (err) {
        // Shown once, here (a command that throws from a menu gets VS Code's generic message instead).
        const msg = err instanceof Error ? err.message : String(err);
        api.lastError = msg;
        void vscode.window.showErrorMessage(msg);
        return undefined;
      }
    };
  }
  return { api, handlers };
}

async function diff(left: string, right: string, title: string): Promise<{ left: vscode.Uri; right: vscode.Uri }> {
  const l = uriOf(left);
  const r = uriOf(right);
  await vscode.commands.executeCommand('vscode.diff', l, r, title, { preview: false });
  return { left: l, right: r };
}
