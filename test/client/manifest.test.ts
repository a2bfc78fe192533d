// package.json (the extension manifest) must agree with the client: every ECA suffix the document
// selector hands to the server also activates the extension, and the settings/commands the code
// uses are contributed.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { activationEvents, documentSelector, ECA_GLOB, ECA_SUFFIXES } from '../../client/src/selector';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

test('activation events are workspaceContains events for every ECA suffix and sfdx-project.json, never *', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  for (const e of activationEvents()) assert.ok(pkg.activationEvents.includes(e), `package.json lacks ${e}`);
  assert.ok(pkg.activationEvents.every((e: string) => e.startsWith('workspaceContains:') || e.startsWith('onCommand:') || e.startsWith('onView:')));
});

test('the document selector covers every ECA suffix, the settings file, suspicious suffixes and sfdx-project.json', () => {
  assert.equal(ECA_SUFFIXES.length, 15);
  assert.equal(new Set(ECA_SUFFIXES).size, 15);
  const patterns = documentSelector.map((f) => (typeof f === 'string' ? f : (f as { pattern?: string }).pattern));
  for (const p of [ECA_GLOB, '**/ExternalClientApp.settings-meta.xml', '**/*.extlClntApp*-meta.xml', '**/sfdx-project.json']) {
    assert.ok(patterns.includes(p), `selector lacks ${p}`);
  }
  assert.ok(documentSelector.every((f) => typeof f !== 'string' && (f as { scheme?: string }).scheme === 'file'));
});

test('the settings the server reads are contributed with the documented shapes', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['eca.severityOverrides'].additionalProperties.enum, ['error', 'warning', 'information', 'hint', 'off']);
  assert.equal(props['eca.disabledRules'].type, 'array');
  assert.equal(props['eca.productionAliases'].type, 'array');
  assert.deepEqual(props['eca.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('every registered command is contributed, and workspace trust is declared limited', async () => {
  const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of ['eca.showOutput', 'eca.restartServer']) assert.ok(ids.includes(id), id);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(pkg.main, './dist/extension.js');
  assert.ok(pkg.engines.vscode);
  assert.ok(pkg.icon && pkg.license && pkg.categories.length && pkg.keywords.length);
  assert.ok(!JSON.stringify(pkg).includes('example.invalid'), 'no placeholder URL in the manifest');
});
