// file-encoding: metadata files must be UTF-8 (UTF-16 with a BOM is decoded but flagged).
import { fileRule } from '../define';

export const fileEncoding = fileRule({
  id: 'file-encoding', severity: 'error', section: 1, scope: 'any ECA file',
  summary: 'File is not UTF-8.',
  description: 'Salesforce metadata files must be UTF-8; a UTF-16 file is decoded so other checks can run, but the deploy cannot read it.',
  fix: 'Re-save the file as UTF-8.',
  check(ctx) {
    const f = ctx.file;
    if (f.tooLarge || !f.encodingProblem) return;
    ctx.report({ start: 0, end: 0, message: f.encodingProblem });
  },
});
