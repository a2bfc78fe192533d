// The External Client Apps tree: each ECA with its pattern, definition, OAuth settings,
// bootstrap script, policies per environment, packages and deploy order. The app list is one
// `eca/apps` request; expanding an app asks for its detail (one request), whose groups expand
// without further requests.
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ENV_METHODS, type AppDetail, type AppInfo, type AppsResult, type AppTreeRef, type EnvKind, type FileRef, type OAuthInfo,
  type ReceivedFile,
} from '../../../server/src/lsp/environmentsProtocol';
import { appItem, fileItem, KIND_LABELS, PATTERN_LABELS, problemText, settingItem, settingsText, STATUS_LABELS } from './format';

export type AppNode =
  | { kind: 'project'; root: string; name: string }
  | { kind: 'app'; info: AppInfo }
  | { kind: 'pattern'; detail: AppDetail }
  | { kind: 'ref'; role: string; ref: FileRef | OAuthInfo; detail: AppDetail; description?: string }
  | { kind: 'bootstrap'; detail: AppDetail }
  | { kind: 'policies'; detail: AppDetail }
  | { kind: 'policyEnv'; detail: AppDetail; env: string; envKind: EnvKind; files: ReceivedFile[] }
  | { kind: 'file'; info: ReceivedFile }
  | { kind: 'setting'; file: ReceivedFile; name: string; value?: string }
  | { kind: 'deploy'; detail: AppDetail }
  | { kind: 'notes'; detail: AppDetail }
  | { kind: 'text'; text: string; description?: string; icon?: string; id: string };

const leaf = vscode.TreeItemCollapsibleState.None;
const collapsed = vscode.TreeItemCollapsibleState.Collapsed;

export class AppsTreeProvider implements vscode.TreeDataProvider<AppNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AppNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<AppNode[]>();
  /** Fires after every answered top-level request (tests wait on it). */
  readonly onDidLoad = this.loaded.event;
  lastTop: AppNode[] = [];

  /** Published problem counts per app (the server's summary): the tree shows the Problems panel's numbers. */
  problemsOf?: (root: string, eca: string) => AppInfo['problems'] | undefined;

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<unknown>) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: AppNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.workspace.asRelativePath(node.root);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.id = `apps|project|${node.root}`;
        return item;
      }
      case 'app': return appItem({ ...node.info, problems: this.problemsOf?.(node.info.root, node.info.eca) ?? node.info.problems });
      case 'pattern': {
        const d = node.detail;
        const item = new vscode.TreeItem(PATTERN_LABELS[String(d.pattern)], d.evidence.length ? collapsed : leaf);
        item.iconPath = new vscode.ThemeIcon(d.pattern ? 'info' : 'question');
        item.tooltip = d.evidence.map((e) => `pattern ${e.pattern}: ${e.fact}`).join('\n');
        item.id = `apps|${d.root}|${d.eca}|pattern`;
        return item;
      }
      case 'ref': {
        const r = node.ref;
        const item = new vscode.TreeItem(node.role, leaf);
        item.description = [r.path.slice(r.path.lastIndexOf('/') + 1).replace(/-meta\.xml$/, ''), node.description, problemText(r.problems)].filter(Boolean).join(' · ');
        item.tooltip = `${r.type} ${r.name}\n${vscode.workspace.asRelativePath(r.path)}${r.package ? `\npackage ${r.package.name ?? r.package.rel} (${r.package.type})` : ''}`;
        item.resourceUri = uriOf(r.path);
        item.command = { command: 'vscode.open', title: 'Open File', arguments: [uriOf(r.path)] };
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'ecaRef;hasFile';
        item.id = `apps|${node.detail.root}|${node.detail.eca}|ref|${r.path}`;
        return item;
      }
      case 'bootstrap': {
        const b = node.detail.bootstrap!;
        const item = new vscode.TreeItem('Bootstrap script', leaf);
        item.description = `${b.script}${b.exists ? '' : ' (missing!)'} · postDeploymentScript of ${b.package.name ?? b.package.rel}`;
        item.iconPath = new vscode.ThemeIcon(b.exists ? 'terminal' : 'error', b.exists ? undefined : new vscode.ThemeColor('problemsErrorIcon.foreground'));
        if (b.exists) {
          item.resourceUri = uriOf(b.path);
          item.command = { command: 'vscode.open', title: 'Open File', arguments: [uriOf(b.path)] };
          item.contextValue = 'ecaRef;hasFile';
        }
        item.id = `apps|${node.detail.root}|${node.detail.eca}|bootstrap`;
        return item;
      }
      case 'policies': {
        const d = node.detail;
        const item = new vscode.TreeItem('Policies per environment', d.policies.some((p) => p.files.length) ? collapsed : leaf);
        const missing = d.policies.filter((p) => p.files.some((f) => f.status === 'missing')).map((p) => p.env);
        item.description = d.policies.some((p) => p.files.length)
          ? `${d.policies.length} environment(s)${missing.length ? ` · missing in ${missing.join(', ')}` : ''}`
          : 'none: platform defaults';
        item.iconPath = new vscode.ThemeIcon('shield', missing.length ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
        item.id = `apps|${d.root}|${d.eca}|policies`;
        return item;
      }
      case 'policyEnv': {
        const item = new vscode.TreeItem(node.env, node.files.length ? collapsed : leaf);
        const pol = node.files.find((f) => f.settings && f.path);
        const statuses = [...new Set(node.files.map((f) => STATUS_LABELS[f.status]))].join(', ');
        item.description = [KIND_LABELS[node.envKind], statuses, settingsText(pol?.settings)].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(node.files.some((f) => f.status === 'missing') ? 'warning' : 'server-environment');
        item.contextValue = 'ecaPolicyEnv';
        item.id = `apps|${node.detail.root}|${node.detail.eca}|env|${node.env}`;
        return item;
      }
      case 'file': return fileItem(node.info, `apps|${node.info.eca}`);
      case 'setting': return settingItem(node.file, node.name, node.value, `apps|${node.file.eca}`);
      case 'deploy': {
        const d = node.detail;
        const item = new vscode.TreeItem('Packages & deploy order', collapsed);
        item.description = d.deployOrder.map((s) => s.package.name ?? s.package.rel).join(' → ');
        item.iconPath = new vscode.ThemeIcon('list-ordered');
        item.id = `apps|${d.root}|${d.eca}|deploy`;
        return item;
      }
      case 'notes': {
        const item = new vscode.TreeItem('Notes', collapsed);
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.id = `apps|${node.detail.root}|${node.detail.eca}|notes`;
        return item;
      }
      default: {
        const item = new vscode.TreeItem(node.text, leaf);
        item.description = node.description;
        item.tooltip = [node.text, node.description].filter(Boolean).join('\n');
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        item.id = node.id;
        return item;
      }
    }
  }

  async getChildren(node?: AppNode): Promise<AppNode[]> {
    if (!node || node.kind === 'project') return this.list(node?.kind === 'project' ? { kind: 'project', root: node.root } : undefined, !node);
    switch (node.kind) {
      case 'app': {
        let res: AppsResult;
        try {
          await this.ready;
          res = await this.client.sendRequest<AppsResult>(ENV_METHODS.apps, { node: { kind: 'app', root: node.info.root, eca: node.info.eca } satisfies AppTreeRef });
        } catch (e) {
          return [{ kind: 'text', text: `The language server did not answer: ${(e as Error).message}`, id: `apps|err|${node.info.eca}` }];
        }
        const d = res.detail;
        if (!d) return [];
        const out: AppNode[] = [{ kind: 'pattern', detail: d }];
        if (d.header) out.push({ kind: 'ref', role: 'Definition', ref: d.header, detail: d, description: d.distributionState ? `distributionState ${d.distributionState}` : 'no distributionState' });
        for (const o of d.oauthSettings) {
          out.push({ kind: 'ref', role: 'OAuth settings', ref: o, detail: d, description: [o.scopes ? `scopes ${o.scopes}` : undefined, o.oauthLink ? `oauthLink ${o.linkOrgId ?? o.oauthLink}` : 'no oauthLink'].filter(Boolean).join(' · ') });
        }
        if (d.bootstrap) out.push({ kind: 'bootstrap', detail: d });
        for (const f of d.otherFiles) out.push({ kind: 'ref', role: f.type, ref: f, detail: d });
        out.push({ kind: 'policies', detail: d }, { kind: 'deploy', detail: d }, { kind: 'notes', detail: d });
        return out;
      }
      case 'pattern':
        return node.detail.evidence.map((e, i) => ({ kind: 'text', text: `pattern ${e.pattern}`, description: e.fact, icon: 'circle-small-filled', id: `apps|${node.detail.root}|${node.detail.eca}|evidence|${i}` }));
      case 'policies':
        return node.detail.policies.map((p) => ({ kind: 'policyEnv', detail: node.detail, env: p.env, envKind: p.kind, files: p.files }));
      case 'policyEnv':
        return node.files.map((f) => ({ kind: 'file', info: f }));
      case 'file':
        return Object.entries(node.info.settings ?? {}).map(([name, value]) => ({ kind: 'setting', file: node.info, name, value }));
      case 'deploy':
        return node.detail.deployOrder.map((s, i) => ({
          kind: 'text',
          text: `${i + 1}. ${s.package.name ?? s.package.rel}`,
          description: `${s.package.type}${s.package.aliasfy ? ', aliasfy' : ''} · entry ${s.package.index + 1} of packageDirectories · ${s.holds.join(', ')}`,
          icon: 'package',
          id: `apps|${node.detail.root}|${node.detail.eca}|deploy|${i}`,
        }));
      case 'notes':
        return node.detail.notes.map((n, i) => ({ kind: 'text', text: n, icon: 'circle-small', id: `apps|${node.detail.root}|${node.detail.eca}|note|${i}` }));
      default:
        return [];
    }
  }

  private async list(ref: AppTreeRef | undefined, top: boolean): Promise<AppNode[]> {
    let res: AppsResult;
    try {
      await this.ready;
      res = await this.client.sendRequest<AppsResult>(ENV_METHODS.apps, { node: ref });
    } catch (e) {
      return [{ kind: 'text', text: `The language server did not answer: ${(e as Error).message}`, id: 'apps|error' }];
    }
    const out: AppNode[] = res.nodes.map((n) => (n.kind === 'project' ? { kind: 'project', root: n.root, name: n.name } : { kind: 'app', info: n.info }));
    if (top) {
      // Empty: no nodes, so the view shows its welcome content (package.json viewsWelcome).
      if (!out.length && res.indexing) out.push({ kind: 'text', text: 'Reading the workspace…', id: 'apps|empty' });
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
