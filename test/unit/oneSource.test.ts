// One fact, one place: every list of ECA facts outside the schema table is derived from it (or from
// one module), so adding a metadata type is regenerating the table. Each test compares a consumer
// with the table, or proves two features give the same answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { checkFile } from '../../server/src/engine';
import { TYPES, SECRET_FIELDS, SENSITIVE_ELEMENT_NAMES } from '../../server/src/engine/schema';
import { METADATA_TYPES, ECA_SUFFIXES } from '../../server/src/engine/schema/metadataTypes';
import { USERNAME_RE as ENGINE_USERNAME_RE } from '../../server/src/engine/username';
import { USERNAME_RE as SCAFFOLD_USERNAME_RE } from '../../server/src/engine/authoring';
import { ECA_TYPES, SECRET_ELEMENTS } from '../../server/src/retrieve/types';
import { findProjectRoot as retrieveRoot, readProject } from '../../server/src/retrieve/project';
import { findProjectRoot as engineRoot, walkEcaFiles } from '../../server/src/engine/project/scan';
import { parseSfdxProject } from '../../server/src/engine/project/model';
import { tempTree, eca, read } from '../helpers/fs';

const FILE_TYPES = TYPES.filter((t) => t.kind === 'metadata' && t.suffix && t.suffix !== 'settings');

test('the compact type list (client, retrieve, walker) is the table\'s file-backed types', () => {
  assert.deepEqual(METADATA_TYPES.map((t) => [t.name, t.suffix, t.folder]), FILE_TYPES.map((t) => [t.name, t.suffix, t.folder]));
  assert.deepEqual([...ECA_SUFFIXES], FILE_TYPES.map((t) => t.suffix));
});

test('retrieve\'s type list is the table\'s types with a known API version; credential-holding types are never retrieved', () => {
  const known = FILE_TYPES.filter((t) => t.since && /^\d/.test(t.since));
  assert.deepEqual(ECA_TYPES.map((t) => [t.name, t.folder, t.suffix, t.since]), known.map((t) => [t.name, t.folder, t.suffix, Number(t.since)]));
  const never = ECA_TYPES.filter((t) => t.policy === 'never').map((t) => t.name).sort();
  assert.deepEqual(never, ['ExtlClntAppGlobalOauthSettings', 'ExtlClntAppPushSettings']);
});

test('secret fields come from the table: the rule and retrieve\'s scrubber cover every sensitive field', () => {
  const sensitive = TYPES.flatMap((t) => t.fields.filter((f) => f.sensitive).map((f) => f.name));
  for (const name of sensitive) {
    // `certificate` is public in SAML and OAuth files: a secret only inside applePushConfig.
    if (name === 'certificate') assert.deepEqual(SECRET_FIELDS.get(name)?.parents, ['applePushConfig']);
    else if (name !== 'consumerKey') assert.ok(SECRET_FIELDS.has(name), name);
  }
  for (const name of SENSITIVE_ELEMENT_NAMES) assert.ok(SECRET_ELEMENTS.includes(name), name);
  assert.ok(!SECRET_ELEMENTS.includes('certificate'), 'a SAML certificate is not scrubbed');
  const push = eca('ExtlClntAppPushSettings', '    <applePushConfig>\n        <certificate>MIIB</certificate>\n        <environment>Sandbox</environment>\n        <signingKey>k</signingKey>\n    </applePushConfig>\n    <externalClientApplication>A</externalClientApplication>\n    <pushServiceType>Apple</pushServiceType>\n');
  const codes = checkFile('/p/extlClntAppPushSettings/A.ecaPush-meta.xml', push, null).filter((d) => d.code === 'secret-in-source');
  assert.equal(codes.length, 2);
  const saml = eca('ExtlClntAppSamlConfigurablePolicies', '    <acsUrl>https://a.example.com/acs</acsUrl>\n    <certificate>MIIB</certificate>\n    <entityUrl>https://a.example.com</entityUrl>\n    <externalClientApplication>A</externalClientApplication>\n');
  assert.deepEqual(checkFile('/p/extlClntAppSamlConfigurablePolicies/A.ecaSamlPlcy-meta.xml', saml, null).filter((d) => d.code === 'secret-in-source'), []);
});

test('one "valid username": what scaffold accepts, the rule client-credentials-user-format never flags, and the reverse', () => {
  assert.equal(SCAFFOLD_USERNAME_RE, ENGINE_USERNAME_RE);
  const policies = (user: string) => eca('ExtlClntAppOauthConfigurablePolicies', `    <clientCredentialsFlowUser>${user}</clientCredentialsFlowUser>\n    <externalClientApplication>A</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n`);
  for (const user of ['integration@acme.com', 'integration@acme.com.uat', "o'brien@acme.com", 'a+b@acme.co.uk', 'a(b)@acme.com', 'a b@acme.com', 'no-at-sign', 'x@localhost', 'a;b@acme.com']) {
    const flagged = checkFile('/p/extlClntAppOauthPolicies/A.ecaOauthPlcy-meta.xml', policies(user), null).some((d) => d.code === 'client-credentials-user-format');
    assert.equal(flagged, !SCAFFOLD_USERNAME_RE.test(user), user);
  }
});

test('one sfdx-project.json reader: retrieve accepts the commented file the validator accepts', () => {
  const text = '{\n  // the main package\n  "packageDirectories": [\n    { "path": "force-app", "default": true, "package": "Core", "versionNumber": "1.0.0.NEXT" }, /* policies */\n    { "path": "eca-policies", "type": "source", "aliasfy": true },\n  ],\n}\n';
  const root = tempTree({ 'sfdx-project.json': text, 'force-app/main/default/externalClientApps/A.eca-meta.xml': eca('ExternalClientApplication', '    <label>A</label>\n') });
  try {
    const engine = parseSfdxProject(`${root}/sfdx-project.json`, read(join(root, 'sfdx-project.json')));
    assert.equal(engine.parseError, undefined);
    const project = readProject(root);
    assert.deepEqual(project.packageDirs.map((d) => [d.path, d.kind, d.isDefault, d.aliasfy, d.package ?? null]), [
      ['force-app', 'package', true, false, 'Core'],
      ['eca-policies', 'source', false, true, null],
    ]);
    assert.deepEqual(engine.packageDirs.map((d) => d.rel), project.packageDirs.map((d) => d.path));
    // Broken JSON is refused by both.
    const bad = tempTree({ 'sfdx-project.json': '{ "packageDirectories": [ { "path": "force-app" } ' });
    try {
      assert.ok(parseSfdxProject(`${bad}/sfdx-project.json`, read(join(bad, 'sfdx-project.json'))).parseError);
      assert.throws(() => readProject(bad), /sfdx-project\.json/);
    } finally { rmSync(bad, { recursive: true, force: true }); }
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('one project-root finder: retrieve uses the engine\'s', () => {
  assert.equal(retrieveRoot, engineRoot);
  const root = tempTree({ 'sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}', 'force-app/main/default/externalClientApps/A.eca-meta.xml': 'x' });
  try {
    assert.equal(engineRoot(`${root}/force-app/main/default/externalClientApps/A.eca-meta.xml`), root);
    assert.deepEqual(walkEcaFiles(root).files, [`${root}/force-app/main/default/externalClientApps/A.eca-meta.xml`]);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
