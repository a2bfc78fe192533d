// aliasfy-no-production: a known production alias has no folder (production never falls back).
import { projectRule } from '../define';
import { SEEN } from '../evidence';
import { entryRange, pkgLabel, sfdxPath } from '../projectContext';
import { aliasfyFacts, copyEnvFix } from './packages';

export const aliasfyNoProduction = projectRule({
  id: 'aliasfy-no-production', severity: 'warning', section: 5, scope: 'aliasfy package',
  evidence: { platform: "Aliasfied package '…' does not have an alias with '…' or 'default' directory (production never falls back to default/)", seen: `${SEEN.sfpInstall}; flxbl-io/sfp#119` },
  summary: 'A production alias has no folder; production never falls back.',
  description: 'A production alias is known (sf config, or the eca.productionAliases setting) and has no folder: production never falls back to default/ (flxbl-io/sfp#119), so its install fails or deploys nothing.',
  fix: 'Scaffold the production folder from another environment.',
  check(c) {
    const { packages, production } = aliasfyFacts(c);
    for (const { pkg, comps, envFolders } of packages) {
      for (const alias of production) {
        if (envFolders.includes(alias)) continue;
        if (envFolders.some((f) => f.toLowerCase() === alias.toLowerCase())) continue; // aliasfy-alias-case reports it
        c.report({ path: sfdxPath(c), range: entryRange(c, pkg),
          message: `Production org '${alias}' has no folder in aliasfy package '${pkgLabel(pkg)}': production never falls back to default/ (flxbl-io/sfp#119), so its install fails or deploys nothing. Add a '${alias}/' folder.`,
          fixes: copyEnvFix(c, pkg, comps, envFolders.find((f) => f !== 'default') ?? 'default', alias) });
      }
    }
  },
});
