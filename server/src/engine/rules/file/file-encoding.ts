// file-encoding: metadata files are UTF-8; a UTF-16 file (with a BOM) is flagged as one the deploy may not
// read (inferred: no platform rejection of a UTF-16 metadata file seen, so a warning).
import { fileRule } from '../define';

export const fileEncoding = fileRule({
  id: 'file-encoding', severity: 'warning', section: 1, scope: 'any ECA file',
  evidence: 'inferred',
  summary: 'File is not UTF-8.',
  description: 'Salesforce metadata files are UTF-8; a UTF-16 file (with a byte order mark) is flagged: the deploy may not read it. No platform rejection of one has been seen, so this is a warning.',
  fix: 'Re-save the file as UTF-8.',
  check(ctx) {
    const f = ctx.file;
    if (f.tooLarge || !f.encodingProblem) return;
    ctx.report({ start: 0, end: 0, message: f.encodingProblem });
  },
});
