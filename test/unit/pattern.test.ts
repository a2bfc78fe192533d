// Suggestions follow the app's pattern (issue 18.3): the distributionState the engine suggests
// (diagnostics, and through suggestedDistributionState the code lens and flip picker) is the one
// the project's packaging points to, with the reason in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, suggestedDistributionState } from '../../server/src/engine';
import { checkProjectRules } from '../../server/src/engine/project/projectRules';
import { modelOf, ROOT } from '../helpers/engine';
import { PATTERN1, PATTERN2 } from './projectCases';

const HEADER = 'src/integrations/eca-definition/externalClientApps/MyApp.eca-meta.xml';

test('pattern 2 (source package + postDeploymentScript): Packageable → Local, and why', () => {
  const files = { ...PATTERN2, [HEADER]: PATTERN2[HEADER].replace('>Local<', '>Packageable<') };
  const model = modelOf(files);
  const s = suggestedDistributionState(model, 'MyApp')!;
  assert.equal(s.state, 'Local');
  assert.equal(s.pattern, 2);
  assert.match(s.reason, /source package 'eca-definition'/);
  assert.match(s.reason, /postDeploymentScript scripts\/bootstrap-eca-oauth\.sh/);
  const d = checkFile(`${ROOT}/${HEADER}`, files[HEADER], model).find((x) => x.code === 'invalid-enum')!;
  assert.match(d.message, /Did you mean 'Local'\? Local fits pattern 2 here/);
  assert.equal(d.fixes![0].title, "Change to 'Local'");
  assert.equal(d.fixes![0].preferred, true);
});

test('pattern 1 (unlocked package, retrieved oauthLink): Packageable → Packaged', () => {
  const files = { ...PATTERN1, [HEADER]: PATTERN1[HEADER].replace('>Packaged<', '>Packageable<') };
  const model = modelOf(files);
  assert.equal(suggestedDistributionState(model, 'MyApp')!.state, 'Packaged');
  const d = checkFile(`${ROOT}/${HEADER}`, files[HEADER], model).find((x) => x.code === 'invalid-enum')!;
  assert.equal(d.fixes![0].title, "Change to 'Packaged'");
  assert.match(d.message, /Packaged fits pattern 1 here: the header is in the unlocked package/);
});

test('no project facts: spelling decides, and no reason is invented', () => {
  const files = { 'force-app/externalClientApps/MyApp.eca-meta.xml': PATTERN2[HEADER].replace('>Local<', '>Packageable<') };
  const model = modelOf(files);
  assert.equal(suggestedDistributionState(model, 'MyApp'), undefined);
  const d = checkFile(`${ROOT}/force-app/externalClientApps/MyApp.eca-meta.xml`, files['force-app/externalClientApps/MyApp.eca-meta.xml'], model).find((x) => x.code === 'invalid-enum')!;
  assert.doesNotMatch(d.message, /fits pattern/);
});

test('packaged-in-source-package prefers the flip the project points to, and says why', () => {
  const files = { ...PATTERN2, [HEADER]: PATTERN2[HEADER].replace('>Local<', '>Packaged<') };
  const d = checkProjectRules(modelOf(files)).find((x) => x.code === 'packaged-in-source-package')!;
  assert.match(d.message, /Local fits pattern 2 here/);
  assert.deepEqual(d.fixes!.map((f) => [f.title, !!f.preferred]), [['Flip distributionState to Local (pattern 2)', true], ["Make 'eca-definition' an unlocked package (pattern 1)", false]]);
});
