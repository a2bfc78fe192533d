// The `sf eca` plugin (sf-plugin/) through the real Salesforce CLI: @salesforce/cli from the npm
// registry (installed on demand into .cache/sf-cli by scripts/lib/sf-cli.mjs), the plugin's own
// dependencies from its lockfile, `sf plugins link` under the isolated HOME of the retrieve harness
// (generic keychain, no telemetry, no auto-update; the only network is the loopback org simulator).
// `sf eca verify` asks a simulated sandbox, as `eca-check verify` does (test/cli/verify.test.ts).
// Each command's result is compared with `node dist/cli.js …` on a twin copy of the same project:
// one engine, two front ends. Needs `npm run build` first (dist/cli.js); the plugin is built here.
import { HOME, REPO, childEnv, grepTree, hashTree, listFiles, loginToSim, makeProject, simSecrets } from '../helpers/retrieveHarness';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOrgSim, type OrgSim } from '../org-sim/server';
import { assertEvery } from '../helpers/assert';

const CLI = join(REPO, 'dist', 'cli.js');
const PLUGIN = join(REPO, 'sf-plugin');
const NS = 'http://soap.sforce.com/2006/04/metadata';
const cleanup: string[] = [];
let SF_RUN = '';
let sim: OrgSim | undefined;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of every `sf` run: the harness's HOME, `sf` itself on PATH, nothing that phones home. */
function sfEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...childEnv(),
    PATH: `${join(HOME, 'bin')}:${process.env.PATH ?? ''}`,
    // @oclif/plugin-update's hook reads SF_DISABLE_AUTOUPDATE; without it sf spawns a detached
    // `sf update --autoupdate` that reaches for the network. SF_AUTOUPDATE_DISABLE is the documented one.
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    // oclif's note that a linked ESM plugin runs from its compiled lib/ (which is what we test)
    OCLIF_DISABLE_LINKED_ESM_WARNING: 'true',
    NO_COLOR: '1',
  };
  for (const k of Object.keys(env)) if (/^XDG_/.test(k) || /^npm_/.test(k)) delete env[k];
  return env;
}

/** A child process, awaited without blocking this process (the org simulator answers from here). */
function spawnRun(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sf = (args: string[], cwd: string) => spawnRun([SF_RUN, ...args], cwd, sfEnv());
const cli = (args: string[], cwd: string) => spawnRun([CLI, ...args], cwd, { ...childEnv(), NO_COLOR: '1' });

/** sf's --json output: exactly one JSON document on stdout. */
function envelope(r: Run): Record<string, unknown> {
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not one JSON document on stdout (exit ${r.code}):\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
}

/** A project folder named `project` in a fresh temp folder (new derives the project name from it). */
function tree(files: Record<string, string>): string {
  const parent = mkdtempSync(join(tmpdir(), 'eca-sfplugin-'));
  cleanup.push(parent);
  const root = join(parent, 'project');
  mkdirSync(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** A copy of `root` in a fresh temp folder (the twin the eca-check CLI runs on). */
function twin(root: string): string {
  const copy = tree({});
  cpSync(root, copy, { recursive: true });
  return copy;
}

/** Every file under `root`, relative, with its bytes and mode (the executable bit matters for scripts). */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[p.slice(root.length + 1)] = `${(st.mode & 0o777).toString(8)} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(root);
  return out;
}

const ecaFile = (root: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;

function project(distributionState: string): string {
  return tree({
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
    'force-app/main/default/externalClientApps/A.eca-meta.xml': ecaFile('ExternalClientApplication', `    <distributionState>${distributionState}</distributionState>\n    <label>A</label>\n    <contactEmail>a@example.com</contactEmail>\n`),
  });
}

before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js must be built (npm run build)');
  // On demand, as code-server is: sf into .cache/sf-cli, the plugin's dependencies, the plugin build.
  const lib = (await import(pathToFileURL(join(REPO, 'scripts', 'lib', 'sf-cli.mjs')).href)) as {
    ensureSfCli(): string;
    ensurePluginDeps(): void;
    buildPlugin(): void;
  };
  SF_RUN = lib.ensureSfCli();
  lib.ensurePluginDeps();
  lib.buildPlugin();
  // `sf` on PATH, as after a real install (sf spawns itself for some help and plugin tasks).
  mkdirSync(join(HOME, 'bin'), { recursive: true });
  writeFileSync(join(HOME, 'bin', 'sf'), `#!/bin/sh\nexec "${process.execPath}" "${SF_RUN}" "$@"\n`, { mode: 0o755 });
  const link = await sf(['plugins', 'link', PLUGIN, '--no-install'], HOME);
  assert.equal(link.code, 0, link.stderr);
  const plugins = await sf(['plugins', '--json'], HOME);
  assert.equal(plugins.code, 0, plugins.stderr);
  const listed = JSON.parse(plugins.stdout) as { name: string; type: string; root: string }[];
  assert.ok(listed.some((p) => p.name === '@eca-tools/plugin-eca' && p.type === 'link'), plugins.stdout);
});

after(async () => {
  await sim?.close();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

test('sf eca check --json: the envelope with the findings, exit 1 on a broken project, 0 on a sound one; same result as eca-check', async () => {
  const broken = project('Packageable');
  const r = await sf(['eca', 'check', '--json'], broken);
  assert.equal(r.code, 1, r.stderr);
  const env = envelope(r);
  assert.deepEqual(Object.keys(env).sort(), ['result', 'status', 'warnings']);
  assert.equal(env.status, 1);
  assert.deepEqual(env.warnings, []);
  const result = env.result as { version: number; files: number; diagnostics: { file: string; code: string; severity: string }[] };
  assert.deepEqual(result.diagnostics.map((d) => [d.file, d.code, d.severity]), [['force-app/main/default/externalClientApps/A.eca-meta.xml', 'invalid-enum', 'error']]);
  const c = await cli(['check', '--format', 'json'], broken);
  assert.equal(c.code, 1);
  assert.deepEqual(result, JSON.parse(c.stdout), 'sf eca check and eca-check check give the same result');

  const sound = project('Local');
  const ok = await sf(['eca', 'check', '--json'], sound);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const okEnv = envelope(ok);
  assert.equal(okEnv.status, 0);
  assert.deepEqual(okEnv.result, { version: 1, files: 1, diagnostics: [] });

  // Human output: eca-check's lines, and the same exit codes.
  const text = await sf(['eca', 'check', '--source-dir', 'force-app'], broken);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml:3:24 error invalid-enum /m);
  assert.match(text.stdout, /^1 error\(s\), 0 warning\(s\), 0 information, 0 hint\(s\) in 1 ECA file\(s\)$/m);
  // The CI formats are eca-check's: GitHub annotations, byte for byte.
  const gh = await sf(['eca', 'check', '--result-format', 'github'], broken);
  const ghCli = await cli(['check', '--format', 'github'], broken);
  assert.equal(gh.code, 1);
  assert.match(gh.stdout, /^::error file=force-app\/main\/default\/externalClientApps\/A\.eca-meta\.xml,line=3,.*title=invalid-enum::/m);
  assert.equal(gh.stdout, ghCli.stdout.endsWith('\n') ? ghCli.stdout : ghCli.stdout + '\n');
  // Rule options: --severity and --disable reach the engine.
  assert.equal((await sf(['eca', 'check', '--severity', 'invalid-enum=warning'], broken)).code, 0);
  assert.equal((await sf(['eca', 'check', '--disable', 'invalid-enum', '--json'], broken)).code, 0);
  // --exclude reaches the engine as eca-check's does: the folder it names is not checked.
  const excluded = await sf(['eca', 'check', '--exclude', 'force-app/main/default/externalClientApps/', '--json'], broken);
  assert.equal(excluded.code, 0, excluded.stdout + excluded.stderr);
  assert.deepEqual(envelope(excluded).result, JSON.parse((await cli(['check', '--exclude', 'force-app/main/default/externalClientApps/', '--format', 'json'], broken)).stdout));
  assert.deepEqual((envelope(excluded).result as { diagnostics: unknown[] }).diagnostics, []);
});

test('flag errors exit 2 with sf\'s error envelope (name, message, exitCode)', async () => {
  const root = project('Local');
  const cases: [string[], RegExp][] = [
    [['eca', 'check', '--bogus', '--json'], /Nonexistent flag: --bogus/],
    [['eca', 'check', '--severity', 'invalid-enum', '--json'], /--severity wants <rule-id>=/],
    [['eca', 'check', '--source-dir', 'no-such-dir', '--json'], /no such file or directory/],
    [['eca', 'new', '--name', 'X', '--pattern', '3', '--json'], /Expected --pattern=3 to be one of: 1, 2/],
    [['eca', 'flip', '--json'], /Exactly one of the following must be provided: --name, --source-file/],
    [['eca', 'scaffold', '--name', 'A', '--json'], /Missing required flag env/],
    [['eca', 'migrate', '--source-file', 'nope.connectedApp-meta.xml', '--json'], /No file found at nope/],
  ];
  const before = hashTree(root);
  for (const [args, message] of cases) {
    const r = await sf(args, root);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    const e = envelope(r);
    assert.equal(e.status, 2, args.join(' '));
    assert.equal(e.exitCode, 2, args.join(' '));
    assert.equal(typeof e.name, 'string');
    assert.match(String(e.message), message, args.join(' '));
  }
  assert.equal(hashTree(root), before, 'a flag error writes nothing');
  // Without --json: sf's error line on stderr, nothing on stdout.
  const human = await sf(['eca', 'new', '--name', 'X'], root);
  assert.equal(human.code, 2);
  assert.match(human.stderr, /Missing required flag pattern/);
});

test('sf eca new, scaffold and flip edit a project byte for byte as eca-check does', async () => {
  const viaSf = tree({});
  const viaCli = tree({});
  assert.equal(basename(viaSf), basename(viaCli), 'new names the project after its folder');
  const steps: [string[], string[]][] = [
    [
      ['eca', 'new', '--name', 'Erp_Sync', '--pattern', '2', '--contact-email', 'erp@acme.example.com'],
      ['new', '--name', 'Erp_Sync', '--pattern', '2', '--contact-email', 'erp@acme.example.com'],
    ],
    [
      ['eca', 'scaffold', '--name', 'Erp_Sync', '--env', 'default', '--env', 'uat', '--run-as-user', 'uat=erp@acme.com.uat', '--plugin-policies'],
      ['scaffold', '--eca', 'Erp_Sync', '--env', 'default', '--env', 'uat', '--run-as-user', 'uat=erp@acme.com.uat', '--plugin-policies'],
    ],
    [['eca', 'flip', '--name', 'Erp_Sync', '--to', 'Packaged', '--with-follow-ups'], ['flip', 'Erp_Sync', '--to', 'Packaged', '--with-follow-ups']],
  ];
  for (const [sfArgs, cliArgs] of steps) {
    const s = await sf([...sfArgs, '--json'], viaSf);
    const c = await cli([...cliArgs, '--json'], viaCli);
    assert.equal(s.code, 0, s.stdout + s.stderr);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    const env = envelope(s);
    assert.equal(env.status, 0);
    const { status: _status, ...expected } = JSON.parse(c.stdout) as Record<string, unknown>;
    assert.deepEqual(env.result, expected, `${sfArgs[1]}: the same result as eca-check ${cliArgs[0]}`);
    assert.ok((env.result as { files: unknown[] }).files.length > 0, `${sfArgs[1]} changed files`);
    assert.deepEqual(snapshot(viaSf), snapshot(viaCli), `${sfArgs[1]}: the same bytes on disk`);
  }
  // The result checks clean through sf (the flip applied the pattern 1 follow-ups).
  const check = await sf(['eca', 'check', '--json'], viaSf);
  assert.equal(check.code, 0, check.stdout);
  // Human output of a dry run names the files and writes nothing.
  const before = hashTree(viaSf);
  const dry = await sf(['eca', 'flip', '--name', 'Erp_Sync', '--dry-run'], viaSf);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Erp_Sync: distributionState Packaged → Local \(pattern 2\)$/m);
  assert.match(dry.stdout, /^edited \(dry run\) .*Erp_Sync\.eca-meta\.xml$/m);
  assert.equal(hashTree(viaSf), before);
  // A refusal (no such app) is a failure: exit 1, the CLI's error code as the name.
  const missing = await sf(['eca', 'flip', '--name', 'Nope', '--json'], viaSf);
  assert.equal(missing.code, 1, missing.stdout);
  const e = envelope(missing);
  assert.equal(e.exitCode, 1);
  assert.equal(e.name, 'NOT_FOUND');
  assert.equal(hashTree(viaSf), before);
});

test('sf eca migrate writes what eca-check migrate writes; blockers exit 1 with the result', async () => {
  const file = join(REPO, 'test', 'fixtures', 'real', 'connected-apps');
  const apps: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.connectedApp-meta.xml')) apps.push(p);
    }
  };
  walk(file);
  assert.ok(apps.length > 0, 'the real corpus has Connected Apps');
  const app = apps[0];
  const rel = `force-app/main/default/connectedApps/${basename(app)}`;
  const viaSf = tree({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '64.0' }), [rel]: readFileSync(app, 'utf8') });
  const viaCli = twin(viaSf);
  const s = await sf(['eca', 'migrate', '--source-file', rel, '--pattern', '1', '--report', 'MIGRATION.md', '--json'], viaSf);
  const c = await cli(['migrate', rel, '--pattern', '1', '--report', 'MIGRATION.md', '--json'], viaCli);
  assert.ok(c.code === 0 || c.code === 1, c.stderr);
  assert.equal(s.code, c.code, s.stdout + s.stderr);
  const env = envelope(s);
  assert.equal(env.status, c.code);
  assert.deepEqual(env.result, JSON.parse(c.stdout));
  assert.deepEqual(snapshot(viaSf), snapshot(viaCli));
  assert.ok(existsSync(join(viaSf, 'MIGRATION.md')));
  // Again: every target exists now, nothing is overwritten; a failure (1), not a flag error.
  const before = hashTree(viaSf);
  const again = await sf(['eca', 'migrate', '--source-file', rel, '--pattern', '1', '--report', 'MIGRATION.md', '--json'], viaSf);
  assert.equal(again.code, 1, again.stdout);
  const e = envelope(again);
  assert.equal(e.name, 'TargetFilesExist');
  assert.ok(Array.isArray(e.actions) && (e.actions as string[]).length > 0, 'the error names what to do');
  assert.equal(hashTree(viaSf), before);
});

test('sf eca retrieve -v <alias> retrieves an app from the org simulator with sf\'s login; no secret anywhere', async () => {
  sim = await startOrgSim();
  await loginToSim(sim, 'SimHub');
  const root = makeProject();
  cleanup.push(root);
  const r = await sf(['eca', 'retrieve', '-v', 'SimHub', '-e', 'Booking_Integration_API', '--json'], root);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const env = envelope(r);
  assert.equal(env.status, 0);
  const result = env.result as { org: { username: string }; files: { path: string; state: string }[] };
  assert.equal(result.org.username, sim.username);
  assert.ok(result.files.length >= 2, JSON.stringify(result.files));
  assertEvery(result.files, (f) => f.state === 'Created' && existsSync(join(root, f.path)), 'result.files');
  assert.deepEqual(listFiles(root).filter((f) => f.includes('Booking_Integration_API')).sort(), result.files.map((f) => f.path).filter((p) => p.includes('Booking_Integration_API')).sort());
  for (const s of simSecrets(sim)) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'secret in sf output');
  assert.deepEqual(grepTree(root, simSecrets(sim)), []);
  assert.deepEqual(grepTree(HOME, simSecrets(sim)), []);

  // The files are there now: a second retrieve finds them unchanged (human output).
  const again = await sf(['eca', 'retrieve', '--target-dev-hub', 'SimHub', '--eca', 'Booking_Integration_API'], root);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^Unchanged\s+eca-pkg\/main\/default\/extlClntAppOauthSettings\/Booking_Integration_API_oauth\.ecaOauth-meta\.xml$/m);

  // A local file that differs: exit 1, the diff in the error's data, nothing written.
  const changed = 'eca-pkg/main/default/extlClntAppOauthSettings/Booking_Integration_API_oauth.ecaOauth-meta.xml';
  writeFileSync(join(root, changed), 'stale local copy\n');
  const before = hashTree(root);
  const diff = await sf(['eca', 'retrieve', '-v', 'SimHub', '-e', 'Booking_Integration_API', '--json'], root);
  assert.equal(diff.code, 1, diff.stdout);
  const e = envelope(diff);
  assert.equal(e.exitCode, 1);
  assert.match(String(e.message), /--force/);
  assert.ok(((e.data as { files: { path: string; diff?: string }[] }).files ?? []).some((f) => f.path === changed && f.diff?.includes('-stale local copy')));
  assert.equal(hashTree(root), before);

  // No login under that alias: sf's own error, before anything reaches the org.
  const unknown = await sf(['eca', 'retrieve', '-v', 'NoSuchHub', '-e', 'Booking_Integration_API', '--json'], root);
  assert.notEqual(unknown.code, 0);
  assert.match(String(envelope(unknown).message), /NoSuchHub/);
});

test('sf eca plan --base: per org what the working tree changes against a git ref, as eca-check plan says it', async () => {
  const root = tree({});
  for (const args of [
    ['new', '--name', 'Erp_Sync', '--pattern', '2'],
    ['scaffold', '--eca', 'Erp_Sync', '--env', 'default', '--env', 'uat'],
  ]) {
    const r = await cli(args, root);
    assert.equal(r.code, 0, r.stderr);
  }
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8', env: childEnv() });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const uat = listFiles(root).find((f) => f.includes('/uat/') && f.endsWith('.ecaOauthPlcy-meta.xml'));
  assert.ok(uat, listFiles(root).join('\n'));
  const text = readFileSync(join(root, uat), 'utf8');
  assert.match(text, /<isClientCredentialsFlowEnabled>false</);
  writeFileSync(join(root, uat), text.replace('<isClientCredentialsFlowEnabled>false<', '<isClientCredentialsFlowEnabled>true<'));

  const s = await sf(['eca', 'plan', '--base', 'HEAD', '--json'], root);
  const c = await cli(['plan', '--base', 'HEAD', '--format', 'json'], root);
  assert.equal(s.code, c.code, s.stdout + s.stderr);
  const env = envelope(s);
  assert.equal(env.status, c.code);
  assert.deepEqual(env.result, JSON.parse(c.stdout));
  const orgs = (env.result as { orgs: { org: string }[] }).orgs;
  assert.ok(orgs.some((o) => JSON.stringify(o).includes('uat') && JSON.stringify(o).includes('isClientCredentialsFlowEnabled')), JSON.stringify(orgs));
  // Human and Markdown output are eca-check's.
  const human = await sf(['eca', 'plan', '--base', 'HEAD'], root);
  const humanCli = await cli(['plan', '--base', 'HEAD'], root);
  assert.equal(human.stdout.trimEnd(), humanCli.stdout.trimEnd());
  const md = await sf(['eca', 'plan', '--base', 'HEAD', '--result-format', 'markdown'], root);
  assert.match(md.stdout, /^## /m);
  assert.equal(md.stdout.trimEnd(), (await cli(['plan', '--base', 'HEAD', '--format', 'markdown'], root)).stdout.trimEnd());
  // An unknown ref is a flag error.
  const bad = await sf(['eca', 'plan', '--base', 'no-such-ref', '--json'], root);
  assert.equal(bad.code, 2, bad.stdout);
  assert.equal(envelope(bad).exitCode, 2);
});

test('sf eca audit: the security posture per app and org, as eca-check audit says it', async () => {
  const root = tree({});
  for (const args of [
    ['new', '--name', 'Erp_Sync', '--pattern', '2'],
    ['scaffold', '--eca', 'Erp_Sync', '--env', 'default', '--env', 'uat'],
  ]) {
    const r = await cli(args, root);
    assert.equal(r.code, 0, r.stderr);
  }
  const uat = listFiles(root).find((f) => f.includes('/uat/') && f.endsWith('.ecaOauthPlcy-meta.xml'));
  assert.ok(uat, listFiles(root).join('\n'));
  const text = readFileSync(join(root, uat), 'utf8');
  assert.match(text, /<ipRelaxationPolicyType>[^<]*</);
  writeFileSync(join(root, uat), text.replace(/<ipRelaxationPolicyType>[^<]*</, '<ipRelaxationPolicyType>Bypass<'));

  const s = await sf(['eca', 'audit', '--json'], root);
  const c = await cli(['audit', '--format', 'json'], root);
  assert.equal(s.code, c.code, s.stdout + s.stderr);
  const env = envelope(s);
  assert.deepEqual(env.result, JSON.parse(c.stdout));
  const apps = (env.result as { apps: { app: string; org: string; ipRelaxation?: string; findings: { code: string }[] }[] }).apps;
  const inUat = apps.find((a) => a.app === 'Erp_Sync' && a.org === 'uat');
  assert.equal(inUat?.ipRelaxation, 'Bypass', JSON.stringify(apps));
  assert.ok(inUat?.findings.some((f) => f.code === 'ip-relaxation-bypass'), JSON.stringify(inUat));
  const md = await sf(['eca', 'audit', '--org', 'uat', '--result-format', 'markdown'], root);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^\| IP relaxation \| Bypass \|$/m);
  assert.equal(md.stdout.trimEnd(), (await cli(['audit', '--org', 'uat', '--format', 'markdown'], root)).stdout.trimEnd());
  const bad = await sf(['eca', 'audit', '--result-format', 'yaml'], root);
  assert.equal(bad.code, 2, bad.stdout + bad.stderr);
  // A control the team requires, made an error: the same finding fails the pipeline (exit 1).
  assert.equal(md.code, 0);
  const strict = await sf(['eca', 'audit', '--severity', 'ip-relaxation-bypass=error'], root);
  assert.equal(strict.code, 1, strict.stdout + strict.stderr);
  assert.match(strict.stdout, /error ip-relaxation-bypass/);
  const wrong = await sf(['eca', 'audit', '--severity', 'ip-relaxation-bypass=fatal'], root);
  assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
});

test('sf eca verify: --help names the flags; -o <alias> asks the org (check-only) and says what eca-check verify says', async () => {
  const help = await sf(['eca', 'verify', '--help'], HOME);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /Ask an org whether it would accept the External Client App files it receives/);
  for (const flag of ['-o, --target-org=<value>', '-d, --source-dir=<value>...', '-r, --result-format=<option>', '--json']) assert.ok(help.stdout.includes(flag), `--help lists ${flag}:\n${help.stdout}`);

  // A sandbox with the run-as user and the permission set the held-out sfp project's uat/ files name.
  const uat = await startOrgSim({ components: [], orgKind: 'sandbox', users: [{ Username: 'integration.booking@acme.example.com.uat', IsActive: true }], permissionSets: ['Booking_Integration'] });
  try {
    await loginToSim(uat, 'uat');
    const root = tree({});
    cpSync(join(REPO, 'test', 'fixtures', 'verify', 'sfp-aliasfy'), root, { recursive: true });
    const before = hashTree(root);
    const s = await sf(['eca', 'verify', '-o', 'uat', '--json'], root);
    const c = await cli(['verify', '--target-org', 'uat', '--format', 'json'], root);
    assert.equal(s.code, c.code, s.stdout + s.stderr);
    const env = envelope(s);
    assert.equal(env.status, c.code);
    // One engine: the same answer, but for the id of each check-only deploy.
    const noId = (r: Record<string, unknown>) => ({ ...r, deploy: r.deploy ? { ...(r.deploy as object), id: '' } : undefined });
    assert.deepEqual(noId(env.result as Record<string, unknown>), noId(JSON.parse(c.stdout)));
    const result = env.result as { org: { kind: string; environment: string }; verified: { file: string }[]; deploy?: { checkOnly: boolean } };
    assert.deepEqual([result.org.kind, result.org.environment], ['sandbox', 'uat']);
    assert.ok(result.verified.some((v) => v.file.includes('/uat/')), JSON.stringify(result.verified));
    assertEvery(uat.deploys, (d) => d.options.checkOnly === 'true', 'every deploy that reached the org was check-only');
    assert.ok(uat.deploys.length >= 2, 'both front ends asked the org');
    assert.equal(hashTree(root), before, 'nothing written');
    // An org sf has no login for: sf's own error, before anything reaches an org.
    const unknown = await sf(['eca', 'verify', '-o', 'NoSuchOrg', '--json'], root);
    assert.notEqual(unknown.code, 0);
    assert.match(String(envelope(unknown).message), /NoSuchOrg/);
  } finally {
    await uat.close();
  }
});

test('sf started no background update (its claim file would be in the cache folder)', () => {
  const cache = join(HOME, '.cache', 'sf');
  assert.ok(!existsSync(join(cache, 'autoupdate')), `sf claimed an autoupdate: ${existsSync(cache) ? readdirSync(cache).join(', ') : ''}`);
});
