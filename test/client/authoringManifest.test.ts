// package.json contributes what the authoring feature needs: the three commands with palette and
// context-menu entries whose `when` clauses match the right files, the snippets file for XML and
// the injection grammar into text.xml, and the .vsix ships them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO } from '../helpers/fs';

const pkg = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8'));
const IDS = ['eca.flipDistributionState', 'eca.scaffoldEnvironmentPolicies', 'eca.newExternalClientApp'];

/** The regex of a `resourceFilename =~ /…/` when clause. */
function filenameRegex(when: string): RegExp {
  const m = /resourceFilename =~ \/(.+?)\/(?:\s|$)/.exec(when);
  assert.ok(m, `a resourceFilename regex in ${when}`);
  return new RegExp(m[1]);
}

test('the three commands are contributed under the ECA category, usable from the palette', () => {
  for (const id of IDS) {
    const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
    assert.ok(c, id);
    assert.equal(c.category, 'ECA');
    assert.equal(c.enablement, undefined, 'file edits only: available in Restricted Mode too');
    const hidden = (pkg.contributes.menus.commandPalette ?? []).find((m: { command: string; when: string }) => m.command === id && m.when === 'false');
    assert.equal(hidden, undefined, `${id} is not hidden from the palette`);
  }
});

test('context menus: flip on ECA headers, scaffold on any ECA file, new on folders and sfdx-project.json', () => {
  const menu = (where: string, id: string) => pkg.contributes.menus[where].find((m: { command: string }) => m.command === id);
  for (const where of ['explorer/context', 'editor/context']) {
    const flip = filenameRegex(menu(where, 'eca.flipDistributionState').when);
    assert.ok(flip.test('Acme.eca-meta.xml'));
    assert.ok(!flip.test('Acme_oauth.ecaOauth-meta.xml'));
    const scaffold = filenameRegex(menu(where, 'eca.scaffoldEnvironmentPolicies').when);
    for (const f of ['Acme.eca-meta.xml', 'Acme_oauth.ecaOauth-meta.xml', 'Acme_oauthPlcy.ecaOauthPlcy-meta.xml', 'Acme_plcy.ecaPlcy-meta.xml']) assert.ok(scaffold.test(f), f);
    for (const f of ['Acme.connectedApp-meta.xml', 'package.xml', 'Acme.ecaPolicy-meta.xml']) assert.ok(!scaffold.test(f), f);
  }
  assert.match(menu('explorer/context', 'eca.newExternalClientApp').when, /explorerResourceIsFolder/);
  assert.match(menu('explorer/context', 'eca.flipDistributionState').when, /^!explorerResourceIsFolder/);
});

test('snippets and the injection grammar are wired and shipped', () => {
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'xml', path: './snippets/eca-xml.json' }]);
  assert.deepEqual(pkg.contributes.grammars, [{ scopeName: 'eca.xml.injection', path: './syntaxes/eca-xml-injection.tmLanguage.json', injectTo: ['text.xml'] }]);
  for (const p of ['snippets/eca-xml.json', 'syntaxes/eca-xml-injection.tmLanguage.json']) assert.ok(existsSync(resolve(REPO, p)), p);
  const grammar = JSON.parse(readFileSync(resolve(REPO, 'syntaxes/eca-xml-injection.tmLanguage.json'), 'utf8'));
  assert.equal(grammar.scopeName, 'eca.xml.injection');
  assert.match(grammar.injectionSelector, /^L:text\.xml/);
  const ignore = readFileSync(resolve(REPO, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!snippets/**') && ignore.includes('!syntaxes/**'), '.vscodeignore ships snippets/ and syntaxes/');
});
