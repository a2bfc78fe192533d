// Generates the engine's ECA schema table from the platform's own schema: the External Client App
// part of the Metadata API WSDL of every version (docs/reference/wsdl/metadata-v<NN>-eca*.xsd; a
// `-partial` file carries only the types it names, the others carry over from the version before)
// merged with an overlay for what the WSDL lacks (server/src/engine/schema/overlay.json: documentation
// text, required-on-create fields, suffixes and folders, fields real retrieved files carry beyond
// the WSDL). Also writes the facts derived from that table that live outside the engine:
// the compact type list (metadataTypes.ts, imported by the client and retrieve) and package.json's
// activation events and menu `when` clauses, and the per-version table (api-versions.json: for
// every type, element and enumeration value, the API versions that declare it). package.json's
// `contributes.commands` and the palette's hidden entries are generated here too, from the
// client's command table (client/src/commands/catalogue.ts): adding a command does not touch
// package.json by hand.
//   npm run gen:schema            write every generated file
//   npm run gen:schema -- --check exit 1 (listing the files) when a checked-in file is not current
// When the next WSDL arrives: add docs/reference/wsdl/metadata-v<NN>-eca.xsd, note it in that
// folder's README, run it.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { transformSync } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = join(ROOT, 'server/src/engine/schema');
export const PATHS = {
  xsdDir: join(ROOT, 'docs/reference/wsdl'),
  overlay: join(SCHEMA_DIR, 'overlay.json'),
  table: join(SCHEMA_DIR, 'eca-metadata-schema.json'),
  versions: join(SCHEMA_DIR, 'api-versions.json'),
  typesModule: join(SCHEMA_DIR, 'metadataTypes.ts'),
  packageJson: join(ROOT, 'package.json'),
  commandCatalogue: join(ROOT, 'client/src/commands/catalogue.ts'),
};

/**
 * COMMAND_CATALOGUE of client/src/commands/catalogue.ts (with its DESKTOP_ONLY_WHEN as the
 * property `desktopOnlyWhen` of the result, not enumerable), read without a build: esbuild strips its
 * types and the module is evaluated here. It imports nothing at run time (handlers load their
 * modules with import() when run, which never happens here), so any require is a mistake.
 */
export function commandCatalogue() {
  const src = readFileSync(PATHS.commandCatalogue, 'utf8');
  const { code } = transformSync(src, { loader: 'ts', format: 'cjs', target: 'es2022' });
  const module = { exports: {} };
  const require = (id) => { throw new Error(`${PATHS.commandCatalogue} imports ${id} at run time: the command table must load modules in its handlers (import()), so it can be read without vscode`); };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  if (!module.exports.COMMAND_CATALOGUE) throw new Error(`${PATHS.commandCatalogue}: no exported COMMAND_CATALOGUE`);
  if (!module.exports.DESKTOP_ONLY_WHEN) throw new Error(`${PATHS.commandCatalogue}: no exported DESKTOP_ONLY_WHEN`);
  return Object.defineProperty(module.exports.COMMAND_CATALOGUE, 'desktopOnlyWhen', { value: module.exports.DESKTOP_ONLY_WHEN, enumerable: false });
}

/**
 * package.json's commands and the palette's entries from the command table: hidden (`false`) for
 * tree-node commands, DESKTOP_ONLY_WHEN for those that need a process or an org; other entries stay.
 */
export function patchCommands(pkg, catalogue) {
  pkg.contributes.commands = Object.entries(catalogue).map(([command, info]) => ({
    command, title: info.title, category: 'ECA', ...(info.icon ? { icon: info.icon } : {}), ...(info.requiresTrust ? { enablement: 'isWorkspaceTrusted' } : {}),
  }));
  const palette = Object.entries(catalogue).flatMap(([command, info]) =>
    info.palette === false ? [{ command, when: 'false' }] : info.desktopOnly ? [{ command, when: catalogue.desktopOnlyWhen }] : []);
  const generated = new Set(palette.map((m) => m.command));
  const kept = (pkg.contributes.menus.commandPalette ?? []).filter((m) => !generated.has(m.command) && m.when !== 'false');
  pkg.contributes.menus.commandPalette = [...palette, ...kept];
  return pkg;
}

/** Every platform schema file, oldest first: { version, partial, path }. */
export function xsdFiles() {
  const files = readdirSync(PATHS.xsdDir)
    .map((f) => /^metadata-v(\d+)-eca(-partial)?\.xsd$/.exec(f))
    .filter(Boolean)
    .map((m) => ({ version: Number(m[1]), partial: !!m[2], path: join(PATHS.xsdDir, m[0]) }))
    .sort((a, b) => a.version - b.version);
  if (!files.length || files[0].partial) throw new Error(`no complete metadata-v<NN>-eca.xsd in ${PATHS.xsdDir}`);
  return files;
}

/** The newest complete platform schema file (metadata-v<NN>-eca.xsd). */
export function platformXsdPath() {
  return xsdFiles().filter((f) => !f.partial).pop().path;
}

/** Version → the schema in force at it (a partial file overrides the types it names). */
export function loadVersions() {
  const out = new Map();
  let prev = null;
  for (const f of xsdFiles()) {
    const own = parseXsd(readFileSync(f.path, 'utf8'));
    const xsd = f.partial && prev
      ? { simple: new Map([...prev.simple, ...own.simple]), complex: new Map([...prev.complex, ...own.complex]) }
      : own;
    out.set(f.version, xsd);
    prev = xsd;
  }
  return out;
}

/**
 * Every type, element and value any version declares, each as the newest version declaring it
 * defines it: the table knows what older versions had, so a file can be told when it went away.
 */
export function unionXsd(versions) {
  const vs = [...versions.keys()].sort((a, b) => b - a);
  const simple = new Map();
  const complex = new Map();
  for (const v of vs) {
    const x = versions.get(v);
    for (const [n, vals] of x.simple) {
      const have = simple.get(n);
      if (!have) simple.set(n, [...vals]); else for (const val of vals) if (!have.includes(val)) have.push(val);
    }
    for (const [n, ct] of x.complex) {
      const have = complex.get(n);
      if (!have) complex.set(n, { metadata: ct.metadata, elements: [...ct.elements] });
      else for (const el of ct.elements) if (!have.elements.some((e) => e.name === el.name)) have.elements.push(el);
    }
  }
  return { simple, complex };
}

/** `[from, to]` ranges of a sorted version list, compact for the table and for messages. */
function ranges(list) {
  const out = [];
  for (const v of list) {
    const last = out[out.length - 1];
    if (last && last[1] === v - 1) last[1] = v; else out.push([v, v]);
  }
  return out;
}

/**
 * The per-version table: for every type, element (`Type.element`) and enumeration value
 * (`SimpleType=value`), the ranges of API versions that declare it. The overlay adds what real
 * retrieves write beyond the WSDL (`seenInRetrievesFrom`: from that version on).
 */
export function versionTable(versions, overlay) {
  const known = [...versions.keys()].sort((a, b) => a - b);
  const newest = known[known.length - 1];
  const acc = { types: new Map(), elements: new Map(), values: new Map() };
  const add = (m, k, v) => { let s = m.get(k); if (!s) m.set(k, (s = new Set())); s.add(v); };
  for (const v of known) {
    const x = versions.get(v);
    for (const [n, ct] of x.complex) {
      add(acc.types, n, v);
      for (const el of ct.elements) add(acc.elements, `${n}.${el.name}`, v);
    }
    for (const [n, vals] of x.simple) for (const val of vals) add(acc.values, `${n}=${val}`, v);
  }
  for (const t of overlay.types) {
    for (const [f, ov] of Object.entries(t.fields ?? {})) {
      if (!ov.seenInRetrievesFrom) continue;
      const key = `${t.name}.${f}`;
      if (!acc.elements.has(key)) throw new Error(`${key}: seenInRetrievesFrom on an element no WSDL declares`);
      for (const v of known) if (v >= Number(ov.seenInRetrievesFrom)) add(acc.elements, key, v);
    }
  }
  const obj = (m) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, s]) => [k, ranges([...s].sort((a, b) => a - b))]));
  const partial = xsdFiles().filter((f) => f.partial).map((f) => f.version);
  return {
    $comment: 'GENERATED by scripts/gen-schema.mjs from docs/reference/wsdl/metadata-v<NN>-eca*.xsd and overlay.json (seenInRetrievesFrom): for every type, element (Type.element) and enumeration value (SimpleType=value), the [from, to] API version ranges that declare it. Do not edit.',
    known, newest, partial,
    types: obj(acc.types), elements: obj(acc.elements), values: obj(acc.values),
  };
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
const FIELD_CONTROL = new Set(['type', 'required', 'enumValues', 'enumValuesFrom', 'enumValuesBeyondWsdl', 'seenInRetrievesFrom', 'multiple']);

function mergeField(el, ov, xsd, where) {
  const xsdType = tableType(el.type, xsd);
  let type = xsdType;
  if (ov.type !== undefined && ov.type !== xsdType) {
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
  // A value the platform refuses for this field although the enumeration lists it (the WSDL's scope
  // list carries the Connected App token SFAP; ECAs take SFApiPlatform): out, with its right spelling.
  if (values && ov.misspellings) values = values.filter((v) => !Object.hasOwn(ov.misspellings, v));
  const out = { name: el.name, type, required: ov.required ?? el.minOccurs > 0, multiple: el.unbounded };
  if (values) out.enumValues = values;
  if (ov.enumValuesFrom) out.enumValuesFrom = ov.enumValuesFrom;
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

/** JSON with each leaf entry (a key and its ranges) on one line: readable diffs. */
function oneEntryPerLine(obj) {
  return JSON.stringify(obj, null, 2).replace(/\[[\s\d,[\]]*\]/g, (m) => m.replace(/\s+/g, ''));
}

/** How the table names its source. */
export const PLATFORM_SCHEMA = 'docs/reference/wsdl/metadata-v*-eca*.xsd (every version, merged)';

/** Every generated file's path and wanted content. */
export function generate() {
  const versions = loadVersions();
  const xsd = unionXsd(versions);
  const overlay = JSON.parse(readFileSync(PATHS.overlay, 'utf8'));
  const table = buildTable(xsd, overlay, PLATFORM_SCHEMA);
  const pkgText = readFileSync(PATHS.packageJson, 'utf8');
  const pkg = patchCommands(patchPackageJson(JSON.parse(pkgText), table), commandCatalogue());
  return [
    { path: PATHS.table, text: `${JSON.stringify(table, null, 2)}\n` },
    { path: PATHS.typesModule, text: typesModule(table) },
    { path: PATHS.versions, text: `${oneEntryPerLine(versionTable(versions, overlay))}\n` },
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
