// `sf eca check`: the eca-check engine on SFDX source (server/src/cli/check.ts runCheck), with sf's
// output: human text, or with --json the envelope {status, result, warnings} whose result is the
// CLI's JSON ({version: 1, files, diagnostics: [...]}). Exit 1 when an error-severity finding exists.
import { SfError } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { EcaCommand } from '../../shared.js';
import { exitCodeOf, formatResult, runCheck, toJson, UsageError, type Severity } from '../../engine/index.js';

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;

export interface CheckDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: string;
  message: string;
}

export interface CheckCommandResult {
  version: 1;
  files: number;
  diagnostics: CheckDiagnostic[];
}

export default class Check extends EcaCommand<CheckCommandResult> {
  public static readonly summary = 'Check External Client App metadata in an SFDX project.';
  public static readonly description =
    'Runs the External Client App rules (schema, OAuth links, secrets, policies, packaging patterns, sfp aliasfy environment trees) ' +
    "on the project's package directories and on every folder outside them that holds ECA source (a deploy unit of its own, as " +
    'sf project deploy start --source-dir deploys it), honouring sfdx-project.json and .forceignore; --exclude leaves out folders never deployed. ' +
    'Same engine and rule ids as the eca-check CLI ' +
    'and the VS Code extension. Exits 1 when a finding has error severity.';
  public static readonly examples = [
    'Check the project in the current folder:\n<%= config.bin %> <%= command.id %>',
    'Check one package directory and print the findings as JSON:\n<%= config.bin %> <%= command.id %> --source-dir force-app --json',
    'Annotations on a pull request in GitHub Actions:\n<%= config.bin %> <%= command.id %> --result-format github',
    'Leave out test fixtures that are never deployed:\n<%= config.bin %> <%= command.id %> --exclude test/fixtures/',
    'Turn a rule off and make another an error:\n<%= config.bin %> <%= command.id %> --disable invalid-scope --severity consumer-key-in-source=error',
  ];

  public static readonly flags = {
    'source-dir': Flags.string({
      char: 'd',
      summary: 'File or folder to check; repeat for several (default: the current folder).',
      multiple: true,
    }),
    disable: Flags.string({ summary: 'Rule id never to report; repeat for several.', multiple: true }),
    severity: Flags.string({
      summary: 'Severity of a rule, as <rule-id>=error|warning|information|hint|off; repeat for several.',
      multiple: true,
    }),
    'production-alias': Flags.string({
      summary: 'Org alias to treat as production in the aliasfy checks; repeat for several.',
      multiple: true,
    }),
    exclude: Flags.string({
      summary: 'Leave out the ECA files a pattern matches (as in .gitignore, relative to the project root): folders never deployed, such as fixtures or templates; repeat for several.',
      multiple: true,
    }),
    'result-format': Flags.option({
      char: 'r',
      summary: 'Format of the output without --json: human (one line per finding), sarif, github (workflow annotations) or markdown.',
      options: ['human', 'sarif', 'github', 'markdown'] as const,
      default: 'human',
    })(),
  };

  public async run(): Promise<CheckCommandResult> {
    const { flags } = await this.parse(Check);
    const overrides: Record<string, Severity | 'off'> = {};
    for (const v of flags.severity ?? []) {
      const eq = v.lastIndexOf('=');
      const id = v.slice(0, eq);
      const level = v.slice(eq + 1) as (typeof LEVELS)[number];
      if (eq <= 0 || !LEVELS.includes(level)) {
        throw new SfError(`--severity wants <rule-id>=${LEVELS.join('|')}, got '${v}'`, 'InvalidFlagValue', undefined, 2);
      }
      overrides[id] = level;
    }
    let result;
    try {
      result = runCheck(flags['source-dir'] ?? [], {
        disabled: flags.disable ?? [],
        overrides,
        productionAliases: flags['production-alias'] ?? [],
        exclude: flags.exclude ?? [],
      });
    } catch (e) {
      if (e instanceof UsageError) throw new SfError(e.message, 'InvalidFlagValue', undefined, 2);
      throw e;
    }
    const json = JSON.parse(toJson(result)) as CheckCommandResult;
    if (!this.jsonEnabled()) {
      const format = flags['result-format'] === 'human' ? 'text' : flags['result-format'];
      this.log(formatResult(result, format, process.stdout.isTTY === true && !process.env.NO_COLOR).replace(/\n$/, ''));
    }
    const code = exitCodeOf(result);
    if (code !== 0) process.exitCode = code;
    return json;
  }
}
