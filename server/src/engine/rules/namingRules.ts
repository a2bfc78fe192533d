// Section 2: file naming and placement (one file + its path).
import type { Rule } from './context';
import { baseName, parentFolderName } from '../files';
import { ECA_SUFFIXES, TYPE_BY_SUFFIX } from '../schema';
import { localName } from '../xml/scanner';
import { closest } from '../text';

function dirOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(0, p.lastIndexOf('/') + 1);
}

export const fileSuffix: Rule = (ctx) => {
  const f = ctx.file;
  if (f.cls?.kind !== 'suspect') return;
  const target = f.rootType?.suffix && f.rootType.suffix !== 'settings'
    ? f.rootType.suffix
    : closest(f.cls.suffix, ECA_SUFFIXES, 1)[0];
  const root = f.xml.root;
  const start = root ? root.nameStart : 0;
  const end = root ? root.nameEnd : 0;
  const newName = target ? `${f.cls.name}.${target}-meta.xml` : undefined;
  ctx.report({ code: 'file-suffix', severity: 'error', start, end,
    message: `'.${f.cls.suffix}-meta.xml' is not a suffix sf knows, so this file is silently never deployed.${newName ? ` ${f.rootType ? `Its root <${localName(root!.name)}> is` : 'The closest type is'} ${TYPE_BY_SUFFIX.get(target!)?.name}: rename it to ${newName}.` : ''}`,
    fixes: newName ? [{ title: `Rename to ${newName}`, preferred: true, changes: [{ kind: 'rename', from: f.path, to: dirOf(f.path) + newName }] }] : undefined });
};

export const fileFolder: Rule = (ctx) => {
  const f = ctx.file;
  if (f.cls?.kind !== 'eca' || !f.cls.type.folder || f.cls.suffix === 'settings') return;
  const folder = parentFolderName(f.path);
  if (folder === f.cls.type.folder) return;
  const root = f.xml.root;
  const start = root ? root.nameStart : 0;
  const end = root ? root.nameEnd : 0;
  const parentDir = dirOf(f.path).replace(/[^/]+\/$/, '');
  const target = `${parentDir}${f.cls.type.folder}/${baseName(f.path)}`;
  ctx.report({ code: 'file-folder', severity: 'information', start, end,
    message: `${f.cls.type.name} files conventionally live in a '${f.cls.type.folder}/' folder, not '${folder}/'. It still deploys (sf resolves the type by suffix), but a retrieve writes it into '${f.cls.type.folder}/', leaving a duplicate.`,
    fixes: [{ title: `Move to ${f.cls.type.folder}/`, changes: [{ kind: 'rename', from: f.path, to: target }] }] });
};

export const NAMING_RULES: Rule[] = [fileSuffix, fileFolder];
