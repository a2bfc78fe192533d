// `sf eca flip`: sets an External Client App's distributionState (Local ⇄ Packaged) and lists or
// applies what the other deployment pattern needs; `eca-check flip` (server/src/cli/authoring.ts).
import { Flags } from '@salesforce/sf-plugins-core';
import { runAuthoringCli } from '../../engine/index.js';
import { EcaCommand, runAuthoring, type AuthoringResult } from '../../shared.js';

export default class Flip extends EcaCommand<AuthoringResult> {
  public static readonly summary = "Flip an External Client App's distribution state (Local ⇄ Packaged).";
  public static readonly description =
    'Sets distributionState (default: the other value) and lists what the other deployment pattern needs. --with-follow-ups also ' +
    'applies the recommended follow-ups (package type, bootstrap script, .forceignore); --follow-up picks them one by one. ' +
    'The project is the nearest folder with sfdx-project.json above the file, or above the current folder.';
  public static readonly examples = [
    'Make an app Packaged and apply the recommended follow-ups:\n<%= config.bin %> <%= command.id %> --name Orders_Sync --to Packaged --with-follow-ups',
    'Show what flipping a file would change, without writing:\n<%= config.bin %> <%= command.id %> --source-file force-app/main/default/externalClientApps/Orders_Sync.eca-meta.xml --dry-run',
  ];

  public static readonly flags = {
    name: Flags.string({ char: 'n', summary: 'Developer name of the External Client App.', exactlyOne: ['name', 'source-file'] }),
    'source-file': Flags.file({ char: 'f', summary: 'The .eca-meta.xml file of the app.', exists: true, exactlyOne: ['name', 'source-file'] }),
    to: Flags.option({ summary: 'The distribution state to set (default: the other one).', options: ['Local', 'Packaged'] as const })(),
    'with-follow-ups': Flags.boolean({ summary: 'Also apply the recommended follow-ups.', exclusive: ['follow-up'] }),
    'follow-up': Flags.string({ summary: 'Id of a follow-up to apply; repeat for several.', multiple: true, exclusive: ['with-follow-ups'] }),
    'production-alias': Flags.string({ summary: 'Org alias to treat as production; repeat for several.', multiple: true }),
    'dry-run': Flags.boolean({ summary: 'Write nothing; show what would change.' }),
  };

  public async run(): Promise<AuthoringResult> {
    const { flags } = await this.parse(Flip);
    const argv = [(flags['source-file'] ?? flags.name)!];
    if (flags.to) argv.push('--to', flags.to);
    if (flags['with-follow-ups']) argv.push('--with-follow-ups');
    for (const f of flags['follow-up'] ?? []) argv.push('--follow-up', f);
    for (const a of flags['production-alias'] ?? []) argv.push('--production-alias', a);
    if (flags['dry-run']) argv.push('--dry-run');
    return runAuthoring(this, runAuthoringCli, 'flip', argv);
  }
}
