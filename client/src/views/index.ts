// The "External Client Apps" view container: the Environments and External Client Apps trees, the
// environment matrix, and their actions. Everything shown comes from the language server's eca/*
// requests; every change to a file goes through a WorkspaceEdit the server computed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import {
  ENV_METHODS, type CopySettingResult, type ReceivedFile, type ScaffoldParams, type ScaffoldResult,
} from '../../../server/src/lsp/environmentsProtocol';
import { AppsTreeProvider, type AppNode } from './appsTree';
import { EnvironmentsTreeProvider, type EnvNode } from './environmentsTree';
import { fileLabel, SETTING_LABELS } from './format';
import { MatrixPanel } from './matrixPanel';

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

/** A failure the user can act on; its message is shown as is. */
class UserError extends Error {}

export function registerViews(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<unknown>): EcaViewsApi {
  const environments = new EnvironmentsTreeProvider(client, ready);
  const apps = new AppsTreeProvider(client, ready);
  const matrix = new MatrixPanel(client, ready);
  const environmentsView = vscode.window.createTreeView(VIEW_IDS.environments, { treeDataProvider: environments, showCollapseAll: true });
  const appsView = vscode.window.createTreeView(VIEW_IDS.apps, { treeDataProvider: apps, showCollapseAll: true });
  const refreshed = new vscode.EventEmitter<void>();
  context.subscriptions.push(environments, apps, matrix, environmentsView, appsView, refreshed);

  // Badges: files environments lack (environments view), problems in ECA files (apps view).
  context.subscriptions.push(
    environments.onDidLoad((nodes) => {
      const missing = nodes.reduce((n, x) => n + (x.kind === 'environment' ? x.info.counts.missing : 0), 0);
      environmentsView.badge = missing ? { value: missing, tooltip: `${missing} policy file(s) missing in some environment` } : undefined;
    }),
    apps.onDidLoad((nodes) => {
      const problems = nodes.reduce((n, x) => n + (x.kind === 'app' ? x.info.problems.errors + x.info.problems.warnings : 0), 0);
      appsView.badge = problems ? { value: problems, tooltip: `${problems} error(s) and warning(s) in External Client App files` } : undefined;
    }),
  );

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

  const applyServerEdit = async (edit: CopySettingResult['edit']): Promise<void> => {
    const we = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
    if (!(await vscode.workspace.applyEdit(we))) throw new UserError('VS Code did not apply the edit (a file changed meanwhile, or a file to create already exists).');
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    [VIEW_COMMANDS.refresh]: () => refreshAll(),
    [VIEW_COMMANDS.showMatrix]: () => matrix.show(),
    [VIEW_COMMANDS.openFile]: async (node: Node) => {
      const p = pathOf(node);
      if (!p) throw new UserError('This node has no file: the environment receives none.');
      await vscode.window.showTextDocument(vscode.Uri.file(p), { preview: false });
      return vscode.Uri.file(p);
    },
    [VIEW_COMMANDS.revealInExplorer]: async (node: Node) => {
      const p = pathOf(node);
      if (!p) throw new UserError('Nothing to reveal: this environment has no file or folder of its own.');
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(p));
      return vscode.Uri.file(p);
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
      if (res.changed.length) await applyServerEdit(res.edit);
      const envOf = (p: string) => targets.find((t) => t.path === p)?.env ?? p;
      void vscode.window.showInformationMessage(
        res.changed.length
          ? `${label} copied from ${f.env} to ${res.changed.map(envOf).join(', ')}${res.unchanged.length ? ` (already equal in ${res.unchanged.map(envOf).join(', ')})` : ''}. Review and save the files.`
          : `${label} is already the same in ${res.unchanged.map(envOf).join(', ')}.`,
      );
      return res;
    },
    [VIEW_COMMANDS.scaffold]: async (node: Node, from?: string) => {
      let params: ScaffoldParams;
      let sources: string[] = [];
      if (node?.kind === 'environment') {
        params = { root: node.info.root, env: node.info.name };
        sources = environments.lastTop.flatMap((n) => (n.kind === 'environment' && n.info.root === node.info.root && n.info.name !== node.info.name && n.info.folders.length ? [n.info.name] : []));
      } else if (node?.kind === 'envApp') {
        params = { root: node.info.root, env: node.info.env, eca: node.info.eca };
        sources = environments.lastTop.flatMap((n) => (n.kind === 'environment' && n.info.root === node.info.root && n.info.name !== node.info.env && n.info.folders.length ? [n.info.name] : []));
      } else {
        const f = fileOf(node);
        if (!f || !f.package.aliasfy) throw new UserError('Pick an environment, or a file an environment lacks, to scaffold.');
        params = { root: f.root, env: f.env, slot: f.slot };
        sources = f.peers.map((p) => p.env);
      }
      if (from === undefined && sources.length) {
        const recommended = params.env === 'default' ? 'another environment (client credentials switched off)' : 'default/ where it has the file, else another environment';
        const pick = await vscode.window.showQuickPick(
          [{ label: 'Automatic', description: recommended, env: undefined as string | undefined }, ...sources.map((s) => ({ label: s, description: `copy ${s}/`, env: s as string | undefined }))],
          { title: `Scaffold ${params.env}/: copy the missing files from…` },
        );
        if (!pick) return undefined;
        from = pick.env;
      }
      params.from = from;
      await ready;
      const res = await client.sendRequest<ScaffoldResult>(ENV_METHODS.scaffold, params);
      await applyServerEdit(res.edit);
      if (res.files[0]) await vscode.window.showTextDocument(vscode.Uri.file(res.files[0]), { preview: false });
      void vscode.window.showInformationMessage(
        `Created ${res.files.length} file(s) in ${params.env}/${from ? ` from ${from}/` : ''}: review them (run-as users differ per org) and save.${res.skipped.length ? ` Skipped: ${res.skipped.join('; ')}` : ''}`,
      );
      return res;
    },
    [VIEW_COMMANDS.retrieve]: async (node: Node, extra?: Record<string, unknown>) => {
      const e = ecaOf(node);
      if (!e) throw new UserError('Pick an External Client App to retrieve.');
      return vscode.commands.executeCommand('eca.retrieveFromDevHub', { eca: e.eca, uri: vscode.Uri.file(e.header ?? e.root), ...extra });
    },
  };
  const api: EcaViewsApi = { environments, apps, matrix, environmentsView, appsView, onDidRefresh: refreshed.event, lastError: undefined };
  for (const [id, run] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: never[]) => {
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
    }));
  }
  return api;
}

async function diff(left: string, right: string, title: string): Promise<{ left: vscode.Uri; right: vscode.Uri }> {
  const l = vscode.Uri.file(left);
  const r = vscode.Uri.file(right);
  await vscode.commands.executeCommand('vscode.diff', l, r, title, { preview: false });
  return { left: l, right: r };
}
