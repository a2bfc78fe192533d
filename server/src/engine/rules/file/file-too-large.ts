// file-too-large: a file far beyond any real metadata file is not parsed at all.
import { fileRule } from '../define';

export const fileTooLarge = fileRule({
  id: 'file-too-large', severity: 'warning', section: 1, scope: 'any ECA file',
  evidence: 'inferred',
  summary: 'File too large to be metadata; not parsed.',
  description: 'Files over 2 MB are not parsed (generated output or a binary committed by mistake); they get this one diagnostic instead.',
  check(ctx) {
    const f = ctx.file;
    if (!f.tooLarge) return;
    ctx.report({ start: 0, end: 0,
      message: `The file is ${(f.text.length / 1048576).toFixed(1)} MB, far beyond any real metadata file; it was not parsed. Is it generated output or a binary committed by mistake?` });
  },
});
