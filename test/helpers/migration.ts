// Helpers for the migration tests: build a ConnectedApp file, plan its migration over an in-memory
// project, and read values back out of the generated ECA files with the engine's XML scanner.
import assert from 'node:assert/strict';
import { checkFile, createProjectModel, type EngineDiagnostic } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import type { ProjectFs } from '../../server/src/engine/project/model';
import { localName, scanXml, valueOf, type XmlElement } from '../../server/src/engine/xml/scanner';
import { planMigration, type MigrationOptions, type MigrationPlan, type PlannedRole } from '../../server/src/migration';
import { NS } from './fs';

export const ROOT = '/p';
export const PKG = `${ROOT}/force-app/main/default`;
export const SFDX = '{\n  "packageDirectories": [\n    {\n      "path": "force-app",\n      "default": true\n    }\n  ],\n  "sourceApiVersion": "64.0"\n}\n';

/** A file system where nothing exists beyond `files`. */
export function memFs(files: Record<string, string> = {}): ProjectFs {
  return {
    exists: (p) => p in files || Object.keys(files).some((f) => f.startsWith(p + '/')),
    listDirs: (p) => [...new Set(Object.keys(files).filter((f) => f.startsWith(p + '/')).map((f) => f.slice(p.length + 1).split('/')).filter((s) => s.length > 1).map((s) => s[0]))],
    readText: (p) => files[p],
  };
}

export function connectedApp(body: string, head = '    <contactEmail>dev@example.com</contactEmail>\n    <label>My App</label>\n'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ConnectedApp xmlns="${NS}">\n${head}${body}</ConnectedApp>\n`;
}

export const CA_PATH = `${PKG}/connectedApps/My_App.connectedApp-meta.xml`;

export function plan(text: string, opts: Partial<MigrationOptions> = {}, path = CA_PATH): MigrationPlan {
  const r = planMigration(path, text, { pattern: 'local', projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs(), ...opts });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
}

export function fileOf(p: MigrationPlan, role: PlannedRole): string | undefined {
  return p.creates.find((f) => f.role === role)?.text;
}

/** Values of the elements at `path` ('a/b') below the root of an XML text. */
export function values(xml: string | undefined, path: string): string[] {
  if (xml === undefined) return [];
  const doc = scanXml(xml);
  let level: XmlElement[] = doc.root ? [doc.root] : [];
  for (const seg of path.split('/')) level = level.flatMap((e) => e.children.filter((c) => localName(c.name) === seg));
  return level.map((e) => (e.children.length ? '(complex)' : valueOf(e)));
}

/** Our checks, run independently of the plan's own: every generated ECA file in one project. */
export function recheck(p: MigrationPlan, sfdx: string | null = SFDX, extra: { path: string; text: string }[] = []): EngineDiagnostic[] {
  const files: Record<string, string> = {};
  for (const f of p.creates) files[f.path] = f.text;
  const sfdxText = p.edits.find((e) => e.path.endsWith('sfdx-project.json'))?.text ?? sfdx;
  const model = createProjectModel(p.projectRoot, { fs: memFs(files), sfdxProject: sfdxText });
  for (const e of extra) model.update(e.path, e.text);
  const eca = p.creates.filter((f) => f.role !== 'script' && f.role !== 'apex' && f.role !== 'report');
  for (const f of eca) model.update(f.path, f.text);
  const out: EngineDiagnostic[] = [];
  for (const f of eca) out.push(...checkFile(f.path, f.text, model));
  out.push(...checkProjectRules(model));
  return out;
}

export const errorsOf = (d: EngineDiagnostic[]) => d.filter((x) => x.severity === 'error').map((x) => `${x.path}: ${x.code} ${x.message}`);
