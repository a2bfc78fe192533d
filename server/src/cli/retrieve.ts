// `node dist/cli.js retrieve --target-org <alias|username> --eca <Name> [--eca <Name2>]
//   [--output-dir <dir>] [--force] [--json]`
// Exit codes: 0 success, 1 failure (including local files that differ without --force), 2 usage.
import { parseCommandArgs } from './args';
import { isRetrieveError, type RetrieveError } from '../retrieve/errors';
import { applyRetrievePlan, listOrgLogins, prepareRetrieve, type RetrievePlan } from '../retrieve/retrieve';

export const RETRIEVE_USAGE = `Usage: eca-check retrieve --target-org <alias|username> --eca <Name> [--eca <Name2>]...
                         [--output-dir <dir>] [--force] [--json]

Retrieves External Client Apps with their OAuth settings and policies (found by their
externalClientApplication field) from an org you logged in to with \`sf org login web\`, and places
the source files in the SFDX project. The global OAuth settings (consumer key and secret) are never
retrieved or written.

  --target-org, -o  alias or username of the org (default: the target-dev-hub config)
  --eca, -e         developer name of an app; repeat for several
  --output-dir, -d  folder to place the files in (default: the package directory that already
                    holds the app, else the unlocked package directory of sfdx-project.json)
  --force           replace local files that differ (otherwise the differences are shown and
                    nothing is written)
  --json            machine-readable output on stdout

Exit codes: 0 success, 1 failure or unconfirmed changes, 2 usage error.`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function fileJson(plan: RetrievePlan, includeDiff: boolean) {
  return plan.files.map((f) => ({
    path: f.path,
    type: f.type,
    fullName: f.fullName,
    app: f.app,
    state: f.state,
    ...(includeDiff && f.diff ? { diff: f.diff } : {}),
  }));
}

export async function runRetrieveCli(argv: string[], io: Io = defaultIo, signal?: AbortSignal): Promise<number> {
  const args = parseCommandArgs<{ 'target-org'?: string; eca?: string[]; 'output-dir'?: string; force?: boolean; json?: boolean }>('retrieve', RETRIEVE_USAGE, io, argv, {
    'target-org': { type: 'string', short: 'o' },
    eca: { type: 'string', short: 'e', multiple: true },
    'output-dir': { type: 'string', short: 'd' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  }, false);
  if (typeof args === 'number') return args;
  const { values } = args;
  const json = values.json === true;
  const fail = (e: RetrieveError | Error, extra: Record<string, unknown> = {}): number => {
    const code = isRetrieveError(e) ? e.code : 'INTERNAL';
    const usage = code === 'USAGE';
    if (json) {
      io.out(JSON.stringify({ status: usage ? 2 : 1, name: code, message: e.message, ...(isRetrieveError(e) && e.hint ? { hint: e.hint } : {}), ...extra }, null, 2) + '\n');
    } else {
      io.err(`eca-check retrieve: ${e.message}\n`);
    }
    return usage ? 2 : 1;
  };
  const ecas = values.eca ?? [];
  if (ecas.length === 0 || ecas.some((e) => !e.trim())) {
    io.err(`eca-check retrieve: name at least one app with --eca <Name>\n${RETRIEVE_USAGE}\n`);
    return 2;
  }
  const cwd = process.cwd();
  let targetOrg = values['target-org'];
  try {
    if (!targetOrg) {
      const logins = await listOrgLogins(cwd);
      targetOrg = logins.targetDevHub;
      if (!targetOrg) {
        io.err(
          'eca-check retrieve: no --target-org given and no target-dev-hub is configured.\n' +
            'Log in and make the org your default Dev Hub with: sf org login web --alias DevHub --set-default-dev-hub\n',
        );
        return 2;
      }
    }
    const progress = json ? undefined : (m: string) => io.err(`${m}…\n`);
    const plan = await prepareRetrieve({ targetOrg, ecas, projectRoot: cwd, outputDir: values['output-dir'], signal, progress });
    const changed = plan.files.filter((f) => f.state === 'Changed');
    if (changed.length && !values.force) {
      if (!json) {
        for (const w of plan.warnings) io.err(`warning: ${w}\n`);
        io.err(`These local files differ from the org (nothing was written; pass --force to replace them):\n`);
        for (const f of changed) io.out(f.diff ?? `${f.path} differs\n`);
      }
      return fail(new Error(`${changed.length} local file(s) differ from the org; nothing was written. Pass --force to replace them.`), {
        files: fileJson(plan, true),
        warnings: plan.warnings,
      });
    }
    const result = await applyRetrievePlan(plan, { replace: values.force === true, signal });
    if (json) {
      io.out(
        JSON.stringify(
          {
            status: 0,
            result: {
              org: { username: plan.org.username, orgId: plan.org.orgId },
              targets: plan.targets,
              satellites: plan.satellites,
              files: fileJson(plan, false),
              warnings: plan.warnings,
            },
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      for (const w of plan.warnings) io.err(`warning: ${w}\n`);
      for (const f of plan.files) io.out(`${f.state.padEnd(9)} ${f.path}\n`);
      io.out(
        `Retrieved ${ecas.join(', ')} from ${plan.org.username}: ${result.written.length} file(s) written, ${result.unchanged.length} unchanged.\n`,
      );
    }
    return 0;
  } catch (e) {
    return fail(e as Error);
  }
}

/**
 * Entry for the dispatcher (server/src/cli/index.ts): the exit code once the retrieve is done.
 * Ctrl-C cancels: nothing is written.
 */
export function dispatchRetrieve(argv: string[]): Promise<number> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  // `on`, not `once`: signal-exit (inside @salesforce/core's file locking) re-raises the signal
  // when it finds itself the only listener, which a spent `once` listener would let happen.
  process.on('SIGINT', onSigint);
  return runRetrieveCli(argv, defaultIo, ac.signal).then(
    (code) => {
      process.off('SIGINT', onSigint);
      // A cancelled call may leave a request to the org open; do not wait for it.
      if (ac.signal.aborted) process.stdout.write('', () => process.exit(code));
      return code;
    },
    (e: unknown) => {
      process.stderr.write(`eca-check retrieve: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      return 1;
    },
  );
}
