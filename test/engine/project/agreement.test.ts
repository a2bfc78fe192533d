// Every project under test/fixtures (plus the seed layouts of test/unit/projectCases.ts), run
// through every consumer of the one pattern-and-environment model (project/pattern.ts and
// project/environments.ts): the rules' "did you mean", the flip lens and picker (the authoring
// context), the Apps tree and app detail, the Environments tree, the drift matrix, the scaffold's
// pre-selection, new-ECA and flip. They must agree on each app's pattern, the distributionState
// that fits and why, and on the environments and their kinds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EcaWorkspace, getLanguageService } from '../../../server/src/engine';
import { authoringContext, isAuthoringError, planFlip, planNewEca, type AuthoringSource } from '../../../server/src/engine/authoring';
import { classifyPattern, packagePattern, patternOfState, STATE_OF_PATTERN, suggestedDistributionState } from '../../../server/src/engine/project/pattern';
import { aliasfyFolders, environmentKind } from '../../../server/src/engine/project/environments';
import { HEADER_TYPE, OAUTH_POLICIES_TYPE } from '../../../server/src/engine/schema';
import { FIXTURES, tempTree } from '../../helpers/fs';
import { sfHome } from '../../helpers/sfHome';
import { unmark } from '../../helpers/engine';
import { PATTERN1, PATTERN2, PROD_NONPROD } from '../../unit/projectCases';

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A fixture folder is a project when it holds sfdx-project.json or sits in a collection (a folder with manifest.tsv). */
function fixtureProjects(dir = FIXTURES): string[] {
  const out: string[] = [];
  const collection = existsSync(join(dir, 'manifest.tsv'));
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (collection || existsSync(join(p, 'sfdx-project.json'))) out.push(p);
    else out.push(...fixtureProjects(p));
  }
  return out;
}

const SEEDS: Record<string, Record<string, string>> = { PATTERN1, PATTERN2, PROD_NONPROD };
const projects: [string, () => string][] = [
  ...fixtureProjects().map((p): [string, () => string] => [relative(FIXTURES, p), () => p]),
  ...Object.entries(SEEDS).map(([n, files]): [string, () => string] => [`seed ${n}`, () => {
    const root = tempTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, unmark(v).text])));
    dirs.push(root);
    return root;
  }]),
];

const HINT_CODES = new Set(['local-in-unlocked-package', 'packaged-in-source-package', 'invalid-enum']);

test('the fixture walk finds the pattern projects and the real ones', () => {
  const names = projects.map(([n]) => n);
  assert.ok(names.includes('patterns/unlocked-with-bootstrap'), names.join(', '));
  assert.ok(names.includes('verify/sfp-aliasfy'));
  assert.ok(names.filter((n) => n.startsWith('real/retrieved/')).length >= 5);
});

for (const [name, rootOf] of projects) {
  test(`every consumer agrees on ${name}`, async () => {
    const root = rootOf();
    const home = sfHome({ prod: 'production', qa: 'sandbox' });
    dirs.push(home);
    const ws = new EcaWorkspace({ home });
    ws.addRoot(root);
    await ws.scan(root);
    const model = ws.modelAt(root)!;
    const view = getLanguageService(ws).environmentsView(root)!;
    const src: AuthoringSource = { model, read: (p) => ws.textOf(p), exists: (p) => existsSync(p) };
    const ctx = authoringContext(src);
    const apps = new Map(view.apps().map((a) => [a.eca, a]));

    for (const info of ctx.ecas) {
      const app = info.name;
      const verdict = classifyPattern(model, app);
      const hint = suggestedDistributionState(model, app);
      // Flip lens and picker (the authoring context) = the rules' answer.
      assert.equal(info.pattern, verdict.pattern ?? undefined, `${app}: picker pattern`);
      assert.deepEqual(info.suggested && { ...info.suggested, why: `${info.suggested.why}.` }, hint && { state: hint.state, pattern: hint.pattern, why: hint.reason }, `${app}: lens suggestion`);
      if (hint) assert.equal(hint.state, STATE_OF_PATTERN[hint.pattern]);
      // Apps tree and app detail.
      assert.equal(apps.get(app)?.pattern, verdict.pattern, `${app}: Apps tree pattern`);
      assert.deepEqual(view.app(app)?.evidence, verdict.evidence, `${app}: app detail evidence`);
      // Rules: a "fits pattern" hint is the model's reason, and there is none when the model has no suggestion.
      const header = model.header(app)!;
      for (const d of ws.diagnostics(header.path).filter((x) => HINT_CODES.has(x.code))) {
        if (hint && d.code !== 'invalid-enum') assert.ok(d.message.includes(hint.reason), `${app}: ${d.code} says ${d.message}`);
        if (!hint) assert.doesNotMatch(d.message, /fits pattern/, `${app}: ${d.code}`);
      }
      // Scaffold pre-selection = the environments that receive their own OAuth policies copy in the view.
      const own = view.environments().map((e) => e.name)
        .filter((env) => view.environmentFiles(env, app).some((f) => f.type === OAUTH_POLICIES_TYPE && f.status === 'own' && f.package.aliasfy));
      assert.deepEqual(info.policyEnvs, [...new Set(own)].sort(), `${app}: scaffold's existing environments`);
      // Flip: the plan's pattern is the one its target state belongs to.
      const plan = planFlip(src, { eca: app });
      assert.equal(plan.pattern, patternOfState(plan.to));
      assert.equal(header.type, HEADER_TYPE);
    }

    // Environments: the view, the matrix, the authoring pickers and the aliasfy rules' folders.
    const envs = view.environments();
    // The matrix's columns are the view's environments; without an aliasfy package, one: every org.
    const aliasfy = (model.sfdx?.packageDirs ?? []).some((p) => p.aliasfy);
    assert.deepEqual(view.matrix().environments, aliasfy ? envs.map((e) => ({ name: e.name, kind: e.kind })) : [{ name: 'every org', kind: 'every-org' }], 'matrix environments');
    assert.deepEqual(ctx.environments.map((e) => [e.alias, e.kind]).sort(), envs.map((e) => [e.name, e.kind]).sort(), 'picker environments');
    for (const e of envs) assert.equal(e.kind, environmentKind(model, e.name));
    const folderEnvs = new Set((model.sfdx?.packageDirs ?? []).filter((p) => p.aliasfy).flatMap((p) => aliasfyFolders(model, p).environments));
    assert.deepEqual(envs.filter((e) => e.sources.includes('folder')).map((e) => e.name).sort(), [...folderEnvs].sort(), 'folder environments');
    assert.deepEqual(ctx.environments.filter((e) => e.sources.includes('folder')).map((e) => e.alias).sort(), [...folderEnvs].sort(), 'picker folder environments');

    // New ECA: a package directory takes the pattern its type stands for, and refuses the other.
    for (const p of (model.sfdx?.packageDirs ?? []).filter((d) => !d.aliasfy)) {
      const fits = packagePattern(p);
      if (!fits) continue;
      const other = fits === 1 ? 2 : 1;
      assert.throws(() => planNewEca(src, { name: 'Agreement_Probe', pattern: other, packageDir: p.rel }), (e: unknown) => isAuthoringError(e) && e.code === 'CONFLICT');
      try {
        const r = planNewEca(src, { name: 'Agreement_Probe', pattern: fits, packageDir: p.rel });
        const created = r.changes.find((c) => c.kind === 'create' && c.path.endsWith('Agreement_Probe.eca-meta.xml'));
        assert.ok(created && created.kind === 'create' && created.text.includes(`<distributionState>${STATE_OF_PATTERN[fits]}</distributionState>`));
      } catch (e) {
        // A second bootstrap in a package that already runs one is refused for its own reason.
        assert.ok(isAuthoringError(e) && fits === 2 && p.postDeploymentScript, String(e));
      }
    }
  });
}

test('an unlocked package with a postDeploymentScript: no surface suggests a state (the rules\' full answer)', async () => {
  const root = join(FIXTURES, 'patterns/unlocked-with-bootstrap');
  const home = sfHome({});
  dirs.push(home);
  const ws = new EcaWorkspace({ home });
  ws.addRoot(root);
  await ws.scan(root);
  const model = ws.modelAt(root)!;
  assert.equal(suggestedDistributionState(model, 'Billing'), undefined);
  const ctx = authoringContext({ model, read: (p) => ws.textOf(p), exists: (p) => existsSync(p) });
  assert.equal(ctx.ecas[0].suggested, undefined);
  assert.equal(getLanguageService(ws).environmentsView(root)!.apps()[0].pattern, 1, 'Packaged state + unlocked package outweigh the script');
});
