// Evidence behind every error (issue 26): a rule declares what its error rests on, docs/rules.md
// shows it, and an inferred rule is never an error. Where the platform's verdict depends on what the
// target org already holds (a metadata-format bundle's delta deploy), the finding is a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../server/src/engine';
import { ALL_RULES } from '../../server/src/engine/rules/registry';
import { createProjectModel } from '../../server/src/engine/workspace';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { REPO, eca } from '../helpers/fs';

test('an inferred rule is never an error; the schema rules rest on the platform\'s own words', () => {
  for (const r of ALL_RULES) if (r.evidence === 'inferred') assert.notEqual(r.severity, 'error', r.id);
  for (const id of ['unknown-element', 'invalid-enum', 'invalid-boolean', 'missing-required', 'invalid-scope', 'xml-malformed']) {
    const r = ALL_RULES.find((x) => x.id === id)!;
    assert.ok(r.evidence && r.evidence !== 'inferred' && r.evidence.platform && r.evidence.seen, id);
  }
});

test('docs/rules.md shows each declared evidence', () => {
  const doc = readFileSync(join(REPO, 'docs/rules.md'), 'utf8');
  for (const r of CATALOGUE) {
    const e = ALL_RULES.find((x) => x.id === r.id)?.evidence;
    if (e && e !== 'inferred') assert.ok(doc.includes(`Evidence: ${e.platform}`), r.id);
  }
});

test('policies-without-oauth in a metadata-format bundle is a warning that says "may"', () => {
  const files: Record<string, string> = {
    '/b/externalClientApps/App.eca': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>App</label>\n'),
    '/b/extlClntAppOauthPolicies/App.ecaOauthPlcy': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>App</externalClientApplication>\n    <label>App</label>\n'),
  };
  const fs = { exists: (p: string) => p in files, listDirs: () => [], readText: (p: string) => files[p] };
  const model = createProjectModel('/b', { fs, sfdxProject: null });
  for (const [p, t] of Object.entries(files)) model.update(p, t);
  const d = checkProjectRules(model).filter((x) => x.code === 'policies-without-oauth');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /may reject/);
});
