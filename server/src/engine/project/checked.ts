// A project loaded and checked without a workspace (the plan and verify CLIs): the one loader
// (load.ts) and the one checker — the rules the workspace runs, decided the same way: every file rule
// on a file the project checks (`isChecked`), the secret checks on the others, then the project
// rules — kept per file, and handed to the Environments view as its ViewIO, so the trees' counts
// and the matrix's invalid values come from these diagnostics and from no checker of the view's own.
import { checkParsed, checkSecretsOnly, type CheckOptions } from '../check';
import type { EngineDiagnostic } from '../types';
import { normalize } from './model';
import { loadProject, type LoadedProject, type LoadOptions } from './load';
import { checkProjectRules } from './projectRules';
import type { ViewIO } from './view/types';

export interface CheckedProject extends LoadedProject {
  /** Each ECA file's text as read and parsed by the load. */
  texts: Map<string, string>;
  /** Each ECA file's own diagnostics (file rules, options applied). */
  fileDiagnostics: Map<string, EngineDiagnostic[]>;
  /** The project rules' diagnostics. */
  projectDiagnostics: EngineDiagnostic[];
  /** Every diagnostic: each file's, in load order, then the project's. */
  all(): EngineDiagnostic[];
  /** What the Environments view reads: these texts and diagnostics. */
  viewIO(): ViewIO;
}

/** Load the project at `root` (load.ts `loadProject`) and run every check on it once. */
export function loadCheckedProject(root: string, options: LoadOptions & { check?: CheckOptions } = {}): CheckedProject {
  const texts = new Map<string, string>();
  const fileDiagnostics = new Map<string, EngineDiagnostic[]>();
  const parsed: Parameters<NonNullable<LoadOptions['onParsed']>>[0][] = [];
  const loaded = loadProject(root, { ...options, onParsed: (pf) => { parsed.push(pf); options.onParsed?.(pf); } });
  const { model } = loaded;
  const opts = options.check;
  for (const pf of parsed) {
    texts.set(pf.path, pf.text);
    fileDiagnostics.set(pf.path, model.isChecked(pf.path) ? checkParsed(pf, model, opts) : checkSecretsOnly(pf, model, opts));
  }
  const projectDiagnostics = checkProjectRules(model, opts);
  const textOf = (p: string) => texts.get(normalize(p)) ?? model.fs.readText(p);
  return {
    ...loaded, texts, fileDiagnostics, projectDiagnostics,
    all: () => [...[...fileDiagnostics.values()].flat(), ...projectDiagnostics],
    viewIO: () => ({
      textOf,
      projectDiagnostics: () => projectDiagnostics,
      options: () => opts,
      fileDiagnostics: (p) => fileDiagnostics.get(normalize(p)) ?? [],
    }),
  };
}
