// The Apps tree of the Environments view: each ECA with its deployment pattern (asked of the one
// pattern model, ../pattern.ts), definition, OAuth settings, policies per environment, packages
// and deploy order.
import { HEADER_TYPE, OAUTH_SETTINGS_TYPE } from '../../schema';
import { normalize, stripNamespace, type ComponentSummary, type PackageDir } from '../model';
import { environmentOf } from '../environments';
import { classifyPattern } from '../pattern';
import type { EnvironmentsView } from '../environmentsView';
import { addProblems, isPolicyType, pkgRef, zeroProblems, type AppDetail, type AppInfo, type DeployStep, type FileRef, type OAuthInfo } from './types';

export function appInfo(view: EnvironmentsView, eca: string): AppInfo {
  const m = view.model;
  const comps = m.componentsOf(eca);
  const header = comps.find((c) => c.type === HEADER_TYPE);
  const { pattern, evidence } = classifyPattern(m, eca);
  let problems = zeroProblems();
  for (const c of comps) problems = addProblems(problems, view.problemsOf(c.path));
  return {
    root: view.root,
    eca,
    pattern,
    evidence,
    distributionState: header?.distributionState,
    header: header ? fileRef(view, header) : undefined,
    problems,
  };
}

export function fileRef(view: EnvironmentsView, c: ComponentSummary): FileRef {
  const pkg = view.model.packageOf(c.path);
  return { path: c.path, type: c.type, name: c.name, package: pkg ? pkgRef(pkg) : undefined, problems: view.problemsOf(c.path), env: pkg?.aliasfy ? environmentOf(pkg, c.path).env : undefined };
}

export function appDetail(view: EnvironmentsView, eca: string): AppDetail | undefined {
  const ix = view.currentIndex();
  const name = stripNamespace(eca);
  if (!ix.ecas.includes(name)) return undefined;
  const m = view.model;
  const info = appInfo(view, name);
  const comps = m.componentsOf(name);
  const oauthSettings: OAuthInfo[] = comps.filter((c) => c.type === OAUTH_SETTINGS_TYPE).map((c) => {
    const s = view.settingsOf(c);
    const link = c.oauthLink;
    return { ...fileRef(view, c), scopes: s.commaSeparatedOauthScopes, oauthLink: link, linkOrgId: link && /^00D[0-9A-Za-z]{12}/.test(link) ? link.slice(0, 15) : undefined, callbackUrl: s.callbackUrl };
  });
  const otherFiles = comps.filter((c) => c.type !== HEADER_TYPE && c.type !== OAUTH_SETTINGS_TYPE && !m.packageOf(c.path)?.aliasfy && !isPolicyType(c.type)).map((c) => fileRef(view, c));
  const hp = info.header ? m.packageOf(info.header.path) : undefined;
  let bootstrap: AppDetail['bootstrap'];
  if (hp?.postDeploymentScript) {
    const rel = hp.postDeploymentScript;
    const abs = rel.startsWith('/') ? normalize(rel) : `${m.root}/${rel.replace(/^\.\//, '')}`;
    bootstrap = { script: rel, path: abs, exists: m.fs.exists(abs), package: pkgRef(hp) };
  }
  // Deploy order: the packages holding any part of the app, in packageDirectories order.
  const steps = new Map<number, DeployStep>();
  const hold = (p: PackageDir | undefined, what: string) => {
    if (!p) return;
    let st = steps.get(p.index);
    if (!st) steps.set(p.index, (st = { package: pkgRef(p), holds: [] }));
    if (!st.holds.includes(what)) st.holds.push(what);
  };
  for (const c of comps) {
    const p = m.packageOf(c.path);
    const what = c.type === HEADER_TYPE ? 'ECA header' : c.type === OAUTH_SETTINGS_TYPE ? 'OAuth settings' : isPolicyType(c.type) ? (p?.aliasfy ? 'policies per environment (aliasfy)' : 'policies') : c.type;
    hold(p, what);
    if (c.type === HEADER_TYPE && p?.postDeploymentScript) hold(p, `OAuth bootstrap (${p.postDeploymentScript})`);
  }
  const policies = ix.envs.map((env) => ({ env: env.name, kind: env.kind, files: ix.slots.filter((s) => s.eca === name).map((s) => view.fileOf(ix, env, s)) }));
  const notes: string[] = [];
  if (info.pattern === 1) {
    notes.push('Packaged ECAs installed on production are replicated to sandboxes on refresh.');
    notes.push('Install the package on the DevHub first: consumer orgs reach its OAuth consumer through the oauthLink.');
  } else if (info.pattern === 2) {
    notes.push('Local ECAs are not replicated to sandboxes on refresh: redeploy the header, run the bootstrap and deploy the policies after each refresh.');
    notes.push('Every org gets its own OAuth consumer (own key and secret) from the bootstrap script.');
  }
  if (!ix.slots.some((s) => s.eca === name)) notes.push('No policy files: each org keeps the policies the platform generates on install (client credentials off).');
  notes.push('Deploy order is enforced by the platform: ECA → OAuth → policies; sfp installs packages in packageDirectories order.');
  return { ...info, oauthSettings, otherFiles, bootstrap, deployOrder: [...steps.values()].sort((a, b) => a.package.index - b.package.index), policies, notes };
}
