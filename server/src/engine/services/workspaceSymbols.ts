// Workspace symbols (Ctrl+T): every External Client App and every component of one (header, OAuth
// settings, global OAuth settings, policies …) in every project of the workspace, by name, with
// the app, what the component is and, in an aliasfy package, its environment folder as the detail.
import { environmentOf } from '../project/environments';
import { stripNamespace, type ComponentSummary, type ProjectModel } from '../project/model';
import { HEADER_TYPE } from '../schema';
import { MATRIX_PARTS } from '../project/environmentsView';
import type { Range } from '../types';

export interface WorkspaceSymbol {
  name: string;
  kind: 'app' | 'component';
  /** The app, what the component is, its environment: `Billing · OAuth policies · uat/`. */
  detail: string;
  path: string;
  range: Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** Enough for any picker; a workspace with more matches narrows the query. */
const MAX_RESULTS = 1000;

/** What a component is, in words ("OAuth policies"); other types by their metadata name. */
function what(type: string): string {
  return MATRIX_PARTS.find((p) => p.type === type)?.label ?? type;
}

/** Case-insensitive: the query's characters appear in the name in order (as VS Code's picker filters). */
export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let at = 0;
  for (const ch of query.toLowerCase()) {
    if (ch === ' ') continue;
    at = n.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

function componentSymbol(m: ProjectModel, c: ComponentSummary): WorkspaceSymbol {
  const pkg = m.packageOf(c.path);
  const env = pkg?.aliasfy ? environmentOf(pkg, c.path).env : undefined;
  const parts = [c.eca ? stripNamespace(c.eca) : '', what(c.type), env ? `${env}/` : ''].filter(Boolean);
  return { name: c.name, kind: 'component', detail: parts.join(' · '), path: c.path, range: c.ranges.root ?? ZERO };
}

/** Every app and component whose name matches `query`, apps first. */
export function workspaceSymbols(models: readonly ProjectModel[], query: string): WorkspaceSymbol[] {
  const apps: WorkspaceSymbol[] = [];
  const components: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  for (const m of models) {
    const ecas = new Set<string>();
    for (const c of m.components.values()) {
      if (seen.has(c.path)) continue;
      seen.add(c.path);
      if (c.eca) ecas.add(stripNamespace(c.eca));
      if (matchesQuery(c.name, query)) components.push(componentSymbol(m, c));
    }
    for (const name of ecas) {
      if (!matchesQuery(name, query)) continue;
      const comps = m.componentsOf(name);
      // The header when there is one, else the app's first file (an app whose header is elsewhere).
      const at = comps.find((c) => c.type === HEADER_TYPE) ?? comps[0];
      if (!at) continue;
      apps.push({ name, kind: 'app', detail: `External Client App · ${comps.length} file${comps.length === 1 ? '' : 's'}`, path: at.path, range: at.ranges.root ?? ZERO });
    }
  }
  const byName = (a: WorkspaceSymbol, b: WorkspaceSymbol) => a.name.localeCompare(b.name) || a.detail.localeCompare(b.detail);
  return [...apps.sort(byName), ...components.sort(byName)].slice(0, MAX_RESULTS);
}
