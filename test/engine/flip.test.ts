// Flip distributionState: the edit (byte-exact, CRLF and tabs kept), what the flip implies, the
// follow-ups that finish the conversion, and the project checked clean afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthoringError, flipChanges, planFlip, type FlipPlan } from '../../server/src/engine/authoring';
import { applyAll, checkAll, errorsOf, NS, ROOT, sourceOf, touched, type Files } from '../helpers/authoring';

const HEADER = 'src/app/externalClientApps/App.eca-meta.xml';

/** A pattern 2 app (Local, source package) written with tabs and CRLF. */
function crlfProject(): Files {
  return {
    'sfdx-project.json': '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "src/app", // the ECA\r\n\t\t\t"package": "app",\r\n\t\t\t"versionNumber": "1.0.0.NEXT",\r\n\t\t\t"type": "source"\r\n\t\t}\r\n\t],\r\n\t"sourceApiVersion": "63.0"\r\n}\r\n',
    [HEADER]: `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<contactEmail>a@acme.example.com</contactEmail>\r\n\t<distributionState>Local</distributionState>\r\n\t<label>App</label>\r\n</ExternalClientApplication>\r\n`,
  };
}

function assertRefused(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AuthoringError, `an AuthoringError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

test('Local → Packaged in a source package: the value, the package type and .forceignore, CRLF and tabs kept', () => {
  const files = crlfProject();
  const plan = planFlip(sourceOf(files), { eca: 'App' });
  assert.equal(plan.from, 'Local');
  assert.equal(plan.to, 'Packaged');
  assert.equal(plan.pattern, 1);
  assert.deepEqual(plan.followUps.map((f) => [f.id, f.recommended]), [['package-unlocked', true], ['retrieve', true], ['forceignore', true]]);
  assert.deepEqual(plan.followUps.find((f) => f.id === 'retrieve')!.command, { command: 'eca.retrieveFromDevHub', title: 'Retrieve from DevHub', arguments: [{ eca: 'App' }] });
  assert.ok(plan.implications.some((i) => /oauthLink the DevHub generated/.test(i)), plan.implications.join('\n'));
  const changes = flipChanges(plan, 'recommended');
  assert.deepEqual(touched(changes), ['create .forceignore', 'edit sfdx-project.json', `edit ${HEADER}`]);
  const after = applyAll(files, changes);
  assert.equal(after[HEADER], files[HEADER].replace('<distributionState>Local<', '<distributionState>Packaged<'));
  assert.equal(after['sfdx-project.json'], files['sfdx-project.json'].replace('"type": "source"', '"type": "unlocked"'));
  assert.equal(after['.forceignore'], '# Global OAuth settings carry the consumer key and secret: never in source control, never deployed.\r\n**/extlClntAppGlobalOauthSets/**\r\n**/*.ecaGlblOauth-meta.xml\r\n');
  assert.deepEqual(errorsOf(checkAll(after)), []);
  assert.deepEqual(checkAll(after).map((d) => d.code), [], 'no warning either');
  // Flip only: the header alone, and then the project is half-converted (the engine says so).
  const only = applyAll(files, flipChanges(plan, 'none'));
  assert.deepEqual(checkAll(only).map((d) => d.code), ['packaged-in-source-package']);
});

test('Packaged → Local in an unlocked package: source type, bootstrap script registered and created with the app\'s scopes', () => {
  const files: Files = {
    'sfdx-project.json': '{\n    "packageDirectories": [\n        {\n            "path": "force-app",\n            "package": "erp",\n            "versionNumber": "2.1.0.NEXT",\n            "default": true\n        },\n        {\n            "path": "policies",\n            "package": "policies",\n            "versionNumber": "1.0.0.NEXT",\n            "type": "source",\n            "aliasfy": true\n        }\n    ],\n    "sourceApiVersion": "65.0"\n}\n',
    'force-app/main/default/externalClientApps/Erp.eca-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>Packaged</distributionState>\n    <label>Erp</label>\n</ExternalClientApplication>\n`,
    'force-app/main/default/extlClntAppOauthSettings/Erp_oauth.ecaOauth-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthSettings xmlns="${NS}">\n    <commaSeparatedOauthScopes>Api, RefreshToken, OpenID</commaSeparatedOauthScopes>\n    <externalClientApplication>Erp</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n</ExtlClntAppOauthSettings>\n`,
    'policies/uat/extlClntAppOauthPolicies/Erp_oauthPlcy.ecaOauthPlcy-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n    <clientCredentialsFlowUser>int@acme.com.uat</clientCredentialsFlowUser>\n    <externalClientApplication>Erp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n`,
    'policies/default/extlClntAppOauthPolicies/Erp_oauthPlcy.ecaOauthPlcy-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns="${NS}">\n    <externalClientApplication>Erp</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n`,
    '.forceignore': '**/jsconfig.json\n**/*.ecaGlblOauth-meta.xml\n**/extlClntAppGlobalOauthSets/**\n',
  };
  const plan = planFlip(sourceOf(files), { path: `${ROOT}/force-app/main/default/extlClntAppOauthSettings/Erp_oauth.ecaOauth-meta.xml` });
  assert.equal(plan.eca, 'Erp');
  assert.equal(plan.to, 'Local');
  assert.deepEqual(plan.followUps.map((f) => f.id), ['package-source'], '.forceignore already covers global OAuth settings');
  assert.match(plan.followUps[0].title, /Make 'erp' a source package with the OAuth bootstrap \(scripts\/bootstrap-eca-oauth\.sh\)/);
  assert.ok(plan.implications.some((i) => /Erp_oauth\.ecaOauth-meta\.xml carries the DevHub's oauthLink into a source package/.test(i)), plan.implications.join('\n'));
  const after = applyAll(files, flipChanges(plan, 'all'));
  assert.equal(after['sfdx-project.json'], files['sfdx-project.json'].replace(
    '"default": true\n',
    '"default": true,\n            "type": "source",\n            "postDeploymentScript": "scripts/bootstrap-eca-oauth.sh"\n'));
  assert.equal(after['force-app/main/default/externalClientApps/Erp.eca-meta.xml'], files['force-app/main/default/externalClientApps/Erp.eca-meta.xml'].replace('>Packaged<', '>Local<'));
  const sh = after['scripts/bootstrap-eca-oauth.sh'];
  assert.match(sh, /^#!\/usr\/bin\/env bash\n/);
  assert.ok(!sh.includes('\r'), 'shell scripts are LF');
  for (const line of ['APP_NAME="Erp"', 'API_VERSION="65.0"', '"$here/bootstrap-eca-oauth.apex"', 'sf project deploy start --metadata-dir "$work/rss"', 'sf apex run --target-org "$TARGET_ORG" --file "$work/bootstrap.apex"']) {
    assert.ok(sh.includes(line), `${line} in the script`);
  }
  const apex = after['scripts/bootstrap-eca-oauth.apex'];
  for (const s of ["'<commaSeparatedOauthScopes>Api,RefreshToken,OpenID</commaSeparatedOauthScopes>'", "'<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>'", "call('upsertMetadata'", '/services/Soap/m/__API_VERSION__']) {
    assert.ok(apex.includes(s), `${s} in the Apex`);
  }
  // The Remote Site is deployed by the script before the Apex runs, never upserted by the Apex (a callout that would need it).
  assert.ok(sh.indexOf('sf project deploy start') < sh.indexOf('sf apex run') && !apex.includes("upsert('RemoteSiteSetting'"));
  const order = ['ExtlClntAppOauthSettings', 'ExtlClntAppGlobalOauthSettings', 'ExtlClntAppConfigurablePolicies'].map((t) => apex.indexOf(`upsert('${t}'`));
  assert.ok(order[0] > 0, apex);
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'OAuth settings → global OAuth settings → policies');
  const diags = checkAll(after);
  assert.deepEqual(errorsOf(diags), []);
  assert.deepEqual(diags.map((d) => d.code), ['oauth-settings-in-source-package'], 'the implication the plan named');
});

test('a missing distributionState is inserted in alphabetical order with the siblings\' indentation', () => {
  const files = crlfProject();
  files[HEADER] = `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<description>d</description>\r\n\t<isProtected>false</isProtected>\r\n</ExternalClientApplication>\r\n`;
  const plan = planFlip(sourceOf(files), { eca: 'App' });
  assert.equal(plan.from, 'Local', 'absent means Local');
  assert.equal(applyAll(files, plan.changes)[HEADER],
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExternalClientApplication xmlns="${NS}">\r\n\t<description>d</description>\r\n\t<distributionState>Packaged</distributionState>\r\n\t<isProtected>false</isProtected>\r\n</ExternalClientApplication>\r\n`);
  // Flipping an absent element to Local changes nothing: Local is the default.
  assert.deepEqual(planFlip(sourceOf(files), { eca: 'App', to: 'Local' }).changes, []);
});

test('already in the target state: no flip, but the follow-ups that finish the conversion are still offered', () => {
  const files = crlfProject();
  files[HEADER] = files[HEADER].replace('>Local<', '>Packaged<');
  const plan = planFlip(sourceOf(files), { eca: 'App', to: 'Packaged' });
  assert.deepEqual(plan.changes, []);
  assert.deepEqual(plan.followUps.map((f) => f.id), ['package-unlocked', 'retrieve', 'forceignore']);
  assert.deepEqual(touched(flipChanges(plan, ['package-unlocked'])), ['edit sfdx-project.json']);
});

test('a value that is neither Local nor Packaged: say which; then it is replaced', () => {
  const files = crlfProject();
  files[HEADER] = files[HEADER].replace('>Local<', '>Packageable<');
  assertRefused(() => planFlip(sourceOf(files), { eca: 'App' }), 'INVALID', /'Packageable', neither Local nor Packaged/);
  const plan = planFlip(sourceOf(files), { eca: 'App', to: 'Local' });
  assert.equal(applyAll(files, plan.changes)[HEADER], crlfProject()[HEADER]);
});

test('follow-up selection: by id, none, unknown ids refused', () => {
  const plan: FlipPlan = planFlip(sourceOf(crlfProject()), { eca: 'App' });
  assert.deepEqual(touched(flipChanges(plan, ['forceignore'])), ['create .forceignore', `edit ${HEADER}`]);
  assert.deepEqual(touched(flipChanges(plan, 'none')), [`edit ${HEADER}`]);
  assertRefused(() => flipChanges(plan, ['bootstrap']), 'INVALID', /Unknown follow-up bootstrap .*offered: package-unlocked, retrieve, forceignore/);
});

test('pattern 2 with a postDeploymentScript that does not mention the app: said, not overwritten', () => {
  const files: Files = {
    'sfdx-project.json': '{ "packageDirectories": [ { "path": "force-app", "package": "a", "versionNumber": "1.0.0.NEXT", "type": "source", "postDeploymentScript": "scripts/other.sh" } ] }',
    'scripts/other.sh': '#!/bin/sh\necho Other_App\n',
    'force-app/externalClientApps/App.eca-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>Packaged</distributionState>\n</ExternalClientApplication>\n`,
    '.forceignore': '**/*.ecaGlblOauth-meta.xml\n',
  };
  const plan = planFlip(sourceOf(files), { eca: 'App' });
  assert.deepEqual(plan.followUps.map((f) => f.id), []);
  assert.ok(plan.implications.some((i) => /already runs postDeploymentScript scripts\/other\.sh, which does not mention App/.test(i)), plan.implications.join('\n'));
  assert.deepEqual(touched(flipChanges(plan, 'all')), ['edit force-app/externalClientApps/App.eca-meta.xml']);
});

test('.forceignore without the lines gets them appended in its own line ending, after a missing final newline', () => {
  const files = crlfProject();
  files['.forceignore'] = '# sf\r\n**/jsconfig.json';
  const after = applyAll(files, flipChanges(planFlip(sourceOf(files), { eca: 'App' }), ['forceignore']));
  assert.equal(after['.forceignore'], '# sf\r\n**/jsconfig.json\r\n# Global OAuth settings carry the consumer key and secret: never in source control, never deployed.\r\n**/extlClntAppGlobalOauthSets/**\r\n**/*.ecaGlblOauth-meta.xml\r\n');
});

test('refusals: broken XML, duplicate element, unparsable sfdx-project.json, unknown app, a non-ECA file', () => {
  const broken = crlfProject();
  broken[HEADER] = broken[HEADER].replace('</label>', '</lable>');
  assertRefused(() => planFlip(sourceOf(broken), { eca: 'App' }), 'MALFORMED_XML', /App\.eca-meta\.xml is not well-formed XML \(line 5.*Nothing was changed/);
  const dup = crlfProject();
  dup[HEADER] = dup[HEADER].replace('\t<label>', '\t<distributionState>Packaged</distributionState>\r\n\t<label>');
  assertRefused(() => planFlip(sourceOf(dup), { eca: 'App' }), 'MALFORMED_XML', /2 <distributionState> elements/);
  const badJson = crlfProject();
  badJson['sfdx-project.json'] = badJson['sfdx-project.json'].replace('"package": "app",', '"package": "app"');
  assertRefused(() => planFlip(sourceOf(badJson), { eca: 'App' }), 'MALFORMED_PROJECT', /sfdx-project\.json cannot be parsed \(CommaExpected at line 6, column 4\)/);
  assertRefused(() => planFlip(sourceOf(crlfProject()), { eca: 'Ap' }), 'NOT_FOUND', /No External Client App named Ap in this project \(did you mean App\?\)/);
  assertRefused(() => planFlip(sourceOf(crlfProject()), { path: `${ROOT}/sfdx-project.json` }), 'NOT_FOUND', /not an External Client App file/);
  assertRefused(() => planFlip(sourceOf(crlfProject()), { eca: 'App', to: 'Distributed' as never }), 'INVALID', /Local or Packaged, not 'Distributed'/);
});
