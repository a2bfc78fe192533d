// eca/verify: "Verify Against Org…" answered by the server, like retrieve. The server owns the
// project model's rules for what an org receives and loads the Salesforce libraries on demand; the
// client only picks the org and shows the diagnostics. Cancelling the request cancels the
// check-only deploy in the org. Nothing here writes to disk.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { verifyAgainstOrg } from '../../verify/verify';
import { VERIFY_METHODS, type VerifyAnswer, type VerifyParams } from '../verifyProtocol';
import { EcaError } from '../../engine/errors';
import { defineRequests } from './registry';
import { handle, targetPath } from './runner';

defineRequests('verify', (ctx) => {
  handle(ctx, VERIFY_METHODS.verify, async (p: VerifyParams, signal): Promise<VerifyAnswer> => {
    if (!p || typeof p.targetOrg !== 'string' || !p.targetOrg || typeof p.target !== 'string' || !p.target) {
      throw new EcaError('USAGE', 'verify needs a target org and a file or folder of the project.');
    }
    const target = targetPath(p.target);
    const cwd = existsSync(target) && statSync(target).isDirectory() ? target : dirname(target);
    const r = await verifyAgainstOrg({ targetOrg: p.targetOrg, cwd, paths: (p.paths ?? []).map(targetPath), signal, progress: (m) => ctx.log(`verify: ${m}`) });
    return { org: r.org, projectRoot: r.projectRoot, files: r.files.length, diagnostics: r.diagnostics, notes: r.notes };
  });
});
