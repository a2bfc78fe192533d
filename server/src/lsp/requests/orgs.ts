// eca/reloadOrgs: re-read sf's org aliases and auth files (the client sends it after a login or on
// demand), then re-check everything that reads them.
import { ORG_METHODS } from '../protocol';
import { defineRequests } from './registry';

defineRequests('orgs', (ctx) => {
  ctx.connection.onRequest(ORG_METHODS.reloadOrgs, () => {
    ctx.workspace.reloadOrgs();
    ctx.diagnostics.revalidateAll();
    return true;
  });
});
