// `sf eca scaffold`: per-environment OAuth (and plugin) policy files of an External Client App in
// an sfp aliasfy package, never overwriting; `eca-check scaffold` (server/src/cli/authoring.ts).
import { Flags } from '@salesforce/sf-plugins-core';
import { runAuthoringCli } from '../../engine/index.js';
import { EcaCommand, runAuthoring, type AuthoringResult } from '../../shared.js';

export default class Scaffold extends EcaCommand<AuthoringResult> {
  public static readonly summary = 'Scaffold per-environment policy files of an External Client App (sfp aliasfy).';
  public static readonly description =
    'Creates <aliasfy package>/<env>/extlClntAppOauthPolicies/<Name>_oauthPlcy.ecaOauthPlcy-meta.xml for each environment ' +
    '(default: client credentials off, no user; an environment with --run-as-user: on, with that user) and the aliasfy package ' +
    'entry in sfdx-project.json when missing. Existing files are never overwritten: they are listed as skipped.';
  public static readonly examples = [
    'Policies for the fallback folder and two orgs, uat running as a user:\n<%= config.bin %> <%= command.id %> --name Orders_Sync --env default --env uat --env prod --run-as-user uat=integration@acme.com.uat',
  ];

  public static readonly flags = {
    name: Flags.string({ char: 'n', summary: 'Developer name of the External Client App.', required: true }),
    env: Flags.string({ char: 'e', summary: 'Environment (org alias, or default for the fallback folder); repeat for several.', multiple: true, required: true }),
    'package-dir': Flags.string({ char: 'd', summary: 'The aliasfy package directory (default: the one in sfdx-project.json).' }),
    'run-as-user': Flags.string({ summary: 'Client credentials run-as user of an environment, as <env>=<username>; repeat for several.', multiple: true }),
    'plugin-policies': Flags.boolean({ summary: 'Also scaffold the plugin policy files.' }),
    'oauth-policies': Flags.boolean({ summary: 'Scaffold the OAuth policy files (--no-oauth-policies to skip them).', default: true, allowNo: true }),
    'production-alias': Flags.string({ summary: 'Org alias to treat as production; repeat for several.', multiple: true }),
    'dry-run': Flags.boolean({ summary: 'Write nothing; show what would be created.' }),
  };

  public async run(): Promise<AuthoringResult> {
    const { flags } = await this.parse(Scaffold);
    const argv = ['--eca', flags.name, ...flags.env.flatMap((e) => ['--env', e])];
    if (flags['package-dir']) argv.push('--package-dir', flags['package-dir']);
    for (const u of flags['run-as-user'] ?? []) argv.push('--run-as-user', u);
    if (flags['plugin-policies']) argv.push('--plugin-policies');
    if (!flags['oauth-policies']) argv.push('--no-oauth-policies');
    for (const a of flags['production-alias'] ?? []) argv.push('--production-alias', a);
    if (flags['dry-run']) argv.push('--dry-run');
    return runAuthoring(this, runAuthoringCli, 'scaffold', argv);
  }
}
