// The engine's language service in process (no LSP): completion, hover, symbols, navigation,
// rename and validation, called through getLanguageService over a workspace indexed from real
// files in a temp folder, as vscode-json-languageservice's tests call its service.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { EcaWorkspace, getLanguageService, type LanguageService } from '../../server/src/engine';
import { eca, tempTree } from '../helpers/fs';

const D = 'force-app/main/default';
const H = `${D}/externalClientApps/MyApp.eca-meta.xml`;
const O = `${D}/extlClntAppOauthSettings/MyApp_oauth.ecaOauth-meta.xml`;
const P = `${D}/extlClntAppOauthPolicies/MyApp_oauthPlcy.ecaOauthPlcy-meta.xml`;

let root: string;
let ws: EcaWorkspace;
let ls: LanguageService;
const p = (rel: string) => `${root}/${rel}`;

before(async () => {
  root = tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    [H]: eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>MyApp</label>\n'),
    [O]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>MyApp</externalClientApplication>\n'),
    [P]: eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>MyApp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>True</isClientCredentialsFlowEnabled>\n'),
  });
  ws = new EcaWorkspace({ home: root });
  ws.addRoot(root);
  await ws.scan(root);
  ls = getLanguageService(ws);
});
after(() => rmSync(root, { recursive: true, force: true }));

test('doValidation: a file on disk gets its own checks and the project findings on it', () => {
  const d = ls.doValidation(p(P));
  const bool = d.find((x) => x.code === 'invalid-boolean');
  assert.ok(bool, JSON.stringify(d));
  assert.equal(bool.severity, 'error');
  assert.deepEqual(bool.range, { start: { line: 3, character: 36 }, end: { line: 3, character: 40 } });
});

test('doComplete: enum values, elements not yet present, and the workspace ECAs', () => {
  const path = p(`${D}/externalClientApps/Other.eca-meta.xml`);
  ws.setDocument(path, eca('ExternalClientApplication', '    <distributionState></distributionState>\n    <\n'), 1);
  assert.deepEqual(ls.doComplete(path, { line: 2, character: 23 }).map((c) => c.label).sort(), ['AutoInstalled', 'Local', 'Managed', 'Packaged']);
  const elements = ls.doComplete(path, { line: 3, character: 5 });
  const labels = elements.map((e) => e.label);
  assert.ok(labels.includes('contactEmail') && !labels.includes('distributionState'));
  assert.deepEqual(elements.find((e) => e.label === 'contactEmail')!.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 5 } });
  const sat = p(`${D}/extlClntAppPolicies/MyApp_plcy.ecaPlcy-meta.xml`);
  ws.setDocument(sat, eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication></externalClientApplication>\n'), 1);
  // The open document Other.eca-meta.xml is part of the workspace.
  assert.deepEqual(ls.doComplete(sat, { line: 2, character: 31 }).map((c) => c.label), ['MyApp', 'Other']);
  ws.closeDocument(path);
  assert.deepEqual(ls.doComplete(sat, { line: 2, character: 31 }).map((c) => c.label), ['MyApp'], 'closed and never saved: gone');
  ws.closeDocument(sat);
});

test('doHover documents a field from the schema, with the range of its name', () => {
  const h = ls.doHover(p(P), { line: 3, character: 10 });
  assert.ok(h);
  assert.match(h.markdown, /isClientCredentialsFlowEnabled/);
  assert.match(h.markdown, /boolean/);
  assert.equal(h.range.start.line, 3);
  assert.equal(ls.doHover(p(P), { line: 0, character: 0 }), null);
});

test('findDocumentSymbols lists the root and its elements with ranges', () => {
  const [rootSym] = ls.findDocumentSymbols(p(H));
  assert.equal(rootSym.name, 'ExternalClientApplication');
  assert.deepEqual(rootSym.children.map((c) => [c.name, c.detail]), [['distributionState', 'Local'], ['label', 'MyApp']]);
  assert.equal(rootSym.children[0].selectionRange.start.line, 2);
});

test('findDefinition, findReferences, prepareRename and doRename follow the ECA name', () => {
  const onValue = { line: 3, character: 35 };
  assert.deepEqual(ls.findDefinition(p(O), onValue).map((l) => l.path), [p(H)]);
  assert.deepEqual(ls.findReferences(p(O), onValue, false).map((l) => l.path).sort(), [p(O), p(P)].sort());
  assert.equal(ls.findReferences(p(O), onValue, true).length, 3);
  assert.deepEqual(ls.prepareRename(p(O), onValue), { range: { start: { line: 3, character: 31 }, end: { line: 3, character: 36 } }, placeholder: 'MyApp' });
  const changes = ls.doRename(p(O), onValue, 'NewApp')!;
  assert.ok(changes.some((c) => c.kind === 'rename' && c.from === p(H) && c.to === p(`${D}/externalClientApps/NewApp.eca-meta.xml`)));
  assert.ok(changes.some((c) => c.kind === 'edit' && c.path === p(P) && c.edits.some((e) => e.newText === 'NewApp')));
  assert.throws(() => ls.doRename(p(O), onValue, 'not valid'), /not a valid API name/);
  assert.equal(ls.prepareRename(p(O), { line: 0, character: 0 }), null);
});
