// `npm run bench`: a synthetic SFDX repository (default 100,000 files, ~2% ECA files: mixed types,
// some invalid, an aliasfy policies tree), then
//   (a) cold full check (the CLI engine, in process) vs bare fast-xml-parser on the same files;
//   (b) p50/p95 didChange → publishDiagnostics over the LSP wire with the big workspace loaded;
//   (c) the server's peak RSS (VmHWM).
// Usage: node scripts/bench.mjs [--files N] [--edits N] [--keep]
// The generated repository is removed at the end unless --keep (then the next run reuses it).
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { XMLParser } = require('fast-xml-parser');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const TOTAL = arg('files', 100000);
const EDITS = arg('edits', 300);
// Pause between edits: 10 ms is 100 keystrokes a second, faster than anyone types. Edits closer
// than the server's 4 ms burst window are coalesced on purpose (see server.ts), which is not the
// latency a person at the keyboard sees.
const INTERVAL = arg('interval', 10);
const ROOT = join(tmpdir(), `eca-bench-${TOTAL}`);
const NS = 'http://soap.sforce.com/2006/04/metadata';

function write(rel, text) {
  const p = join(ROOT, rel);
  mkdirSync(p.slice(0, p.lastIndexOf('/')), { recursive: true });
  writeFileSync(p, text);
}
const xml = (root, body) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;

function generate() {
  if (existsSync(join(ROOT, '.complete'))) return;
  rmSync(ROOT, { recursive: true, force: true });
  const ecaCount = Math.max(10, Math.round(TOTAL * 0.02));
  const apps = Math.floor(ecaCount / 8);
  const pkgs = 20;
  const dirs = [];
  for (let k = 0; k < pkgs; k++) dirs.push({ path: `packages/pkg${k}`, package: `pkg${k}`, versionNumber: '1.0.0.NEXT', type: k % 2 ? 'source' : 'unlocked' });
  dirs.push({ path: 'packages/eca-policies', package: 'eca-policies', versionNumber: '1.0.0.NEXT', type: 'source', aliasfy: true });
  write('sfdx-project.json', JSON.stringify({ packageDirectories: dirs, sourceApiVersion: '64.0' }, null, 2));
  write('.forceignore', '**/jsconfig.json\n**/.eslintrc.json\n');
  let files = 2;
  let ecaFiles = 0;
  for (let a = 0; a < apps; a++) {
    const pkg = `packages/pkg${a % pkgs}/main/default`;
    const name = `App${a}`;
    const packaged = a % 2 === 0;
    const broken = a % 10 === 0;
    write(`${pkg}/externalClientApps/${name}.eca-meta.xml`, xml('ExternalClientApplication', `    <contactEmail>admin${a}@example.com</contactEmail>\n    <distributionState>${broken ? 'Packageable' : packaged ? 'Packaged' : 'Local'}</distributionState>\n    <isProtected>false</isProtected>\n    <label>${name}</label>\n`));
    write(`${pkg}/extlClntAppOauthSettings/${name}_oauth.ecaOauth-meta.xml`, xml('ExtlClntAppOauthSettings', `    <commaSeparatedOauthScopes>${broken ? 'api, refresh_token' : 'Api, RefreshToken, OpenID'}</commaSeparatedOauthScopes>\n    <externalClientApplication>${name}</externalClientApplication>\n    <label>${name}_oauth</label>\n${a % 7 === 0 ? '' : '    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n'}`));
    write(`${pkg}/extlClntAppPolicies/${name}_plcy.ecaPlcy-meta.xml`, xml('ExtlClntAppConfigurablePolicies', `    <externalClientApplication>${name}</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>${broken ? 'True' : 'true'}</isOauthPluginEnabled>\n    <label>${name}_plcy</label>\n    <startPage>None</startPage>\n`));
    if (!packaged) write(`${pkg}/extlClntAppGlobalOauthSets/${name}_glbloauth.ecaGlblOauth-meta.xml`, xml('ExtlClntAppGlobalOauthSettings', `    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>${name}</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n    <label>${name}_glbloauth</label>\n`));
    ecaFiles += packaged ? 3 : 4;
    files += packaged ? 3 : 4;
    for (const env of ['default', 'uat', 'prod', 'sit']) {
      if (ecaFiles >= ecaCount) break;
      const cc = env !== 'default';
      write(`packages/eca-policies/${env}/extlClntAppOauthPolicies/${name}_oauthPlcy.ecaOauthPlcy-meta.xml`, xml('ExtlClntAppOauthConfigurablePolicies', `${cc ? `    <clientCredentialsFlowUser>integration@acme.com.${env}</clientCredentialsFlowUser>\n` : ''}    <externalClientApplication>${name}</externalClientApplication>\n    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n    <isClientCredentialsFlowEnabled>${cc}</isClientCredentialsFlowEnabled>\n    <label>${name}_oauthPlcy</label>\n    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>\n    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n    <requiredSessionLevel>STANDARD</requiredSessionLevel>\n`));
      ecaFiles++;
      files++;
    }
  }
  // The other ~98%: Apex classes, custom fields, LWC bundles — what a real repository is mostly made of.
  let i = 0;
  while (files < TOTAL) {
    const pkg = `packages/pkg${i % pkgs}/main/default`;
    switch (i % 4) {
      case 0: write(`${pkg}/classes/Cls${i}.cls`, `public with sharing class Cls${i} {\n    public static Integer run() { return ${i}; }\n}\n`); break;
      case 1: write(`${pkg}/classes/Cls${i - 1}.cls-meta.xml`, xml('ApexClass', '    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n')); break;
      case 2: write(`${pkg}/objects/Obj${i % 300}__c/fields/F${i}__c.field-meta.xml`, xml('CustomField', `    <fullName>F${i}__c</fullName>\n    <label>F${i}</label>\n    <type>Text</type>\n    <length>80</length>\n`)); break;
      default: write(`${pkg}/lwc/cmp${i}/cmp${i}.js`, `import { LightningElement } from 'lwc';\nexport default class Cmp${i} extends LightningElement {}\n`);
    }
    files++;
    i++;
  }
  writeFileSync(join(ROOT, '.complete'), String(files));
}

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

async function main() {
  const t0 = performance.now();
  generate();
  console.log(`repository: ${ROOT} (${readFileSync(join(ROOT, '.complete'), 'utf8')} files, generated/reused in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // (a) cold check vs bare parse, in one process, best of 3 each, alternating.
  const { runCheck } = require(resolve('dist/cli.js'));
  let checkMs = Infinity;
  let parseMs = Infinity;
  let walkParseMs = Infinity;
  let result;
  let ecaPaths = [];
  for (let round = 0; round < 3; round++) {
    const c0 = performance.now();
    result = runCheck([ROOT], { disabled: [], overrides: {} });
    checkMs = Math.min(checkMs, performance.now() - c0);
    if (!ecaPaths.length) ecaPaths = [...new Set(result.diagnostics.map((d) => d.path))];
    if (round === 0) {
      // The bare baseline parses every ECA file the check found; list them once, outside the timing.
      const { execFileSync } = await import('node:child_process');
      ecaPaths = execFileSync('find', [ROOT, '-name', '*-meta.xml', '-path', '*/ext*'], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n')
        .concat(execFileSync('find', [ROOT, '-name', '*.eca-meta.xml'], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n'))
        .filter((p) => /\.eca[A-Za-z]*-meta\.xml$/.test(p));
      ecaPaths = [...new Set(ecaPaths)];
    }
    const parser = new XMLParser({ ignoreAttributes: false });
    const p0 = performance.now();
    for (const p of ecaPaths) parser.parse(readFileSync(p, 'utf8'));
    parseMs = Math.min(parseMs, performance.now() - p0);
    // The issue-26 baseline: a bare walk of the whole tree (readdir, no filters but .git and
    // node_modules) that parses every ECA file it meets with fast-xml-parser.
    const w0 = performance.now();
    const stack = [ROOT];
    while (stack.length) {
      const dir = stack.pop();
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) { if (e.name !== '.git' && e.name !== 'node_modules') stack.push(join(dir, e.name)); }
        else if (/\.eca[A-Za-z]*-meta\.xml$/.test(e.name)) parser.parse(readFileSync(join(dir, e.name), 'utf8'));
      }
    }
    walkParseMs = Math.min(walkParseMs, performance.now() - w0);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  console.log(`(a) cold full check: ${checkMs.toFixed(0)} ms for ${result.files} ECA files (${result.diagnostics.length} diagnostics, ${errors} errors)`);
  console.log(`    bare fast-xml-parser read+parse of the same ${ecaPaths.length} files: ${parseMs.toFixed(0)} ms  → ratio ${(checkMs / parseMs).toFixed(2)}×`);
  console.log(`    bare walk of the tree + fast-xml-parser parse of its ECA files: ${walkParseMs.toFixed(0)} ms  → ratio ${(checkMs / walkParseMs).toFixed(2)}× (bar: 1.5×)`);

  // (b) + (c): the built server over stdio.
  const proc = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const logs = [];
  const waiting = new Map();
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.version);
    if (w) { waiting.delete(p.version); w(); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = pathToFileURL(ROOT).toString();
  const s0 = performance.now();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
  // The server process is up (loaded, answering): what follows is its scan, not its start-up.
  const readyMs = performance.now() - s0;
  await conn.sendNotification('initialized', {});
  // First diagnostics of an open file must not wait for the scan.
  const file = join(ROOT, 'packages/eca-policies/uat/extlClntAppOauthPolicies/App1_oauthPlcy.ecaOauthPlcy-meta.xml');
  const text = readFileSync(file, 'utf8');
  const fileUri = pathToFileURL(file).toString();
  const firstDiag = new Promise((r) => waiting.set(1, r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'xml', version: 1, text } });
  await firstDiag;
  const firstMs = performance.now() - s0;
  while (!logs.some((l) => l.startsWith('indexed '))) await new Promise((r) => setTimeout(r, 2));
  const scanMs = performance.now() - s0;
  // Every ECA file's diagnostics published (workspace scope): the server's whole-workspace check.
  while (!logs.some((l) => l.startsWith('workspace diagnostics '))) await new Promise((r) => setTimeout(r, 2));
  const workspaceMs = performance.now() - s0;
  const lat = [];
  for (let v = 2; v < EDITS + 2; v++) {
    const next = text.replace('<refreshTokenValidityPeriod>365<', `<refreshTokenValidityPeriod>${v % 2 ? 'x' : '365'}<`);
    const done = new Promise((r) => waiting.set(v, r));
    const e0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: fileUri, version: v }, contentChanges: [{ text: next }] });
    await done;
    lat.push(performance.now() - e0);
    if (INTERVAL) await new Promise((r) => setTimeout(r, INTERVAL));
  }
  lat.sort((a, b) => a - b);
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  console.log(`(b) server: first diagnostics of an open file ${firstMs.toFixed(0)} ms after initialize; workspace indexed in ${scanMs.toFixed(0)} ms (${logs.find((l) => l.startsWith('indexed '))})`);
  console.log(`    server up ${readyMs.toFixed(0)} ms after spawn; from then: indexed ${(scanMs - readyMs).toFixed(0)} ms (${((scanMs - readyMs) / checkMs).toFixed(2)}× the cold check), every file's diagnostics published ${(workspaceMs - readyMs).toFixed(0)} ms (${((workspaceMs - readyMs) / checkMs).toFixed(2)}×)`);
  console.log(`    didChange → publishDiagnostics over ${lat.length} edits ${INTERVAL} ms apart: p50 ${percentile(lat, 0.5).toFixed(2)} ms, p95 ${percentile(lat, 0.95).toFixed(2)} ms, max ${lat[lat.length - 1].toFixed(2)} ms`);
  console.log(`(c) server peak RSS ${hwm.toFixed(0)} MB (current ${rss.toFixed(0)} MB)`);
  console.log('BENCH_JSON ' + JSON.stringify({
    files: Number(readFileSync(join(ROOT, '.complete'), 'utf8')), ecaFiles: result.files, checkMs: Math.round(checkMs), bareParseMs: Math.round(parseMs), walkParseMs: Math.round(walkParseMs),
    firstDiagMs: Math.round(firstMs), scanMs: Math.round(scanMs), readyMs: Math.round(readyMs), workspaceDiagMs: Math.round(workspaceMs), p50: +percentile(lat, 0.5).toFixed(2), p95: +percentile(lat, 0.95).toFixed(2), peakRssMb: Math.round(hwm),
    cliRssMb: Math.round(process.memoryUsage().rss / 1048576),
  }));
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  setTimeout(() => proc.kill(), 500).unref();
  conn.dispose();
}

const KEEP = process.argv.includes('--keep');
const cleanup = () => { if (!KEEP) rmSync(ROOT, { recursive: true, force: true }); };
main().then(cleanup, (e) => { cleanup(); console.error(e); process.exit(1); });
