// The API version a file deploys at, and where that comes from: an override (`eca-check
// --api-version`, setting `eca.apiVersion`, as `sf … --api-version` does); else, for a
// metadata-format bundle, its package.xml `<version>`; else `sourceApiVersion` of sfdx-project.json;
// else the newest version we know. A version newer than any we know is judged at the newest.
import type { ParsedFile } from '../document';
import { NEWEST_API_VERSION, formatApiVersion, parseApiVersion } from '../schema/versions';
import { NODE_FS, normalize, type ProjectModel } from './model';

export type ApiVersionSource = 'override' | 'package.xml' | 'sfdx-project.json' | 'newest';

export interface ApiVersionInfo {
  /** The version the file is judged at (the newest known when the declared one is newer). */
  version: number;
  /** The version as declared (equal to `version` unless newer than any we know). */
  declared: number;
  source: ApiVersionSource;
  /** Where it comes from, in words: "sourceApiVersion in sfdx-project.json". */
  where: string;
  /** The file that declares it (package.xml, sfdx-project.json), when one does. */
  path?: string;
}

/** A version set from outside the project: the CLI flag or the editor setting. */
export interface ApiVersionOverride { version: number; label: string }

const PACKAGE_VERSION_RE = /<version>\s*([0-9.]+)\s*<\/version>/;
/** Per parsed file, with the project's change counters it was computed at (every rule asks). */
const cache = new WeakMap<ParsedFile, { stamp: string; info: ApiVersionInfo }>();

function info(declared: number, source: ApiVersionSource, where: string, path?: string): ApiVersionInfo {
  return { version: Math.min(declared, NEWEST_API_VERSION), declared, source, where, path };
}

/** The `<version>` of the package.xml of a metadata-format bundle holding `path` (`<bundle>/<folder>/<file>`). */
function bundleVersion(path: string, project: ProjectModel | null): { version: number; path: string } | undefined {
  const parts = normalize(path).split('/');
  if (parts.length < 3) return undefined;
  const pkg = [...parts.slice(0, -2), 'package.xml'].join('/');
  const text = (project?.fs ?? NODE_FS).readText(pkg);
  const v = text ? parseApiVersion(PACKAGE_VERSION_RE.exec(text)?.[1]) : undefined;
  return v === undefined ? undefined : { version: v, path: pkg };
}

/** The project's own version: sourceApiVersion of sfdx-project.json, or undefined. */
export function projectApiVersion(project: ProjectModel | null): number | undefined {
  const json = project?.sfdx?.json as { sourceApiVersion?: unknown } | undefined;
  return json && typeof json === 'object' ? parseApiVersion(json.sourceApiVersion) : undefined;
}

export function effectiveApiVersion(file: ParsedFile, project: ProjectModel | null): ApiVersionInfo {
  const stamp = project ? `${project.version}:${project.unit?.project.version ?? ''}` : '';
  const hit = cache.get(file);
  if (hit && hit.stamp === stamp) return hit.info;
  const out = compute(file, project);
  cache.set(file, { stamp, info: out });
  return out;
}

function compute(file: ParsedFile, project: ProjectModel | null): ApiVersionInfo {
  const o = project?.apiVersionOverride;
  if (o) return info(o.version, 'override', o.label);
  if (file.cls?.kind === 'eca' && file.cls.metadataFormat) {
    const b = bundleVersion(file.path, project);
    if (b) return info(b.version, 'package.xml', '<version> in package.xml', b.path);
  }
  // A source folder outside the package directories deploys at its project's sourceApiVersion.
  const owner = project?.unit?.kind === 'folder' ? project.unit.project : project;
  const v = projectApiVersion(owner);
  if (v !== undefined) return info(v, 'sfdx-project.json', 'sourceApiVersion in sfdx-project.json', owner!.sfdx!.path);
  return info(NEWEST_API_VERSION, 'newest', `the newest API version known, ${formatApiVersion(NEWEST_API_VERSION)}: no sourceApiVersion in sfdx-project.json`);
}

/** "this project deploys at 66.0 (sourceApiVersion in sfdx-project.json)". */
export function deploysAt(v: ApiVersionInfo): string {
  const who = v.source === 'package.xml' ? 'this bundle deploys' : v.source === 'override' ? 'this check runs' : 'this project deploys';
  if (v.source === 'newest') return `this file is judged at API ${formatApiVersion(v.version)} (${v.where})`;
  return `${who} at API ${formatApiVersion(v.declared)} (${v.where})`;
}
