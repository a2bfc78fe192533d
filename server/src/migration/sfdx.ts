// The one sfdx-project.json change pattern 2 needs: a `postDeploymentScript` on the package
// directory that holds the ECA header. Made with the one sfdx-project.json editor
// (engine/authoring/jsonEdit.ts, the authoring commands' own), so every other byte of the file
// (comments, order, indentation, a one-line entry's shape, line endings) stays as it was.
import { applyEdits, type Edit } from 'jsonc-parser';
import { insertElement, setProperty } from '../engine/authoring/jsonEdit';
import { jsonStyleOf } from '../engine/authoring/source';
import { isInside, normalize, parseSfdxProject, type PackageDir } from '../engine/project/model';

export type ScriptEditResult =
  | { action: 'set' | 'appended'; text: string; edits: Edit[]; entry: string }
  | { action: 'same'; entry: string }
  | { action: 'conflict'; entry: string; existing: string }
  | { action: 'unparsable'; message: string };

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
  const style = jsonStyleOf(text);
  const pkg = enclosingPackage(text, sfdxPath, packageDir);
  if (pkg) {
    const entry = pkg.name ?? pkg.rel;
    if (pkg.postDeploymentScript === script) return { action: 'same', entry };
    if (pkg.postDeploymentScript) return { action: 'conflict', entry, existing: pkg.postDeploymentScript };
    const edits = setProperty(text, ['packageDirectories', pkg.index, 'postDeploymentScript'], script, style);
    return { action: 'set', text: applyEdits(text, edits), edits, entry };
  }
  const value = { path: relDir, package: packageName, versionNumber: '1.0.0.NEXT', type: 'source', postDeploymentScript: script };
  const dirs = (project.json as { packageDirectories?: unknown } | undefined)?.packageDirectories;
  const edits = Array.isArray(dirs)
    ? insertElement(text, ['packageDirectories'], dirs.length, value, style)
    : setProperty(text, ['packageDirectories'], [value], style);
  return { action: 'appended', text: applyEdits(text, edits), edits, entry: packageName };
}
