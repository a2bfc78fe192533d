// `sf eca retrieve -v <DevHub> -e <Name>`: retrieves External Client Apps with their OAuth settings
// and policies from the Dev Hub into the project (server/src/cli/retrieve.ts runRetrieveCli: the
// same plan, diff and all-or-nothing write as `eca-check retrieve`). The org comes from sf's
// logins (-v/--target-dev-hub, default: the target-dev-hub config).
import { Flags } from '@salesforce/sf-plugins-core';
import { runRetrieveCli } from '../../engine/index.js';
import { EcaCommand, capture, cliError, errorMessage, parseJson } from '../../shared.js';

interface FileResult {
  path: string;
  type: string;
  fullName: string;
  app: string;
  state: string;
  diff?: string;
}

export interface RetrieveCommandResult {
  org: { username: string; orgId: string };
  targets: Record<string, string>;
  satellites: Record<string, { type: string; fullName: string }[]>;
  files: FileResult[];
  warnings: string[];
}

export default class Retrieve extends EcaCommand<RetrieveCommandResult> {
  public static readonly summary = 'Retrieve External Client Apps with their OAuth settings and policies from a Dev Hub.';
  public static readonly description =
    'Finds the OAuth settings and policies of each app by their externalClientApplication field, retrieves them and places the ' +
    'source files in the SFDX project of the current folder. Local files that differ are shown and left alone unless --force is given. ' +
    'The global OAuth settings (consumer key and secret) are never retrieved or written.';
  public static readonly examples = [
    'Retrieve one app from the default Dev Hub:\n<%= config.bin %> <%= command.id %> --eca Orders_Sync',
    'Retrieve two apps from the Dev Hub with alias DevHub into a folder:\n<%= config.bin %> <%= command.id %> -v DevHub -e Orders_Sync -e Billing_API -d eca-pkg',
  ];

  public static readonly flags = {
    'target-dev-hub': Flags.requiredHub(),
    eca: Flags.string({ char: 'e', summary: 'Developer name of an External Client App; repeat for several.', multiple: true, required: true }),
    'output-dir': Flags.string({
      char: 'd',
      summary: 'Folder to place the files in (default: the package directory that holds the app, else the unlocked package directory).',
    }),
    force: Flags.boolean({ summary: 'Replace local files that differ from the org.' }),
  };

  public async run(): Promise<RetrieveCommandResult> {
    const { flags } = await this.parse(Retrieve);
    const username = flags['target-dev-hub'].getUsername();
    if (!username) throw cliError('The Dev Hub login has no username.', 'NoUsername', 1);
    const argv = ['--target-org', username, ...flags.eca.flatMap((e) => ['--eca', e]), '--json'];
    if (flags['output-dir']) argv.push('--output-dir', flags['output-dir']);
    if (flags.force) argv.push('--force');
    this.spinner.start(`Retrieving ${flags.eca.join(', ')} from ${username}`);
    const r = await capture((io) => runRetrieveCli(argv, io));
    this.spinner.stop(r.code === 0 ? 'done' : 'failed');
    const doc = parseJson<{ status: number; name?: string; message?: string; hint?: string; result?: RetrieveCommandResult; files?: FileResult[]; warnings?: string[] }>(r.out);
    for (const w of doc?.result?.warnings ?? doc?.warnings ?? []) this.warn(w);
    if (r.code === 0 && doc?.result) {
      for (const f of doc.result.files) this.log(`${f.state.padEnd(9)} ${f.path}`);
      const written = doc.result.files.filter((f) => f.state !== 'Unchanged').length;
      this.log(`Retrieved ${flags.eca.join(', ')} from ${username}: ${written} file(s) written, ${doc.result.files.length - written} unchanged.`);
      return doc.result;
    }
    if (!doc) throw cliError(errorMessage(r.err, 'retrieve failed'), 'RetrieveFailed', r.code);
    const differing = (doc.files ?? []).filter((f) => f.diff);
    if (differing.length) {
      this.log('These local files differ from the org (nothing was written; pass --force to replace them):');
      for (const f of differing) this.log(f.diff!.replace(/\n$/, ''));
    }
    throw cliError(doc.message ?? 'retrieve failed', doc.name ?? 'RetrieveFailed', r.code, doc.hint ? [doc.hint] : undefined, doc.files ? { files: doc.files } : undefined);
  }
}
