// `sf eca migrate`: migrates a Connected App to an External Client App (ECA files written, never
// overwriting, and a Markdown report); `eca-check migrate` (server/src/cli/migrate.ts). Exit 1
// when the report names blockers (the files are still written, leaving out what is blocked).
import { Flags } from '@salesforce/sf-plugins-core';
import { runMigrateCli } from '../../engine/index.js';
import { EcaCommand, capture, cliError, errorMessage, parseJson } from '../../shared.js';

export interface MigrateCommandResult {
  version: 1;
  source: string;
  name: string;
  pattern: string;
  packageDir: string;
  dryRun: boolean;
  written: boolean;
  files: { path: string; action: string; role: string; what?: string }[];
  conflicts: string[];
  blockers: { code: string; message: string }[];
  warnings: unknown[];
  checks: unknown[];
  steps: unknown[];
  report: string;
}

export default class Migrate extends EcaCommand<MigrateCommandResult> {
  public static readonly summary = 'Migrate a Connected App to an External Client App.';
  public static readonly description =
    'Writes the External Client App files (never overwriting) and a Markdown report of every setting, what was dropped and why, ' +
    'blockers and the steps left to people. The Connected App file is never changed, and its consumer key and secret are never copied. ' +
    'Exits 1 when blockers are found (the files are still written, leaving out what is blocked).';
  public static readonly examples = [
    'Migrate for an unlocked package and write the report to a file:\n<%= config.bin %> <%= command.id %> --source-file force-app/main/default/connectedApps/Orders.connectedApp-meta.xml --pattern 1 --report MIGRATION.md',
  ];

  public static readonly flags = {
    'source-file': Flags.file({ char: 'f', summary: 'The Connected App file (.connectedApp-meta.xml).', required: true, exists: true }),
    pattern: Flags.option({
      char: 'p',
      summary: '1: unlocked package, Packaged; 2: source package, Local + bootstrap script; local: Local ECA with its global OAuth settings.',
      options: ['1', '2', 'local'] as const,
      default: 'local',
    })(),
    'package-dir': Flags.string({ char: 'd', summary: 'Folder for externalClientApps/ etc. (default: next to the connectedApps/ folder).' }),
    report: Flags.string({ char: 'r', summary: 'Write the report to this file (default: print it).' }),
    'run-as-user': Flags.string({ summary: 'Client credentials run-as user when the Connected App names none.' }),
    'uses-password-flow': Flags.boolean({ summary: "Callers use the username-password flow (ECAs don't support it: a blocker)." }),
    'dry-run': Flags.boolean({ summary: 'Write nothing; show what would be written.' }),
  };

  public async run(): Promise<MigrateCommandResult> {
    const { flags } = await this.parse(Migrate);
    const argv = [flags['source-file'], '--pattern', flags.pattern, '--json'];
    if (flags['package-dir']) argv.push('--package-dir', flags['package-dir']);
    if (flags.report) argv.push('--report', flags.report);
    if (flags['run-as-user']) argv.push('--run-as-user', flags['run-as-user']);
    if (flags['uses-password-flow']) argv.push('--uses-password-flow');
    if (flags['dry-run']) argv.push('--dry-run');
    const r = await capture((io) => runMigrateCli(argv, io));
    const doc = parseJson<MigrateCommandResult>(r.out);
    if (!doc) throw cliError(errorMessage(r.err, 'migrate failed'), 'MigrateFailed', r.code);
    if (doc.conflicts.length) {
      throw cliError(
        `Nothing written: ${doc.conflicts.length} target file(s) already exist and are never overwritten: ${doc.conflicts.join(', ')}`,
        'TargetFilesExist',
        1,
        ['Move or delete those files, or choose another --package-dir.'],
        doc,
      );
    }
    if (!this.jsonEnabled()) {
      this.log(`${doc.dryRun ? 'Would migrate' : 'Migrated'} ${doc.source} → External Client App ${doc.name} (${doc.pattern === 'local' ? 'local flow' : `pattern ${doc.pattern}`}).`);
      const verb = (action: string) => (doc.dryRun ? `would ${action}` : action === 'create' ? 'created' : 'edited');
      for (const f of doc.files) this.log(`  ${verb(f.action)} ${f.path}${f.what ? ` (${f.what})` : ''}`);
      if (!flags.report) this.log(doc.report);
    }
    if (doc.blockers.length) {
      this.warn(`${doc.blockers.length} blocker(s) found: ${[...new Set(doc.blockers.map((b) => b.code))].join(', ')}; see the report.`);
      process.exitCode = 1;
    }
    return doc;
  }
}
