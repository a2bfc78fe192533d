// Which files the extension hands to the language server. The suffixes come from the generated
// type list (server/src/engine/schema/metadataTypes.ts, npm run gen:schema), so package.json's
// activation events (written by the same generator), the document selector and the file watcher
// agree with the engine (test/client/manifest.test.ts checks package.json against this module).
import type { DocumentFilter } from 'vscode-languageclient';
import { ECA_SETTINGS_FILE, ECA_SUFFIXES } from '../../server/src/engine/schema/metadataTypes';

export { ECA_SUFFIXES, ECA_SETTINGS_FILE };

/**
 * Files named almost like ECA metadata (a misspelt or invented suffix such as
 * `.extlClntAppOauth-meta.xml`): the server reports them (rule file-suffix), so it must see them.
 */
export const SUSPECT_GLOBS = [
  '**/*.eca*-meta.xml',
  '**/*.extlClntApp*-meta.xml',
  '**/*.ExtlClntApp*-meta.xml',
  '**/*.externalClientApp*-meta.xml',
  '**/*.ExternalClientApp*-meta.xml',
];

/** A source-format ECA file (`<Name>.<suffix>-meta.xml`), and the header file: what the commands edit. */
export const SUFFIX_RE = new RegExp(`\\.(${ECA_SUFFIXES.join('|')})-meta\\.xml$`);
export const HEADER_RE = /\.eca-meta\.xml$/;

export const ECA_GLOB = `**/*.{${ECA_SUFFIXES.join(',')}}-meta.xml`;
/** Metadata-format (mdapi) files: the same suffixes without `-meta.xml`, beside a package.xml. */
export const ECA_MDAPI_GLOB = `**/*.{${ECA_SUFFIXES.join(',')}}`;
export const PROJECT_FILE = 'sfdx-project.json';

export const documentSelector: DocumentFilter[] = [
  { scheme: 'file', pattern: ECA_GLOB },
  { scheme: 'file', pattern: ECA_MDAPI_GLOB },
  { scheme: 'file', pattern: `**/${ECA_SETTINGS_FILE}` },
  ...SUSPECT_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
  { scheme: 'file', pattern: `**/${PROJECT_FILE}` },
  // Connected Apps: read-only insight (ECA equivalents on hover, an offer to migrate).
  { scheme: 'file', pattern: '**/*.{connectedApp-meta.xml,connectedApp}' },
];

/** Files whose creation, change or deletion can change another file's diagnostics. */
export const WATCH_GLOB = `**/{*-meta.xml,${ECA_SUFFIXES.map((x) => `*.${x}`).join(',')},${PROJECT_FILE},.forceignore}`;

/** `workspaceContains:` activation events, as package.json must list them. */
export function activationEvents(): string[] {
  return [
    `workspaceContains:${PROJECT_FILE}`,
    ...ECA_SUFFIXES.map((s) => `workspaceContains:**/*.${s}-meta.xml`),
    `workspaceContains:**/${ECA_SETTINGS_FILE}`,
    'workspaceContains:**/*.extlClntApp*-meta.xml',
    `workspaceContains:${ECA_MDAPI_GLOB}`,
  ];
}
