// global-oauth-in-source: global OAuth settings committed to source (error for platform-managed
// ones, information for a Local app's documented local-creation flow).
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import type { RuleContext } from '../context';
import { GLOBAL_OAUTH_TYPE } from '../../schema';
import type { Fix } from '../../types';
import { childValue, ecaFacts, rootOf } from '../common';

function forceignoreFix(ctx: RuleContext): Fix[] | undefined {
  const project = ctx.project;
  if (!project) return undefined;
  const path = `${project.root}/.forceignore`;
  const line = '**/*.ecaGlblOauth-meta.xml';
  const existing = project.forceignoreContent;
  if (existing === null) {
    return [{ title: 'Add global OAuth settings to .forceignore', preferred: true,
      changes: [{ kind: 'create', path, text: `# Global OAuth settings are org-specific and hold credentials (ECA tools)\n${line}\n` }] }];
  }
  if (existing.split(/\r?\n/).some((l) => l.trim() === line)) return undefined;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split('\n');
  const lastLine = lines.length - 1;
  const lastChar = lines[lastLine].length;
  const prefix = existing.length && !existing.endsWith('\n') ? eol : '';
  return [{ title: 'Add global OAuth settings to .forceignore', preferred: true,
    changes: [{ kind: 'edit', path, edits: [{ range: { start: { line: lastLine, character: lastChar }, end: { line: lastLine, character: lastChar } }, newText: `${prefix}${line}${eol}` }] }] }];
}

export const globalOauthInSource = fileRule({
  id: 'global-oauth-in-source', severity: 'error', section: 3, scope: 'ExtlClntAppGlobalOauthSettings',
  evidence: { platform: `${QUOTE.notInSourceControl} / Ephemeral orgs such as scratch orgs can't be used to deploy packaged ECAs`, seen: `${SEEN.globalOauthPage}; ${SEEN.fieldNotes}; not seen for a packaging org's plain-source deploy, hence a warning there` },
  summary: 'Global OAuth settings in source control.',
  description: 'Error when the file sits in an unlocked package; a warning for a Packaged app kept as plain source (the packaging org\'s own retrieve writes them): platform-managed, best kept out of source control; deploying fails ("Ephemeral orgs such as scratch orgs can\'t be used to deploy packaged ECAs", consumer key conflicts in sandboxes). Information for a Local app, whose documented local-creation flow deploys them.',
  fix: 'Add the pattern to .forceignore (never deletes the file).',
  reads: ['ExternalClientApplication.distributionState'],
  check(ctx) {
    const root = rootOf(ctx, GLOBAL_OAUTH_TYPE);
    if (!root || ctx.project?.isIgnored(ctx.file.path)) return;
    const eca = childValue(root, 'externalClientApplication');
    const facts = ecaFacts(ctx, eca);
    if (facts.state === 'unreadable' && !facts.unlocked) return; // invalid-enum on the header says so; the verdict depends on it
    const fixes = forceignoreFix(ctx);
    if (facts.packaged && !facts.unlocked) {
      // A Packaged app's own packaging org retrieves (and may redeploy) them as plain source: the
      // platform's rejection is seen only for packages and ephemeral orgs, so this is a warning.
      ctx.report({ severity: 'warning', start: root.nameStart, end: root.nameEnd, fixes,
        message: `Global OAuth settings of the Packaged ECA ${eca} in plain source: the packaging org's own retrieve writes them, but deploying them elsewhere may fail ("Ephemeral orgs such as scratch orgs can't be used to deploy packaged ECAs", consumer key conflicts in sandboxes). Keep them out of packages; consider .forceignore.` });
    } else if (facts.unlocked) {
      ctx.report({ start: root.nameStart, end: root.nameEnd, fixes,
        message: `Global OAuth settings are platform-managed for ${facts.packaged ? `the Packaged ECA ${eca}` : `an ECA in the unlocked package '${facts.pkg?.name ?? facts.pkg?.rel}'`} and must stay out of source control: deploying them fails ("Ephemeral orgs such as scratch orgs can't be used to deploy packaged ECAs", consumer key conflicts in sandboxes). Add them to .forceignore.` });
    } else {
      ctx.report({ severity: 'information', start: root.nameStart, end: root.nameEnd, fixes,
        message: `Global OAuth settings for a ${facts.state && facts.state !== 'Local' ? `${facts.state} ECA` : 'Local ECA'}: deploying them is Salesforce's documented way to create a local ECA through the Metadata API, but they hold org-specific credentials; keep secrets out and consider .forceignore once the app exists.` });
    }
  },
});
