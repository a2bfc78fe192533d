// `eca-check audit` and the security category in SARIF, as real processes on dist/cli.js over
// temp projects: an aliasfy project with a production alias (each org and each control named in
// the Markdown table, IP bypass only in the sandbox's copy), exit codes, --org, and SARIF's
// security-severity and `security` tag on every security rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eca, REPO, tempDir, tempTree } from '../helpers/fs';
import { CATALOGUE } from '../../server/src/engine';

const CLI = resolve(REPO, 'dist/cli.js');
const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HOME: tempDir('eca-audit-home-') } });

const D = 'src/eca';
const P = 'src/policies';
const policies = (o: { ip: string; refresh: string; user?: string }) => eca('ExtlClntAppOauthConfigurablePolicies',
  `${o.user ? `    <clientCredentialsFlowUser>${o.user}</clientCredentialsFlowUser>\n` : ''}    <externalClientApplication>Partner</externalClientApplication>\n    <ipRelaxationPolicyType>${o.ip}</ipRelaxationPolicyType>\n    <isClientCredentialsFlowEnabled>${o.user ? 'true' : 'false'}</isClientCredentialsFlowEnabled>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n    <refreshTokenPolicyType>${o.refresh}</refreshTokenPolicyType>\n${o.refresh === 'SpecificInactivity' ? '    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n' : ''}    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n`);

function project() {
  return tempTree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: D, default: true }, { path: P, aliasfy: true }], sourceApiVersion: '66.0' }, null, 2),
    '.vscode/settings.json': '{}',
    [`${D}/externalClientApps/Partner.eca-meta.xml`]: eca('ExternalClientApplication', '    <distributionState>Packaged</distributionState>\n    <label>Partner</label>\n'),
    [`${D}/extlClntAppOauthSettings/Partner_oauth.ecaOauth-meta.xml`]: eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, RefreshToken, Full</commaSeparatedOauthScopes>\n    <externalClientApplication>Partner</externalClientApplication>\n    <label>Partner</label>\n'),
    [`${D}/extlClntAppGlobalOauthSets/Partner_glbloauth.ecaGlblOauth-meta.xml`]: eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://app.example.com/cb, http://partner.example.com/cb</callbackUrl>\n    <externalClientApplication>Partner</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>\n    <label>Partner</label>\n'),
    [`${P}/prod/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`]: policies({ ip: 'Enforce', refresh: 'SpecificInactivity', user: 'int@acme.example' }),
    [`${P}/uat/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`]: policies({ ip: 'Bypass', refresh: 'Infinite' }),
    [`${P}/default/extlClntAppOauthPolicies/Partner_oauthPlcy.ecaOauthPlcy-meta.xml`]: policies({ ip: 'Enforce', refresh: 'SpecificInactivity' }),
  }, 'eca-audit-');
}

test('audit --format markdown names each org and each control of an aliasfy project', () => {
  const root = project();
  const r = run(root, ['audit', '--format', 'markdown', '--production-alias', 'prod']);
  assert.equal(r.status, 0, r.stderr);
  const md = r.stdout;
  assert.match(md, /^### Partner$/m);
  const head = md.split('\n').find((l) => l.startsWith('| |'))!;
  for (const org of ['prod (production)', 'uat (not marked production (set eca.productionAliases))', 'default (fallback)', 'every org']) assert.ok(head.includes(org), `${org} in ${head}`);
  for (const label of ['Authorization code flow', 'Client credentials flow', 'JWT bearer flow', 'Device flow', 'Token exchange', 'PKCE required', 'Refresh token rotation', 'Idle refresh-token limit', 'IP relaxation', 'Permitted users', 'Session level', 'Scopes', 'Callbacks', 'Partner controls']) {
    assert.match(md, new RegExp(`^\\| ${label} \\|`, 'm'), label);
  }
  const row = (label: string) => md.split('\n').find((l) => l.startsWith(`| ${label} |`))!.split(' | ').slice(1);
  assert.deepEqual(row('IP relaxation').slice(0, 3), ['Enforce', 'Bypass', 'Enforce']);
  assert.deepEqual(row('Refresh token').slice(0, 3), ['30 Days idle', 'never expires', '30 Days idle']);
  assert.match(row('Client credentials flow')[0], /run as int@acme\.example/);
  assert.match(row('Partner controls')[0], /missing: refresh token rotation.*idle refresh-token limit.*IP allowlist/);
  assert.match(row('Security findings')[1], /information ip-relaxation-bypass/);
  assert.match(row('Security findings')[1], /warning refresh-token-never-expires/);
  assert.doesNotMatch(row('Security findings')[0], /ip-relaxation-bypass|refresh-token-never-expires/);
});

test('audit --org keeps the named orgs; json carries the same posture', () => {
  const root = project();
  const r = run(root, ['audit', '--format', 'json', '--org', 'uat']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { orgs: { org: string }[]; apps: { org: string; ipRelaxation: string; pkce: string; callbacks: string[] }[] };
  assert.deepEqual(j.orgs.map((o) => o.org), ['uat']);
  assert.deepEqual(j.apps.map((a) => [a.org, a.ipRelaxation, a.pkce]), [['uat', 'Bypass', 'yes']]);
  assert.deepEqual(j.apps[0].callbacks, ['https://app.example.com/cb', 'http://partner.example.com/cb']);
});

test('audit exits 1 only on a security finding of error severity (a --severity override makes one); 2 on usage', () => {
  const root = project();
  // By default the security rules are warnings and information: findings, exit 0.
  const graded = run(root, ['audit', '--format', 'text']);
  assert.equal(graded.status, 0, graded.stderr);
  assert.match(graded.stdout, /callback-url-insecure/);
  assert.match(graded.stdout, / 0 error\(s\)\./);
  // A team that requires a control makes its rule an error: the same findings, exit 1.
  const strict = run(root, ['audit', '--format', 'text', '--severity', 'callback-url-insecure=error']);
  assert.equal(strict.status, 1, strict.stderr);
  assert.match(strict.stdout, /error callback-url-insecure/);
  assert.doesNotMatch(strict.stdout, / 0 error\(s\)\./);
  // Turned off, the rule's findings are gone (and the exit stays 0).
  const off = run(root, ['audit', '--format', 'json', '--severity', 'callback-url-insecure=off']);
  assert.equal(off.status, 0, off.stderr);
  const codes = (JSON.parse(off.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
  assert.ok(codes.length > 0);
  assert.ok(!codes.includes('callback-url-insecure'), codes.join(', '));
  assert.equal(run(root, ['audit', '--severity', 'callback-url-insecure=fatal']).status, 2);
  assert.equal(run(root, ['audit', '--format', 'yaml']).status, 2);
  assert.equal(run(root, ['audit', '--nope']).status, 2);
  assert.equal(run(root, ['audit', '--help']).status, 0);
});

test('audit --format sarif: the security findings only, each rule with its security-severity and tag', () => {
  const root = project();
  const r = run(root, ['audit', '--format', 'sarif']);
  assert.equal(r.status, 0, r.stderr);
  const run0 = (JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; properties?: { tags?: string[]; 'security-severity'?: string } }[] } }; results: { ruleId: string }[] }[] }).runs[0];
  const ids = [...new Set(run0.results.map((x) => x.ruleId))].sort();
  assert.deepEqual(ids.filter((id) => CATALOGUE.find((c) => c.id === id)?.category !== 'security'), [], 'nothing but security findings');
  for (const id of ['callback-url-insecure', 'ip-relaxation-bypass', 'partner-controls', 'refresh-token-never-expires', 'scope-full']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  for (const id of ids) {
    const rule = run0.tool.driver.rules.find((x) => x.id === id);
    assert.deepEqual(rule?.properties?.tags, ['security'], id);
    assert.ok(Number(rule?.properties?.['security-severity']) > 0, id);
  }
});

test('check --format sarif: every security rule carries security-severity and the security tag', () => {
  const root = project();
  const r = run(root, ['check', '--format', 'sarif']);
  const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; properties?: { tags?: string[]; 'security-severity'?: string } }[] } }; results: { ruleId: string }[] }[] };
  const rules = sarif.runs[0].tool.driver.rules;
  const security = CATALOGUE.filter((x) => x.category === 'security').map((x) => x.id);
  assert.ok(security.length >= 10, security.join(','));
  for (const id of security) {
    const rule = rules.find((x) => x.id === id)!;
    assert.deepEqual(rule.properties?.tags, ['security'], id);
    const sev = Number(rule.properties?.['security-severity']);
    assert.ok(sev > 0 && sev <= 10 && /^\d+\.\d$/.test(rule.properties!['security-severity']!), `${id}: ${rule.properties?.['security-severity']}`);
    assert.match(rule.helpUri ?? '', /^https:\/\//, id);
  }
  assert.equal(rules.find((x) => x.id === 'invalid-enum')?.properties, undefined, 'other rules carry no security properties');
  for (const id of ['callback-url-insecure', 'scope-full', 'partner-controls', 'ip-relaxation-bypass', 'refresh-token-never-expires']) {
    assert.ok(sarif.runs[0].results.some((x) => x.ruleId === id), `${id} among the results`);
  }
  assert.ok(readFileSync(resolve(REPO, 'docs/rules.md'), 'utf8').includes('## 8. Security'));
});
