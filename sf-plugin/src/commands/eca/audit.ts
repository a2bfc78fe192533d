// `sf eca audit`: per External Client App and per org (each aliasfy environment, production, the
// default/ fallback and what every org receives), the security posture: OAuth flows, PKCE, refresh
// tokens, IP relaxation, permitted users, session level, scopes, callbacks, partner controls and the
// security findings; `eca-check audit` (server/src/cli/audit.ts over engine/security/posture.ts).
// Exit 1 when a security finding of error severity is present.
import { Flags } from '@salesforce/sf-plugins-core';
import { runAuditCli } from '../../engine/index.js';
import { EcaCommand, capture, cliError, errorMessage, parseJson } from '../../shared.js';

/** The result (with --json): eca-check audit's JSON. Without --json the command prints eca-check's text. */
export default class Audit extends EcaCommand<Record<string, unknown> | undefined> {
  public static readonly summary = 'Show the security posture of each External Client App in each org.';
  public static readonly description =
    'For each app and each org (every sfp aliasfy environment, production aliases, the default/ fallback and what every org receives): ' +
    'the OAuth flows enabled, PKCE, refresh-token lifetime and rotation, IP relaxation, permitted users, session level, scopes, callbacks, ' +
    'Salesforce\'s partner controls met or missing, and the security findings (RFC 9700, RFC 8252). Exits 1 on a security finding of error severity.';
  public static readonly examples = [
    'The posture of every app in every org:\n<%= config.bin %> <%= command.id %>',
    'A Markdown table for a CI job summary, production and uat only:\n<%= config.bin %> <%= command.id %> --org prod --org uat --result-format markdown >> "$GITHUB_STEP_SUMMARY"',
    'Fail the pipeline when a Packaged app lacks one of the partner controls:\n<%= config.bin %> <%= command.id %> --severity partner-controls=error',
  ];

  public static readonly flags = {
    'source-dir': Flags.string({ char: 'd', summary: 'Audit the project holding this path (default: the current directory); repeat for several.', multiple: true }),
    org: Flags.string({ summary: 'Report only this org (an alias, default, or "every org"); repeat for several.', multiple: true }),
    'production-alias': Flags.string({ summary: 'Org alias to treat as production; repeat for several.', multiple: true }),
    severity: Flags.string({
      summary: 'Severity of a rule, as <rule-id>=error|warning|information|hint|off (e.g. partner-controls=error to fail on a missing partner control); repeat for several.',
      multiple: true,
    }),
    'result-format': Flags.option({
      char: 'r',
      summary: 'Format of the output without --json: human, markdown or sarif.',
      options: ['human', 'markdown', 'sarif'] as const,
      default: 'human',
    })(),
  };

  public async run(): Promise<Record<string, unknown> | undefined> {
    const { flags } = await this.parse(Audit);
    const json = this.jsonEnabled();
    const format = json ? 'json' : flags['result-format'] === 'human' ? 'text' : flags['result-format'];
    const argv = ['--format', format, ...(flags['source-dir'] ?? [])];
    for (const a of flags['production-alias'] ?? []) argv.push('--production-alias', a);
    for (const o of flags.org ?? []) argv.push('--org', o);
    for (const v of flags.severity ?? []) argv.push('--severity', v);
    const r = await capture((io) => runAuditCli(argv, io));
    if (r.code === 2 || !r.out.trim()) throw cliError(errorMessage(r.err, 'audit failed'), r.code === 2 && /--severity/.test(r.err) ? 'InvalidFlagValue' : 'AuditFailed', r.code);
    process.exitCode = r.code;
    if (!json) {
      this.log(r.out.replace(/\n$/, ''));
      return undefined;
    }
    const result = parseJson<Record<string, unknown>>(r.out);
    if (!result) throw cliError('eca-check audit printed no JSON', 'AuditFailed', 1);
    return result;
  }
}
