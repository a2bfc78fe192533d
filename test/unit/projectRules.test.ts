import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECT_CASES, PATTERN1, PATTERN2, PROD_NONPROD } from './projectCases';
import { checkIn, modelOf, ROOT, unmark } from '../helpers/engine';
import { checkFile, CATALOGUE, RULE_KIND } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';

for (const c of PROJECT_CASES) {
  test(`${c.id}: ${c.title}`, () => {
    const { diags, marked } = checkIn(c.files, c.target, { orgs: c.orgs, productionAliases: c.productionAliases });
    const mine = diags.filter((d) => d.code === c.id);
    assert.equal(marked.ranges.length, c.expect.length, 'fixture markers and expectations disagree');
    assert.deepEqual(
      mine.map((d) => ({ severity: d.severity, range: d.range })),
      c.expect.map((severity, i) => ({ severity, range: marked.ranges[i] })),
      `diagnostics: ${JSON.stringify(diags.map((d) => [d.code, d.severity, d.range, d.message.slice(0, 80)]))}`,
    );
  });
}

for (const [name, files] of Object.entries({ 'pattern 1': PATTERN1, 'pattern 2': PATTERN2, 'prod/non-prod pair': PROD_NONPROD })) {
  test(`the seed's ${name} layout raises no error or warning`, () => {
    const model = modelOf(files);
    const all = checkProjectRules(model);
    for (const [rel, text] of Object.entries(files)) {
      if (rel.endsWith('-meta.xml')) all.push(...checkFile(`${ROOT}/${rel}`, unmark(text).text, model));
    }
    assert.deepEqual(all.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.path} ${d.code} ${d.message}`), []);
  });
}

test('every project rule has a valid and an invalid case', () => {
  for (const r of CATALOGUE.filter((x) => RULE_KIND.get(x.id) === 'project' && x.id !== 'sfdx-project-invalid')) {
    const cases = PROJECT_CASES.filter((c) => c.id === r.id);
    assert.ok(cases.some((c) => c.expect.length > 0), `${r.id} lacks an invalid fixture`);
    assert.ok(cases.some((c) => c.expect.length === 0), `${r.id} lacks a valid fixture`);
  }
});

test('a malformed sfdx-project.json gets a diagnostic and single-file checks go on', () => {
  const files: Record<string, string> = { ...PATTERN1, 'sfdx-project.json': '{ "packageDirectories": [ { "path": "src" ' };
  const model = modelOf(files);
  const d = checkProjectRules(model);
  assert.ok(d.some((x) => x.code === 'sfdx-project-invalid' && x.path === `${ROOT}/sfdx-project.json`));
  const header = Object.keys(files).find((k) => k.endsWith('.eca-meta.xml'))!;
  assert.deepEqual(checkFile(`${ROOT}/${header}`, files[header].replace('Packaged', 'Packagd'), model).map((x) => x.code), ['invalid-enum']);
});

test('deploy-order fix moves the entry and keeps every other byte (comments, CRLF)', () => {
  const text = '{\r\n  // packages in install order\r\n  "packageDirectories": [\r\n    {\r\n      "path": "src/integrations/eca-policies",\r\n      "type": "source",\r\n      "aliasfy": true\r\n    },\r\n    {\r\n      "path": "src/integrations/eca-definition",\r\n      "package": "eca-definition",\r\n      "versionNumber": "1.0.0.NEXT",\r\n      "type": "unlocked"\r\n    }\r\n  ],\r\n  "sourceApiVersion": "64.0"\r\n}\r\n';
  const files: Record<string, string> = { ...PATTERN1, 'sfdx-project.json': text };
  const model = modelOf(files);
  const d = checkProjectRules(model).find((x) => x.code === 'deploy-order')!;
  const change = d.fixes![0].changes[0];
  assert.ok(change.kind === 'edit');
  const { LineIndex } = require('../../server/src/engine/text') as typeof import('../../server/src/engine/text');
  const li = new LineIndex(text);
  let out = text;
  for (const e of [...change.edits].sort((a, b) => li.offset(b.range.start) - li.offset(a.range.start))) out = out.slice(0, li.offset(e.range.start)) + e.newText + out.slice(li.offset(e.range.end));
  assert.equal(out, '{\r\n  // packages in install order\r\n  "packageDirectories": [\r\n    {\r\n      "path": "src/integrations/eca-definition",\r\n      "package": "eca-definition",\r\n      "versionNumber": "1.0.0.NEXT",\r\n      "type": "unlocked"\r\n    },\r\n    {\r\n      "path": "src/integrations/eca-policies",\r\n      "type": "source",\r\n      "aliasfy": true\r\n    }\r\n  ],\r\n  "sourceApiVersion": "64.0"\r\n}\r\n');
  assert.deepEqual(checkProjectRules(modelOf({ ...PATTERN1, 'sfdx-project.json': out })).filter((x) => x.code === 'deploy-order'), []);
});

test('aliasfy-drift offers to copy the file into the missing environment', () => {
  const files: Record<string, string> = { ...PATTERN1 };
  delete files['src/integrations/eca-policies/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml'];
  files['src/integrations/eca-policies/uat/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml'] = '<ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata"><externalClientApplication>MyApp</externalClientApplication><isEnabled>true</isEnabled></ExtlClntAppConfigurablePolicies>';
  const d = checkProjectRules(modelOf(files)).filter((x) => x.code === 'aliasfy-drift');
  const oauthDrift = d.find((x) => x.message.includes('MyApp_oauthPlcy'))!;
  assert.match(oauthDrift.message, /not in uat/);
  const fix = oauthDrift.fixes!.find((f) => f.title.startsWith('Copy to uat/'))!;
  assert.deepEqual(fix.changes.map((c) => c.kind === 'create' && c.path), [`${ROOT}/src/integrations/eca-policies/uat/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`]);
});
