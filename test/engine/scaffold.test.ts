// Scaffold environment policy folders: the aliasfy package entry, the files per environment with
// their defaults (byte-exact, in the ECA header's style), copies of the team's own policies,
// skipped existing files, the notes, the refusals, and the project checked clean afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthoringError, planScaffold, type ScaffoldRequest } from '../../server/src/engine/authoring';
import type { SfOrgs } from '../../server/src/engine/project/orgs';
import { applyAll, checkAll, errorsOf, NS, sourceOf, touched, type Files } from '../helpers/authoring';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';

function crlfProject(): Files {
  return {
    'sfdx-project.json': '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "src/integrations/eca-app",\r\n\t\t\t"package": "eca-app",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source",\r\n\t\t\t"postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/integrations/other",\r\n\t\t\t"package": "other",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source"\r\n\t\t}\r\n\t]\r\n}\r\n',
    'scripts/bootstrap-eca-oauth.sh': '#!/usr/bin/env bash\n',
    'src/integrations/eca-app/externalClientApps/App.eca-meta.xml': `${XML}\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<distributionState>Local</distributionState>\r\n\t<label>App</label>\r\n</ExternalClientApplication>\r\n`,
  };
}

function refused(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof AuthoringError && e.code === code && message.test(e.message) ? true : assert.fail(`${(e as Error).message}`));
}

test('a new aliasfy package after the ECA\'s package; OAuth and plugin policies per environment in the header\'s tabs and CRLF', () => {
  const files = crlfProject();
  const req: ScaffoldRequest = { eca: 'App', envs: ['default', 'uat', 'prod'], policies: ['oauth', 'plugin'], runAsUsers: { uat: 'int@acme.com.uat', prod: 'int@acme.com' } };
  const r = planScaffold(sourceOf(files, { productionAliases: ['prod'] }), req);
  assert.equal(r.packageDir, 'src/integrations/eca-policies');
  assert.equal(r.packageEntryAdded, true);
  assert.deepEqual(r.created.map((c) => `${c.env} ${c.kind} ${c.clientCredentials}`), ['default oauth false', 'uat oauth true', 'prod oauth true', 'default plugin false', 'uat plugin false', 'prod plugin false']);
  assert.deepEqual(r.skipped, []);
  assert.deepEqual(r.notes, []);
  const after = applyAll(files, r.changes);
  assert.equal(after['sfdx-project.json'], files['sfdx-project.json'].replace(
    '\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/integrations/other"',
    '\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/integrations/eca-policies",\r\n\t\t\t"package": "eca-policies",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source",\r\n\t\t\t"aliasfy": true\r\n\t\t},\r\n\t\t{\r\n\t\t\t"path": "src/integrations/other"'));
  assert.equal(after['src/integrations/eca-policies/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'],
    `${XML}\r\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\r\n`
    + '\t<externalClientApplication>App</externalClientApplication>\r\n'
    + '\t<ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\r\n'
    + '\t<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\r\n'
    + '\t<isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\r\n'
    + '\t<label>App_oauthPlcy</label>\r\n'
    + '\t<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\r\n'
    + '\t<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\r\n'
    + '\t<refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>\r\n'
    + '\t<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\r\n'
    + '\t<requiredSessionLevel>STANDARD</requiredSessionLevel>\r\n'
    + '</ExtlClntAppOauthConfigurablePolicies>\r\n');
  assert.equal(after['src/integrations/eca-policies/prod/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'],
    after['src/integrations/eca-policies/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml']
      .replace('\t<externalClientApplication>', '\t<clientCredentialsFlowUser>int@acme.com</clientCredentialsFlowUser>\r\n\t<externalClientApplication>')
      .replace('<isClientCredentialsFlowEnabled>false<', '<isClientCredentialsFlowEnabled>true<'));
  assert.equal(after['src/integrations/eca-policies/uat/extlClntAppPolicies/App_plcy.ecaPlcy-meta.xml'],
    `${XML}\r\n<ExtlClntAppConfigurablePolicies xmlns="${NS}">\r\n\t<externalClientApplication>App</externalClientApplication>\r\n\t<isEnabled>true</isEnabled>\r\n\t<isOauthPluginEnabled>true</isOauthPluginEnabled>\r\n\t<label>App_plcy</label>\r\n</ExtlClntAppConfigurablePolicies>\r\n`);
  const orgs: SfOrgs = { aliases: new Map([['uat', 'me@acme.com.uat'], ['prod', 'me@acme.com']]), orgs: new Map([['me@acme.com.uat', { username: 'me@acme.com.uat', kind: 'sandbox' }], ['me@acme.com', { username: 'me@acme.com', kind: 'production' }]]) };
  assert.deepEqual(errorsOf(checkAll(after, { orgs })), []);
  assert.deepEqual(checkAll(after, { orgs }).map((d) => d.code), [], 'not even a warning');
  // Once more: every file exists, nothing changes, each one is reported.
  const again = planScaffold(sourceOf(after, { orgs }), req);
  assert.deepEqual(again.changes, []);
  assert.equal(again.packageEntryAdded, false);
  assert.deepEqual(again.skipped.map((s) => `${s.env} ${s.kind} ${s.reason}`), ['default oauth the file exists', 'uat oauth the file exists', 'prod oauth the file exists', 'default plugin the file exists', 'uat plugin the file exists', 'prod plugin the file exists']);
});

function withAliasfy(): Files {
  return {
    'sfdx-project.json': '{\n  "packageDirectories": [\n    { "path": "force-app", "package": "app", "versionNumber": "1.0.0.NEXT", "type": "source", "postDeploymentScript": "scripts/b.sh" },\n    { "path": "policies", "package": "policies", "versionNumber": "1.0.0.NEXT", "type": "source", "aliasfy": true }\n  ]\n}\n',
    'scripts/b.sh': '#!/bin/sh\n',
    'force-app/main/default/externalClientApps/App.eca-meta.xml': `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <label>App</label>\n</ExternalClientApplication>\n`,
    'policies/uat/extlClntAppOauthPolicies/App_custom.ecaOauthPlcy-meta.xml': `${XML}\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n  <clientCredentialsFlowUser>int@acme.com.uat</clientCredentialsFlowUser>\n  <externalClientApplication>App</externalClientApplication>\n  <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n  <label>App_custom</label>\n  <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n  <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n  <refreshTokenValidityPeriod>90</refreshTokenValidityPeriod>\n  <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n</ExtlClntAppOauthConfigurablePolicies>\n`,
  };
}

test('new environments copy the team\'s existing policies: default drops the user, prod gets its own; the existing one is skipped', () => {
  const files = withAliasfy();
  const r = planScaffold(sourceOf(files), { eca: 'App', envs: ['default', 'uat', 'prod'], runAsUsers: { prod: 'int@acme.com' } });
  assert.equal(r.packageDir, 'policies');
  assert.equal(r.packageEntryAdded, false);
  assert.deepEqual(touched(r.changes), ['create policies/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml', 'create policies/prod/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml']);
  assert.deepEqual(r.skipped.map((s) => `${s.env}: ${s.reason}`), ['uat: policies/uat/extlClntAppOauthPolicies/App_custom.ecaOauthPlcy-meta.xml already holds App\'s OAuth policies for uat']);
  const after = applyAll(files, r.changes);
  const uat = files['policies/uat/extlClntAppOauthPolicies/App_custom.ecaOauthPlcy-meta.xml'];
  assert.equal(after['policies/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'], uat
    .replace('  <clientCredentialsFlowUser>int@acme.com.uat</clientCredentialsFlowUser>\n', '')
    .replace('>true</isClientCredentialsFlowEnabled>', '>false</isClientCredentialsFlowEnabled>')
    .replace('>App_custom<', '>App_oauthPlcy<'));
  assert.equal(after['policies/prod/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'], uat
    .replace('>int@acme.com.uat<', '>int@acme.com<')
    .replace('>App_custom<', '>App_oauthPlcy<'));
  assert.deepEqual(errorsOf(checkAll(after)), []);
});

test('a copy from default/ into an environment with a run-as user inserts the user in alphabetical order', () => {
  const files = withAliasfy();
  const def = `${XML}\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n\t<externalClientApplication>App</externalClientApplication>\n\t<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n`;
  delete files['policies/uat/extlClntAppOauthPolicies/App_custom.ecaOauthPlcy-meta.xml'];
  files['policies/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'] = def;
  const r = planScaffold(sourceOf(files), { eca: 'App', envs: ['uat'], runAsUsers: { uat: 'int@acme.com.uat' } });
  assert.equal(applyAll(files, r.changes)['policies/uat/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml'],
    `${XML}\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n\t<clientCredentialsFlowUser>int@acme.com.uat</clientCredentialsFlowUser>\n\t<externalClientApplication>App</externalClientApplication>\n\t<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n\t<label>App_oauthPlcy</label>\n</ExtlClntAppOauthConfigurablePolicies>\n`);
});

test('notes: nothing enables OAuth yet (pattern 1 before the retrieve), production without a run-as user, policies package before the ECA', () => {
  const files: Files = {
    'sfdx-project.json': '{ "packageDirectories": [ { "path": "policies", "type": "source", "aliasfy": true }, { "path": "eca", "package": "eca", "versionNumber": "1.0.0.NEXT" } ] }',
    'eca/externalClientApps/App.eca-meta.xml': `${XML}\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>Packaged</distributionState>\n</ExternalClientApplication>\n`,
  };
  const r = planScaffold(sourceOf(files, { productionAliases: ['prod'] }), { eca: 'App', envs: ['default', 'prod'] });
  assert.deepEqual(r.notes.map((n) => n.replace(/:.*/, '')), [
    'prod is a production org and gets client credentials off',
    'Nothing enables OAuth for App before these policies deploy (policies-without-oauth)',
    '\'policies\' comes before the package holding App in packageDirectories (deploy-order)',
  ]);
  // With the retrieved OAuth settings (pattern 1) in the unlocked package and the order fixed, the scaffold checks clean.
  const ok: Files = {
    'sfdx-project.json': '{ "packageDirectories": [ { "path": "eca", "package": "eca", "versionNumber": "1.0.0.NEXT" } ] }',
    'eca/externalClientApps/App.eca-meta.xml': files['eca/externalClientApps/App.eca-meta.xml'],
    'eca/extlClntAppOauthSettings/App_oauth.ecaOauth-meta.xml': `${XML}\n<ExtlClntAppOauthSettings xmlns="${NS}">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>App</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n</ExtlClntAppOauthSettings>\n`,
  };
  const r2 = planScaffold(sourceOf(ok), { eca: 'App', envs: ['default', 'uat'], runAsUsers: { uat: 'int@acme.com.uat' } });
  assert.deepEqual(r2.notes, []);
  const after = applyAll(ok, r2.changes);
  assert.equal(after['sfdx-project.json'], '{ "packageDirectories": [ { "path": "eca", "package": "eca", "versionNumber": "1.0.0.NEXT" }, { "path": "eca-policies", "package": "eca-policies", "versionNumber": "1.0.0.NEXT", "type": "source", "aliasfy": true } ] }');
  assert.deepEqual(errorsOf(checkAll(after)), []);
});

test('an explicit --package-dir: a new entry at that path, or the existing aliasfy package; refused when not aliasfy', () => {
  const files = crlfProject();
  const r = planScaffold(sourceOf(files), { eca: 'App', envs: ['default'], packageDir: 'config/envs/' });
  assert.equal(r.packageDir, 'config/envs');
  assert.deepEqual(touched(r.changes), ['create config/envs/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml', 'edit sfdx-project.json']);
  assert.match(applyAll(files, r.changes)['sfdx-project.json'], /"path": "config\/envs",\r\n\t\t\t"package": "envs",/);
  refused(() => planScaffold(sourceOf(files), { eca: 'App', envs: ['default'], packageDir: 'src/integrations/other' }), 'CONFLICT', /'other' is not an aliasfy package/);
});

test('refusals: bad requests, unknown app, no project file, broken template, broken sfdx-project.json', () => {
  const src = sourceOf(crlfProject());
  refused(() => planScaffold(src, { eca: 'App', envs: [] }), 'INVALID', /at least one environment/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['default'], runAsUsers: { default: 'a@b.com' } }), 'INVALID', /default\/ never gets a run-as user/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['uat'], runAsUsers: { uat: 'integration user' } }), 'INVALID', /not a Salesforce username/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['uat', 'qa'], runAsUsers: { uat: 'a@b.com', qa: 'a@b.com' } }), 'INVALID', /a@b\.com is given for uat and qa/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['uat'], runAsUsers: { prod: 'a@b.com' } }), 'INVALID', /'prod', which is not among the environments/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['../x'] }), 'INVALID', /cannot be an environment folder/);
  refused(() => planScaffold(src, { eca: 'App', envs: ['uat'], policies: ['saml' as never] }), 'INVALID', /Unknown policy type 'saml'/);
  refused(() => planScaffold(src, { eca: 'Ap', envs: ['uat'] }), 'NOT_FOUND', /No External Client App named Ap .*did you mean App/);
  const noProject = crlfProject();
  delete noProject['sfdx-project.json'];
  refused(() => planScaffold(sourceOf(noProject), { eca: 'App', envs: ['uat'] }), 'NOT_FOUND', /There is no sfdx-project\.json/);
  const brokenTemplate = withAliasfy();
  brokenTemplate['policies/uat/extlClntAppOauthPolicies/App_custom.ecaOauthPlcy-meta.xml'] += '<junk';
  refused(() => planScaffold(sourceOf(brokenTemplate), { eca: 'App', envs: ['prod'] }), 'MALFORMED_XML', /App_custom\.ecaOauthPlcy-meta\.xml is not well-formed XML/);
  const brokenJson = withAliasfy();
  brokenJson['sfdx-project.json'] = brokenJson['sfdx-project.json'].replace(/\]\n\}\n$/, '\n');
  refused(() => planScaffold(sourceOf(brokenJson), { eca: 'App', envs: ['prod'] }), 'MALFORMED_PROJECT', /cannot be parsed/);
});
