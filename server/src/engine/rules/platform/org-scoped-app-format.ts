// org-scoped-app-format: orgScopedExternalApp is not `<org id>:<this app's name>` (a placeholder,
// or copied from another app). The platform writes it on retrieve; it cannot be constructed.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { HEADER_TYPE } from '../../schema';
import { childrenByName } from '../../document';
import { valueOf, valueSpan } from '../../xml/scanner';
import { retrieveCommand, rootOf } from '../common';

const ORG_SCOPED_RE = /^(00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?):([A-Za-z][A-Za-z0-9_]*)$/;

export const orgScopedAppFormat = fileRule({
  id: 'org-scoped-app-format', severity: 'warning', section: 6, scope: 'ExternalClientApplication',
  evidence: { platform: "a placeholder orgScopedExternalApp \"fails validation on a clean org\"", seen: `${SEEN.platformFacts} (a public workshop repository's own README)` },
  summary: 'orgScopedExternalApp is not <org id>:<this app\'s name>.',
  description: 'Every real file writes orgScopedExternalApp as <org id>:<app developer name> (e.g. 00DQy00000WBreT:Customer_Order_Status; org id 15 or 18 characters starting 00D). A placeholder such as 00D-XXXXXXXXXXXXXX:App "fails validation on a clean org"; a name part that differs from the app\'s own name was copied from another app.',
  fix: 'Command: retrieve the app from the DevHub.',
  check(ctx) {
    const root = rootOf(ctx, HEADER_TYPE);
    if (!root) return;
    const el = childrenByName(root).get('orgScopedExternalApp')?.[0];
    if (!el) return;
    const value = valueOf(el);
    if (!value || ctx.project?.isReplaced(value)) return;
    const own = ctx.file.cls?.kind === 'eca' ? ctx.file.cls.name : undefined;
    const m = ORG_SCOPED_RE.exec(value);
    const [s, e] = valueSpan(el);
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    if (!m) {
      ctx.report({ start: s, end: e, commands: retrieveCommand(own),
        message: `orgScopedExternalApp '${shown}' is not '<org id>:<app name>' (e.g. 00DQy00000WBreT:${own ?? 'My_App'}; the org id is 15 or 18 characters starting 00D). The platform writes this value; a placeholder "fails validation on a clean org". Retrieve the app, or remove the element and let the platform fill it in.` });
    } else if (own && m[2] !== own) {
      ctx.report({ start: s, end: e, commands: retrieveCommand(own),
        message: `orgScopedExternalApp names the app '${m[2]}', but this is ${own}: the value was copied from another app. Retrieve this app's own value from the org that owns it.` });
    }
  },
});
