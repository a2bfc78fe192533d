// What the editor shows on a ConnectedApp file (read-only): one information diagnostic offering
// the migration (rule id `connected-app-migration`, with the migrate command as its code action),
// and a hover on every element saying where its value goes in an External Client App. Pure: the
// language server converts these to LSP (offsets → ranges are already filled in).
import { MIGRATION_DIAGNOSTIC_CODE } from '../engine/rules/reported';
import type { EngineDiagnostic, Range } from '../engine/types';
import { analyzeConnectedApp } from './plan';
import type { CaNode } from './connectedApp';
import { FILE_TYPES, rowFor, type MappingRow } from './mapping';
import { sourceFileOf } from '../engine/project/environments';

/** Declared with its catalogue entry in engine/rules/reported.ts. */
export { MIGRATION_DIAGNOSTIC_CODE };
export const MIGRATE_COMMAND_ID = 'eca.migrateConnectedApp';

export interface ConnectedAppHover {
  /** Element path in the Connected App (`oauthConfig/callbackUrl`); '' for the root. */
  field: string;
  /** UTF-16 offsets of the element (from `<` to the end of its close tag). */
  start: number;
  end: number;
  range: Range;
  markdown: string;
}

export interface ConnectedAppInsights {
  /** The `connected-app-migration` information diagnostic (one), or none when the file is not a ConnectedApp. */
  diagnostics: EngineDiagnostic[];
  /** One entry per element, outermost first; pick the innermost that contains the cursor (see connectedAppHover). */
  hovers: ConnectedAppHover[];
}

function destinationText(name: string, row: MappingRow): string {
  if (!row.file) return '';
  const t = FILE_TYPES[row.file];
  const dests = [`**${t.type}**${row.field ? ` \`${row.field}\`` : ''} (\`${sourceFileOf(t.type, `${name}${t.nameSuffix}`)}\`)`];
  for (const a of row.also ?? []) {
    const at = FILE_TYPES[a.file];
    dests.push(`**${at.type}** \`${a.field}\` (\`${sourceFileOf(at.type, `${name}${at.nameSuffix}`)}\`)`);
  }
  return dests.join(' and ');
}

const PATTERN_NOTES: Partial<Record<string, string>> = {
  oauth: 'Pattern 1: retrieved from the DevHub with its oauthLink. Pattern 2: created on each org by the bootstrap script. Local flow: deployed as a file.',
  globalOauth: 'Never in source for pattern 1 (set on the DevHub); created per org by the pattern 2 bootstrap; deployed without consumer key or secret in the local flow.',
  oauthPolicies: 'Per-org admin settings: a policies source package after install (pattern 1), the bootstrap (pattern 2), or a file deployed with the app (local flow).',
  policies: 'Per-org plugin switches: deployed after install (pattern 1), by the bootstrap (pattern 2), or with the app (local flow).',
};

function hoverFor(name: string, n: CaNode, outcome: { kind: string; note?: string } | undefined): string {
  const row = rowFor(n.path);
  const parts: string[] = [`**Connected App \`${n.path}\`** → External Client App`];
  if (!row) {
    parts.push('Not a documented Connected App setting: the migration reports it as a blocker rather than guess.');
    return parts.join('\n\n');
  }
  const dest = destinationText(name, row);
  switch (row.kind) {
    case 'notCopied': parts.push(`**Not carried over.** ${row.note}`); break;
    case 'blocker': parts.push(`**No ECA equivalent** (a blocker when set). ${row.note}`); break;
    case 'dropped': parts.push(`${dest ? `Would be ${dest}, but it is **not copied**. ` : '**Not carried over.** '}${row.note}`); break;
    default: parts.push(`${dest}${row.evidence === 'n/a' ? '' : ` — mapping ${row.evidence}`}`, row.note);
  }
  if (row.file && PATTERN_NOTES[row.file] && (row.kind === 'mapped' || row.kind === 'computed')) parts.push(`_${PATTERN_NOTES[row.file]}_`);
  if (outcome && outcome.note && outcome.kind !== row.kind) {
    const label = outcome.kind === 'blocker' || outcome.kind === 'unknown' ? 'Blocker' : outcome.kind === 'dropped' ? 'Dropped' : 'Here';
    parts.push(`**${label}:** ${outcome.note}`);
  } else if (outcome && outcome.note && outcome.kind === 'blocker') {
    parts.push(`**Blocker:** ${outcome.note}`);
  }
  return parts.join('\n\n');
}

/** Diagnostics and hovers for one ConnectedApp file. Never throws. */
export function connectedAppInsights(path: string, text: string): ConnectedAppInsights {
  let a: ReturnType<typeof analyzeConnectedApp>;
  try {
    a = analyzeConnectedApp(path, text);
  } catch {
    return { diagnostics: [], hovers: [] };
  }
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!a.ok) {
    // Not a ConnectedApp at all: say nothing. Broken XML: say why the migration is unavailable.
    if (/holds <|has no root element|is empty/.test(a.error)) return { diagnostics: [], hovers: [] };
    return { diagnostics: [{ code: MIGRATION_DIAGNOSTIC_CODE, severity: 'information', path, range: a.range ?? zero,
      message: `This Connected App cannot be migrated to an External Client App until it is well-formed: ${a.error}` }], hovers: [] };
  }
  const { doc, name } = a;
  const hovers: ConnectedAppHover[] = [];
  const root = doc.root;
  hovers.push({ field: '', start: root.start, end: root.end, range: doc.lines.range(root.start, root.end),
    markdown: `**Connected App \`${doc.name}\`** → External Client App \`${name}\`\n\nSalesforce restricts creating Connected Apps from Spring '26 and recommends External Client Apps. Run **ECA: Migrate Connected App to External Client App** to create the ECA files (header, OAuth settings, global OAuth settings, policies) for deployment pattern 1, 2 or the local flow, with a report of every setting. The consumer key and secret are never copied.` });
  const visit = (nodes: CaNode[]) => {
    for (const n of nodes) {
      hovers.push({ field: n.path, start: n.el.start, end: n.el.end, range: doc.lines.range(n.el.start, n.el.end), markdown: hoverFor(name, n, a.outcome(n)) });
      visit(n.children);
    }
  };
  visit(doc.nodes);

  const blockers = a.blockers.filter((b) => b.code !== 'saml-not-packageable');
  const settings = countLeaves(doc.nodes);
  const message = `Connected App '${doc.name}' can be migrated to an External Client App (Salesforce restricts creating Connected Apps from Spring '26). `
    + (blockers.length
      ? `${blockers.length} setting(s) have no ECA equivalent: ${blockers.slice(0, 3).map((b) => b.code + (b.setting ? ` (${b.setting})` : '')).join(', ')}${blockers.length > 3 ? ', …' : ''}. `
      : `No blocker: each of its ${settings} setting(s) maps, or is deliberately left out (consumer key and secret are never copied). `)
    + 'Hover an element to see its ECA equivalent; run "ECA: Migrate Connected App to External Client App" to create the files and a report.';
  const diag: EngineDiagnostic = {
    code: MIGRATION_DIAGNOSTIC_CODE, severity: 'information', path,
    range: doc.lines.range(root.nameStart, root.nameEnd), message,
    commands: [{ title: 'Migrate to External Client App…', command: MIGRATE_COMMAND_ID, arguments: [path] }],
  };
  return { diagnostics: [diag], hovers };
}

function countLeaves(nodes: CaNode[]): number {
  let n = 0;
  for (const x of nodes) n += x.children.length ? countLeaves(x.children) : 1;
  return n;
}

/** The hover at `offset` (the innermost element containing it), or null. */
export function connectedAppHover(path: string, text: string, offset: number): ConnectedAppHover | null {
  let best: ConnectedAppHover | null = null;
  for (const h of connectedAppInsights(path, text).hovers) {
    if (offset >= h.start && offset <= h.end && (!best || h.end - h.start <= best.end - best.start)) best = h;
  }
  return best;
}
