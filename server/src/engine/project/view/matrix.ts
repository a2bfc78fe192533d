// The drift matrix of the Environments view: per ECA and component, which file each environment
// receives, what it keeps without one, and the key settings, with unreadable values as errors (the
// one checker's schema errors on the setting, EnvironmentsView.settingError) and drift among the
// readable values; and each app's Security section (engine/security/matrixSection.ts).
import type { ComponentSummary, ProjectModel } from '../model';
import { environmentOf } from '../environments';
import type { EnvironmentsView } from '../environmentsView';
import { receive } from './envIndex';
import { securitySection } from '../../security/matrixSection';
import { MATRIX_PARTS, type Env, type Matrix, type MatrixCell, type MatrixRow, type ReceiveStatus } from './types';

/** The one column of a project without aliasfy packages. */
const EVERY_ORG = 'every org';

/**
 * Per ECA and component (header, OAuth settings, global OAuth settings, policies, OAuth
 * policies): which file each environment receives, what it keeps without one, and the key
 * settings, invalid values as errors and drift among the readable values.
 */
export function buildMatrix(view: EnvironmentsView): Matrix {
  const ix = view.currentIndex();
  const m = view.model;
  const rows: MatrixRow[] = [];
  // Without an aliasfy package every org receives the same files: one column, "every org".
  const envs: Env[] = (m.sfdx?.packageDirs ?? []).some((p) => p.aliasfy) ? ix.envs : [{ name: EVERY_ORG, kind: 'every-org', sources: new Set() }];
  const defIdx = envs.findIndex((e) => e.kind === 'default');
  for (const eca of ix.ecas) {
    for (const part of MATRIX_PARTS) {
      const prefix = part.component === 'oauthPolicies' ? '' : `${part.component}.`;
      // Sources: the app's files of this type in aliasfy packages (per environment), then
      // those outside aliasfy packages (every org).
      const slots = ix.slots.filter((s) => s.eca === eca && s.type === part.type);
      const everyOrg = m.componentsOf(eca).filter((c) => c.type === part.type && !m.isIgnored(c.path) && !m.packageOf(c.path)?.aliasfy && !slots.some((s) => s.byEnv.get('*') === c));
      if (!slots.length && !everyOrg.length) {
        if (part.component !== 'oauthPolicies') continue;
        // No OAuth policy files at all: every org keeps what the platform generates on install.
        rows.push({ eca, component: part.component, setting: 'file', label: part.label, drift: 'none', errors: 0,
          cells: envs.map(() => ({ status: 'none' as const, differs: false, keeps: 'platform defaults on install (client credentials off)' })) });
        continue;
      }
      const perEnv = envs.map((env) => {
        for (const s of slots) {
          const r = receive(ix, env, s);
          if (r.comp) return { status: r.status, comp: r.comp };
        }
        if (everyOrg[0]) return { status: 'every-org' as ReceiveStatus, comp: everyOrg[0] };
        return { status: 'missing' as ReceiveStatus, comp: undefined };
      });
      const fileRow: MatrixRow = {
        eca, component: part.component, setting: `${prefix}file`, label: part.label, drift: 'none', errors: 0,
        cells: perEnv.map((p, i) => ({
          status: p.status, value: p.comp ? statusValue(p.status, p.comp, m) : undefined, path: p.comp?.path, differs: p.status === 'missing',
          keeps: keepsOf(p.status, envs[i], part.what, true),
        })),
      };
      if (fileRow.cells.some((c) => c.status === 'missing')) fileRow.drift = 'drift';
      rows.push(fileRow);
      for (const k of part.settings) {
        const cells: MatrixCell[] = perEnv.map((p, i) => {
          const v = p.comp ? view.settingsOf(p.comp)[k.name] : undefined;
          const cell: MatrixCell = { status: p.status, value: v, path: p.comp?.path, differs: false };
          const keeps = keepsOf(p.status, envs[i], part.what, false);
          if (keeps) cell.keeps = keeps;
          const error = v !== undefined && p.comp ? view.settingError(p.comp, k.name) : undefined;
          if (error) cell.error = error;
          return cell;
        });
        if (cells.every((c) => c.value === undefined)) continue;
        // Settings are compared among the environments that receive a file and whose value can
        // be read; the file row flags those that get none, `errors` counts the unreadable ones.
        const present = cells.filter((c) => c.status !== 'missing' && !c.error);
        const values = new Set(present.map((c) => c.value ?? ''));
        const baseline = defIdx >= 0 && cells[defIdx].status !== 'missing' && !cells[defIdx].error ? cells[defIdx].value ?? '' : mostCommon(present.map((c) => c.value ?? ''));
        const drift: MatrixRow['drift'] = values.size < 2 ? 'none' : k.variesByDesign ? 'expected' : 'drift';
        for (const c of cells) c.differs = drift !== 'none' && c.status !== 'missing' && !c.error && (c.value ?? '') !== baseline;
        rows.push({ eca, component: part.component, setting: `${prefix}${k.name}`, label: k.label, cells, drift, errors: cells.filter((c) => c.error).length });
      }
    }
  }
  const matrix: Matrix = { root: view.root, name: view.name, environments: envs.map((e) => ({ name: e.name, kind: e.kind })), rows };
  // The Security section: each app's posture per environment column (issue 22).
  matrix.security = securitySection(view, matrix);
  return matrix;
}

function statusValue(status: ReceiveStatus, c: ComponentSummary, m: ProjectModel): string {
  const pkg = m.packageOf(c.path);
  const env = pkg?.aliasfy ? environmentOf(pkg, c.path).env : undefined;
  switch (status) {
    case 'own': return `${env ?? ''}/`;
    case 'merged': return 'default/ (merged)';
    case 'fallback': return 'default/ (fallback)';
    case 'fallback-if-sandbox': return 'default/ (if sandbox)';
    case 'every-org': return 'every org';
    default: return '';
  }
}

/**
 * What an environment has for a component it gets no own copy of: on a missing file what the org
 * keeps (nothing is deployed, so it keeps what it has), on a fallback or merge default/'s copy.
 */
function keepsOf(status: ReceiveStatus | 'none', env: Env, what: string, fileRow: boolean): string | undefined {
  switch (status) {
    case 'missing':
      if (env.kind === 'default') return fileRow ? 'none: orgs falling back to default/ get no file' : undefined;
      return fileRow ? `keeps the org's current ${what} (not deployed)` : "org's current value (not deployed)";
    case 'fallback': return 'default/ copy';
    case 'fallback-if-sandbox': return 'default/ copy if a sandbox or scratch org';
    case 'merged': return 'merged from default/';
    default: return undefined;
  }
}

function mostCommon(values: string[]): string {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
