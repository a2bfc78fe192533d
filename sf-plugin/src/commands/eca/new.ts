// `sf eca new`: a new External Client App for deployment pattern 1 (unlocked package, Packaged) or
// 2 (source package, Local, bootstrap script); `eca-check new` (server/src/cli/authoring.ts).
import { Flags } from '@salesforce/sf-plugins-core';
import { runAuthoringCli } from '../../engine/index.js';
import { EcaCommand, runAuthoring, type AuthoringResult } from '../../shared.js';

export default class New extends EcaCommand<AuthoringResult> {
  public static readonly summary = 'Create a new External Client App in the project.';
  public static readonly description =
    'Pattern 1: unlocked package, Packaged, ready for the OAuth settings retrieved from the Dev Hub. Pattern 2: source package, Local, ' +
    'bootstrap script as postDeploymentScript. Adds the .forceignore lines for global OAuth settings, and an sfdx-project.json in the ' +
    'current folder when there is none.';
  public static readonly examples = [
    'An app for an unlocked package:\n<%= config.bin %> <%= command.id %> --name Orders_Sync --pattern 1 --contact-email admin@acme.com',
  ];

  public static readonly flags = {
    name: Flags.string({ char: 'n', summary: 'Developer name of the new app.', required: true }),
    pattern: Flags.option({ char: 'p', summary: 'Deployment pattern: 1 (unlocked package, Packaged) or 2 (source package, Local).', options: ['1', '2'] as const, required: true })(),
    'package-dir': Flags.string({ char: 'd', summary: 'Package directory for the app (default: chosen for the pattern).' }),
    label: Flags.string({ summary: 'Label of the app.' }),
    'contact-email': Flags.string({ summary: 'Contact email of the app.' }),
    description: Flags.string({ summary: 'Description of the app.' }),
    scopes: Flags.string({ summary: 'OAuth scopes, comma-separated (e.g. Api,RefreshToken).' }),
    'callback-url': Flags.string({ summary: 'OAuth callback URL.' }),
    'client-credentials': Flags.boolean({ summary: 'Enable the client credentials flow.' }),
    'dry-run': Flags.boolean({ summary: 'Write nothing; show what would be created.' }),
  };

  public async run(): Promise<AuthoringResult> {
    const { flags } = await this.parse(New);
    const argv = ['--name', flags.name, '--pattern', flags.pattern];
    const pass = (flag: 'package-dir' | 'label' | 'contact-email' | 'description' | 'scopes' | 'callback-url') => {
      const v = flags[flag];
      if (v !== undefined) argv.push(`--${flag}`, v);
    };
    pass('package-dir');
    pass('label');
    pass('contact-email');
    pass('description');
    pass('scopes');
    pass('callback-url');
    if (flags['client-credentials']) argv.push('--client-credentials');
    if (flags['dry-run']) argv.push('--dry-run');
    return runAuthoring(this, runAuthoringCli, 'new', argv);
  }
}
