// package.json (the extension manifest) must agree with the client: every ECA suffix the document
// selector hands to the server also activates the extension, and the settings/commands the code
// uses are contributed.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { activationEvents, documentSelector, ECA_GLOB, ECA_MDAPI_GLOB, ECA_SUFFIXES, SUFFIX_RE } from '../../client/src/selector';
import { TYPES } from '../../server/src/engine/schema';
import { assertEvery } from '../helpers/assert';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

/** The file-backed metadata types of the engine's schema table (generated from the WSDL and its overlay). */
const TABLE_SUFFIXES = TYPES.filter((t) => t.kind === 'metadata' && t.suffix && t.suffix !== 'settings').map((t) => t.suffix!);

test("activation events are exactly the client's: workspaceContains for every ECA suffix (both formats) and sfdx-project.json, never *", () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.deepEqual(pkg.activationEvents, activationEvents());
  for (const s of TABLE_SUFFIXES) assert.ok(pkg.activationEvents.includes(`workspaceContains:**/*.${s}-meta.xml`), s);
  assert.ok(pkg.activationEvents.includes(`workspaceContains:${ECA_MDAPI_GLOB}`));
  assertEvery(pkg.activationEvents, (e: string) => e.startsWith('workspaceContains:') || e.startsWith('onCommand:') || e.startsWith('onView:'), 'pkg.activationEvents');
});

test("the client's suffixes, SUFFIX_RE and the menus' when-regexes are the schema table's", () => {
  assert.deepEqual([...ECA_SUFFIXES], TABLE_SUFFIXES);
  for (const s of TABLE_SUFFIXES) assert.ok(SUFFIX_RE.test(`/p/X.${s}-meta.xml`), s);
  assert.ok(!SUFFIX_RE.test('/p/X.ecaOauthh-meta.xml'));
  const menus = [...pkg.contributes.menus['explorer/context'], ...pkg.contributes.menus['editor/context']] as { command: string; when: string }[];
  const whenRe = (command: string) => menus.filter((m) => m.command === command).map((m) => new RegExp(/=~ \/(.*)\/$/.exec(m.when)![1]));
  const scaffold = whenRe('eca.scaffoldEnvironmentPolicies');
  assert.equal(scaffold.length, 2);
  for (const re of scaffold) {
    for (const s of TABLE_SUFFIXES) assert.ok(re.test(`X.${s}-meta.xml`), `${re} misses ${s}`);
    assert.ok(!re.test('X.connectedApp-meta.xml') && !re.test('X.ecaBogus-meta.xml'));
  }
  for (const re of whenRe('eca.flipDistributionState')) {
    assert.ok(re.test('X.eca-meta.xml'));
    assert.ok(!re.test('X.ecaOauth-meta.xml'));
  }
});

test('the document selector covers every ECA suffix, the settings file, suspicious suffixes and sfdx-project.json', () => {
  assert.equal(new Set(ECA_SUFFIXES).size, TABLE_SUFFIXES.length);
  const patterns = documentSelector.map((f) => (typeof f === 'string' ? f : (f as { pattern?: string }).pattern));
  for (const p of [ECA_GLOB, ECA_MDAPI_GLOB, '**/ExternalClientApp.settings-meta.xml', '**/*.extlClntApp*-meta.xml', '**/sfdx-project.json']) {
    assert.ok(patterns.includes(p), `selector lacks ${p}`);
  }
  assertEvery(documentSelector, (f) => typeof f !== 'string' && (f as { scheme?: string }).scheme === 'file', 'documentSelector');
});

test('the settings the server reads are contributed with the documented shapes', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['eca.severityOverrides'].additionalProperties.enum, ['error', 'warning', 'information', 'hint', 'off']);
  assert.equal(props['eca.disabledRules'].type, 'array');
  assert.equal(props['eca.productionAliases'].type, 'array');
  assert.deepEqual(props['eca.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('every registered command is contributed, and workspace trust and virtual workspaces are declared limited', async () => {
  const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of ['eca.showOutput', 'eca.restartServer']) assert.ok(ids.includes(id), id);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  // github.dev, vscode.dev and GitHub Repositories open virtual workspaces: `false` would disable the extension there.
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  assert.equal(pkg.main, './dist/extension.js');
  assert.ok(pkg.engines.vscode);
  assert.ok(pkg.icon && pkg.license && pkg.categories.length && pkg.keywords.length);
  assert.ok(!JSON.stringify(pkg).includes('example.invalid'), 'no placeholder URL in the manifest');
});
