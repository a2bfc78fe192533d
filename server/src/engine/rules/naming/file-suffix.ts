// file-suffix: an ECA-looking file whose suffix sf does not know: sf cannot infer its type and stops the
// deploy of its folder (source-deploy-retrieve's TypeInferenceError).
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { ECA_SUFFIXES, TYPE_BY_SUFFIX } from '../../schema';
import { localName } from '../../xml/scanner';
import { closest } from '../../text';
import { dirOf } from './dir';

export const fileSuffix = fileRule({
  id: 'file-suffix', severity: 'error', section: 2, scope: 'file name',
  evidence: { platform: "Error (TypeInferenceError): …-meta.xml: Could not infer a metadata type", seen: `${SEEN.sdrResolver}; a deploy stopped by it: trailheadapps/coral-cloud#129 (https://github.com/trailheadapps/coral-cloud/issues/129)` },
  summary: 'ECA-looking file with a suffix sf does not know: sf cannot infer its type.',
  description: 'sf resolves metadata types by suffix; a file such as X.extlClntAppOauthSettings-meta.xml or X.ecaPolicy-meta.xml matches no type in sf\'s registry, so sf stops a deploy of its folder ("Could not infer a metadata type", TypeInferenceError).',
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
      message: `'.${f.cls.suffix}-meta.xml' is not a suffix sf knows: sf cannot infer this file\'s type and stops a deploy of its folder ("Could not infer a metadata type").${newName ? ` ${f.rootType ? `Its root <${localName(root!.name)}> is` : 'The closest type is'} ${TYPE_BY_SUFFIX.get(target!)?.name}: rename it to ${newName}.` : ''}`,
      fixes: newName ? [{ title: `Rename to ${newName}`, preferred: true, changes: [{ kind: 'rename', from: f.path, to: dirOf(f.path) + newName }] }] : undefined });
  },
});
