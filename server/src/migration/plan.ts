// Connected App → External Client App: the planner. It reads one ConnectedApp file, runs the
// mapper (mapper.ts, one section mapper per part of the file), lays the result out for the chosen
// deployment pattern (layout.ts), runs our own checks on what it would write, renders the report
// (report.ts) and redacts any secret that slipped through (redaction.ts). No I/O: the caller passes
// the project's files in and applies the plan (io.ts, the language server's eca/migrate/plan).
// Consumer keys and secrets are never copied.
import { checkFile, createProjectModel, type ProjectModel } from '../engine';
import { checkProjectRules } from '../engine/project/projectRules';
import { NODE_FS, normalize, parseSfdxProject, type ProjectFs } from '../engine/project/model';
import type { EngineDiagnostic } from '../engine/types';
import { readConnectedApp } from './connectedApp';
import { FILE_TYPES, type FileKind } from './mapping';
import { renderMetadata, type XmlField } from '../engine/xml/write';
import { addPostDeploymentScript, enclosingPackage } from './sfdx';
import { bootstrapApex, bootstrapScriptNames, bootstrapShell, isBootstrapOf, SCRIPT_SAFE_USERNAME, type BootstrapComponent, type BootstrapInput } from '../engine/authoring/bootstrap';
import { kebab } from '../engine/authoring/source';
import { renderReport } from './report';
import { relativeTo, type MigrationPattern } from './patterns';
import { joinPath, pathOf } from './layout';
import { typeOf } from './state';
import { Migration } from './mapper';
import { redactSecrets } from './redaction';
import type {
  CheckResult, ConnectedAppAnalysis, HeldComponent, MigrationOptions, MigrationPlan, MigrationRefusal, MigrationResult, Placement, PlannedEdit, PlannedFile,
} from './types';

export { PATTERNS, isPattern, relativeTo, type MigrationPattern } from './patterns';
export { ecaApiName } from './layout';

function overlayFs(base: ProjectFs, planned: Map<string, string>): ProjectFs {
  const dirs = new Map<string, Set<string>>();
  for (const p of planned.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length - 1; i++) {
      const parent = parts.slice(0, i).join('/') || '/';
      (dirs.get(parent) ?? dirs.set(parent, new Set()).get(parent)!).add(parts[i]);
    }
  }
  return {
    exists: (p) => planned.has(normalize(p)) || dirs.has(normalize(p)) || base.exists(p),
    listDirs: (p) => [...new Set([...base.listDirs(p), ...(dirs.get(normalize(p)) ?? [])])],
    readText: (p) => planned.get(normalize(p)) ?? base.readText(p),
  };
}

function modelFor(opts: MigrationOptions, fs: ProjectFs, sfdxText: string | null | undefined, files: Map<string, string>): ProjectModel {
  const m = createProjectModel(opts.projectRoot, { fs, sfdxProject: sfdxText, forceignore: opts.forceignore });
  for (const f of opts.projectFiles ?? []) if (!files.has(normalize(f.path))) m.update(f.path, f.text);
  for (const c of opts.projectComponents ?? []) if (!files.has(c.path)) m.adopt(c);
  for (const [p, t] of files) m.update(p, t);
  return m;
}

/** The mapping outcome of every element, without laying out files or running checks (cheap: for hovers and diagnostics). */
export function analyzeConnectedApp(path: string, text: string, pattern: MigrationPattern = 'local'): ConnectedAppAnalysis | MigrationRefusal {
  const read = readConnectedApp(normalize(path), text);
  if (!read.ok) return { ok: false, source: normalize(path), error: read.error, range: read.range };
  const mig = new Migration(read.app, { pattern, projectRoot: '/', packageDir: '/' });
  mig.run();
  return { ok: true, doc: read.app, name: mig.name, blockers: mig.blockers, warnings: mig.warnings, outcome: (n) => mig.outcomeOf(n) };
}

const diagKey = (d: EngineDiagnostic) => `${d.code}|${d.path}|${d.message}`;

/** Plan the migration of one Connected App file. Never throws on bad input: it refuses instead. */
export function planMigration(path: string, text: string, opts: MigrationOptions): MigrationResult {
  const source = normalize(path);
  const read = readConnectedApp(source, text);
  if (!read.ok) return { ok: false, source, error: read.error, range: read.range };
  const projectRoot = normalize(opts.projectRoot);
  const packageDir = normalize(opts.packageDir);
  opts = { ...opts, projectRoot, packageDir };
  const mig = new Migration(read.app, opts);
  mig.run();
  for (const w of read.app.warnings) mig.warnings.push({ code: 'input', message: w });

  const N = mig.name;
  const pattern = opts.pattern;
  const baseFs = opts.fs ?? NODE_FS;
  const sfdxPath = joinPath(projectRoot, 'sfdx-project.json');
  const sfdxText = opts.sfdxProject ?? null;
  const pkg = sfdxText !== null ? enclosingPackage(sfdxText, sfdxPath, packageDir) : undefined;
  const rel = (p: string) => relativeTo(projectRoot, p);

  // Which component goes where.
  const placement: Partial<Record<FileKind, Placement>> = { header: 'file', policies: 'file' };
  const bootstrap = pattern === '2' && mig.hasOauth;
  if (mig.hasOauth) {
    placement.oauth = pattern === '1' ? 'devhub' : pattern === '2' ? 'bootstrap' : 'file';
    placement.globalOauth = pattern === '1' ? 'devhub' : pattern === '2' ? 'bootstrap' : 'file';
    placement.oauthPolicies = pattern === '1' ? 'report' : pattern === '2' ? 'bootstrap' : 'file';
  }
  if (pattern === '1') placement.policies = 'report';
  else if (bootstrap) placement.policies = 'bootstrap';
  if (mig.hasSaml) placement.saml = pattern === '1' ? 'none' : bootstrap ? 'bootstrap' : 'file';
  if (mig.hasCanvas) placement.canvas = bootstrap ? 'bootstrap' : 'file';

  const components: Record<FileKind, XmlField[]> = {
    header: mig.header, oauth: mig.oauth, globalOauth: mig.globalOauth, policies: mig.policies,
    oauthPolicies: mig.oauthPolicies, saml: mig.saml, canvas: mig.canvas,
  };
  const order: FileKind[] = ['header', 'oauth', 'globalOauth', 'canvas', 'policies', 'oauthPolicies', 'saml'];
  const creates: PlannedFile[] = [];
  const held: HeldComponent[] = [];
  const payload: BootstrapComponent[] = [];
  const payloadFiles = new Map<string, string>();
  for (const kind of order) {
    const where = placement[kind];
    if (!where || where === 'none') continue;
    const p = pathOf(packageDir, kind, N);
    const textOf = () => renderMetadata(typeOf(kind).rootElement!, components[kind]);
    if (where === 'file') creates.push({ path: p, role: kind, text: textOf() });
    else if (where === 'bootstrap') {
      payload.push({ type: FILE_TYPES[kind].type, fullName: `${N}${FILE_TYPES[kind].nameSuffix}`, fields: components[kind] });
      payloadFiles.set(p, textOf());
    } else if (where === 'report') {
      held.push({ role: kind, path: p, text: textOf(),
        why: mig.hasOauth
          ? 'Per-org policies: they cannot be packaged and can only deploy once OAuth is enabled, i.e. after the package is installed and the OAuth settings were retrieved from the DevHub. Add them to a source package deployed after the unlocked package (with aliasfy, one copy per environment).'
          : 'Per-org policies (plugin switches, start URL): not part of the unlocked package; add them to a source package deployed after it.' });
    }
  }

  // Pattern-specific checks of the choice itself.
  const pkgName = pkg ? (pkg.name ?? pkg.rel) : undefined;
  if (sfdxText === null) {
    mig.warnings.push({ code: 'no-sfdx-project', message: 'No sfdx-project.json was found: the files are written, but sf and sfp need a project to deploy them' + (bootstrap ? ', and the bootstrap script must be registered as the package\'s postDeploymentScript by hand.' : '.') });
  } else if (!pkg && !bootstrap) {
    mig.warnings.push({ code: 'not-a-package-directory', message: `${rel(packageDir)} is not inside any packageDirectories entry of sfdx-project.json: sf will not deploy these files until it is.` });
  }
  if (pkg) {
    const unlocked = pkg.type === 'unlocked' || pkg.type === 'org-dependent' || pkg.type === 'managed';
    if (pattern === '1' && !unlocked) {
      mig.warnings.push({ code: 'package-type', message: `Pattern 1 ships a Packaged ECA in an unlocked package, but '${pkgName}' is a ${pkg.type} package.` });
    }
    if (pattern === 'local' && unlocked && mig.hasOauth) {
      mig.blockers.push({ code: 'package-type', message: `The local flow deploys OAuth settings without an oauthLink next to their global OAuth settings; that only works outside an unlocked package, and '${pkgName}' is ${pkg.type}. Pick a source package directory, or pattern 1.` });
    } else if (pattern !== '1' && unlocked) {
      mig.warnings.push({ code: 'package-type', message: `A Local ECA in the ${pkg.type} package '${pkgName}' is not replicated to sandboxes on refresh; pattern 2 and the local flow expect a source package.` });
    }
  }
  if (pattern === 'local' && mig.hasOauth && opts.forceignore) {
    const m = modelFor(opts, baseFs, sfdxText, new Map());
    if (m.isIgnored(pathOf(packageDir, 'globalOauth', N))) {
      mig.blockers.push({ code: 'global-oauth-ignored', message: '.forceignore excludes the global OAuth settings, but the local flow deploys them to create the OAuth consumer: without them the OAuth settings arrive without an oauthLink and break the OAuth plugin. Deploy them explicitly once, or choose pattern 2.' });
    }
  }

  // Pattern 2: the bootstrap and its registration.
  const edits: PlannedEdit[] = [];
  let sfdxAfter = sfdxText;
  let scriptRel: string | undefined;
  let scriptNote: string | undefined;
  if (bootstrap) {
    // The engine's one naming, as New External Client App names it (a re-run keeps this app's own
    // script, and applying refuses to overwrite it); both taken: the app's name, refused the same way.
    const registered = sfdxText === null ? [] : parseSfdxProject(sfdxPath, sfdxText).packageDirs.flatMap((p) => [p.postDeploymentScript, p.preDeploymentScript]);
    const at = (r: string) => joinPath(projectRoot, r);
    const names = bootstrapScriptNames(N, (r) => baseFs.exists(at(r)), registered, (r) => baseFs.exists(at(r)) && isBootstrapOf(N, baseFs.readText(at(r))))
      ?? { sh: `scripts/bootstrap-${kebab(N)}-oauth.sh`, apex: `scripts/bootstrap-${kebab(N)}-oauth.apex` };
    scriptRel = names.sh;
    const apexRel = names.apex;
    const apiVersion = (() => {
      const m = sfdxText ? /"sourceApiVersion"\s*:\s*"(\d+)\.0"/.exec(sfdxText) : null;
      const v = m ? Number(m[1]) : 64;
      return `${Math.max(v < 60 ? 64 : v, mig.hasCanvas ? 66 : 0)}.0`;
    })();
    const ccUser = mig.clientCredentialsUser;
    const input: BootstrapInput = {
      app: N, apiVersion, apexFile: apexRel.slice(apexRel.lastIndexOf('/') + 1), components: payload,
      clientCredentials: mig.clientCredentialsOn,
      defaultRunAsUser: ccUser && SCRIPT_SAFE_USERNAME.test(ccUser) ? ccUser : '',
      origin: `from the Connected App ${rel(source)}`,
      packageName: pkgName,
    };
    if (mig.clientCredentialsOn && ccUser && !input.defaultRunAsUser) {
      mig.warnings.push({ code: 'run-as-user-script', message: `The run-as user '${ccUser}' contains characters the bootstrap script does not pass through; set ECA_RUN_AS_USER when running it.` });
    }
    creates.push({ path: joinPath(projectRoot, scriptRel), role: 'script', text: bootstrapShell(input), executable: true });
    creates.push({ path: joinPath(projectRoot, apexRel), role: 'apex', text: bootstrapApex(input) });
    if (sfdxText === null) {
      scriptNote = `Register ${scriptRel} as the postDeploymentScript of the package that deploys ${rel(packageDir)} (there is no sfdx-project.json to edit).`;
    } else {
      const r = addPostDeploymentScript(sfdxText, sfdxPath, packageDir, rel(packageDir), scriptRel, packageDir.slice(packageDir.lastIndexOf('/') + 1));
      if (r.action === 'set' || r.action === 'appended') {
        sfdxAfter = r.text;
        edits.push({ path: sfdxPath, original: sfdxText, text: r.text, edits: r.edits,
          what: r.action === 'set' ? `postDeploymentScript "${scriptRel}" on the package '${r.entry}'` : `a source package '${r.entry}' for ${rel(packageDir)} with postDeploymentScript "${scriptRel}"` });
      } else if (r.action === 'conflict') {
        scriptNote = `The package '${r.entry}' already runs ${r.existing} after deploying; sfp runs one postDeploymentScript per package, so call ${scriptRel} "$@" from ${r.existing} (sfdx-project.json was not changed).`;
        mig.warnings.push({ code: 'post-deploy-script-taken', message: scriptNote });
      } else if (r.action === 'unparsable') {
        scriptNote = `sfdx-project.json could not be read (${r.message}); register ${scriptRel} as the postDeploymentScript by hand.`;
        mig.warnings.push({ code: 'sfdx-project-unreadable', message: scriptNote });
      }
    }
  }

  // Paths the project's .forceignore hides would never deploy.
  if (opts.forceignore) {
    const m = modelFor(opts, baseFs, sfdxText, new Map());
    for (const f of creates) {
      if ((f.role !== 'script' && f.role !== 'apex') && m.isIgnored(f.path) && !(f.role === 'globalOauth' && mig.blockers.some((b) => b.code === 'global-oauth-ignored'))) {
        mig.warnings.push({ code: 'forceignored', message: `${rel(f.path)} is excluded by .forceignore and would not deploy.` });
      }
    }
  }

  // Our own checks on what would be written (and on the bootstrap payload).
  const checks: CheckResult[] = [];
  const ecaFiles = new Map(creates.filter((f) => f.role !== 'script' && f.role !== 'apex' && f.role !== 'report').map((f) => [f.path, f.text]));
  const allPlanned = new Map(creates.map((f) => [f.path, f.text]));
  const fsAfter = overlayFs(baseFs, allPlanned);
  const baseline = new Set(checkProjectRules(modelFor(opts, baseFs, sfdxText, new Map())).map(diagKey));
  const after = modelFor(opts, fsAfter, sfdxAfter, ecaFiles);
  const push = (d: EngineDiagnostic, payloadCheck = false) => checks.push({ path: d.path, line: d.range.start.line + 1, character: d.range.start.character + 1, code: d.code, severity: d.severity, message: d.message, payload: payloadCheck || undefined });
  for (const [p, t] of ecaFiles) for (const d of checkFile(p, t, after)) push(d);
  for (const d of checkProjectRules(after)) if (!baseline.has(diagKey(d))) push(d);
  if (payloadFiles.size) {
    // As the org sees them once the bootstrap ran: header + payload together.
    const withPayload = modelFor(opts, fsAfter, sfdxAfter, new Map([...ecaFiles, ...payloadFiles]));
    for (const [p, t] of payloadFiles) for (const d of checkFile(p, t, withPayload)) push(d, true);
  }
  for (const c of checks) {
    // A second file for a component that already deploys from the same place is a warning for a
    // user's repository (no platform rejection seen), but the migration never writes one.
    if (c.severity === 'error' || c.code === 'duplicate-component') mig.blockers.push({ code: 'check-failed', message: `Our check ${c.code} fails on ${c.payload ? 'the bootstrap payload for ' : ''}${rel(c.path)}:${c.line}: ${c.message}` });
  }

  // Pattern 1: what to enter on the DevHub.
  const devHubSettings: { setting: string; value: string }[] = [];
  if (pattern === '1' && mig.hasOauth) {
    const show = (fields: XmlField[], prefix = '') => {
      for (const f of fields) {
        if (f.name === 'externalClientApplication' || f.name === 'label') continue;
        if ('children' in f) show(f.children, `${prefix}${f.name}.`);
        else devHubSettings.push({ setting: `${prefix}${f.name}`, value: /certificate/i.test(f.name) ? '(the certificate from the Connected App\'s oauthConfig/certificate)' : f.value });
      }
    };
    show(mig.globalOauth);
    show(mig.oauth);
  }

  const whereText = (kind: FileKind, field: string): string => {
    const t = FILE_TYPES[kind];
    const f = field ? `\`${field}\`` : '';
    switch (placement[kind]) {
      case 'file': return `${f} in ${rel(pathOf(packageDir, kind, N))}`;
      case 'bootstrap': return `${f} of ${t.type} (bootstrap)`;
      case 'devhub': return `${f} of ${t.type} (set on the DevHub)`;
      case 'report': return `${f} of ${t.type} (policies in this report)`;
      default: return '—';
    }
  };
  const rows = mig.rows(placement, whereText);

  const conflicts: string[] = [];
  const exists = (p: string) => baseFs.exists(p);
  if (opts.reportPath) creates.push({ path: normalize(opts.reportPath), role: 'report', text: '' });
  for (const f of creates) if (exists(f.path)) conflicts.push(f.path);
  // Two planned files on one path (e.g. the report named like an ECA file) would overwrite each other.
  const seenPaths = new Set<string>();
  for (const f of creates) { if (seenPaths.has(f.path)) conflicts.push(f.path); seenPaths.add(f.path); }

  const plan: MigrationPlan = {
    ok: true, source, name: N, label: mig.displayLabel, pattern, projectRoot, packageDir,
    creates, edits, conflicts, placement, held, devHubSettings,
    blockers: mig.blockers, warnings: mig.warnings, defaults: mig.defaults, steps: [], rows, checks, report: '',
  };
  plan.steps = stepsFor(plan, mig, { scriptRel, scriptNote, pkgName });
  plan.report = renderReport(plan);
  const reportFile = creates.find((f) => f.role === 'report');
  if (reportFile) reportFile.text = plan.report;
  redactSecrets(plan, mig.secrets);
  return plan;
}

function stepsFor(plan: MigrationPlan, mig: Migration, x: { scriptRel?: string; scriptNote?: string; pkgName?: string }): string[] {
  const N = plan.name;
  const rel = (p: string) => relativeTo(plan.projectRoot, p);
  const steps: string[] = [];
  if (plan.blockers.length) steps.push(`Resolve the ${plan.blockers.length} blocker(s) above first: the files below leave out what is blocked.`);
  if (mig.hasOauth) {
    steps.push('Confirm that no caller uses the OAuth username-password flow: External Client Apps do not support it (Salesforce\'s own "Migrate" button asks the same). Move such callers to the web server flow with PKCE, the JWT bearer flow or the client credentials flow.');
  }
  if (plan.pattern === '1') {
    if (mig.hasOauth) {
      steps.push(`On the DevHub (Setup → External Client App Manager → New External Client App), create the app with the API name **${N}**, enable OAuth and enter the values listed under "Settings to enter on the DevHub" (callback URL, scopes, flow switches${mig.clientCredentialsOn ? ', client credentials' : ''}). Do not reuse the Connected App's consumer key. (Alternative, inferred: deploy \`migrate --pattern local\` output to the DevHub instead of clicking.)`);
      steps.push(`Retrieve the ECA and its OAuth settings, which now carry the platform-generated oauthLink: \`node dist/cli.js retrieve --target-org <devhub> --eca ${N}\` or the command "ECA: Retrieve External Client App from DevHub". Keep the retrieved header Packaged, commit both files in ${rel(plan.packageDir)}.`);
      steps.push('If you deployed the ECA to the DevHub from source, delete that source-deployed ECA there (the package recreates it on install), then build and install the unlocked package, DevHub first.');
      steps.push('Add the per-org policies from "Policies held back" to a source package installed after the unlocked package (with aliasfy: one copy per environment; keep client credentials off in default/).');
    } else {
      steps.push('Build and install the unlocked package. The per-org policies in "Policies held back" go into a source package installed after it.');
    }
  } else if (plan.pattern === '2' && x.scriptRel) {
    steps.push(x.scriptNote ?? `sfp runs ${x.scriptRel} after deploying '${x.pkgName ?? rel(plan.packageDir)}' (postDeploymentScript); it creates the OAuth consumer, settings and policies on each org.`);
    steps.push(`Make the script executable if your tool did not (\`chmod +x ${x.scriptRel}\`) and commit it with ${x.scriptRel.replace(/\.sh$/, '.apex')}.`);
    if (mig.clientCredentialsOn) steps.push(`Set ECA_RUN_AS_USER to the client credentials run-as user (an API-only user) of each target org in the pipeline that runs sfp${mig.clientCredentialsUser ? ` (the default ${mig.clientCredentialsUser} exists in one org only)` : ''}; without it the flow stays off in that org's OAuth policies.`);
    steps.push('The Apex calls the org\'s own Metadata API: the script deploys a Remote Site Setting for the org\'s My Domain URL first (set ECA_SKIP_REMOTE_SITE=1 if the org has one).');
  } else {
    steps.push(`Deploy ${rel(plan.packageDir)} to the org that held the Connected App (\`sf project deploy start --source-dir ${rel(plan.packageDir)}\`).`);
    if (mig.hasOauth) {
      steps.push('The global OAuth settings hold no consumer key or secret: the platform generates new ones on deploy. After the first deploy, retrieve the OAuth settings (they then carry an oauthLink) and consider adding `**/*.ecaGlblOauth-meta.xml` to .forceignore.');
      steps.push('Per-org OAuth policies deploy in the same deploy as the OAuth consumer (inferred: the documented local flow deploys header, OAuth settings and global OAuth settings; if the deploy reports "The OAuth settings are missing for this external client app", deploy the policies in a second deploy).');
    }
  }
  if (mig.hasOauth) {
    steps.push(`Give every caller of the Connected App the ECA's **new consumer key and secret** (Setup → External Client App Manager → ${N} → Settings → OAuth Settings → Consumer Key and Secret${plan.pattern === '2' ? ', in each org' : ''}). The Connected App's key was not copied: keys are globally unique and set at creation.`);
    if (mig.clientCredentialsOn && !mig.clientCredentialsUser) steps.push('Name the client credentials run-as user (clientCredentialsFlowUser, an API-only user) for each org and switch isClientCredentialsFlowEnabled on in the OAuth policies.');
    if (plan.rows.some((r) => r.setting === 'profileName' || r.setting === 'permissionSetName')) steps.push('Check the permitted profiles and permission sets in Setup after the first deploy: the docs do not say whether commaSeparatedProfile/commaSeparatedPermissionSet take names or IDs (names were written).');
  }
  if (mig.hasCanvas) steps.push('Install the canvas ECA in each org where the canvas app is used, and check where it appears.');
  steps.push(`Retire the Connected App once every caller uses the ECA: revoke its tokens and block or delete it in Setup (App Manager), then delete ${rel(plan.source)} and deploy the deletion (destructive changes). The migration never touches the Connected App file. Note: for an app that already lives in an org, Setup's "Migrate to External Client App" button (App Manager) is Salesforce's own alternative.`);
  return steps;
}
