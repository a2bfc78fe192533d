// connected-app-new: a Connected App in source. Creating one by deploy is blocked (Help 005228017);
// updating an existing one still works. The fix runs the existing migration command.
import { fileRule } from '../define';
import { localName } from '../../xml/scanner';
import { MIGRATE_COMMAND } from '../common';

export const CONNECTED_APP_RE = /\.connectedApp-meta\.xml$/;

export const connectedAppNew = fileRule({
  id: 'connected-app-new', severity: 'warning', section: 6, scope: 'ConnectedApp',
  evidence: { platform: "Connected App creation via APIs (including the Metadata API) is blocked in the same way as the UI", seen: "Salesforce Help 005228017 (docs/reference/platform-facts-2026.md § Security controls Salesforce recommends)" },
  summary: 'A Connected App in source: creating it by deploy is blocked.',
  description: '"Connected App creation via APIs (including the Metadata API) is blocked in the same way as the UI" (Help 005228017): a .connectedApp-meta.xml that does not exist in the target org yet will not deploy; updating an existing app still works. External Client Apps replace them.',
  fix: 'Command: migrate the Connected App to an External Client App (eca.migrateConnectedApp).',
  appliesTo: 'connectedApp',
  check(ctx) {
    const root = ctx.file.xml.root;
    if (!CONNECTED_APP_RE.test(ctx.file.path) || !root || localName(root.name) !== 'ConnectedApp') return;
    ctx.report({ start: root.nameStart, end: root.nameEnd,
      commands: [{ title: 'Migrate to External Client App…', command: MIGRATE_COMMAND, arguments: [ctx.file.path] }],
      message: 'A Connected App in source deploys only to orgs that already have it: "Connected App creation via APIs (including the Metadata API) is blocked in the same way as the UI", so creating it in a new org or scratch org fails. Migrate it to an External Client App.' });
  },
});
