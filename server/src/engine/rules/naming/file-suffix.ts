// file-suffix: an ECA-looking file whose suffix sf does not know is silently never deployed.
import { fileRule } from '../define';
import { ECA_SUFFIXES, TYPE_BY_SUFFIX } from '../../schema';
import { localName } from '../../xml/scanner';
import { closest } from '../../text';
import { dirOf } from './dir';

export const fileSuffix = fileRule({
  id: 'file-suffix', severity: 'error', section: 2, scope: 'file name',
  summary: 'ECA-looking file with a suffix sf does not know: never deployed.',
  description: 'sf resolves metadata types by suffix; a file such as X.extlClntAppOauthSettings-meta.xml or X.ecaPolicy-meta.xml matches no type, so it is silently never deployed.',
  fix: 'Rename to the suffix of its root element (or the closest known suffix).',
  check(ctx) {
    const f = ctx.file;
    if (f.cls?.kind !== 'suspect') return;
    const target = f.rootType?.suffix && f.rootType.suffix !== 'settings'
      ? f.rootType.suffix
      : closest(f.cls.suffix, ECA_SUFFIXES, 1)[0];
    const root = f.xml.root;
    const start = root ? root.nameStart : 0;
    const end = root ? root.nameEnd : 0;
    const newName = target ? `${f.cls.name}.${target}-meta.xml` : undefined;
    ctx.report({ start, end,
      message: `'.${f.cls.suffix}-meta.xml' is not a suffix sf knows, so this file is silently never deployed.${newName ? ` ${f.rootType ? `Its root <${localName(root!.name)}> is` : 'The closest type is'} ${TYPE_BY_SUFFIX.get(target!)?.name}: rename it to ${newName}.` : ''}`,
      fixes: newName ? [{ title: `Rename to ${newName}`, preferred: true, changes: [{ kind: 'rename', from: f.path, to: dirOf(f.path) + newName }] }] : undefined });
  },
});
