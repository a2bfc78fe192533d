// Pure parts of the retrieve feature: diff, credential scrubbing, zip sorting, package directory
// choice, the Packaged flip. No org, no Salesforce library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unifiedDiff } from '../../server/src/retrieve/diff';
import { isRetrieveError, redact } from '../../server/src/retrieve/errors';
import { distributionState, packagedEdit } from '../../server/src/retrieve/packaged';
import { defaultPackageDir, readProject } from '../../server/src/retrieve/project';
import { scrubSecrets, sortOutZip } from '../../server/src/retrieve/zipContent';
import { satelliteTypes } from '../../server/src/retrieve/types';
import { tempDir } from '../helpers/fs';

function apply(text: string, e: { start: number; end: number; newText: string }): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

test('unifiedDiff: equal texts give nothing; a change gives a hunk with context', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y'), '');
  const lines = Array.from({ length: 20 }, (_, i) => `line${i}`);
  const changed = [...lines];
  changed[10] = 'CHANGED';
  const d = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', 'old', 'new');
  assert.equal(d, ['--- old', '+++ new', '@@ -8,7 +8,7 @@', ' line7', ' line8', ' line9', '-line10', '+CHANGED', ' line11', ' line12', ' line13', ''].join('\n'));
  const added = unifiedDiff('', 'x\n', 'old', 'new');
  assert.equal(added, '--- old\n+++ new\n@@ -0,0 +1,1 @@\n+x\n');
});

test('scrubSecrets removes every credential element, odd formatting included', () => {
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <callbackUrl>https://x.example.com/cb</callbackUrl>\n' +
    '    <consumerKey\n  >3MVG9abc.def</consumerKey>\n' +
    '    <consumerSecret>ABCDEF0123456789</consumerSecret>\n' +
    '    <label>x</label><password>p</password>\n' +
    '</ExtlClntAppGlobalOauthSettings>\n';
  const r = scrubSecrets(text);
  assert.deepEqual(r.removed.sort(), ['consumerKey', 'consumerSecret', 'password']);
  assert.equal(
    r.text,
    '<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
      '    <callbackUrl>https://x.example.com/cb</callbackUrl>\n    <label>x</label>\n</ExtlClntAppGlobalOauthSettings>\n',
  );
  assert.deepEqual(scrubSecrets('<A><b>1</b></A>'), { text: '<A><b>1</b></A>', removed: [] });
});

test('sortOutZip: only the selected apps, no credential types, unsafe paths refused', () => {
  const eca = (name: string) => ({
    path: `unpackaged/externalClientApps/${name}.eca`,
    data: Buffer.from(`<?xml version="1.0"?><ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"><label>${name}</label></ExternalClientApplication>`),
  });
  const sat = (folder: string, root: string, name: string, suffix: string, app: string) => ({
    path: `unpackaged/${folder}/${name}.${suffix}`,
    data: Buffer.from(`<${root} xmlns="http://soap.sforce.com/2006/04/metadata"><externalClientApplication>${app}</externalClientApplication></${root}>`),
  });
  const entries = [
    { path: 'unpackaged/package.xml', data: Buffer.from('<Package/>') },
    eca('A'),
    eca('B'),
    sat('extlClntAppOauthSettings', 'ExtlClntAppOauthSettings', 'x_oauth', 'ecaOauth', 'A'),
    sat('extlClntAppOauthSettings', 'ExtlClntAppOauthSettings', 'A_oauth', 'ecaOauth', 'B'),
    sat('extlClntAppGlobalOauthSets', 'ExtlClntAppGlobalOauthSettings', 'A_glbl', 'ecaGlblOauth', 'A'),
    { path: 'unpackaged/classes/Foo.cls', data: Buffer.from('class Foo {}') },
  ];
  const r = sortOutZip(entries, new Set(['A']));
  assert.deepEqual(r.components.map((c) => `${c.type.name}:${c.fullName}:${c.app}`), ['ExternalClientApplication:A:A', 'ExtlClntAppOauthSettings:x_oauth:A']);
  assert.equal(r.warnings.length, 4, r.warnings.join('\n'));
  assert.ok(r.warnings.some((w) => /A_oauth: it belongs to B/.test(w)));
  for (const bad of ['unpackaged/../evil.eca', '/etc/passwd', 'unpackaged/externalClientApps\\x.eca']) {
    assert.throws(() => sortOutZip([eca('A'), { path: bad, data: Buffer.from('') }], new Set(['A'])), (e: unknown) => isRetrieveError(e) && e.code === 'BAD_ZIP');
  }
  assert.throws(
    () => sortOutZip([{ path: 'unpackaged/externalClientApps/A.eca', data: Buffer.from('<ExternalClientApplication><label>') }], new Set(['A'])),
    (e: unknown) => isRetrieveError(e) && e.code === 'BAD_ZIP',
  );
});

test('defaultPackageDir: the unlocked package, default first; sfp source/data and aliasfy trees are not', () => {
  const root = tempDir('eca-proj-');
  try {
    const write = (dirs: unknown[]) => writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: dirs }));
    write([{ path: 'force-app', default: true }, { path: 'src/eca', package: 'ECA' }, { path: 'src/other', package: 'Other', default: false }]);
    assert.equal(defaultPackageDir(readProject(root)).path, 'src/eca');
    write([{ path: 'a', package: 'A' }, { path: 'b', package: 'B', default: true }]);
    assert.equal(defaultPackageDir(readProject(root)).path, 'b');
    write([{ path: 'src-env', package: 'Env', aliasfy: true }, { path: 'src/config', package: 'Cfg', type: 'source' }, { path: './force-app/', default: true }]);
    assert.equal(defaultPackageDir(readProject(root)).path, 'force-app');
    write([]);
    assert.throws(() => readProject(root), (e: unknown) => isRetrieveError(e) && e.code === 'PROJECT');
    mkdirSync(join(root, 'x'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('satelliteTypes follows the API version and never includes credential types', () => {
  assert.deepEqual(satelliteTypes(59).map((t) => t.name), ['ExtlClntAppOauthSettings', 'ExtlClntAppOauthConfigurablePolicies']);
  const all = satelliteTypes(66).map((t) => t.name);
  assert.ok(all.includes('ExtlClntAppCanvasSettings'));
  assert.ok(!all.includes('ExtlClntAppGlobalOauthSettings') && !all.includes('ExtlClntAppPushSettings') && !all.includes('ExternalClientApplication'));
});

test('packagedEdit: replaces the value, or inserts the element in alphabetical order', () => {
  const local =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <contactEmail>a@b.c</contactEmail>\n    <distributionState>Local</distributionState>\n    <label>X</label>\n</ExternalClientApplication>\n';
  assert.equal(distributionState(local), 'Local');
  const flipped = apply(local, packagedEdit(local)!);
  assert.equal(flipped, local.replace('Local', 'Packaged'));
  assert.equal(packagedEdit(flipped), undefined);
  const missing =
    '<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n  <contactEmail>a@b.c</contactEmail>\n  <description>d</description>\n  <label>X</label>\n</ExternalClientApplication>\n';
  assert.equal(
    apply(missing, packagedEdit(missing)!),
    '<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">\n  <contactEmail>a@b.c</contactEmail>\n  <description>d</description>\n  <distributionState>Packaged</distributionState>\n  <label>X</label>\n</ExternalClientApplication>\n',
  );
  const last = '<ExternalClientApplication>\n    <contactEmail>a</contactEmail>\n</ExternalClientApplication>\n';
  assert.equal(apply(last, packagedEdit(last)!), '<ExternalClientApplication>\n    <contactEmail>a</contactEmail>\n    <distributionState>Packaged</distributionState>\n</ExternalClientApplication>\n');
  assert.equal(packagedEdit('<ExtlClntAppOauthSettings/>'), undefined);
});

test('redact keeps paths and names but drops long tokens, base64 and credential text', () => {
  const token = '00D5g000004SGtF!AR8AQJXg' + 'x'.repeat(60);
  const m = redact(`failed for /work/main/force-app/main/default/externalClientApps/My_App.eca-meta.xml with ${token} <consumerSecret>S3CR3T</consumerSecret>`);
  assert.ok(m.includes('/work/main/force-app/main/default/externalClientApps/My_App.eca-meta.xml'));
  assert.ok(!m.includes(token) && !m.includes('S3CR3T'));
});
