// file-folder: a known suffix outside its type's conventional folder.
import { fileRule } from '../define';
import { SEEN } from '../evidence';
import { baseName, parentFolderName } from '../../files';
import { dirOf } from './dir';

export const fileFolder = fileRule({
  id: 'file-folder', severity: 'information', section: 2, scope: 'file path',
  evidence: { platform: "\"strictDirectoryName\": false for every ECA type: sf resolves them by suffix in any folder, and a retrieve writes each into its directoryName", seen: SEEN.sdrResolver },
  summary: 'File outside its type\'s conventional folder.',
  description: 'The file still deploys (sf resolves these types by suffix), but a retrieve writes it into the conventional folder (externalClientApps/, extlClntAppOauthSettings/, …), leaving a duplicate.',
  fix: 'Move the file into its type\'s folder.',
  check(ctx) {
    const f = ctx.file;
    if (f.cls?.kind !== 'eca' || !f.cls.type.folder || f.cls.suffix === 'settings') return;
    const folder = parentFolderName(f.path);
    if (folder === f.cls.type.folder) return;
    const root = f.xml.root;
    const start = root ? root.nameStart : 0;
    const end = root ? root.nameEnd : 0;
    const parentDir = dirOf(f.path).replace(/[^/]+\/$/, '');
    const target = `${parentDir}${f.cls.type.folder}/${baseName(f.path)}`;
    ctx.report({ start, end,
      message: `${f.cls.type.name} files conventionally live in a '${f.cls.type.folder}/' folder, not '${folder}/'. It still deploys (sf resolves the type by suffix), but a retrieve writes it into '${f.cls.type.folder}/', leaving a duplicate.`,
      fixes: [{ title: `Move to ${f.cls.type.folder}/`, changes: [{ kind: 'rename', from: f.path, to: target }] }] });
  },
});
