// Generates the engine's ECA schema table from the platform's own schema: the External Client App
// part of the Metadata API WSDL (server/src/engine/schema/platform/metadata-v66-eca.xsd) merged
// with an overlay for what the WSDL lacks (server/src/engine/schema/overlay.json: documentation
// text, required-on-create fields, suffixes and folders, fields real retrieved files carry beyond
// the WSDL). Also writes the facts derived from that table that live outside the engine:
// the compact type list (metadataTypes.ts, imported by the client and retrieve) and package.json's
// activation events and menu `when` clauses. package.json's `contributes.commands` and the
// palette's hidden entries are generated here too, from the client's command table
// (client/src/commands/catalogue.ts): adding a command does not touch package.json by hand.
//   npm run gen:schema            write every generated file
//   npm run gen:schema -- --check exit 1 (listing the files) when a checked-in file is not current
// When the next WSDL arrives: replace platform/metadata-v*-eca.xsd, update PROVENANCE.md, run it.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = join(ROOT, 'server/src/engine/schema');
export const PATHS = {
  xsdDir: join(SCHEMA_DIR, 'platform'),
  overlay: join(SCHEMA_DIR, 'overlay.json'),
  table: join(SCHEMA_DIR, 'eca-metadata-schema.json'),
  typesModule: join(SCHEMA_DIR, 'metadataTypes.ts'),
  packageJson: join(ROOT, 'package.json'),
  commandCatalogue: join(ROOT, 'client/src/commands/catalogue.ts'),
};

/**
 * COMMAND_CATALOGUE of client/src/commands/catalogue.ts, read without a build: its object literal
 * is plain data (strings, booleans), the same text in TypeScript and JavaScript.
 */
export function commandCatalogue() {
  const src = readFileSync(PATHS.commandCatalogue, 'utf8');
  const m = /export const COMMAND_CATALOGUE = (\{[\s\S]*?\n\}) as const/.exec(src);
  if (!m) throw new Error(`${PATHS.commandCatalogue}: no "export const COMMAND_CATALOGUE = { … } as const"`);
  return new Function(`return (${m[1]});`)();
}

/** package.json's commands and the palette's hidden entries, from the command table. */
export function patchCommands(pkg, catalogue) {
  pkg.contributes.commands = Object.entries(catalogue).map(([command, info]) => ({
    command, title: info.title, category: 'ECA', ...(info.icon ? { icon: info.icon } : {}), ...(info.requiresTrust ? { enablement: 'isWorkspaceTrusted' } : {}),
  }));
  const shown = (pkg.contributes.menus.commandPalette ?? []).filter((m) => m.when !== 'false');
  pkg.contributes.menus.commandPalette = [...Object.entries(catalogue).filter(([, info]) => info.palette === false).map(([command]) => ({ command, when: 'false' })), ...shown];
  return pkg;
}

/** The newest platform schema file (metadata-v<NN>-eca.xsd). */
export function platformXsdPath() {
  const files = readdirSync(PATHS.xsdDir).filter((f) => /^metadata-v\d+-eca\.xsd$/.test(f));
  files.sort((a, b) => Number(/\d+/.exec(b)[0]) - Number(/\d+/.exec(a)[0]));
  if (!files.length) throw new Error(`no metadata-v<NN>-eca.xsd in ${PATHS.xsdDir}`);
  return join(PATHS.xsdDir, files[0]);
}

/** simpleType name → enumeration values; complexType name → { metadata, elements }. */
export function parseXsd(text) {
  const arrays = new Set(['xsd:simpleType', 'xsd:complexType', 'xsd:element', 'xsd:enumeration']);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => arrays.has(n) });
  const s = parser.parse(text)['xsd:schema'];
  if (!s) throw new Error('not an XML schema (no xsd:schema root)');
  const simple = new Map();
  const complex = new Map();
  for (const st of s['xsd:simpleType'] ?? []) simple.set(st.name, (st['xsd:restriction']?.['xsd:enumeration'] ?? []).map((e) => String(e.value)));
  for (const ct of s['xsd:complexType'] ?? []) {
    const ext = ct['xsd:complexContent']?.['xsd:extension'];
    const seq = ext ? ext['xsd:sequence'] : ct['xsd:sequence'];
    complex.set(ct.name, {
      metadata: ext?.base === 'tns:Metadata',
      elements: (seq?.['xsd:element'] ?? []).map((e) => ({
        name: e.name,
        type: e.type,
        minOccurs: e.minOccurs === undefined ? 1 : Number(e.minOccurs),
        unbounded: e.maxOccurs === 'unbounded',
      })),
    });
  }
  return { simple, complex };
}

/** The table's spelling of an XSD element type. */
function tableType(xsdType, xsd) {
  if (xsdType === 'xsd:string') return 'string';
  if (xsdType === 'xsd:boolean') return 'boolean';
  if (xsdType === 'xsd:int') return 'int';
  const local = xsdType.replace(/^tns:/, '');
  if (xsd.simple.has(local)) return `enum:${local}`;
  if (xsd.complex.has(local)) return `complex:${local}`;
  throw new Error(`unknown XSD type ${xsdType}`);
}

// Overlay keys the generator interprets (the rest are copied through as they are).
const FIELD_CONTROL = new Set(['type', 'required', 'enumValues', 'enumValuesFrom', 'enumValuesBeyondWsdl']);

function mergeField(el, ov, xsd, where) {
  const xsdType = tableType(el.type, xsd);
  let type = xsdType;
  if (ov.type !== undefined) {
    // The WSDL types some closed sets as plain strings: the overlay may say what the docs list.
    if (xsdType !== 'string') throw new Error(`${where}: the overlay may refine only xsd:string fields, not ${xsdType}`);
    type = ov.type;
  }
  let values;
  if (xsdType.startsWith('enum:')) values = [...xsd.simple.get(xsdType.slice(5))];
  else if (ov.enumValuesFrom) {
    if (!xsd.simple.has(ov.enumValuesFrom)) throw new Error(`${where}: enumValuesFrom ${ov.enumValuesFrom} is not in the XSD`);
    values = [...xsd.simple.get(ov.enumValuesFrom)];
  } else if (ov.enumValues) values = [...ov.enumValues];
  for (const v of ov.enumValuesBeyondWsdl ?? []) {
    if (!values) throw new Error(`${where}: enumValuesBeyondWsdl on a field without values`);
    if (!values.includes(v)) values.push(v);
  }
  const out = { name: el.name, type, required: ov.required ?? el.minOccurs > 0, multiple: el.unbounded };
  if (values) out.enumValues = values;
  for (const [k, v] of Object.entries(ov)) if (!FIELD_CONTROL.has(k)) out[k] = v;
  return out;
}

function beyondField(name, ov, where) {
  for (const k of ['type', 'required', 'multiple']) if (ov[k] === undefined) throw new Error(`${where}: a field the WSDL lacks needs "${k}" in the overlay`);
  const { enumValuesBeyondWsdl, enumValuesFrom, ...rest } = ov;
  if (enumValuesBeyondWsdl || enumValuesFrom) throw new Error(`${where}: a field the WSDL lacks lists its values in enumValues`);
  return { name, ...rest, beyondWsdl: true };
}

/** The schema table: every XSD type, in the overlay's order, then the XSD's order. */
export function buildTable(xsd, overlay, xsdFile) {
  const types = [];
  const seen = new Set();
  const ovTypes = overlay.types;
  const order = [...ovTypes.map((t) => t.name), ...[...xsd.complex.keys()].filter((n) => !ovTypes.some((t) => t.name === n))];
  for (const name of order) {
    if (seen.has(name)) throw new Error(`type ${name} twice in the overlay`);
    seen.add(name);
    const ov = ovTypes.find((t) => t.name === name) ?? { name };
    const ct = xsd.complex.get(name);
    const { fields: ovFields = {}, kind: ovKind, ...props } = ov;
    const t = { name, kind: ct ? (ct.metadata ? 'metadata' : 'complex') : ovKind };
    if (!t.kind) throw new Error(`type ${name} is in neither the XSD nor (with a kind) the overlay`);
    if (ct && ovKind && ovKind !== t.kind) throw new Error(`type ${name}: overlay kind ${ovKind}, XSD says ${t.kind}`);
    Object.assign(t, props);
    delete t.name; // keep `name` first
    const fields = [];
    for (const el of ct?.elements ?? []) fields.push(mergeField(el, ovFields[el.name] ?? {}, xsd, `${name}.${el.name}`));
    for (const [fname, fov] of Object.entries(ovFields)) {
      if (ct?.elements.some((e) => e.name === fname)) continue;
      fields.push(beyondField(fname, fov, `${name}.${fname}`));
    }
    types.push({ name, ...t, ...(ct ? {} : { beyondWsdl: true }), fields });
  }
  return { ...overlay.header, platformSchema: xsdFile, generatedBy: 'scripts/gen-schema.mjs (npm run gen:schema): do not edit; edit overlay.json or the XSD', types };
}

/** The compact list of file-backed metadata types: what the client, retrieve and the walker need. */
export function metadataTypes(table) {
  return table.types
    .filter((t) => t.kind === 'metadata' && t.suffix && t.suffix !== 'settings')
    .map((t) => ({ name: t.name, suffix: t.suffix, folder: t.folder, since: t.availableSinceApi && /^\d/.test(t.availableSinceApi) ? Number(t.availableSinceApi) : null }));
}

export function typesModule(table) {
  const rows = metadataTypes(table).map((t) => `  { name: '${t.name}', suffix: '${t.suffix}', folder: '${t.folder}', since: ${t.since} },`);
  return `// GENERATED by scripts/gen-schema.mjs from the schema table (npm run gen:schema): do not edit.
// The ECA metadata types that have files, for code that must not load the whole table (the
// client's document selector, retrieve, the disk walker). Suffix: \`<Name>.<suffix>-meta.xml\` in
// source format, \`<Name>.<suffix>\` in metadata format; since: first API version (null: unknown).

export interface MetadataTypeFacts { name: string; suffix: string; folder: string; since: number | null }

export const METADATA_TYPES: readonly MetadataTypeFacts[] = [
${rows.join('\n')}
];

/** The org-wide ECA settings file (the \`settings\` folder, one fixed name). */
export const ECA_SETTINGS_FILE = 'ExternalClientApp.settings-meta.xml';
export const ECA_SETTINGS_MDAPI_FILE = 'ExternalClientApp.settings';

/** Every ECA file suffix, \`<Name>.<suffix>-meta.xml\`. */
export const ECA_SUFFIXES: readonly string[] = METADATA_TYPES.map((t) => t.suffix);
`;
}

/** package.json's parts derived from the table: activation events, the menus' file regexes. */
export function patchPackageJson(pkg, table) {
  const suffixes = metadataTypes(table).map((t) => t.suffix);
  const header = table.types.find((t) => t.name === 'ExternalClientApplication').suffix;
  pkg.activationEvents = [
    'workspaceContains:sfdx-project.json',
    ...suffixes.map((s) => `workspaceContains:**/*.${s}-meta.xml`),
    'workspaceContains:**/ExternalClientApp.settings-meta.xml',
    'workspaceContains:**/*.extlClntApp*-meta.xml',
    // Metadata-format (mdapi) trees: the same suffixes without -meta.xml.
    `workspaceContains:**/*.{${suffixes.join(',')}}`,
  ];
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rest = suffixes.filter((s) => s !== header).map((s) => esc(s.slice(header.length)));
  // The commands edit source-format files only.
  const anyEca = `/\\.${esc(header)}(${rest.join('|')})?-meta\\.xml$/`;
  const headerOnly = `/\\.${esc(header)}-meta\\.xml$/`;
  const rewrite = (entries, prefix) => {
    for (const e of entries ?? []) {
      if (e.command === 'eca.flipDistributionState') e.when = `${prefix}resourceFilename =~ ${headerOnly}`;
      if (e.command === 'eca.scaffoldEnvironmentPolicies') e.when = `${prefix}resourceFilename =~ ${anyEca}`;
    }
  };
  rewrite(pkg.contributes.menus['explorer/context'], '!explorerResourceIsFolder && ');
  rewrite(pkg.contributes.menus['editor/context'], '');
  return pkg;
}

/** Every generated file's path and wanted content. */
export function generate() {
  const xsdFile = platformXsdPath();
  const xsd = parseXsd(readFileSync(xsdFile, 'utf8'));
  const overlay = JSON.parse(readFileSync(PATHS.overlay, 'utf8'));
  const table = buildTable(xsd, overlay, `platform/${xsdFile.slice(PATHS.xsdDir.length + 1)}`);
  const pkgText = readFileSync(PATHS.packageJson, 'utf8');
  const pkg = patchCommands(patchPackageJson(JSON.parse(pkgText), table), commandCatalogue());
  return [
    { path: PATHS.table, text: `${JSON.stringify(table, null, 2)}\n` },
    { path: PATHS.typesModule, text: typesModule(table) },
    { path: PATHS.packageJson, text: `${JSON.stringify(pkg, null, 2)}\n` },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const f of generate()) {
    let have = null;
    try { have = readFileSync(f.path, 'utf8'); } catch { /* missing: stale */ }
    if (have === f.text) continue;
    stale.push(f.path.slice(ROOT.length + 1));
    if (!check) writeFileSync(f.path, f.text);
  }
  if (check && stale.length) {
    console.error(`Not current (run npm run gen:schema): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'Stale' : 'Wrote'}: ${stale.join(', ')}` : 'Schema table and derived files are current.');
}
