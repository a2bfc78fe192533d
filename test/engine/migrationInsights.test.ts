// Hover and diagnostic on ConnectedApp files, the sfdx-project.json edit of pattern 2, and the
// bootstrap script pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectedAppHover, connectedAppInsights, isConnectedAppFile } from '../../server/src/migration';
import { addPostDeploymentScript } from '../../server/src/migration/sfdx';
import { apexString } from '../../server/src/engine/authoring/bootstrap';
import { connectedApp, fileOf, plan } from '../helpers/migration';
import { tempDir } from '../helpers/fs';

const APP = connectedApp(`    <oauthConfig>
        <callbackUrl>https://app.example.com/cb</callbackUrl>
        <consumerKey>3MVGhoverKEY0000001</consumerKey>
        <scopes>Api</scopes>
        <scopes>SFApi</scopes>
    </oauthConfig>
    <oauthPolicy>
        <ipRelaxation>ENFORCE</ipRelaxation>
        <refreshTokenPolicy>infinite</refreshTokenPolicy>
    </oauthPolicy>
`);
const PATH = '/p/force-app/main/default/connectedApps/My_App.connectedApp-meta.xml';
const at = (needle: string, delta = 2) => APP.indexOf(needle) + delta;

test('isConnectedAppFile: source and mdapi names only', () => {
  assert.ok(isConnectedAppFile('/x/connectedApps/A.connectedApp-meta.xml'));
  assert.ok(isConnectedAppFile('C:\\x\\A.connectedApp'));
  assert.ok(!isConnectedAppFile('/x/A.eca-meta.xml'));
  assert.ok(!isConnectedAppFile('/x/.connectedApp-meta.xml'));
});

test('one information diagnostic offers the migration, on the root tag, with the command', () => {
  const { diagnostics } = connectedAppInsights(PATH, APP);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.equal(d.code, 'connected-app-migration');
  assert.equal(d.severity, 'information');
  assert.equal(d.path, PATH);
  const line = APP.split('\n')[d.range.start.line];
  assert.equal(line.slice(d.range.start.character, d.range.end.character), 'ConnectedApp');
  assert.deepEqual(d.commands, [{ title: 'Migrate to External Client App…', command: 'eca.migrateConnectedApp', arguments: [PATH] }]);
  assert.match(d.message, /unknown-scope \(oauthConfig\/scopes\)/);
  assert.ok(!JSON.stringify(d).includes('3MVGhoverKEY0000001'));
});

test('hover says the ECA equivalent of each field', () => {
  const cb = connectedAppHover(PATH, APP, at('<callbackUrl>'))!;
  assert.equal(cb.field, 'oauthConfig/callbackUrl');
  assert.match(cb.markdown, /\*\*ExtlClntAppGlobalOauthSettings\*\* `callbackUrl` \(`extlClntAppGlobalOauthSets\/My_App_glblOauth\.ecaGlblOauth-meta\.xml`\)/);
  assert.match(cb.markdown, /mapping verified/);
  const ip = connectedAppHover(PATH, APP, at('ENFORCE', 1))!;
  assert.equal(ip.field, 'oauthPolicy/ipRelaxation');
  assert.match(ip.markdown, /ExtlClntAppOauthConfigurablePolicies\*\* `ipRelaxationPolicyType`/);
  assert.match(ip.markdown, /ENFORCE → Enforce/);
  assert.match(ip.markdown, /inferred/);
  const key = connectedAppHover(PATH, APP, at('<consumerKey>'))!;
  assert.match(key.markdown, /Not carried over/);
  assert.ok(!key.markdown.includes('3MVGhoverKEY0000001'));
  const sfap = connectedAppHover(PATH, APP, at('SFApi', 0))!;
  assert.match(sfap.markdown, /Blocker:.*SFApi/);
  const api = connectedAppHover(PATH, APP, at('>Api<', 1))!;
  assert.doesNotMatch(api.markdown, /Blocker/);
  const root = connectedAppHover(PATH, APP, at('<ConnectedApp', 3))!;
  assert.equal(root.field, '');
  assert.match(root.markdown, /ECA: Migrate Connected App to External Client App/);
  assert.equal(connectedAppHover(PATH, APP, 0), null, 'the XML declaration has no hover');
});

test('broken XML: an information diagnostic saying why, no command; other roots: nothing', () => {
  const broken = connectedAppInsights(PATH, '<ConnectedApp>\n  <label>x</labl>\n</ConnectedApp>');
  assert.equal(broken.diagnostics.length, 1);
  assert.equal(broken.diagnostics[0].commands, undefined);
  assert.match(broken.diagnostics[0].message, /cannot be migrated .* until it is well-formed/);
  assert.deepEqual(connectedAppInsights(PATH, '<CustomObject/>'), { diagnostics: [], hovers: [] });
  assert.deepEqual(connectedAppInsights(PATH, ''), { diagnostics: [], hovers: [] });
});

test('sfdx-project.json: postDeploymentScript is added keeping comments, order, tabs and CRLF', () => {
  const text = '{\r\n\t// packages\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "force-app",\r\n\t\t\t"default": true\r\n\t\t},\r\n\t\t{ "path": "other" }\r\n\t],\r\n\t"sourceApiVersion": "64.0"\r\n}\r\n';
  const r = addPostDeploymentScript(text, '/p/sfdx-project.json', '/p/force-app/main/default', 'force-app/main/default', 'scripts/b.sh', 'default');
  assert.equal(r.action, 'set');
  if (r.action !== 'set') return;
  assert.equal(r.text, '{\r\n\t// packages\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "force-app",\r\n\t\t\t"default": true,\r\n\t\t\t"postDeploymentScript": "scripts/b.sh"\r\n\t\t},\r\n\t\t{ "path": "other" }\r\n\t],\r\n\t"sourceApiVersion": "64.0"\r\n}\r\n');
  const one = addPostDeploymentScript(text, '/p/sfdx-project.json', '/p/other', 'other', 'scripts/b.sh', 'other');
  assert.equal(one.action, 'set');
  if (one.action === 'set') assert.ok(one.text.includes('{ "path": "other", "postDeploymentScript": "scripts/b.sh" }'), one.text);
  const again = addPostDeploymentScript(r.action === 'set' ? r.text : '', '/p/sfdx-project.json', '/p/force-app', 'force-app', 'scripts/b.sh', 'x');
  assert.equal(again.action, 'same');
  const other = addPostDeploymentScript(r.action === 'set' ? r.text : '', '/p/sfdx-project.json', '/p/force-app', 'force-app', 'scripts/c.sh', 'x');
  assert.deepEqual(other, { action: 'conflict', entry: 'force-app', existing: 'scripts/b.sh' });
  const appended = addPostDeploymentScript('{\n  "packageDirectories": [\n    {\n      "path": "force-app"\n    }\n  ]\n}\n', '/p/sfdx-project.json', '/p/src/eca', 'src/eca', 'scripts/b.sh', 'eca');
  assert.equal(appended.action, 'appended');
  if (appended.action === 'appended') {
    assert.equal(appended.text, '{\n  "packageDirectories": [\n    {\n      "path": "force-app"\n    },\n    {\n      "path": "src/eca",\n      "package": "eca",\n      "versionNumber": "1.0.0.NEXT",\n      "type": "source",\n      "postDeploymentScript": "scripts/b.sh"\n    }\n  ]\n}\n');
  }
  assert.equal(addPostDeploymentScript('{ "packageDirectories": [', '/p/sfdx-project.json', '/p/x', 'x', 's.sh', 'x').action, 'unparsable');
});

test('pattern 2 with a taken postDeploymentScript: no edit, a warning and the step to chain the scripts', () => {
  const sfdx = '{\n  "packageDirectories": [\n    { "path": "force-app", "postDeploymentScript": "scripts/existing.sh" }\n  ]\n}\n';
  const p = plan(connectedApp('    <oauthConfig>\n        <callbackUrl>https://x/cb</callbackUrl>\n    </oauthConfig>\n'), { pattern: '2', sfdxProject: sfdx });
  assert.deepEqual(p.edits, []);
  assert.ok(p.warnings.some((w) => w.code === 'post-deploy-script-taken'));
  assert.ok(p.steps.some((s) => /call scripts\/bootstrap-eca-oauth\.sh "\$@" from scripts\/existing\.sh/.test(s)));
});

test('apex string literals escape quotes, backslashes and line breaks', () => {
  assert.equal(apexString("it's a \\ test\r\nline2"), "'it\\'s a \\\\ test\\nline2'");
});

test('the generated bootstrap script is valid bash, and the Apex carries the payload and no credential', () => {
  const p = plan(connectedApp(`    <oauthConfig>
        <callbackUrl>https://x/cb</callbackUrl>
        <certificate>-----BEGIN CERTIFICATE-----\nMIIC'quote\n-----END CERTIFICATE-----</certificate>
        <consumerKey>3MVGbootKEY00000001</consumerKey>
        <isClientCredentialEnabled>true</isClientCredentialEnabled>
        <oauthClientCredentialUser>api@acme.com</oauthClientCredentialUser>
        <scopes>Api</scopes>
    </oauthConfig>
`), { pattern: '2' });
  const sh = fileOf(p, 'script')!;
  const apex = fileOf(p, 'apex')!;
  const dir = tempDir('eca-sh-');
  writeFileSync(join(dir, 'b.sh'), sh);
  const r = spawnSync('bash', ['-n', join(dir, 'b.sh')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(sh, /RUN_AS_USER="\$\{ECA_RUN_AS_USER:-api@acme\.com\}"/);
  assert.match(apex, /Boolean ccWanted = true;/);
  assert.match(apex, /\(ccEnabled \? '<clientCredentialsFlowUser>' \+ runAsUser\.escapeXml\(\)/);
  assert.ok(apex.includes("'<certificate>-----BEGIN CERTIFICATE-----\\nMIIC\\'quote\\n-----END CERTIFICATE-----</certificate>'"));
  assert.ok(!apex.includes('3MVGbootKEY00000001') && !sh.includes('3MVGbootKEY00000001'));
  assert.ok(p.creates.find((f) => f.role === 'script')!.executable);
  // The payload components were checked as the org would see them.
  assert.deepEqual(p.checks.filter((c) => c.severity === 'error'), []);
});
