// Each file judged at the API version it deploys at, generated from the WSDL of every version
// (docs/reference/wsdl): for v58–v67, in a project whose sourceApiVersion is v, every element and
// enumeration value v declares is clean, and every element or value only another version declares is
// flagged on its own line with the version range in the message (error when removed, warning when
// only later). Then the sources of the version (package.xml, override, none) and what they change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, CATALOGUE } from '../../server/src/engine';
import { ProjectModel } from '../../server/src/engine/project/model';
import { effectiveApiVersion } from '../../server/src/engine/project/apiVersion';
import { parseFile } from '../../server/src/engine/document';
import { complete } from '../../server/src/engine/services/completion';
import { hover } from '../../server/src/engine/services/hover';
import { NEWEST_API_VERSION } from '../../server/src/engine/schema/versions';
import { eca } from '../helpers/fs';
import { gen, file, pathFor, sample, type Xsd, type XsdElement } from '../helpers/xsdFiles';

const SCHEMA_CODES = new Set(CATALOGUE.filter((r) => r.section === 1).map((r) => r.id));
const VERSIONS = [58, 59, 60, 61, 62, 63, 64, 65, 66, 67];

function project(v: string | undefined, root = '/p'): ProjectModel {
  const m = new ProjectModel(root);
  m.setSfdxProject(`${root}/sfdx-project.json`, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], ...(v ? { sourceApiVersion: v } : {}) }, null, 2));
  return m;
}

function schemaDiags(path: string, text: string, model: ProjectModel) {
  return checkFile(path, text, model).filter((d) => SCHEMA_CODES.has(d.code));
}

/** The 0-based line of `<name>` in the file. */
function lineOf(text: string, name: string): number {
  return text.slice(0, text.indexOf(`<${name}>`)).split('\n').length - 1;
}

let loaded: { versions: Map<number, Xsd>; union: Xsd } | undefined;
async function schemas() {
  if (!loaded) { const g = await gen(); const versions = g.loadVersions(); loaded = { versions, union: g.unionXsd(versions) }; }
  return loaded;
}

for (const v of VERSIONS) {
  test(`API ${v}.0: every element and value the version declares is clean; every other version's is flagged on its line`, async () => {
    const { versions, union } = await schemas();
    const xsd = versions.get(v)!;
    const model = project(`${v}.0`);
    const failures: string[] = [];
    let clean = 0;
    let flagged = 0;
    for (const [typeName, ct] of xsd.complex) {
      if (!ct.metadata) continue;
      const path = pathFor(typeName);
      if (!path) continue;
      for (const el of ct.elements) {
        const enumValues = xsd.simple.get(el.type.replace(/^tns:/, ''));
        for (const value of enumValues ?? [undefined]) {
          clean++;
          const d = schemaDiags(path, file(typeName, xsd, { el, value }), model);
          if (d.length) failures.push(`${typeName}.${el.name}${value ? `=${value}` : ''} at ${v}: ${d.map((x) => `${x.code} ${x.message}`).join('; ')}`);
        }
        // Values of the same enumeration that only other versions declare.
        for (const value of union.simple.get(el.type.replace(/^tns:/, '')) ?? []) {
          if (enumValues?.includes(value)) continue;
          flagged++;
          const text = file(typeName, xsd, { el, value });
          const d = schemaDiags(path, text, model).filter((x) => x.code === 'invalid-enum' && x.range.start.line === lineOf(text, el.name));
          if (d.length !== 1 || !/declared (from|up to|at) API \d+\.0/.test(d[0].message)) failures.push(`${typeName}.${el.name}=${value} at ${v}: not flagged with its versions (${d.map((x) => x.message).join('; ')})`);
        }
      }
      // Elements of the type that only other versions declare.
      for (const el of union.complex.get(typeName)?.elements ?? []) {
        if (ct.elements.some((e) => e.name === el.name)) continue;
        flagged++;
        const text = file(typeName, xsd, { el: el as XsdElement, value: union.complex.has(el.type.replace(/^tns:/, '')) ? undefined : sample(typeName, el, union) });
        const d = schemaDiags(path, text, model).filter((x) => x.code === 'unknown-element' && x.range.start.line === lineOf(text, el.name));
        if (d.length !== 1 || !/declared (from|up to|at) API \d+\.0/.test(d[0].message)) failures.push(`${typeName}.${el.name} at ${v}: not flagged with its versions (${d.map((x) => x.message).join('; ')})`);
      }
    }
    assert.ok(clean > 30 && flagged > 0, `${clean} clean, ${flagged} flagged`);
    assert.deepEqual(failures, []);
  });
}

const POLICY = (extra: string) => eca('ExtlClntAppOauthConfigurablePolicies', `    <externalClientApplication>App</externalClientApplication>\n${extra}    <label>App</label>\n`);
const POLICY_PATH = '/p/force-app/main/default/extlClntAppOauthPolicies/App.ecaOauthPlcy-meta.xml';

test('removed later is an error with the cure; only declared later is a warning with a fix that raises sourceApiVersion', () => {
  const removed = checkFile(POLICY_PATH, POLICY('    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n'), project('66.0')).find((d) => d.code === 'unknown-element')!;
  assert.equal(removed.severity, 'error');
  assert.match(removed.message, /declared at API 61\.0–63\.0; this project deploys at API 66\.0 \(sourceApiVersion in sfdx-project\.json\)/);
  assert.equal(removed.fixes?.[0].title, 'Remove <isNamedUserJwtEnabled>');
  // Valid where it is declared.
  assert.deepEqual(schemaDiags(POLICY_PATH, POLICY('    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n'), project('62.0')), []);

  const glbl = eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>App</externalClientApplication>\n    <isConsumerSecretOptional>false</isConsumerSecretOptional>\n    <isEnforceRefreshTokenTTL>true</isEnforceRefreshTokenTTL>\n    <isIntrospectAllTokens>false</isIntrospectAllTokens>\n    <isPkceRequired>true</isPkceRequired>\n    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n    <label>App</label>\n');
  const later = checkFile('/p/force-app/main/default/extlClntAppGlobalOauthSets/App.ecaGlblOauth-meta.xml', glbl, project('66.0')).find((d) => d.code === 'unknown-element')!;
  assert.equal(later.severity, 'warning');
  assert.match(later.message, /declared from API 67\.0; this project deploys at API 66\.0/);
  assert.match(later.message, /may/);
  const raise = later.fixes!.find((f) => /Raise sourceApiVersion to 67\.0/.test(f.title))!;
  const change = raise.changes[0];
  assert.ok(change.kind === 'edit' && change.path === '/p/sfdx-project.json' && change.edits[0].newText === '"67.0"');
});

test('where the version comes from: package.xml of a bundle, sourceApiVersion, an override, else the newest', () => {
  const model = project('62.0', '/q');
  model.fs = { exists: () => true, listDirs: () => [], readText: (p) => (p === '/q/mdapi/package.xml' ? '<Package><version>64.0</version></Package>' : undefined) };
  const src = parseFile('/q/force-app/main/default/extlClntAppOauthPolicies/App.ecaOauthPlcy-meta.xml', POLICY(''));
  const mdapi = parseFile('/q/mdapi/extlClntAppOauthPolicies/App.ecaOauthPlcy', POLICY(''));
  assert.deepEqual([effectiveApiVersion(src, model).declared, effectiveApiVersion(src, model).source], [62, 'sfdx-project.json']);
  assert.deepEqual([effectiveApiVersion(mdapi, model).declared, effectiveApiVersion(mdapi, model).source], [64, 'package.xml']);
  model.apiVersionOverride = { version: 61, label: '--api-version' };
  model.version++;
  assert.deepEqual([effectiveApiVersion(src, model).declared, effectiveApiVersion(mdapi, model).source], [61, 'override']);
  assert.equal(effectiveApiVersion(src, null).version, NEWEST_API_VERSION);
  // Newer than any known: judged at the newest, and the hover says so.
  const future = project('99.0');
  const f = parseFile(POLICY_PATH, POLICY(''));
  assert.equal(effectiveApiVersion(f, future).version, NEWEST_API_VERSION);
  const h = hover(f, f.text.indexOf('ExtlClntAppOauthConfigurablePolicies') + 2, future)!;
  assert.match(h.markdown, /API version of this file: \*\*99\.0\*\* \(sourceApiVersion in sfdx-project\.json\) — newer than any version this tool knows/);
});

test('completion offers only what the file\'s version declares', () => {
  const text = POLICY('    <\n');
  const at = text.indexOf('    <\n') + 5;
  const labels = (v: string) => complete(parseFile(POLICY_PATH, text), at, project(v)).map((c) => c.label);
  assert.ok(labels('62.0').includes('isNamedUserJwtEnabled'));
  assert.ok(!labels('66.0').includes('isNamedUserJwtEnabled'));
});

test('with no version declared anywhere, what a later version removed is a warning that says "may"', () => {
  const d = checkFile(POLICY_PATH, POLICY('    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n'), project(undefined)).find((x) => x.code === 'unknown-element')!;
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /may reject/);
});
