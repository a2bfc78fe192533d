// Every real Connected App in test/fixtures/real/connected-apps (provenance: its manifest.tsv),
// in every pattern: the migration never throws, never refuses a real file, and
// either yields ECA files our checks pass with no error or reports blockers that explain why not;
// no consumer key or secret of the input appears anywhere in its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { connectedAppInsights, planMigration, type MigrationPattern } from '../../server/src/migration';
import { REAL, realConnectedApps } from '../helpers/fs';
import { errorsOf, memFs, PKG, recheck, ROOT, SFDX } from '../helpers/migration';

const DIR = join(REAL, 'connected-apps');

const FILES = realConnectedApps();

/** Secret values straight from the raw text (not through the migration's own reader). */
function secretsOf(text: string): string[] {
  const out: string[] = [];
  const re = /<consumer(?:Key|Secret)\s*>([^<]*)</g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[1].trim()) out.push(m[1].trim());
  return out;
}

test('the corpus is there (the tests below must not pass on nothing)', () => {
  assert.ok(FILES.length >= 30, `${FILES.length} Connected App files under ${DIR}`);
  assert.ok(FILES.some((f) => secretsOf(readFileSync(f, 'utf8')).length > 0), 'some files carry a consumer key');
});

const PATTERNS: MigrationPattern[] = ['local', '2', '1'];

for (const file of FILES) {
  const rel = file.slice(DIR.length + 1);
  test(`corpus: ${rel}`, () => {
    const text = readFileSync(file, 'utf8');
    const secrets = secretsOf(text);
    for (const pattern of PATTERNS) {
      const caPath = `${PKG}/connectedApps/${basename(file)}`;
      const r = planMigration(caPath, text, { pattern, projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs(), reportPath: `${ROOT}/migration.md` });
      assert.ok(r.ok, `${pattern}: refused a real file: ${r.ok ? '' : r.error}`);
      // Our checks on the result, as the migration ran them and independently.
      const own = r.checks.filter((c) => c.severity === 'error').map((c) => `${c.code} ${c.message}`);
      assert.deepEqual(own, [], `${pattern}: errors in the plan's own checks`);
      assert.deepEqual(errorsOf(recheck(r)), [], `${pattern}: errors when re-checked`);
      assert.ok(r.creates.some((f) => f.role === 'header'), `${pattern}: a header is written`);
      for (const b of r.blockers) {
        assert.ok(b.message.length > 30, `blocker ${b.code} explains itself`);
        assert.ok(r.report.includes(`**${b.code}**`), `blocker ${b.code} is in the report`);
      }
      assert.match(r.report, r.blockers.length ? /\*\*Blocked: / : /\*\*Ready\*\*/);
      // Every element of the input is accounted for in the report.
      for (const tag of new Set([...text.matchAll(/<([A-Za-z]+)[\s>]/g)].map((m) => m[1]))) {
        if (tag === 'ConnectedApp') continue;
        assert.ok(r.report.includes(tag), `${pattern}: the report mentions <${tag}>`);
      }
      const everything = JSON.stringify(r);
      for (const s of secrets) assert.ok(!everything.includes(s), `${pattern}: a consumer key/secret of the input appears in the output`);
      for (const f of r.creates) if (f.role !== 'report') assert.doesNotMatch(f.text, /<consumer(Key|Secret)>/);
    }
    // CRLF line endings read the same.
    const crlf = planMigration(`${PKG}/connectedApps/${basename(file)}`, text.replace(/\r?\n/g, '\r\n'), { pattern: 'local', projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs() });
    const lf = planMigration(`${PKG}/connectedApps/${basename(file)}`, text, { pattern: 'local', projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs() });
    assert.ok(crlf.ok && lf.ok);
    assert.deepEqual(crlf.blockers.map((b) => b.code), lf.blockers.map((b) => b.code));
    assert.deepEqual(crlf.creates.map((f) => f.text), lf.creates.map((f) => f.text));
    // The editor side: one information diagnostic offering the migration, hovers on every element.
    const ins = connectedAppInsights(file, text);
    assert.equal(ins.diagnostics.length, 1);
    assert.equal(ins.diagnostics[0].code, 'connected-app-migration');
    assert.equal(ins.diagnostics[0].severity, 'information');
    assert.ok(ins.hovers.length > 2);
    for (const s of secrets) assert.ok(!JSON.stringify(ins).includes(s), 'no secret in hovers or diagnostics');
  });
}

const find = (name: string) => FILES.find((f) => f.endsWith(name));
const run = (name: string, pattern: MigrationPattern) => {
  const f = find(name);
  assert.ok(f, name);
  const r = planMigration(`${PKG}/connectedApps/${basename(f)}`, readFileSync(f, 'utf8'), { pattern, projectRoot: ROOT, packageDir: PKG, sfdxProject: SFDX, fs: memFs() });
  assert.ok(r.ok);
  return r;
};

test('corpus spot checks: the blockers the manifest predicts', () => {
  assert.ok(run('Thespis.connectedApp-meta.xml', 'local').blockers.some((b) => b.code === 'unknown-scope' && /ChatbotApi/.test(b.message)));
  assert.ok(run('HelloSend.connectedApp-meta.xml', 'local').blockers.some((b) => b.code === 'installed-from-package'));
  // Every canvas location and option of this app (Chatter, PersonalEnabled, …) is declared by the WSDL v66 ECA types.
  assert.ok(!run('mdapi/connectedApps/ltng_DemoHerokuNodeJS_CanvasApp.connectedApp', 'local').blockers.some((b) => b.code === 'canvas-option' || b.code === 'canvas-location'));
  assert.ok(run('Slack.connectedApp-meta.xml', '1').blockers.some((b) => b.code === 'saml-not-packageable'));
  assert.deepEqual(run('Slack.connectedApp-meta.xml', 'local').blockers, []);
  const broker = run('salesforce_broker/force-app/main/default/connectedApps/Broker.connectedApp-meta.xml', 'local');
  assert.deepEqual(broker.blockers, []);
  assert.ok(broker.warnings.some((w) => w.code === 'run-as-user-missing'));
  const bsi = run('BSI_Integration.connectedApp-meta.xml', 'local');
  assert.deepEqual(bsi.blockers, []);
  const op = bsi.creates.find((f) => f.role === 'oauthPolicies')!.text;
  assert.match(op, /<ipRelaxationPolicyType>Bypass<\/ipRelaxationPolicyType>/);
  assert.match(op, /<refreshTokenPolicyType>Zero<\/refreshTokenPolicyType>/);
  assert.match(op, /<commaSeparatedProfile>System Administrator,Marketing User,BLC Profile<\/commaSeparatedProfile>/);
  assert.match(bsi.creates.find((f) => f.role === 'oauth')!.text, /<startIpAddress>80\.153\.0\.0<\/startIpAddress>/);
});
