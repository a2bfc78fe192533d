// aliasfy-no-default: an aliasfy package without a default/ folder.
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { entryRange, pkgLabel, sfdxPath } from '../projectContext';
import { environmentOf } from '../../project/environments';
import { aliasfyFacts, copyEnvFix } from './packages';

export const aliasfyNoDefault = projectRule({
  id: 'aliasfy-no-default', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: "Aliasfied package '…' does not have an alias with '…' or 'default' directory", seen: SEEN.sfpInstall },
  summary: 'No default/ folder for sandboxes and scratch orgs.',
  description: 'Scratch orgs and sandboxes without their own folder fall back to default/; without one they get nothing (and sfp fails on them unless merge mode is on).',
  fix: 'Scaffold default/ from an environment folder (client credentials off).',
  check(c) {
    for (const { pkg, comps, folders, envFolders } of aliasfyFacts(c).packages) {
      if (envFolders.includes('default') || folders.includes('main')) continue;
      const envs = [...new Set(comps.map((s) => environmentOf(pkg, s.path).env).filter((e): e is string => !!e))];
      c.report({ path: sfdxPath(c), range: entryRange(c, pkg),
        message: `aliasfy package '${pkgLabel(pkg)}' has no default/ folder: sandboxes and scratch orgs without their own folder get nothing${pkg.mergeMode ? '' : ' (and sfp fails on them)'}.`,
        fixes: envs.length ? copyEnvFix(c, pkg, comps, envs[0], 'default') : undefined });
    }
  },
});
