// Presentation of the environments data the server sends: labels, descriptions, tooltips and
// icons. No parsing here: everything comes from the eca/* requests.
import * as vscode from 'vscode';
import { uriOf } from '../uris';
import type {
  AppInfo, EnvAppInfo, EnvironmentInfo, EnvKind, Problems, ReceivedFile, ReceiveStatus, Settings,
} from '../../../server/src/lsp/environmentsProtocol';
import { KIND_WORDS } from '../../../server/src/engine/project/orgWords';

export const SETTING_LABELS: Record<string, string> = {
  isClientCredentialsFlowEnabled: 'Client credentials',
  clientCredentialsFlowUser: 'Run-as user',
  ipRelaxationPolicyType: 'IP relaxation',
  refreshTokenPolicyType: 'Refresh token policy',
  refreshTokenValidityPeriod: 'Refresh token validity',
  refreshTokenValidityUnit: 'Refresh token unit',
  permittedUsersPolicyType: 'Permitted users',
  requiredSessionLevel: 'Session level',
};

/** Each org kind's words (engine/project/orgWords.ts: the trees, the matrix, plan and audit say the same). */
export const KIND_LABELS: Record<EnvKind, string> = KIND_WORDS;

const KIND_ICONS: Record<EnvKind, string> = {
  production: 'server-environment',
  devhub: 'organization',
  sandbox: 'beaker',
  scratch: 'debug-alt-small',
  unknown: 'question',
  default: 'layers',
  'every-org': 'globe',
};

export const STATUS_LABELS: Record<ReceiveStatus, string> = {
  own: 'own folder',
  merged: 'merged from default/',
  fallback: 'default/ fallback',
  'fallback-if-sandbox': 'default/ only if sandbox',
  'every-org': 'every org',
  missing: 'missing',
};

export function problemText(p: Problems | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.errors) parts.push(`✖ ${p.errors}`);
  if (p.warnings) parts.push(`⚠ ${p.warnings}`);
  return parts.join(' ');
}

export function problemSentence(p: Problems): string {
  const parts = [`${p.errors} error(s)`, `${p.warnings} warning(s)`];
  if (p.infos) parts.push(`${p.infos} note(s)`);
  return parts.join(', ');
}

function color(p: Problems | undefined, warn = false): vscode.ThemeColor | undefined {
  if (p?.errors) return new vscode.ThemeColor('problemsErrorIcon.foreground');
  if (p?.warnings || warn) return new vscode.ThemeColor('problemsWarningIcon.foreground');
  return undefined;
}

const join = (parts: (string | number | undefined | false | null)[]) => parts.filter(Boolean).join(' · ');

/** Short form of the key settings, e.g. `CC on · run-as x@y · IP Enforce · refresh SpecificLifetime 90 Days`. */
export function settingsText(s: Settings | undefined): string {
  if (!s) return '';
  const cc = s.isClientCredentialsFlowEnabled;
  const refresh = s.refreshTokenPolicyType
    ? `refresh ${s.refreshTokenPolicyType}${s.refreshTokenValidityPeriod ? ` ${s.refreshTokenValidityPeriod}${s.refreshTokenValidityUnit ? ` ${s.refreshTokenValidityUnit}` : ''}` : ''}`
    : undefined;
  return join([
    cc !== undefined ? `CC ${cc === 'true' ? 'on' : cc === 'false' ? 'off' : `✖ '${cc}' (invalid)`}` : undefined,
    s.clientCredentialsFlowUser ? `run-as ${s.clientCredentialsFlowUser}` : undefined,
    s.ipRelaxationPolicyType ? `IP ${s.ipRelaxationPolicyType}` : undefined,
    refresh,
  ]);
}

/** `uncommitted`: how many lines of the uncommitted-changes plan concern this environment. */
export function environmentItem(info: EnvironmentInfo, multiRoot: boolean, projectName?: string, uncommitted = 0): vscode.TreeItem {
  const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.Collapsed);
  const c = info.counts;
  const files = join([
    c.own && `${c.own} own`,
    c.merged && `${c.merged} merged`,
    c.fallback && `${c.fallback} fallback`,
    c['fallback-if-sandbox'] && `${c['fallback-if-sandbox']} fallback if sandbox`,
    c['every-org'] && `${c['every-org']} every org`,
    c.missing && `${c.missing} missing`,
  ]);
  // What needs attention first (missing files, problems), so a narrow sidebar cuts the counts of
  // files that are fine rather than what is wrong; the label is the environment's name.
  item.description = join([KIND_LABELS[info.kind], uncommitted && `${uncommitted} uncommitted`, c.missing && `${c.missing} missing`, problemText(info.problems),
    join([c.own && `${c.own} own`, c.merged && `${c.merged} merged`, c.fallback && `${c.fallback} fallback`,
      c['fallback-if-sandbox'] && `${c['fallback-if-sandbox']} fallback if sandbox`, c['every-org'] && `${c['every-org']} every org`]),
    multiRoot && projectName]);
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${info.name}** — ${KIND_LABELS[info.kind]}${info.username ? ` (\`${info.username}\`)` : ''}\n\n${info.note}\n\n`);
  md.appendMarkdown(`Listed because: ${info.sources.map((s) => ({ folder: 'an aliasfy folder has this name', sf: 'an sf org alias on this machine', setting: 'eca.productionAliases names it', default: 'the fallback folder always exists' })[s]).join('; ')}.\n\n`);
  if (info.folders.length) md.appendMarkdown(`Folders: ${info.folders.map((f) => `\`${vscode.workspace.asRelativePath(f)}\``).join(', ')}\n\n`);
  if (info.fallbackOrgs?.length) md.appendMarkdown(`Falls back here: ${info.fallbackOrgs.map((o) => `\`${o}\``).join(', ')}\n\n`);
  if (uncommitted) md.appendMarkdown(`Uncommitted changes deploy ${uncommitted} thing(s) differently here (expand to see them).\n\n`);
  md.appendMarkdown(`Files: ${files || 'none'} · problems: ${problemSentence(info.problems)}`);
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(KIND_ICONS[info.kind], color(info.problems, c.missing > 0));
  item.contextValue = ['ecaEnvironment', info.folders.length ? 'hasFolder' : '', info.scaffoldable ? 'canScaffold' : ''].filter(Boolean).join(';');
  item.id = `env|${info.root}|${info.name}`;
  return item;
}

export function envAppItem(info: EnvAppInfo): vscode.TreeItem {
  const item = new vscode.TreeItem(info.eca, info.files ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const status = info.state === 'none'
    ? 'no policy files: platform defaults'
    : info.counts.missing
      ? `${info.counts.missing} missing`
      : info.settingsFrom && info.settingsFrom.status !== 'own' ? STATUS_LABELS[info.settingsFrom.status] : undefined;
  item.description = join([settingsText(info.settings), status, problemText(info.problems)]);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${info.env}** · **${info.eca}**\n\n`);
  if (info.settings) for (const [k, v] of Object.entries(info.settings)) md.appendMarkdown(`- ${SETTING_LABELS[k] ?? k}: \`${v}\`\n`);
  if (info.state === 'none') md.appendMarkdown('\nNo policy files in the project: every org keeps the policies the platform generates on install (client credentials off).\n');
  md.appendMarkdown(`\n${info.files} file(s); problems: ${problemSentence(info.problems)}`);
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(info.state === 'missing' ? 'warning' : 'symbol-class', color(info.problems, info.state === 'missing'));
  item.contextValue = ['ecaEnvApp', info.scaffoldable ? 'canScaffold' : ''].filter(Boolean).join(';');
  item.id = `envApp|${info.root}|${info.env}|${info.eca}`;
  return item;
}

export function fileLabel(f: ReceivedFile): string {
  return f.rel.slice(f.rel.lastIndexOf('/') + 1).replace(/-meta\.xml$/, '');
}

/** Context flags of a received-file node: what its menu offers. */
export function fileContext(f: ReceivedFile): string {
  const flags = ['ecaFile'];
  if (f.path) flags.push('hasFile');
  if (f.path && f.env !== 'default' && f.peers.some((p) => p.env === 'default' && p.path !== f.path)) flags.push('diffDefault');
  if (f.path && f.peers.some((p) => p.path !== f.path)) flags.push('diffOther');
  if (f.scaffoldable) flags.push('canScaffold');
  return flags.join(';');
}

export function fileItem(f: ReceivedFile, idPrefix: string): vscode.TreeItem {
  const hasSettings = !!f.settings && Object.keys(f.settings).length > 0;
  const item = new vscode.TreeItem(fileLabel(f), hasSettings ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const where = f.status === 'own' ? (f.fromEnv ? `${f.fromEnv}/` : STATUS_LABELS.own) : STATUS_LABELS[f.status];
  item.description = join([where, f.settings ? settingsText(f.settings) : undefined, problemText(f.problems)]);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${f.env}** · **${fileLabel(f)}** (${f.type}) — ${STATUS_LABELS[f.status]}\n\n${f.reason}\n\n`);
  if (f.status === 'missing' && f.env !== 'default') md.appendMarkdown(`Nothing is deployed to ${f.env} for this file: the org keeps its current ${f.type}.\n\n`);
  else if (f.status === 'fallback' || f.status === 'fallback-if-sandbox' || f.status === 'merged') md.appendMarkdown(`${f.env} gets the default/ copy.\n\n`);
  md.appendMarkdown(`Package: \`${f.package.name ?? f.package.rel}\`${f.package.aliasfy ? ' (aliasfy' + (f.package.mergeMode ? ', merge mode)' : ')') : ''}\n\n`);
  if (f.path) md.appendMarkdown(`File: \`${vscode.workspace.asRelativePath(f.path)}\`\n\n`);
  if (f.peers.length) md.appendMarkdown(`Also in: ${f.peers.map((p) => `\`${p.env}\``).join(', ')}\n\n`);
  md.appendMarkdown(`Problems: ${problemSentence(f.problems)}`);
  item.tooltip = md;
  if (f.path) {
    item.resourceUri = uriOf(f.path);
    item.command = { command: 'vscode.open', title: 'Open File', arguments: [uriOf(f.path)] };
  }
  item.iconPath = f.status === 'missing'
    ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'))
    : f.problems.errors || f.problems.warnings ? new vscode.ThemeIcon('file-code', color(f.problems)) : vscode.ThemeIcon.File;
  item.contextValue = fileContext(f);
  item.id = `${idPrefix}|file|${f.env}|${f.slot}`;
  return item;
}

export function settingItem(f: ReceivedFile, name: string, value: string | undefined, idPrefix: string): vscode.TreeItem {
  const item = new vscode.TreeItem(SETTING_LABELS[name] ?? name, vscode.TreeItemCollapsibleState.None);
  item.description = value ?? '(not set)';
  item.tooltip = `${f.env}: ${name} = ${value ?? '(not set)'}${f.path ? ` in ${vscode.workspace.asRelativePath(f.path)}` : ''}`;
  item.iconPath = new vscode.ThemeIcon('symbol-property');
  const targets = f.peers.filter((p) => p.path !== f.path);
  item.contextValue = ['ecaSetting', f.path && targets.length ? 'canCopy' : ''].filter(Boolean).join(';');
  item.id = `${idPrefix}|setting|${f.env}|${f.slot}|${name}`;
  return item;
}

export const PATTERN_LABELS: Record<string, string> = {
  '1': 'Pattern 1: packaged, shared OAuth consumer from the DevHub',
  '2': 'Pattern 2: source + bootstrap, own OAuth consumer per org',
  null: 'Pattern unclear',
};

export function appItem(info: AppInfo): vscode.TreeItem {
  const item = new vscode.TreeItem(info.eca, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = join([info.pattern ? `pattern ${info.pattern}` : 'pattern unclear', info.distributionState, info.header?.package ? `${info.header.package.name ?? info.header.package.rel}` : 'no header', problemText(info.problems)]);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${info.eca}** — ${PATTERN_LABELS[String(info.pattern)]}\n\n`);
  for (const e of info.evidence) md.appendMarkdown(`- pattern ${e.pattern}: ${e.fact}\n`);
  md.appendMarkdown(`\nProblems: ${problemSentence(info.problems)}`);
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(info.pattern === 1 ? 'package' : info.pattern === 2 ? 'server-process' : 'question', color(info.problems));
  item.contextValue = ['ecaApp', info.header ? 'hasFile' : ''].filter(Boolean).join(';');
  item.id = `app|${info.root}|${info.eca}`;
  if (info.header) item.resourceUri = uriOf(info.header.path);
  return item;
}
