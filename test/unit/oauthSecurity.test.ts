// ExtlClntAppOauthSecuritySettings (`<Name>.ecaOauthSecurity-meta.xml` in extlClntAppOauthSecuritySettings/,
// new in the v67 metadata registry of source-deploy-retrieve, no published schema) is a known type:
// checked for well-formedness and its root only, never for its elements, and never a file-suffix
// or file-folder problem, in source and in metadata format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../server/src/engine/files';
import { checkFile, createProjectModel } from '../../server/src/engine';
import { TYPE_BY_NAME } from '../../server/src/engine/schema';
import { NS } from '../helpers/fs';

const SOURCE = '/p/force-app/main/default/extlClntAppOauthSecuritySettings/Partner_oauthSecurity.ecaOauthSecurity-meta.xml';
const MDAPI = '/p/unpackaged/extlClntAppOauthSecuritySettings/Partner_oauthSecurity.ecaOauthSecurity';
const doc = (root: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;
// What the platform may write: fields nobody published, nested, repeated.
const WELL_FORMED = doc('ExtlClntAppOauthSecuritySettings', [
  '    <externalClientApplication>ns__Partner</externalClientApplication>',
  '    <isDPopEnabled>maybe</isDPopEnabled>',
  '    <label>Partner</label>',
  '    <label>Partner again</label>',
  '    <tokenBinding><mode>strict</mode><mode>lax</mode></tokenBinding>',
  '',
].join('\n'));
const model = () => createProjectModel('/p', { fs: { exists: () => false, subdirs: () => [], readText: () => null } as never, sfdxProject: null });
const codes = (path: string, text: string) => checkFile(path, text, model()).map((d) => `${d.range.start.line + 1} ${d.severity} ${d.code}`);

test('the type is known from its suffix and folder (source and metadata format), with no published schema', () => {
  for (const p of [SOURCE, MDAPI]) {
    const c = classify(p);
    assert.equal(c?.kind, 'eca', p);
    assert.equal(c?.kind === 'eca' && c.type.name, 'ExtlClntAppOauthSecuritySettings');
  }
  assert.equal(TYPE_BY_NAME.get('ExtlClntAppOauthSecuritySettings')?.published, false);
  assert.equal(TYPE_BY_NAME.get('ExtlClntAppOauthSettings')?.published, true);
});

test('well-formed with any elements: clean (no element rule, no file-suffix, no file-folder)', () => {
  assert.deepEqual(codes(SOURCE, WELL_FORMED), []);
  assert.deepEqual(codes(MDAPI, WELL_FORMED), []);
  assert.deepEqual(codes(SOURCE, doc('ExtlClntAppOauthSecuritySettings', '')), [], 'not even a required element');
});

test('malformed: xml-malformed on its line', () => {
  const text = doc('ExtlClntAppOauthSecuritySettings', '    <!-- a -- b -->\n    <label>Partner</label>\n');
  assert.deepEqual(codes(SOURCE, text), ['3 error xml-malformed']);
  assert.deepEqual(codes(SOURCE, WELL_FORMED.replace('</tokenBinding>', '')).map((c) => c.split(' ')[2]), ['xml-malformed']);
});

test('another root: root-mismatch', () => {
  const text = doc('ExtlClntAppOauthSettings', '    <externalClientApplication>Partner</externalClientApplication>\n    <label>Partner</label>\n');
  assert.ok(codes(SOURCE, text).includes('2 error root-mismatch'), codes(SOURCE, text).join('\n'));
  assert.ok(codes(SOURCE, WELL_FORMED.replace(/ExtlClntAppOauthSecuritySettings/g, 'ExtlClntAppOauthSecurity')).includes('2 error root-mismatch'));
});
