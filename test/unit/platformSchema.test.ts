// The platform's own schema is the judge: the engine's table is generated from the Metadata API
// WSDL (server/src/engine/schema/platform/metadata-v66-eca.xsd) and must be current, and every file
// the WSDL declares valid — one per element of each ECA type, one per enumeration value, one OAuth
// settings file per scope name of the WSDL's scope enumeration — gets no schema diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkFile, CATALOGUE } from '../../server/src/engine';
import { TYPE_BY_NAME, TYPES } from '../../server/src/engine/schema';
import { REPO, eca } from '../helpers/fs';

interface XsdElement { name: string; type: string; minOccurs: number; unbounded: boolean }
interface Xsd { simple: Map<string, string[]>; complex: Map<string, { metadata: boolean; elements: XsdElement[] }> }
interface Gen {
  parseXsd(text: string): Xsd;
  platformXsdPath(): string;
  buildTable(xsd: Xsd, overlay: unknown, file: string): { types: { name: string; fields: { name: string; description?: string }[] }[] };
  PATHS: { overlay: string; table: string };
}
const gen = (): Promise<Gen> => import(pathToFileURL(join(REPO, 'scripts/gen-schema.mjs')).href as string);

/** Section 1 of the catalogue: what "schema diagnostic" means. */
const SCHEMA_CODES = new Set(CATALOGUE.filter((r) => r.section === 1).map((r) => r.id));

test('the checked-in schema table, type list and package.json parts are what npm run gen:schema generates', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts/gen-schema.mjs'), '--check'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

test('the generator notices a change to its inputs (the check above can fail)', async () => {
  const g = await gen();
  const xsd = g.parseXsd(readFileSync(g.platformXsdPath(), 'utf8'));
  const overlay = JSON.parse(readFileSync(g.PATHS.overlay, 'utf8'));
  const checkedIn = readFileSync(g.PATHS.table, 'utf8');
  assert.equal(`${JSON.stringify(g.buildTable(xsd, overlay, 'platform/metadata-v66-eca.xsd'), null, 2)}\n`, checkedIn);
  xsd.complex.get('ExternalAppIdTokenConfig')!.elements.push({ name: 'idTokenFromTheNextWsdl', type: 'xsd:boolean', minOccurs: 0, unbounded: false });
  const next = g.buildTable(xsd, overlay, 'platform/metadata-v66-eca.xsd');
  assert.ok(next.types.find((t) => t.name === 'ExternalAppIdTokenConfig')!.fields.some((f) => f.name === 'idTokenFromTheNextWsdl'));
});

test('every documentation string of the overlay reaches the table', async () => {
  const g = await gen();
  const overlay = JSON.parse(readFileSync(g.PATHS.overlay, 'utf8')) as { types: { name: string; description?: string; fields?: Record<string, { description?: string }> }[] };
  for (const t of overlay.types) {
    const info = TYPE_BY_NAME.get(t.name);
    assert.ok(info, t.name);
    for (const [name, f] of Object.entries(t.fields ?? {})) {
      if (f.description) assert.equal(info.fieldMap.get(name)?.description, f.description, `${t.name}.${name}`);
    }
  }
});

// ---- files the platform declares valid ----

async function platform(): Promise<Xsd> {
  const g = await gen();
  return g.parseXsd(readFileSync(g.platformXsdPath(), 'utf8'));
}

/** A value the WSDL accepts for an element (for plain strings the docs constrain: the documented first value). */
function sample(typeName: string, el: XsdElement, xsd: Xsd): string {
  if (el.type === 'xsd:boolean') return 'true';
  if (el.type === 'xsd:int') return String(TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.values?.[0] ?? 1);
  const local = el.type.replace(/^tns:/, '');
  if (xsd.simple.has(local)) return xsd.simple.get(local)![0];
  const special: Record<string, string> = {
    externalClientApplication: 'App',
    commaSeparatedOauthScopes: 'Api',
    oauthLink: '00D5g000004ELR0:8885g0000007Af1',
    orgScopedExternalApp: '00D5g000004ELR0:App',
    pushConfigLink: '00D5g000004ELR0:1Dh5g0000004xyz',
    clientCredentialsFlowUser: 'integration@acme.com',
    executeHandlerAs: 'integration@acme.com',
    contactEmail: 'admin@acme.com',
    startIpAddress: '10.0.0.1',
    endIpAddress: '10.0.0.9',
  };
  if (special[el.name]) return special[el.name];
  const documented = TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.values;
  if (documented?.length) return documented[0];
  if (/url$/i.test(el.name)) return 'https://example.com/app';
  return 'Value';
}

/** `<name>…</name>`, complex types filled with their required elements. */
function element(typeName: string, el: XsdElement, xsd: Xsd, indent: string, value?: string): string {
  const local = el.type.replace(/^tns:/, '');
  const ct = xsd.complex.get(local);
  if (ct && value === undefined) {
    const inner = ct.elements.filter((c) => isRequired(local, c)).map((c) => element(local, c, xsd, `${indent}    `)).join('');
    return `${indent}<${el.name}>\n${inner}${indent}</${el.name}>\n`;
  }
  return `${indent}<${el.name}>${value ?? sample(typeName, el, xsd)}</${el.name}>\n`;
}

/** Required by the WSDL (minOccurs 1) or, on create, by the docs (the table). */
function isRequired(typeName: string, el: XsdElement): boolean {
  return el.minOccurs > 0 || TYPE_BY_NAME.get(typeName)?.fieldMap.get(el.name)?.required === true;
}

/** A file of `typeName` with its required elements plus `extra` (replacing a required one of the same name). */
function file(typeName: string, xsd: Xsd, extra?: { el: XsdElement; value?: string }): string {
  const ct = xsd.complex.get(typeName)!;
  const body = ct.elements
    .filter((e) => (extra && e.name === extra.el.name) || isRequired(typeName, e))
    .map((e) => element(typeName, e, xsd, '    ', extra && e.name === extra.el.name ? extra.value : undefined))
    .join('');
  return eca(typeName, body);
}

function pathFor(typeName: string): string {
  if (typeName === 'ExternalClientAppSettings') return '/p/force-app/main/default/settings/ExternalClientApp.settings-meta.xml';
  const t = TYPE_BY_NAME.get(typeName)!;
  // Types without a source suffix (the Attest types) are recognised by their root element.
  return t.suffix ? `/p/force-app/main/default/${t.folder}/App.${t.suffix}-meta.xml` : '/p/force-app/main/default/attest/App.xml';
}

function schemaDiagnostics(typeName: string, text: string): string[] {
  return checkFile(pathFor(typeName), text, null)
    .filter((d) => SCHEMA_CODES.has(d.code))
    .map((d) => `${d.code}: ${d.message}`);
}

test('one file per element of every ECA type of the WSDL: no schema diagnostic', async () => {
  const xsd = await platform();
  const failures: string[] = [];
  let files = 0;
  for (const [typeName, ct] of xsd.complex) {
    if (!ct.metadata) continue;
    for (const el of ct.elements) {
      const text = file(typeName, xsd, { el });
      files++;
      for (const d of schemaDiagnostics(typeName, text)) failures.push(`${typeName}.${el.name} → ${d}`);
    }
  }
  assert.ok(files > 150, `only ${files} files`);
  assert.deepEqual(failures, []);
});

test('one file per enumeration value of every ECA element: no schema diagnostic', async () => {
  const xsd = await platform();
  const failures: string[] = [];
  let files = 0;
  const visit = (metadataType: string, owner: string, el: XsdElement, wrap: (inner: XsdElement, value: string) => string) => {
    const local = el.type.replace(/^tns:/, '');
    if (xsd.simple.has(local)) {
      for (const v of xsd.simple.get(local)!) {
        files++;
        for (const d of schemaDiagnostics(metadataType, wrap(el, v))) failures.push(`${owner}.${el.name}=${v} → ${d}`);
      }
    }
    const ct = xsd.complex.get(local);
    if (ct && !ct.metadata) {
      // An enumeration inside a nested type (e.g. applePushConfig/environment).
      for (const child of ct.elements) {
        visit(metadataType, local, child, (inner, value) => {
          const kids = ct.elements.filter((c) => c.name === inner.name || isRequired(local, c))
            .map((c) => element(local, c, xsd, '        ', c.name === inner.name ? value : undefined)).join('');
          return file(metadataType, xsd, { el, value: `\n${kids}    ` });
        });
      }
    }
  };
  for (const [typeName, ct] of xsd.complex) {
    if (!ct.metadata) continue;
    for (const el of ct.elements) visit(typeName, typeName, el, (inner, value) => file(typeName, xsd, { el: inner, value }));
  }
  assert.ok(files > 80, `only ${files} files`);
  assert.deepEqual(failures, []);
});

test('one OAuth settings file per scope name of the WSDL (ConnectedAppOauthAccessScope): no schema diagnostic', async () => {
  const xsd = await platform();
  const scopes = xsd.simple.get('ConnectedAppOauthAccessScope')!;
  assert.ok(scopes.includes('CDP') && scopes.includes('SFAP'));
  const el: XsdElement = { name: 'commaSeparatedOauthScopes', type: 'xsd:string', minOccurs: 0, unbounded: false };
  const failures = scopes.flatMap((s) => schemaDiagnostics('ExtlClntAppOauthSettings', file('ExtlClntAppOauthSettings', xsd, { el, value: s })).map((d) => `${s} → ${d}`));
  assert.deepEqual(failures, []);
  // All of them at once, as real files write them.
  assert.deepEqual(schemaDiagnostics('ExtlClntAppOauthSettings', file('ExtlClntAppOauthSettings', xsd, { el, value: scopes.join(', ') })), []);
});

test('the schema diagnostics still fire: an element and a value the WSDL does not declare', async () => {
  const xsd = await platform();
  const el: XsdElement = { name: 'canvasLocationOptions', type: 'tns:CanvasLocationOptions', minOccurs: 0, unbounded: true };
  assert.match(schemaDiagnostics('ExtlClntAppCanvasSettings', file('ExtlClntAppCanvasSettings', xsd, { el, value: 'Sidebar' })).join('\n'), /^invalid-enum/);
  const bogus: XsdElement = { name: 'idTokenIncludeEverything', type: 'xsd:boolean', minOccurs: 0, unbounded: false };
  const ct = xsd.complex.get('ExternalAppIdTokenConfig')!;
  ct.elements.push(bogus);
  const idToken: XsdElement = { name: 'idTokenConfig', type: 'tns:ExternalAppIdTokenConfig', minOccurs: 0, unbounded: false };
  const text = file('ExtlClntAppGlobalOauthSettings', xsd, { el: idToken, value: '\n        <idTokenIncludeEverything>true</idTokenIncludeEverything>\n    ' });
  assert.match(schemaDiagnostics('ExtlClntAppGlobalOauthSettings', text).join('\n'), /^unknown-element/);
});

test('every metadata type of the WSDL is in the table, with every element', async () => {
  const xsd = await platform();
  for (const [name, ct] of xsd.complex) {
    const t = TYPES.find((x) => x.name === name);
    assert.ok(t, name);
    assert.equal(t.kind, ct.metadata ? 'metadata' : 'complex', name);
    for (const el of ct.elements) assert.ok(t.fieldMap.has(el.name), `${name}.${el.name}`);
  }
});
