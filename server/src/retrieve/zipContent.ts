// Turns the entries of a retrieve zip (Metadata API format) into source-format components of the
// selected apps, and nothing else: no credentials-bearing type, no component of another app, no
// element that holds a credential. Conversion to source format for the ECA family is the same
// bytes under `<Name>.<suffix>-meta.xml` (what @salesforce/source-deploy-retrieve writes too).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { retrieveError } from './errors';
import type { ZipEntry } from './sfLoader';
import { ECA_TYPE, SECRET_ELEMENTS, TYPE_BY_FOLDER, type EcaTypeInfo } from './types';

export interface RetrievedComponent {
  type: EcaTypeInfo;
  fullName: string;
  /** Developer name of the ECA it belongs to (itself for the ECA header). */
  app: string;
  content: Buffer;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });

function findSecretKeys(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) findSecretKeys(n, found);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (SECRET_ELEMENTS.includes(k)) found.add(k);
      findSecretKeys(v, found);
    }
  }
}

/**
 * Removes every credential element (with its line) from a metadata file. Returns the cleaned text
 * and the names of the removed elements. Throws if the result still parses to a credential.
 */
export function scrubSecrets(text: string): { text: string; removed: string[] } {
  const removed = new Set<string>();
  let out = text;
  for (const name of SECRET_ELEMENTS) {
    const paired = new RegExp(`^[ \\t]*<${name}\\b[^>]*>[\\s\\S]*?</${name}\\s*>[ \\t]*\\r?\\n?`, 'gm');
    const inline = new RegExp(`<${name}\\b[^>]*>[\\s\\S]*?</${name}\\s*>`, 'g');
    const empty = new RegExp(`<${name}\\b[^>]*/>`, 'g');
    for (const re of [paired, inline, empty]) {
      out = out.replace(re, () => {
        removed.add(name);
        return '';
      });
    }
  }
  const left = new Set<string>();
  findSecretKeys(parser.parse(out), left);
  if (left.size) {
    throw retrieveError('BAD_ZIP', `A file in the org's answer holds credentials that could not be removed (${[...left].join(', ')}); nothing was written.`);
  }
  return { text: out, removed: [...removed] };
}

export interface SortedZip {
  components: RetrievedComponent[];
  warnings: string[];
}

export function sortOutZip(entries: ZipEntry[], apps: ReadonlySet<string>): SortedZip {
  const components: RetrievedComponent[] = [];
  const warnings: string[] = [];
  if (!entries.some((e) => e.path.startsWith('unpackaged/'))) {
    throw retrieveError('BAD_ZIP', "The org's answer has an unexpected layout (no unpackaged/ folder); nothing was written.");
  }
  for (const entry of entries) {
    const path = entry.path;
    if (path.includes('\\') || path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '.')) {
      throw retrieveError('BAD_ZIP', `The org's answer contains an unsafe path (${JSON.stringify(path.slice(0, 200))}); nothing was written.`);
    }
    if (path === 'unpackaged/package.xml') continue;
    const parts = path.split('/');
    if (parts.length !== 3 || parts[0] !== 'unpackaged') {
      warnings.push(`Skipped ${path}: not an ECA metadata file.`);
      continue;
    }
    const [, folder, file] = parts;
    const type = TYPE_BY_FOLDER.get(folder);
    if (!type) {
      warnings.push(`Skipped ${path}: not part of the External Client App family.`);
      continue;
    }
    if (!file.endsWith(`.${type.suffix}`)) {
      warnings.push(`Skipped ${path}: unexpected file name for ${type.name}.`);
      continue;
    }
    const fullName = file.slice(0, -(type.suffix.length + 1));
    if (type.policy === 'never') {
      warnings.push(`Left out ${type.name} ${fullName}: it holds credentials (consumer key/secret) and is never written to the workspace.`);
      continue;
    }
    const text = entry.data.toString('utf8');
    if (XMLValidator.validate(text) !== true) {
      throw retrieveError('BAD_ZIP', `${path} in the org's answer is not well-formed XML; nothing was written.`);
    }
    const root = parser.parse(text) as Record<string, unknown>;
    const body = root[type.name];
    if (body === undefined) {
      throw retrieveError('BAD_ZIP', `${path} in the org's answer is not a ${type.name}; nothing was written.`);
    }
    let app: string;
    if (type.name === ECA_TYPE) {
      app = fullName;
    } else {
      const field = body && typeof body === 'object' ? (body as Record<string, unknown>).externalClientApplication : undefined;
      app = typeof field === 'string' ? field.trim() : '';
      if (!app) {
        warnings.push(`Skipped ${type.name} ${fullName}: it names no externalClientApplication.`);
        continue;
      }
    }
    if (!apps.has(app)) {
      warnings.push(`Skipped ${type.name} ${fullName}: it belongs to ${app}, which was not selected.`);
      continue;
    }
    const scrubbed = scrubSecrets(text);
    if (scrubbed.removed.length) {
      warnings.push(`Removed ${scrubbed.removed.join(', ')} from ${type.name} ${fullName}: credentials never go into the workspace.`);
    }
    components.push({ type, fullName, app, content: Buffer.from(scrubbed.text, 'utf8') });
  }
  return { components, warnings };
}
