// The Environments tree: environment → ECA → received files → key settings. Each level is one
// `eca/environments` request (lazy: only expanded nodes are computed); settings ride along with
// their file. Under each environment first what the uncommitted changes would deploy to it
// differently (`eca/uncommitted`: the plan against HEAD). Refreshes when the server says the
// project changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ENV_METHODS, type EnvAppInfo, type EnvironmentInfo, type EnvironmentsResult, type EnvTreeRef, type ReceivedFile, type UncommittedResult,
} from '../../../server/src/lsp/protocol';
import { envAppItem, environmentItem, fileItem, settingItem } from './format';

export type EnvNode =
  | { kind: 'project'; root: string; name: string }
  | { kind: 'environment'; info: EnvironmentInfo; projectName?: string; multiRoot: boolean }
  | { kind: 'envApp'; info: EnvAppInfo }
  | { kind: 'file'; info: ReceivedFile }
  | { kind: 'setting'; file: ReceivedFile; name: string; value?: string }
  | { kind: 'uncommitted'; env: string; text: string }
  | { kind: 'message'; text: string; tooltip?: string };

export class EnvironmentsTreeProvider implements vscode.TreeDataProvider<EnvNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EnvNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after every answered top-level request (tests wait on it). */
  private readonly loaded = new vscode.EventEmitter<EnvNode[]>();
  readonly onDidLoad = this.loaded.event;
  /** Problems and missing files across environments, for the view's badge. */
  lastTop: EnvNode[] = [];
  /** Per project root, the plan of its uncommitted changes as last fetched with the top level. */
  readonly uncommitted = new Map<string, UncommittedResult>();

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<unknown>) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: EnvNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.workspace.asRelativePath(node.root);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.contextValue = 'ecaProject';
        item.id = `project|${node.root}`;
        return item;
      }
      case 'environment': return environmentItem(node.info, node.multiRoot, node.projectName, this.uncommittedLines(node.info.root, node.info.name).length);
      case 'uncommitted': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = `Uncommitted: what ${node.env} would receive differently from HEAD (eca-check plan --base HEAD)`;
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.contextValue = 'ecaUncommitted';
        return item;
      }
      case 'envApp': return envAppItem(node.info);
      case 'file': return fileItem(node.info, 'env');
      case 'setting': return settingItem(node.file, node.name, node.value, 'env');
      default: {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = 'ecaMessage';
        return item;
      }
    }
  }

  /**
   * What the uncommitted changes deploy to `env` differently: its own lines and those of the
   * packages every org receives (not for default/, which is a folder, not an org).
   */
  uncommittedLines(root: string, env: string): string[] {
    const plan = this.uncommitted.get(root);
    if (!plan) return [];
    return plan.orgs.filter((o) => o.org === env || (o.kind === 'every-org' && env !== 'default')).flatMap((o) => o.lines);
  }

  private async fetchUncommitted(roots: string[]): Promise<void> {
    await Promise.all(roots.map(async (root) => {
      try {
        this.uncommitted.set(root, await this.client.sendRequest<UncommittedResult>(ENV_METHODS.uncommitted, { root }));
      } catch { /* no plan for this root: the tree shows none */ }
    }));
  }

  async getChildren(node?: EnvNode): Promise<EnvNode[]> {
    if (node?.kind === 'file') {
      return Object.entries(node.info.settings ?? {}).map(([name, value]) => ({ kind: 'setting', file: node.info, name, value }));
    }
    if (node && node.kind !== 'project' && node.kind !== 'environment' && node.kind !== 'envApp') return [];
    const ref: EnvTreeRef | undefined = !node ? undefined
      : node.kind === 'project' ? { kind: 'project', root: node.root }
        : node.kind === 'environment' ? { kind: 'environment', root: node.info.root, env: node.info.name }
          : { kind: 'envApp', root: node.info.root, env: node.info.env, eca: node.info.eca };
    let res: EnvironmentsResult;
    try {
      await this.ready;
      res = await this.client.sendRequest<EnvironmentsResult>(ENV_METHODS.environments, { node: ref });
    } catch (e) {
      return [{ kind: 'message', text: `The language server did not answer: ${(e as Error).message}` }];
    }
    // The plan of the uncommitted changes, with the environments it annotates (one project at the
    // top level, or an expanded project of several).
    if (!node) this.uncommitted.clear();
    if (!node || node.kind === 'project') {
      await this.fetchUncommitted([...new Set(res.nodes.flatMap((n) => (n.kind === 'environment' ? [n.info.root] : [])))]);
    }
    const out: EnvNode[] = res.nodes.map((n): EnvNode => {
      switch (n.kind) {
        case 'project': return { kind: 'project', root: n.root, name: n.name };
        case 'environment': return { kind: 'environment', info: n.info, multiRoot: false, projectName: node?.kind === 'project' ? node.name : undefined };
        case 'envApp': return { kind: 'envApp', info: n.info };
        default: return { kind: 'file', info: n.info };
      }
    });
    if (node?.kind === 'environment') {
      out.unshift(...this.uncommittedLines(node.info.root, node.info.name).map((text): EnvNode => ({ kind: 'uncommitted', env: node.info.name, text })));
    }
    if (!node) {
      // No app in any environment (an empty project): no nodes, so the view shows its welcome
      // content (package.json viewsWelcome) with the buttons that create or bring in an app.
      const appless = out.every((n) => n.kind === 'environment' && n.info.apps === 0);
      if (res.indexing) out.push({ kind: 'message', text: 'Reading the workspace…' });
      else if (appless) out.length = 0;
      this.lastTop = out;
      this.loaded.fire(out);
    }
    return out;
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }
}
