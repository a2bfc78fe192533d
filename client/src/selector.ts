// Which files the extension hands to the language server. Kept in one place so package.json's
// activation events, the document selector and the file watcher agree (a unit test checks that
// package.json lists every suffix here).
import type { DocumentFilter } from 'vscode-languageclient';

/** File suffixes of the ECA metadata types: `<Name>.<suffix>-meta.xml`. */
export const ECA_SUFFIXES = [
  'eca',
  'ecaOauth',
  'ecaGlblOauth',
  'ecaOauthPlcy',
  'ecaPlcy',
  'ecaMobile',
  'ecaMobilePlcy',
  'ecaNotifications',
  'ecaPush',
  'ecaPushPlcy',
  'ecaCanvas',
  'ecaSamlPlcy',
  'ecaOauthSecurity',
  'ecaSmpl',
  'ecaSmplPlcy',
] as const;

/** The org-wide ECA settings file. */
export const ECA_SETTINGS_FILE = 'ExternalClientApp.settings-meta.xml';

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

export const ECA_GLOB = `**/*.{${ECA_SUFFIXES.join(',')}}-meta.xml`;
export const PROJECT_FILE = 'sfdx-project.json';

export const documentSelector: DocumentFilter[] = [
  { scheme: 'file', pattern: ECA_GLOB },
  { scheme: 'file', pattern: `**/${ECA_SETTINGS_FILE}` },
  ...SUSPECT_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
  { scheme: 'file', pattern: `**/${PROJECT_FILE}` },
  // Connected Apps: read-only insight (ECA equivalents on hover, an offer to migrate).
  { scheme: 'file', pattern: '**/*.{connectedApp-meta.xml,connectedApp}' },
];

/** Files whose creation, change or deletion can change another file's diagnostics. */
export const WATCH_GLOB = `**/{*-meta.xml,${PROJECT_FILE},.forceignore}`;

/** `workspaceContains:` activation events, as package.json must list them. */
export function activationEvents(): string[] {
  return [
    `workspaceContains:${PROJECT_FILE}`,
    ...ECA_SUFFIXES.map((s) => `workspaceContains:**/*.${s}-meta.xml`),
    `workspaceContains:**/${ECA_SETTINGS_FILE}`,
    'workspaceContains:**/*.extlClntApp*-meta.xml',
  ];
}
