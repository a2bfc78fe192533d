// `sf eca plan --base <git-ref>`: org by org, which External Client App components each org will
// receive differently from the base ref, the settings that change, and the findings the change
// introduces or fixes; `eca-check plan` (server/src/cli/plan.ts runPlanCli, server/src/plan).
// Reads the base with git, writes nothing. Exit 1 when the change introduces error findings.
import { Flags } from '@salesforce/sf-plugins-core';
import { runPlanCli, type PlanResult } from '../../engine/index.js';
import { EcaCommand, capture, cliError, errorMessage, parseJson } from '../../shared.js';

/** The result (with --json): eca-check plan's JSON. Without --json the command prints eca-check's text. */
export default class Plan extends EcaCommand<PlanResult | undefined> {
  public static readonly summary = 'Show, org by org, what a change deploys differently from a git base ref.';
  public static readonly description =
    'Compares the working tree with the base ref (read with git; nothing is checked out or written) and says, for each sfp aliasfy ' +
    'environment, the orgs sf knows, production aliases, the default/ fallback and the packages every org receives, which External ' +
    'Client App components that org will receive differently, the settings that change, and the findings the change introduces or fixes.';
  public static readonly examples = [
    'What a pull request changes, per org:\n<%= config.bin %> <%= command.id %> --base origin/main',
    'A Markdown summary for the job summary of a CI run:\n<%= config.bin %> <%= command.id %> --base origin/main --result-format markdown >> "$GITHUB_STEP_SUMMARY"',
  ];

  public static readonly flags = {
    base: Flags.string({ char: 'b', summary: 'The git ref to compare with (a branch, tag or commit).', required: true }),
    'source-dir': Flags.string({ char: 'd', summary: 'Report only components below this path; repeat for several.', multiple: true }),
    'production-alias': Flags.string({ summary: 'Org alias to treat as production; repeat for several.', multiple: true }),
    'result-format': Flags.option({
      char: 'r',
      summary: 'Format of the output without --json: human or markdown.',
      options: ['human', 'markdown'] as const,
      default: 'human',
    })(),
  };

  public async run(): Promise<PlanResult | undefined> {
    const { flags } = await this.parse(Plan);
    const json = this.jsonEnabled();
    // eca-check plan renders the text itself (its renderers work on the live result, not on JSON).
    const format = json ? 'json' : flags['result-format'] === 'markdown' ? 'markdown' : 'text';
    const argv = ['--base', flags.base, '--format', format, ...(flags['source-dir'] ?? [])];
    for (const a of flags['production-alias'] ?? []) argv.push('--production-alias', a);
    const r = await capture((io) => runPlanCli(argv, io));
    // 2: a bad --base (unknown ref, not a git repository) is a flag error, as in eca-check plan.
    if (r.code === 2 || !r.out.trim()) throw cliError(errorMessage(r.err, 'plan failed'), 'PlanFailed', r.code);
    process.exitCode = r.code;
    if (!json) {
      this.log(r.out.replace(/\n$/, ''));
      return undefined;
    }
    const result = parseJson<PlanResult>(r.out);
    if (!result) throw cliError('eca-check plan printed no JSON', 'PlanFailed', 1);
    return result;
  }
}
