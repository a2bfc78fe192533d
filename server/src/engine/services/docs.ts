// Markdown documentation of types and fields, shared by hover and completion.
import type { FieldInfo, TypeInfo } from '../schema';
import { describeRanges, elementRanges, typeRanges } from '../schema/versions';

/** "Declared from API 59.0" from the per-version table, or nothing when not versioned. */
function sinceLine(ranges: [number, number][] | undefined): string[] {
  if (!ranges) return [];
  const text = describeRanges(ranges);
  return ['', `${text[0].toUpperCase()}${text.slice(1)} (Metadata API WSDL).`];
}

export function fieldDoc(type: TypeInfo, f: FieldInfo): string {
  const lines = [`**${f.name}** — ${type.name}`, ''];
  if (f.description) lines.push(f.description, '');
  const kind = f.kind === 'complex' ? `complex (${f.complexType})` : f.kind === 'scopes' ? 'comma-separated OAuth scope names' : f.kind;
  lines.push(`Type: \`${kind}\`${f.required ? ' · **required**' : ''}${f.multiple ? ' · repeatable' : ''}${f.deprecated ? ' · *deprecated*' : ''}${f.documented ? '' : ' · undocumented (seen in files the platform emits)'}`);
  if (f.values?.length) lines.push('', `Values: ${f.values.map((v) => `\`${v}\``).join(', ')}`);
  if (f.alsoAccepted?.length) lines.push('', `Also accepted (emitted by the platform): ${f.alsoAccepted.map((v) => `\`${v}\``).join(', ')}`);
  lines.push(...sinceLine(elementRanges(type.name, f.name)));
  if (f.format) lines.push('', `Format: \`${f.format}\``);
  if (f.range) lines.push('', `Range: ${f.range[0]}–${f.range[1]}`);
  if (f.sensitive) lines.push('', '⚠ Holds a secret or org-specific credential: never commit a value.');
  if (f.source?.startsWith('http')) lines.push('', `[Metadata API reference](${f.source})`);
  return lines.join('\n');
}

export function typeDoc(t: TypeInfo): string {
  const lines = [`**${t.name}**`, ''];
  if (t.suffix) lines.push(`File: \`<Name>.${t.suffix}-meta.xml\` in \`${t.folder}/\``);
  if (typeRanges(t.name)) lines.push(...sinceLine(typeRanges(t.name)).slice(1));
  else if (t.since) lines.push(`Since API ${t.since}`);
  if (t.packageable !== undefined) lines.push(`Packageable: ${String(t.packageable)}`);
  if (!t.documented) lines.push('', 'Not in the Metadata API reference; fields come from the SDR registry and WSDL typings.');
  if (t.source?.startsWith('http')) lines.push('', `[Metadata API reference](${t.source})`);
  return lines.join('\n');
}
