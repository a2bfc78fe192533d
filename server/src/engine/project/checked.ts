// A project loaded and checked without a workspace (the plan and verify CLIs): the one loader
// (load.ts) and the one checker — the rules the workspace runs, decided the same way: every file rule
// on a file the project checks (`isChecked`), the secret checks on the others, then the project
// rules — kept per file, and handed to the Environments view as its ViewIO, so the trees' counts
// and the matrix's invalid values come from these diagnostics and from no checker of the view's own.
import { checkParsed, checkSecretsOnly, type CheckOptions } from '../check';
import { parseFile, type ParsedFile } from '../document';
import type { EngineDiagnostic } from '../types';
import { normalize } from './model';
import { loadProject, type LoadedProject, type LoadOptions } from './load';
import { checkProjectRules } from './projectRules';
import type { ViewIO } from './view/types';

export interface CheckedProject extends LoadedProject {
  /** Each ECA file's parse, as the load read it. */
  parsed: Map<string, ParsedFile>;
  /** Each ECA file's own diagnostics (file rules, options applied). */
  fileDiagnostics: Map<string, EngineDiagnostic[]>;
  /** The project rules' diagnostics. */
  projectDiagnostics: EngineDiagnostic[];
  /** Every diagnostic: each file's, in load order, then the project's. */
  all(): EngineDiagnostic[];
  /** What the Environments view reads: these parses and diagnostics. */
  viewIO(): ViewIO;
}

/** Load the project at `root` (load.ts `loadProject`) and run every check on it once. */
export function loadCheckedProject(root: string, options: LoadOptions & { check?: CheckOptions } = {}): CheckedProject {
  const parsed = new Map<string, ParsedFile>();
  const fileDiagnostics = new Map<string, EngineDiagnostic[]>();
  const loaded = loadProject(root, { ...options, onParsed: (pf) => { parsed.set(pf.path, pf); options.onParsed?.(pf); } });
  const { model } = loaded;
  const opts = options.check;
  for (const pf of parsed.values()) {
    fileDiagnostics.set(pf.path, model.isChecked(pf.path) ? checkParsed(pf, model, opts) : checkSecretsOnly(pf, model, opts));
  }
  const projectDiagnostics = checkProjectRules(model, opts);
  // A file the load did not parse (not an ECA file of the project) is read once when asked.
  const others = new Map<string, ParsedFile | undefined>();
  const parsedOf = (p: string): ParsedFile | undefined => {
    const n = normalize(p);
    const pf = parsed.get(n);
    if (pf || others.has(n)) return pf ?? others.get(n);
    const t = model.fs.readText(n);
    others.set(n, t === undefined ? undefined : parseFile(n, t));
    return others.get(n);
  };
  return {
    ...loaded, parsed, fileDiagnostics, projectDiagnostics,
    all: () => [...[...fileDiagnostics.values()].flat(), ...projectDiagnostics],
    viewIO: () => ({
      parsedOf,
      projectDiagnostics: () => projectDiagnostics,
      options: () => opts,
      fileDiagnostics: (p) => fileDiagnostics.get(normalize(p)) ?? [],
    }),
  };
}
