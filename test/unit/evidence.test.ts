// Evidence behind every error (issue 26): a rule declares what its error rests on, docs/rules.md
// shows it, and an inferred rule is never an error. Where the platform's verdict depends on what the
// target org already holds (a metadata-format bundle's delta deploy), the finding is a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../server/src/engine';
import { ruleSectionOf } from '../../server/src/engine/rules/doc';
import { ALL_RULES } from '../../server/src/engine/rules/registry';
import { REPORTED_CODES } from '../../server/src/engine/rules/reported';
import { RULE_CASES } from './ruleCases';
import { PROJECT_CASES, type ProjectCase } from './projectCases';
import { checkIn } from '../helpers/engine';
import { createProjectModel } from '../../server/src/engine/workspace';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { REPO, eca } from '../helpers/fs';

test('every rule and every reported code declares its evidence; an error rests on the platform\'s own words', () => {
  // Every code the catalogue lists: the rules (ALL_RULES) and the codes the migration and verify report.
  assert.ok(CATALOGUE.length >= ALL_RULES.length + REPORTED_CODES.length);
  for (const r of CATALOGUE) {
    assert.ok(r.evidence, `${r.id} declares no evidence`);
    if (r.evidence === 'inferred') {
      assert.notEqual(r.severity, 'error', `${r.id}: an inferred rule is never an error`);
      continue;
    }
    assert.ok(r.evidence.platform.trim().length > 10, `${r.id}: evidence.platform is empty`);
    assert.ok(r.evidence.seen.trim().length > 10, `${r.id}: evidence.seen is empty`);
  }
  for (const id of ['unknown-element', 'invalid-enum', 'invalid-boolean', 'missing-required', 'invalid-scope', 'xml-malformed']) {
    const r = ALL_RULES.find((x) => x.id === id)!;
    assert.ok(r.evidence && r.evidence !== 'inferred', id);
  }
});

test('evidence names where it was seen: a file of this repository exists, an address is a URL', () => {
  for (const r of CATALOGUE) {
    if (!r.evidence || r.evidence === 'inferred') continue;
    for (const path of r.evidence.seen.match(/\b(?:docs|test)\/[\w./-]+\.(?:md|ts|xsd)\b/g) ?? []) {
      assert.ok(existsSync(join(REPO, path)), `${r.id}: ${path} does not exist`);
    }
    const urls = r.evidence.seen.match(/https?:\/\/\S+/g) ?? [];
    for (const u of urls) assert.doesNotThrow(() => new URL(u.replace(/[);,]+$/, '')), `${r.id}: ${u}`);
  }
});

test('every error diagnostic of the rule and project cases comes from a code with platform evidence', () => {
  // Runs the engine on every fixture of the rule tables (file and project rules): a rule may raise a
  // report above its default severity, so the diagnostics themselves are checked, not the table.
  const byId = new Map(CATALOGUE.map((r) => [r.id, r]));
  let errors = 0;
  for (const c of [...RULE_CASES, ...PROJECT_CASES]) {
    const { diags } = checkIn(c.files, c.target, { productionAliases: c.productionAliases, orgs: (c as ProjectCase).orgs });
    for (const d of diags.filter((x) => x.severity === 'error')) {
      errors++;
      const e = byId.get(d.code)?.evidence;
      assert.ok(e && e !== 'inferred', `${c.id} (${c.title}): an error from ${d.code}, whose evidence is ${JSON.stringify(e)}`);
    }
  }
  assert.ok(errors > 20, 'the cases raise errors to check');
});

test('docs/rules.md shows each declared evidence', () => {
  const doc = readFileSync(join(REPO, 'docs/rules.md'), 'utf8');
  for (const r of CATALOGUE) {
    const section = ruleSectionOf(doc, r.id);
    assert.ok(section, `${r.id} has no section`);
    const e = r.evidence;
    assert.ok(section.includes(e === 'inferred' ? '\nEvidence: inferred' : `\nEvidence: ${e?.platform} — seen in ${e?.seen}`), `${r.id}: its section does not show its evidence`);
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
