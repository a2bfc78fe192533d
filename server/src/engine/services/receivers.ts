// Who receives this file: the orgs that get one ECA file when the project deploys, in one line,
// for the CodeLens atop the file and the hover on its root element ("received by prod, uat ·
// default/ serves sandboxes and scratch orgs", or "received by every org"). The answer is the
// environments view's (project/environmentsView.ts: sfp's aliasfy semantics, org kinds, merge
// mode); this file only reads it for one path and words it.
import { normalize, stripNamespace } from '../project/model';
import type { Range } from '../types';
import type { EnvironmentsView, MatrixComponent, ReceiveStatus } from '../project/environmentsView';
import { MATRIX_PARTS } from '../project/environmentsView';

export interface FileReceivers {
  root: string;
  eca: string;
  /** The matrix row the file belongs to (absent for components the matrix does not show). */
  component?: MatrixComponent;
  /** Orgs that receive the file, with how (own folder, fallback, merge, every org). */
  orgs: { name: string; status: ReceiveStatus }[];
  /** The file is the default/ copy: sandboxes and scratch orgs without a folder of their own get it. */
  servesDefault: boolean;
  everyOrg: boolean;
  /** The sentence the CodeLens and the hover show. */
  text: string;
  /** The file's root element (where the CodeLens sits). */
  range: Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const RECEIVING: ReadonlySet<ReceiveStatus> = new Set(['own', 'merged', 'fallback', 'fallback-if-sandbox', 'every-org']);

function orgLabel(o: { name: string; status: ReceiveStatus }): string {
  return o.status === 'fallback-if-sandbox' ? `${o.name} (if a sandbox)` : o.name;
}

/** The sentence for a file's receivers. */
export function receiversText(r: Pick<FileReceivers, 'orgs' | 'servesDefault' | 'everyOrg'>): string {
  if (r.everyOrg) return 'received by every org';
  const parts: string[] = [];
  if (r.orgs.length) parts.push(`received by ${r.orgs.map(orgLabel).join(', ')}`);
  if (r.servesDefault) parts.push('default/ serves sandboxes and scratch orgs');
  return parts.length ? parts.join(' · ') : 'received by no org';
}

/** Which orgs receive `path` (an indexed ECA file of the view's project), or undefined when it is none. */
export function fileReceivers(view: EnvironmentsView, path: string): FileReceivers | undefined {
  const p = normalize(path);
  const c = view.model.components.get(p);
  if (!c?.eca) return undefined;
  const m = view.model;
  if (!m.packageOf(p)?.aliasfy) {
    // Outside aliasfy packages the view lists policies only; every deployed file goes to every org.
    const found = { orgs: [], servesDefault: false, everyOrg: m.isChecked(p) };
    return { root: view.root, eca: stripNamespace(c.eca), component: MATRIX_PARTS.find((part) => part.type === c.type)?.component, ...found, text: receiversText(found), range: c.ranges.root ?? ZERO };
  }
  const envs = view.environments();
  const orgs: FileReceivers['orgs'] = [];
  let servesDefault = false;
  let everyOrg = false;
  let eca = '';
  for (const env of envs) {
    const got = view.environmentFiles(env.name, c.eca).find((f) => f.path === p && RECEIVING.has(f.status));
    if (!got) continue;
    eca = got.eca;
    if (got.status === 'every-org') everyOrg = true;
    if (env.kind === 'default') servesDefault = true;
    else orgs.push({ name: env.name, status: got.status });
  }
  const component = MATRIX_PARTS.find((part) => part.type === c.type)?.component;
  const found = { orgs, servesDefault, everyOrg };
  // A file in no slot (loose in an aliasfy package, or .forceignore'd) is received by no org.
  return { root: view.root, eca: eca || stripNamespace(c.eca), component, ...found, text: receiversText(found), range: c.ranges.root ?? ZERO };
}
