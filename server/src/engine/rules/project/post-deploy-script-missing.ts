// post-deploy-script-missing: a pre/postDeploymentScript path that does not exist.
import { projectRule } from '../define';
import { entryRange, pkgLabel } from '../projectContext';

export const postDeployScriptMissing = projectRule({
  id: 'post-deploy-script-missing', severity: 'error', section: 4, scope: 'sfdx-project.json',
  evidence: { platform: "postDeploymentScript <path> does not exist (sfp build throws it and stops)", seen: "sfp's own code: flxbl-io/sfp src/core/package/generators/SfpPackageContentGenerator.ts createScripts @ cc39d24 (docs/reference/evidence.md § sfp)" },
  summary: 'pre/postDeploymentScript path does not exist.',
  description: 'Paths are relative to the project root; sfp build stops ("postDeploymentScript … does not exist"), so the package is never built and the pattern 2 OAuth bootstrap never runs.',
  check(c) {
    const sfdx = c.model.sfdx;
    if (!sfdx) return;
    for (const pkg of sfdx.packageDirs) {
      for (const key of ['postDeploymentScript', 'preDeploymentScript'] as const) {
        const rel = pkg[key];
        if (!rel) continue;
        const abs = rel.startsWith('/') ? rel : `${c.model.root}/${rel.replace(/^\.\//, '')}`;
        if (c.model.fs.exists(abs)) continue;
        c.report({ path: sfdx.path, range: entryRange(c, pkg, key),
          message: `${key} '${rel}' of '${pkgLabel(pkg)}' does not exist (paths are relative to the project root); sfp build stops ("${key} … does not exist")${key === 'postDeploymentScript' ? ', so the OAuth bootstrap of pattern 2 never runs' : ''}.` });
      }
    }
  },
});
