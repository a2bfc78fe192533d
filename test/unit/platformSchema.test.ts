// The platform's own schema is the judge: the engine's table is generated from the Metadata API
// WSDL of every version (docs/reference/wsdl/metadata-v<NN>-eca*.xsd) and must be current, and every
// file the newest WSDL declares valid — one per element of each ECA type, one per enumeration value, one OAuth
// settings file per scope name of the WSDL's scope enumeration — gets no schema diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, CATALOGUE } from '../../server/src/engine';
import { TYPE_BY_NAME, TYPES } from '../../server/src/engine/schema';
import { REPO } from '../helpers/fs';
import { gen, file, isRequired, element, pathFor as pathOf, type Xsd, type XsdElement } from '../helpers/xsdFiles';

/** Section 1 of the catalogue: what "schema diagnostic" means. */
const SCHEMA_CODES = new Set(CATALOGUE.filter((r) => r.section === 1).map((r) => r.id));

test('the checked-in schema table, type list and package.json parts are what npm run gen:schema generates', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts/gen-schema.mjs'), '--check'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

test('the generator notices a change to its inputs (the check above can fail)', async () => {
  const g = await gen();
  const xsd = g.unionXsd(g.loadVersions());
  const overlay = JSON.parse(readFileSync(g.PATHS.overlay, 'utf8'));
  const checkedIn = readFileSync(g.PATHS.table, 'utf8');
  assert.equal(`${JSON.stringify(g.buildTable(xsd, overlay, g.PLATFORM_SCHEMA), null, 2)}\n`, checkedIn);
  xsd.complex.get('ExternalAppIdTokenConfig')!.elements.push({ name: 'idTokenFromTheNextWsdl', type: 'xsd:boolean', minOccurs: 0, unbounded: false });
  const next = g.buildTable(xsd, overlay, g.PLATFORM_SCHEMA);
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

/** The schema of the newest version (what a file with no sourceApiVersion is judged at). */
async function platform(): Promise<Xsd> {
  const g = await gen();
  const versions = g.loadVersions();
  return versions.get(Math.max(...versions.keys()))!;
}

function pathFor(typeName: string): string {
  return pathOf(typeName)!;
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
  const wsdl = xsd.simple.get('ConnectedAppOauthAccessScope')!;
  assert.ok(wsdl.includes('CDP') && wsdl.includes('SFAP'));
  const el: XsdElement = { name: 'commaSeparatedOauthScopes', type: 'xsd:string', minOccurs: 0, unbounded: false };
  // The platform's ECA list is the WSDL's minus the Connected App token SFAP (platform-facts-2026-12.md).
  const sfap = schemaDiagnostics('ExtlClntAppOauthSettings', file('ExtlClntAppOauthSettings', xsd, { el, value: 'SFAP' }));
  assert.equal(sfap.length, 1);
  assert.match(sfap[0], /^invalid-scope: .*did you mean 'SFApiPlatform'/i);
  const scopes = [...wsdl.filter((s) => s !== 'SFAP'), 'SFApiPlatform'];
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
