// Fix All in process (services/fixAll.ts): every safe fix of a file at once, re-checked, never
// worse; fixes of two rules on one line wait for the next pass (they may not compose); placeholder
// values are never written; the answer is edits against the text given, touching only the bytes
// the fixes change (CRLF and tabs kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProjectModel, type EngineDiagnostic } from '../../server/src/engine';
import { fixAll, safeFix } from '../../server/src/engine/services/fixAll';
import { applyTextEdits } from '../../server/src/engine/authoring/source';
import { memFs, ROOT } from '../helpers/engine';
import { eca } from '../helpers/fs';

const D = `${ROOT}/force-app/main/default`;
const OAUTH = `${D}/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml`;
const POLICIES = `${D}/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml`;
const HEADER_REL = 'force-app/main/default/externalClientApps/Billing.eca-meta.xml';
const HEADER_TEXT = eca('ExternalClientApplication', '    <contactEmail>a@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Billing</label>\n');

function model() {
  const files = { 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }), [HEADER_REL]: HEADER_TEXT };
  const m = createProjectModel(ROOT, { fs: memFs(files), sfdxProject: files['sfdx-project.json'] });
  m.update(`${ROOT}/${HEADER_REL}`, HEADER_TEXT);
  return m;
}
const errors = (ds: EngineDiagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.code).sort();

test('every safe fix at once: scopes renamed, the stray <scopes> merged in a later pass, nothing duplicated; CRLF and tabs kept', () => {
  const text = eca('ExtlClntAppOauthSettings', '\t<commaSeparatedOauthScopes>Api, refresh_token, OpenID, web</commaSeparatedOauthScopes>\n\t<externalClientApplication>Billing</externalClientApplication>\n\t<scopes>Web</scopes>\n').replace(/\n/g, '\r\n');
  const r = fixAll(OAUTH, text, model());
  assert.deepEqual(errors(r.before), ['invalid-scope', 'invalid-scope', 'oauth-link-missing', 'unknown-element']);
  const fixed = applyTextEdits(text, r.edits);
  assert.equal(fixed, text.replace('refresh_token', 'RefreshToken').replace(', web<', ', Web<').replace('\t<scopes>Web</scopes>\r\n', ''));
  assert.deepEqual(errors(r.after), ['oauth-link-missing'], 'the problem with no safe fix stays');
  assert.equal(r.applied, 3);
  // Only the bytes the fixes change: each edit replaces a token or removes the stray line.
  assert.deepEqual(r.edits.map((e) => e.newText).sort(), ['', 'RefreshToken', 'Web']);
});

test('one rule only: the other rules\' problems stay', () => {
  const text = eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, refresh_token, web</commaSeparatedOauthScopes>\n    <externalClientApplication>Billing</externalClientApplication>\n    <scopes>Full</scopes>\n');
  const r = fixAll(OAUTH, text, model(), undefined, 'invalid-scope');
  assert.equal(r.applied, 2);
  assert.deepEqual(errors(r.after), ['oauth-link-missing', 'unknown-element']);
  assert.match(applyTextEdits(text, r.edits), /<commaSeparatedOauthScopes>Api, RefreshToken, Web<\/commaSeparatedOauthScopes>\n/);
});

test('never worse, never a placeholder: a run-as user the fix would invent and a chosen refresh-token period stay quick fixes', () => {
  const text = eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Billing</externalClientApplication>\n    <isClientCredentialsFlowEnabled>yes</isClientCredentialsFlowEnabled>\n    <namedUserJwtTimeout>45</namedUserJwtTimeout>\n    <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>\n');
  const r = fixAll(POLICIES, text, model());
  const fixed = applyTextEdits(text, r.edits);
  assert.doesNotMatch(fixed, /clientCredentialsFlowUser|refreshTokenValidity/, 'no invented value');
  assert.match(fixed, /<isClientCredentialsFlowEnabled>true</);
  assert.match(fixed, /<namedUserJwtTimeout>30</);
  for (const sev of ['error', 'warning', 'information', 'hint'] as const) {
    assert.ok(r.after.filter((d) => d.severity === sev).length <= r.before.filter((d) => d.severity === sev).length, `no more ${sev}s than before`);
  }
  assert.ok(r.after.length < r.before.length);
  // What is left has no safe fix (the placeholder ones are offered, not applied).
  assert.deepEqual(r.after.filter((d) => safeFix(d)).map((d) => d.code), []);
  assert.ok(r.after.some((d) => d.code === 'refresh-token-period' && d.fixes?.[0]?.placeholder), 'the placeholder fix is still offered');
});

test('nothing to fix: no edits, the same diagnostics', () => {
  const r = fixAll(`${ROOT}/${HEADER_REL}`, HEADER_TEXT, model());
  assert.deepEqual(r.edits, []);
  assert.equal(r.applied, 0);
  assert.deepEqual(r.after, r.before);
});

test('an ambiguous rename is a choice, not a Fix All: <inUrl> is as near iconUrl as infoUrl; <iconUrll> has one answer', () => {
  const header = `${ROOT}/${HEADER_REL}`;
  const typo = (el: string) => HEADER_TEXT.replace('    <isProtected>', `    <${el}>https://example.com/a.png</${el}>\n    <isProtected>`);
  const ambiguous = fixAll(header, typo('inUrl'), model());
  const d = ambiguous.before.find((x) => x.code === 'unknown-element');
  assert.ok(d, 'reported');
  assert.deepEqual(d.fixes?.map((f) => f.title).sort(), ['Rename to <iconUrl>', 'Rename to <infoUrl>'].sort(), 'both offered as quick fixes');
  assert.equal(safeFix(d), undefined);
  assert.deepEqual(ambiguous.edits, [], 'Fix All does not guess');
  const sure = fixAll(header, typo('iconUrll'), model());
  assert.equal(applyTextEdits(typo('iconUrll'), sure.edits), typo('iconUrl'));
});

test('two inserts at one offset keep their order: Infinite refresh tokens become SpecificInactivity, Period then Unit', () => {
  const text = eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Billing</externalClientApplication>\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n');
  const r = fixAll(POLICIES, text, model(), undefined, 'refresh-token-never-expires');
  assert.ok(r.applied >= 1, JSON.stringify(r.before.map((d) => d.code)));
  const fixed = applyTextEdits(text, r.edits);
  assert.match(fixed, /<refreshTokenPolicyType>SpecificInactivity<\/refreshTokenPolicyType>\n {4}<refreshTokenValidityPeriod>30<\/refreshTokenValidityPeriod>\n {4}<refreshTokenValidityUnit>Days<\/refreshTokenValidityUnit>\n/);
});
