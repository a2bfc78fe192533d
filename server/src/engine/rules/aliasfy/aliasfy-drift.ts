// aliasfy-drift: a component exists in some environment folders but not others.
import { projectRule } from '../define';
import { environmentOf } from '../../project/environments';
import type { ComponentSummary } from '../../project/model';
import type { Fix } from '../../types';
import { aliasfyFacts, copyFileFix } from './packages';

export const aliasfyDrift = projectRule({
  id: 'aliasfy-drift', severity: 'information', section: 5, scope: 'aliasfy package',
  evidence: 'inferred',
  summary: 'Component exists in some environment folders but not others.',
  description: 'The environments that lack the file will not receive it (shown in the environments view too).',
  fix: 'Copy the file from another environment (client credentials off for default/).',
  check(c) {
    for (const { pkg, comps, envFolders } of aliasfyFacts(c).packages) {
      const byKey = new Map<string, Map<string, ComponentSummary>>();
      for (const s of comps) {
        const { env, rel } = environmentOf(pkg, s.path);
        if (!env) continue;
        const key = `${s.type}|${rel}`;
        (byKey.get(key) ?? byKey.set(key, new Map()).get(key)!).set(env, s);
      }
      const envsWithEca = envFolders.filter((e) => comps.some((s) => environmentOf(pkg, s.path).env === e));
      if (envsWithEca.length < 2) continue;
      for (const [key, perEnv] of byKey) {
        const missing = envsWithEca.filter((e) => !perEnv.has(e) && !(pkg.mergeMode && perEnv.has('default')));
        if (!missing.length) continue;
        const [fromEnv, first] = [...perEnv][0];
        c.report({ path: first.path, range: first.ranges.root,
          message: `${key.split('|')[0]} ${key.split('|')[1]} exists in ${[...perEnv.keys()].join(', ')} but not in ${missing.join(', ')}: ${missing.map((m) => (m === 'default' ? 'sandboxes and scratch orgs falling back to default/' : m)).join(' and ')} will not receive it.`,
          fixes: missing.map((m) => copyFileFix(c, first, pkg, fromEnv, m)).filter((f): f is Fix => !!f) });
      }
    }
  },
});
