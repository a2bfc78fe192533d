// `sf eca verify -o <org>`: asks one org whether it would accept exactly the External Client App
// files it receives from this project (server/src/verify/cli.ts runVerifyCli: the same check-only
// deploy, lookups and findings as `eca-check verify`). The org comes from sf's logins
// (-o/--target-org, default: the target-org config). Nothing is saved in the org or written locally.
import { Flags } from '@salesforce/sf-plugins-core';
import { runVerifyCli } from '../../engine/index.js';
import { EcaCommand, capture, cliError, errorMessage, parseJson } from '../../shared.js';

/** The result (with --json): eca-check verify's JSON. */
export interface VerifyCommandResult {
  version: 1;
  files: number;
  diagnostics: { file: string; range: unknown; severity: string; code: string; message: string; source: string }[];
  org: { alias: string; environment: string; username: string; orgId: string; kind: string };
  verified: { file: string; type: string; fullName: string; how: string }[];
  deploy?: { id: string; status: string; checkOnly: boolean };
}

export default class Verify extends EcaCommand<VerifyCommandResult | undefined> {
  public static readonly summary = 'Ask an org whether it would accept the External Client App files it receives from this project.';
  public static readonly description =
    'Sends the ECA files the org receives (the package directories every org gets, plus, for sfp aliasfy packages, the folder sfp picks ' +
    "for that org: its alias, else default/ for sandboxes and scratch orgs; production never falls back) as a check-only deploy with no " +
    'tests (nothing is saved in the org), and looks up run-as users, permission sets, profiles, the app itself and the Dev Hub of the ' +
    'oauthLink. Exits 1 when the org would reject something.';
  public static readonly examples = [
    'Would uat accept this branch?\n<%= config.bin %> <%= command.id %> --target-org uat',
    'Only the files under one package directory, as JSON:\n<%= config.bin %> <%= command.id %> -o uat --source-dir src/policies --json',
    'Annotations on a pull request in GitHub Actions:\n<%= config.bin %> <%= command.id %> -o uat --result-format github',
  ];

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'source-dir': Flags.string({ char: 'd', summary: 'Verify only the received files below this path; repeat for several.', multiple: true }),
    'result-format': Flags.option({
      char: 'r',
      summary: 'Format of the output without --json: human (one line per finding), sarif or github (workflow annotations).',
      options: ['human', 'sarif', 'github'] as const,
      default: 'human',
    })(),
  };

  public async run(): Promise<VerifyCommandResult | undefined> {
    const { flags } = await this.parse(Verify);
    const username = flags['target-org'].getUsername();
    if (!username) throw cliError('The org login has no username.', 'NoUsername', 1);
    // The org as the user named it (an alias reads better in the findings than the username);
    // sf has resolved it to a login above.
    const named = this.namedOrg() ?? this.configAggregator.getPropertyValue<string>('target-org') ?? username;
    const json = this.jsonEnabled();
    const format = json ? 'json' : flags['result-format'] === 'human' ? 'text' : flags['result-format'];
    const argv = ['--target-org', named, '--format', format, ...(flags['source-dir'] ?? [])];
    this.spinner.start(`Verifying against ${named}`);
    const r = await capture((io) => runVerifyCli(argv, io));
    this.spinner.stop(r.code === 2 ? 'failed' : 'done');
    // 2: a refusal (production without its aliasfy folder), a connection failure or a cancel.
    if (r.code === 2 || !r.out.trim()) throw cliError(errorMessage(r.err, 'verify failed'), 'VerifyFailed', r.code);
    for (const line of r.err.split('\n')) if (line.startsWith('note: ')) this.warn(line.slice('note: '.length));
    process.exitCode = r.code;
    if (!json) {
      this.log(r.out.replace(/\n$/, ''));
      return undefined;
    }
    const result = parseJson<VerifyCommandResult>(r.out);
    if (!result) throw cliError('eca-check verify printed no JSON', 'VerifyFailed', 1);
    return result;
  }

  /** The value given to -o/--target-org on the command line, if any. */
  private namedOrg(): string | undefined {
    for (let i = 0; i < this.argv.length; i++) {
      const a = this.argv[i];
      if (a === '-o' || a === '--target-org') return this.argv[i + 1];
      if (a.startsWith('--target-org=')) return a.slice('--target-org='.length);
      if (a.startsWith('-o') && a.length > 2) return a.slice(2).replace(/^=/, '');
    }
    return undefined;
  }
}
