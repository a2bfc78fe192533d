// New External Client App, pattern 1 and pattern 2: the files (byte-exact), where they go in an
// existing project, the refusals, and — from an empty folder — a project that checks clean, also
// after its environment policies were scaffolded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthoringError, planFlip, flipChanges, planNewEca, planScaffold } from '../../server/src/engine/authoring';
import { applyAll, checkAll, errorsOf, NS, sourceOf, touched, type Files } from '../helpers/authoring';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const FORCEIGNORE = '# Global OAuth settings carry the consumer key and secret: never in source control, never deployed.\n**/extlClntAppGlobalOauthSets/**\n**/*.ecaGlblOauth-meta.xml\n';

function refused(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof AuthoringError && e.code === code && message.test(e.message) ? true : assert.fail(`${(e as Error).message}`));
}

test('pattern 1 from an empty folder: sfdx-project.json, a Packaged header in an unlocked package, .forceignore; checks clean', () => {
  const r = planNewEca(sourceOf({}), { name: 'Acme_Portal', pattern: 1, contactEmail: 'team@acme.example.com', label: 'Acme Portal' });
  assert.deepEqual(touched(r.changes), ['create .forceignore', 'create sfdx-project.json', 'create src/integrations/eca-acme-portal/externalClientApps/Acme_Portal.eca-meta.xml']);
  assert.equal(r.projectFileCreated, true);
  assert.equal(r.packageDir, 'src/integrations/eca-acme-portal');
  const files = applyAll({}, r.changes);
  assert.equal(files['sfdx-project.json'], '{\n  "packageDirectories": [\n    {\n      "path": "src/integrations/eca-acme-portal",\n      "package": "eca-acme-portal",\n      "versionNumber": "1.0.0.NEXT",\n      "default": true\n    }\n  ],\n  "name": "p",\n  "namespace": "",\n  "sfdcLoginUrl": "https://login.salesforce.com",\n  "sourceApiVersion": "64.0"\n}\n');
  assert.equal(files['src/integrations/eca-acme-portal/externalClientApps/Acme_Portal.eca-meta.xml'],
    `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <contactEmail>team@acme.example.com</contactEmail>\n    <description>Pattern 1: created on the DevHub, retrieved with its OAuth settings (oauthLink), shipped in an unlocked package.</description>\n    <distributionState>Packaged</distributionState>\n    <isProtected>false</isProtected>\n    <label>Acme Portal</label>\n</ExternalClientApplication>\n`);
  assert.equal(files['.forceignore'], FORCEIGNORE);
  assert.deepEqual(checkAll(files).map((d) => d.code), []);
  assert.match(r.nextSteps[0], /Retrieve External Client App from DevHub.*oauthLink/);
  // The retrieve then brings the OAuth settings; with them the policies scaffold checks clean too.
  files['src/integrations/eca-acme-portal/extlClntAppOauthSettings/Acme_Portal_oauth.ecaOauth-meta.xml'] = `${XML}\n<ExtlClntAppOauthSettings xmlns="${NS}">\n    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n    <externalClientApplication>Acme_Portal</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n</ExtlClntAppOauthSettings>\n`;
  const s = planScaffold(sourceOf(files), { eca: 'Acme_Portal', envs: ['default', 'uat', 'prod'], runAsUsers: { uat: 'portal@acme.com.uat', prod: 'portal@acme.com' } });
  const scaffolded = applyAll(files, s.changes);
  assert.deepEqual(checkAll(scaffolded, { productionAliases: ['prod'] }).map((d) => d.code), []);
});

test('pattern 2 from an empty folder: source package with the bootstrap as postDeploymentScript; scaffold and flip keep it clean', () => {
  const r = planNewEca(sourceOf({}), { name: 'Erp_Sync', pattern: 2, callbackUrl: 'https://erp.acme.example.com/cb?a=1&b=2', scopes: 'Api, RefreshToken', clientCredentials: true });
  assert.deepEqual(touched(r.changes), ['create .forceignore', 'create scripts/bootstrap-eca-oauth.apex', 'create scripts/bootstrap-eca-oauth.sh', 'create sfdx-project.json', 'create src/integrations/eca-erp-sync/externalClientApps/Erp_Sync.eca-meta.xml']);
  assert.equal(r.script, 'scripts/bootstrap-eca-oauth.sh');
  const files = applyAll({}, r.changes);
  assert.equal(files['sfdx-project.json'], '{\n  "packageDirectories": [\n    {\n      "path": "src/integrations/eca-erp-sync",\n      "package": "eca-erp-sync",\n      "versionNumber": "1.0.0.NEXT",\n      "type": "source",\n      "postDeploymentScript": "scripts/bootstrap-eca-oauth.sh",\n      "default": true\n    }\n  ],\n  "name": "p",\n  "namespace": "",\n  "sfdcLoginUrl": "https://login.salesforce.com",\n  "sourceApiVersion": "64.0"\n}\n');
  assert.match(files['src/integrations/eca-erp-sync/externalClientApps/Erp_Sync.eca-meta.xml'], /<distributionState>Local<\/distributionState>\n    <isProtected>false<\/isProtected>\n    <label>Erp Sync<\/label>/);
  const sh = files['scripts/bootstrap-eca-oauth.sh'];
  for (const line of ['APP_NAME="Erp_Sync"', 'API_VERSION="64.0"', 'the package eca-erp-sync']) assert.ok(sh.includes(line), line);
  const apex = files['scripts/bootstrap-eca-oauth.apex'];
  for (const part of ["'<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>'", "'<callbackUrl>https://erp.acme.example.com/cb?a=1&amp;b=2</callbackUrl>'", "'<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>'"]) assert.ok(apex.includes(part), part);
  assert.deepEqual(checkAll(files).map((d) => d.code), []);
  // Policies per environment: the bootstrap enables OAuth before them, so nothing is flagged.
  const s = planScaffold(sourceOf(files), { eca: 'Erp_Sync', envs: ['default', 'uat'], policies: ['oauth', 'plugin'], runAsUsers: { uat: 'erp@acme.com.uat' } });
  assert.deepEqual(s.notes, []);
  const scaffolded = applyAll(files, s.changes);
  assert.deepEqual(checkAll(scaffolded).map((d) => d.code), []);
  // Flipping back and forth with the recommended follow-ups leaves no error behind.
  const toPackaged = applyAll(scaffolded, flipChanges(planFlip(sourceOf(scaffolded), { eca: 'Erp_Sync' }), 'recommended'));
  assert.deepEqual(errorsOf(checkAll(toPackaged)), []);
  const back = applyAll(toPackaged, flipChanges(planFlip(sourceOf(toPackaged), { eca: 'Erp_Sync' }), 'recommended'));
  assert.deepEqual(errorsOf(checkAll(back)), []);
  assert.notEqual(toPackaged['sfdx-project.json'], scaffolded['sfdx-project.json']);
  assert.equal(back['sfdx-project.json'], scaffolded['sfdx-project.json'], 'the package type went to unlocked and back, byte for byte');
});

function existing(): Files {
  return {
    'sfdx-project.json': '{\r\n  "packageDirectories": [\r\n    {\r\n      "path": "src/integrations/eca-definition",\r\n      "package": "eca-definition",\r\n      "versionNumber": "1.2.0.NEXT",\r\n      "default": true\r\n    },\r\n    {\r\n      "path": "src/integrations/eca-policies",\r\n      "package": "eca-policies",\r\n      "versionNumber": "1.0.0.NEXT",\r\n      "type": "source",\r\n      "aliasfy": true\r\n    }\r\n  ],\r\n  "sourceApiVersion": "65.0"\r\n}\r\n',
    'src/integrations/eca-definition/main/default/externalClientApps/Portal.eca-meta.xml': `${XML}\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<distributionState>Packaged</distributionState>\r\n</ExternalClientApplication>\r\n`,
    'scripts/bootstrap-eca-oauth.sh': '#!/bin/sh\n',
    '.forceignore': '**/jsconfig.json\r\n',
  };
}

test('pattern 2 in an existing project: the entry goes before the aliasfy package, the script gets the app\'s name, .forceignore extended in CRLF', () => {
  const files = existing();
  const r = planNewEca(sourceOf(files), { name: 'Billing', pattern: 2 });
  assert.equal(r.packageDir, 'src/integrations/eca-billing');
  assert.equal(r.script, 'scripts/bootstrap-billing-oauth.sh');
  assert.deepEqual(touched(r.changes), ['create scripts/bootstrap-billing-oauth.apex', 'create scripts/bootstrap-billing-oauth.sh', 'create src/integrations/eca-billing/externalClientApps/Billing.eca-meta.xml', 'edit .forceignore', 'edit sfdx-project.json']);
  const after = applyAll(files, r.changes);
  assert.equal(after['sfdx-project.json'], files['sfdx-project.json'].replace(
    '    },\r\n    {\r\n      "path": "src/integrations/eca-policies"',
    '    },\r\n    {\r\n      "path": "src/integrations/eca-billing",\r\n      "package": "eca-billing",\r\n      "versionNumber": "1.0.0.NEXT",\r\n      "type": "source",\r\n      "postDeploymentScript": "scripts/bootstrap-billing-oauth.sh"\r\n    },\r\n    {\r\n      "path": "src/integrations/eca-policies"'));
  assert.equal(after['.forceignore'], '**/jsconfig.json\r\n' + FORCEIGNORE.replace(/\n/g, '\r\n'));
  assert.equal(after['src/integrations/eca-billing/externalClientApps/Billing.eca-meta.xml'],
    `${XML}\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<description>Pattern 2: deployed as source; the postDeploymentScript bootstraps an OAuth consumer on each org.</description>\r\n\t<distributionState>Local</distributionState>\r\n\t<isProtected>false</isProtected>\r\n\t<label>Billing</label>\r\n</ExternalClientApplication>\r\n`,
    'styled like the project\'s other ECA files (tabs, CRLF)');
  assert.match(after['scripts/bootstrap-billing-oauth.sh'], /API_VERSION="65\.0"/);
  assert.deepEqual(errorsOf(checkAll(after)), []);
});

test('pattern 1 in an existing project joins the unlocked package that holds ECAs, beside them (main/default)', () => {
  const files = existing();
  files['.forceignore'] = '**/*.ecaGlblOauth-meta.xml\r\n';
  const r = planNewEca(sourceOf(files), { name: 'Portal_Two', pattern: 1 });
  assert.equal(r.packageEntryAdded, false);
  assert.deepEqual(touched(r.changes), ['create src/integrations/eca-definition/main/default/externalClientApps/Portal_Two.eca-meta.xml']);
  assert.deepEqual(errorsOf(checkAll(applyAll(files, r.changes))), []);
  // An explicit new folder becomes a new unlocked package entry.
  const r2 = planNewEca(sourceOf(files), { name: 'Portal_Two', pattern: 1, packageDir: 'src/integrations/portal-two' });
  assert.match(applyAll(files, r2.changes)['sfdx-project.json'], /"path": "src\/integrations\/portal-two",\r\n      "package": "portal-two",\r\n      "versionNumber": "1.0.0.NEXT"\r\n    },\r\n    \{\r\n      "path": "src\/integrations\/eca-policies"/);
});

test('pattern 2 into an existing plain folder makes it a source package with a name', () => {
  const files: Files = { 'sfdx-project.json': '{\n  "packageDirectories": [\n    { "path": "force-app", "default": true }\n  ]\n}\n' };
  const r = planNewEca(sourceOf(files), { name: 'App', pattern: 2, packageDir: 'force-app' });
  const after = applyAll(files, r.changes);
  assert.equal(after['sfdx-project.json'], '{\n  "packageDirectories": [\n    { "path": "force-app", "default": true, "package": "force-app", "versionNumber": "1.0.0.NEXT", "type": "source", "postDeploymentScript": "scripts/bootstrap-eca-oauth.sh" }\n  ]\n}\n');
  assert.ok(after['force-app/externalClientApps/App.eca-meta.xml']);
  assert.deepEqual(errorsOf(checkAll(after)), []);
});

test('refusals: taken name, invalid name, a package that does not fit the pattern, a second bootstrap, broken sfdx-project.json', () => {
  const files = existing();
  refused(() => planNewEca(sourceOf(files), { name: 'Portal', pattern: 1 }), 'CONFLICT', /named Portal exists already/);
  for (const bad of ['1App', 'My App', 'A__B', 'App_', '']) refused(() => planNewEca(sourceOf(files), { name: bad, pattern: 1 }), 'INVALID', /not a valid API name/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 3 as never }), 'INVALID', /pattern must be 1/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 2, packageDir: 'src/integrations/eca-definition' }), 'CONFLICT', /'eca-definition' is an unlocked package; pattern 2 needs a source package/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 1, packageDir: 'src/integrations/eca-policies' }), 'CONFLICT', /is an aliasfy policies package/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 1, packageDir: '../outside' }), 'INVALID', /inside the project/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 1, contactEmail: 'nobody' }), 'INVALID', /not an email address/);
  refused(() => planNewEca(sourceOf(files), { name: 'X', pattern: 2, scopes: 'api refresh_token' }), 'INVALID', /not a comma-separated list/);
  const withScript: Files = { 'sfdx-project.json': '{ "packageDirectories": [ { "path": "a", "package": "a", "versionNumber": "1.0.0.NEXT", "type": "source", "postDeploymentScript": "s.sh" } ] }' };
  refused(() => planNewEca(sourceOf(withScript), { name: 'X', pattern: 2, packageDir: 'a' }), 'CONFLICT', /already runs postDeploymentScript s\.sh/);
  const broken = existing();
  broken['sfdx-project.json'] = '{ "packageDirectories": { "path": "a" } }';
  refused(() => planNewEca(sourceOf(broken), { name: 'X', pattern: 1 }), 'MALFORMED_PROJECT', /packageDirectories is not an array/);
});
