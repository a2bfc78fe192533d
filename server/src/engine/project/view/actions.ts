// The Environments view's actions as engine Fixes (the server hands the client a WorkspaceEdit):
// copy one setting across environments, touching only the element's value, and scaffold the files
// an environment lacks in its own folder (default/ gets client credentials off). Never overwrites.
// Refusals are EcaErrors with code INVALID and a message meant for the user.
import type { ParsedFile } from '../../document';
import { valueOf } from '../../xml/scanner';
import { childrenNamed, rawContent, removeChild, setChild } from '../../xml/childEdit';
import { TYPE_BY_NAME } from '../../schema';
import type { Fix, TextEdit } from '../../types';
import { EcaError } from '../../errors';
import { normalize, stripNamespace } from '../model';
import { defaultPolicyText, environmentOf } from '../environments';
import type { EnvironmentsView } from '../environmentsView';


/**
 * Copy one setting (an element of the file's root) from `source` to each of `targets`, changing
 * only the element's value (or inserting it in alphabetical place, or removing it when the
 * source lacks it). Throws an Error whose message is meant for the user.
 */
export function copySetting(view: EnvironmentsView, source: string, setting: string, targets: string[]): { fix: Fix; unchanged: string[] } {
  const m = view.model;
  const src = m.components.get(normalize(source));
  if (!src) throw new EcaError('INVALID', `${source} is not an indexed ECA file.`);
  const type = TYPE_BY_NAME.get(src.type);
  const field = type?.fieldMap.get(setting);
  if (!field || field.kind === 'complex' || field.multiple) throw new EcaError('INVALID', `${setting} is not a single-valued setting of ${src.type}.`);
  const srcFile = view.io.parsedOf(src.path);
  if (!srcFile) throw new EcaError('INVALID', `Cannot read ${src.path}.`);
  const srcEl = childrenNamed(srcFile, setting)[0];
  const raw = srcEl ? rawContent(srcFile.text, srcEl) : undefined;
  const value = srcEl ? valueOf(srcEl) : undefined;
  const fix: Fix = { title: `Copy ${setting} to ${targets.length} environment(s)`, changes: [] };
  const unchanged: string[] = [];
  for (const t of targets) {
    const tp = normalize(t);
    const tc = m.components.get(tp);
    if (!tc) throw new EcaError('INVALID', `${t} is not an indexed ECA file.`);
    if (tp === src.path) throw new EcaError('INVALID', 'The source and the target are the same file.');
    if (tc.type !== src.type || stripNamespace(tc.eca ?? '') !== stripNamespace(src.eca ?? '')) throw new EcaError('INVALID', `${t} is not the same kind of file of the same External Client App.`);
    const pkg = m.packageOf(tp);
    const env = pkg?.aliasfy ? environmentOf(pkg, tp).env : undefined;
    if (env === 'default' && ((setting === 'isClientCredentialsFlowEnabled' && value?.toLowerCase() === 'true') || (setting === 'clientCredentialsFlowUser' && value))) {
      throw new EcaError('INVALID', 'default/ must keep client credentials off: scratch-org usernames are generated, so the deploy fails ("Enter a valid execution user for the OAuth client credentials flow").');
    }
    const file = view.io.parsedOf(tp);
    if (!file) throw new EcaError('INVALID', `Cannot read ${tp}.`);
    const edits = setElementEdits(file, setting, raw);
    if (edits.length) fix.changes.push({ kind: 'edit', path: tp, edits }); else unchanged.push(tp);
  }
  return { fix, unchanged };
}

/**
 * Create the files `env` lacks (or receives only through default/) in its own folder, copied
 * from environment `from`; for default/ the copy has client credentials off and no run-as user.
 * Limited to one ECA or one slot when given. Never overwrites: files that exist are skipped.
 */
export function scaffoldEnvironment(view: EnvironmentsView, envName: string, from: string | undefined, opts: { eca?: string; slot?: string } = {}): { fix: Fix; skipped: string[] } {
  const ix = view.currentIndex();
  const env = view.envNamed(envName);
  if (!env) throw new EcaError('INVALID', `No environment named ${envName}.`);
  const fix: Fix = { title: `Scaffold ${envName}/`, changes: [] };
  const skipped: string[] = [];
  for (const slot of ix.slots) {
    if (slot.everyOrg) continue;
    if (opts.eca && slot.eca !== stripNamespace(opts.eca)) continue;
    if (opts.slot && slot.key !== opts.slot) continue;
    if (slot.byEnv.has(envName)) continue;
    const srcEnv = from ?? (envName === 'default' ? [...slot.byEnv.keys()].sort()[0] : slot.byEnv.has('default') ? 'default' : [...slot.byEnv.keys()].sort()[0]);
    const srcComp = srcEnv !== undefined ? slot.byEnv.get(srcEnv) : undefined;
    if (!srcComp) { skipped.push(`${slot.rel}: ${srcEnv ?? 'no environment'} has no copy to start from`); continue; }
    const target = `${slot.pkg.path}/${envName}/${slot.rel}`;
    if (view.model.components.has(target) || view.model.fs.exists(target)) { skipped.push(`${target} exists`); continue; }
    const text = view.io.parsedOf(srcComp.path)?.text;
    if (text === undefined) { skipped.push(`${srcComp.path} cannot be read`); continue; }
    fix.changes.push({ kind: 'create', path: target, text: envName === 'default' ? defaultPolicyText(text) : text });
  }
  if (!fix.changes.length) throw new EcaError('INVALID', `Nothing to scaffold for ${envName}${opts.eca ? ` (${opts.eca})` : ''}${skipped.length ? `: ${skipped.join('; ')}` : ': it has its own copy of every file'}.`);
  fix.title = `Scaffold ${envName}/ (${fix.changes.length} file(s)${from ? ` from ${from}/` : ''})`;
  return { fix, skipped };
}

/** Edits that make `name` hold `raw` (or remove it when `raw` is undefined), through the one XML child editor. */
export function setElementEdits(file: ParsedFile, name: string, raw: string | undefined): TextEdit[] {
  if (!file.xml.root) throw new EcaError('INVALID', 'The target file has no root element.');
  const el = childrenNamed(file, name)[0];
  const edit = raw === undefined ? (el ? removeChild(file, el) : undefined) : setChild(file, el, name, raw);
  return edit ? [{ range: file.lines.range(edit.offset, edit.offset + edit.length), newText: edit.content }] : [];
}
