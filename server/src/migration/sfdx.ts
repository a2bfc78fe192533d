// The one sfdx-project.json change pattern 2 needs: a `postDeploymentScript` on the package
// directory that holds the ECA header. Made with jsonc-parser's modify/applyEdits so every other
// byte of the file (comments, order, indentation, line endings) stays as it was.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions } from 'jsonc-parser';
import { normalize, parseSfdxProject, type PackageDir } from '../engine/project/model';

export type ScriptEditResult =
  | { action: 'set' | 'appended'; text: string; edits: Edit[]; entry: string }
  | { action: 'same'; entry: string }
  | { action: 'conflict'; entry: string; existing: string }
  | { action: 'unparsable'; message: string };

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** Indentation and line ending of an existing JSON text, so inserted lines look like their neighbours. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: m ? m[1].length : 2, eol };
}

/** The package directory entry that holds `dir` (the innermost), as sf resolves it. */
export function enclosingPackage(text: string, sfdxPath: string, dir: string): PackageDir | undefined {
  const project = parseSfdxProject(sfdxPath, text);
  const d = normalize(dir);
  let best: PackageDir | undefined;
  for (const p of project.packageDirs) if (isInside(d, p.path) && (!best || p.path.length > best.path.length)) best = p;
  return best;
}

/**
 * Set `postDeploymentScript` on the package directory holding `packageDir`, or append a source
 * package entry for it when no entry holds it. `relDir` is `packageDir` relative to the project.
 */
export function addPostDeploymentScript(text: string, sfdxPath: string, packageDir: string, relDir: string, script: string, packageName: string): ScriptEditResult {
  const project = parseSfdxProject(sfdxPath, text);
  if (project.parseError) return { action: 'unparsable', message: `${project.parseError.message}; it was not edited` };
  const formattingOptions = formattingOf(text);
  const pkg = enclosingPackage(text, sfdxPath, packageDir);
  if (pkg) {
    const entry = pkg.name ?? pkg.rel;
    if (pkg.postDeploymentScript === script) return { action: 'same', entry };
    if (pkg.postDeploymentScript) return { action: 'conflict', entry, existing: pkg.postDeploymentScript };
    const path = ['packageDirectories', pkg.index];
    const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path);
    const oneLine = node !== undefined && !/\n/.test(text.slice(node.offset, node.offset + node.length));
    // jsonc-parser's formatter would spread a one-line entry over several lines: insert plainly then.
    const edits = oneLine
      ? modify(text, [...path, 'postDeploymentScript'], script, {}).map((e) => ({ ...e, content: e.content.replace(/^,(?=")/, ', ') }))
      : modify(text, [...path, 'postDeploymentScript'], script, { formattingOptions });
    return { action: 'set', text: applyEdits(text, edits), edits, entry };
  }
  const value = { path: relDir, package: packageName, versionNumber: '1.0.0.NEXT', type: 'source', postDeploymentScript: script };
  const edits = modify(text, ['packageDirectories', -1], value, { formattingOptions, isArrayInsertion: true });
  return { action: 'appended', text: applyEdits(text, edits), edits, entry: packageName };
}
