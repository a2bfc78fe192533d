// sfdx-project-invalid: sfdx-project.json cannot be parsed.
import { projectRule } from '../define';
import { LineIndex } from '../../text';

export const sfdxProjectInvalid = projectRule({
  id: 'sfdx-project-invalid', severity: 'error', section: 4, scope: 'sfdx-project.json',
  evidence: { platform: "The sfdx-project.json does not have any packageDirectories defined. (NoPackageDirectories: @salesforce/core reads an unparseable sfdx-project.json as empty)", seen: "Salesforce CLI's own code: @salesforce/core 9.4.0 lib/config/configFile.js read() and lib/sfProject.js getDefaultPackage() (node_modules; docs/reference/evidence.md § Salesforce CLI)" },
  summary: 'sfdx-project.json cannot be parsed.',
  description: 'sf and sfp cannot read the project. Single-file checks still run; package-level checks use what could be read.',
  check(c) {
    const sfdx = c.model.sfdx;
    if (!sfdx?.parseError) return;
    const lines = c.sfdxLines ?? new LineIndex(sfdx.text);
    c.report({ path: sfdx.path, range: lines.range(sfdx.parseError.offset, sfdx.parseError.offset + sfdx.parseError.length),
      message: `${sfdx.parseError.message}: sf and sfp cannot read the project. Single-file checks still run; package-level checks use what could be read.` });
  },
});
