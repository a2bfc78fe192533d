// Quick fixes never make a file worse (issue 17.5). Over the LSP wire, against the built server:
// every quick fix the engine offers on held-out broken projects (written here, not the rule
// table's fixtures) is applied to a fresh copy of the workspace, which a fresh server then checks.
// The diagnostic it fixes must be gone (one fewer of its code on that file) and no error may
// appear that was not there before, in any ECA file of the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LspClient, uriOf, type Diag } from '../helpers/lspClient';
import { eca, tempTree } from '../helpers/fs';
import { RULE_BY_ID } from '../../server/src/engine';

type Files = Record<string, string>;
interface TextEdit { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }
type Change = { textDocument: { uri: string }; edits: TextEdit[] } | { kind: 'create'; uri: string } | { kind: 'rename'; oldUri: string; newUri: string };
interface Action { title: string; edit?: { documentChanges: Change[] }; command?: unknown }

const sfdx = (dirs: object[]) => JSON.stringify({ packageDirectories: dirs, sourceApiVersion: '64.0' }, null, 2) + '\n';
const checked = (rel: string) => rel.endsWith('-meta.xml') || rel === 'sfdx-project.json';

/** Held-out broken projects: each file breaks one or more rules that offer a fix. */
const CASES: { name: string; files: Files; productionAliases?: string[] }[] = [
  { name: 'one app, many single-file mistakes', files: {
    'sfdx-project.json': sfdx([{ path: 'force-app', default: true }]),
    'force-app/main/default/externalClientApps/Billing.eca-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication>\n    <contactEmail>ops@example.org</contactEmail>\n    <distributionState>local</distributionState>\n    <label>Billing</label>\n    <label>Billing again</label>\n</ExternalClientApplication>\n',
    // The known bad case: a stray Connected App <scopes> beside commaSeparatedOauthScopes.
    'force-app/main/default/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <commaSeparatedOauthScopes>Api, refresh_token, OpenID</commaSeparatedOauthScopes>\n    <externalClientApplication>Billing</externalClientApplication>\n    <scopes>Web</scopes>\n'),
    'force-app/main/default/extlClntAppGlobalOauthSets/Billing_glbloauth.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings', '    <callbackUrl>https://billing.example.org/oauth</callbackUrl>\n    <consumerKey>3MVG9_heldout_key</consumerKey>\n    <externalClientApplication>Billing</externalClientApplication>\n    <isPkceRequired>false</isPkceRequired>\n    <isRefreshTokenRotationEnabled>false</isRefreshTokenRotationEnabled>\n'),
    'force-app/main/default/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Billing</externalClientApplication>\n    <isClientCredentialsFlowEnabled>yes</isClientCredentialsFlowEnabled>\n    <namedUserJwtTimeout>45</namedUserJwtTimeout>\n    <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>\n    <sessionTimeout>30</sessionTimeout>\n'),
    'force-app/main/default/extlClntAppPolicies/Billing_plcy.ecaPlcy-meta.xml': eca('ExtlClntAppConfigurablePolicies', '    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n'),
    'force-app/main/default/settings/ExternalClientApp.settings-meta.xml': eca('ExternalClientAppSettings', '    <enableConsumerSecretApiAccess>true</enableConsumerSecretApiAccess>\n'),
  } },
  { name: 'names, folders and references', files: {
    'sfdx-project.json': sfdx([{ path: 'force-app', default: true }]),
    '.forceignore': '# sf\n**/jsconfig.json',
    'force-app/main/default/externalClientApps/Portal.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Portal</label>\n'),
    'force-app/main/default/extlClntAppOauthSettings/Portal_oauth.extlClntAppOauthSettings-meta.xml': eca('ExtlClntAppOauthSettings', '    <externalClientApplication>Portal</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n'),
    'force-app/main/default/ecaPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <clientCredentialsFlowUser>svc@portal.example.org</clientCredentialsFlowUser>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>\n    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>\n'),
    'force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>Portl</externalClientApplication>\n    <isEnabled>1</isEnabled>\n'),
    'force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml': eca('ExtlClntAppGlobalOauthSettings', '    <externalClientApplication>Portal</externalClientApplication>\n'),
  } },
  { name: 'packaging patterns and sfp environments', productionAliases: ['prod'], files: {
    'sfdx-project.json': sfdx([
      { path: 'src/policies', type: 'unlocked', package: 'policies', versionNumber: '1.0.0.NEXT', aliasfy: true },
      { path: 'src/definition', package: 'definition', versionNumber: '1.0.0.NEXT', type: 'source' },
      { path: 'src/legacy', package: 'legacy', versionNumber: '1.0.0.NEXT', type: 'unlocked' },
    ]),
    'src/definition/externalClientApps/Hub.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Packaged</distributionState>\n    <label>Hub</label>\n'),
    'src/definition/extlClntAppOauthSettings/Hub_oauth.ecaOauth-meta.xml': eca('ExtlClntAppOauthSettings', '    <externalClientApplication>Hub</externalClientApplication>\n    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>\n'),
    'src/legacy/externalClientApps/Old.eca-meta.xml': eca('ExternalClientApplication', '    <distributionState>Local</distributionState>\n    <label>Old</label>\n'),
    'src/policies/uat/extlClntAppOauthPolicies/Hub_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <clientCredentialsFlowUser>svc@hub.example.org.uat</clientCredentialsFlowUser>\n    <externalClientApplication>Hub</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n'),
    'src/policies/qa/extlClntAppOauthPolicies/Hub_oauthPlcy.ecaOauthPlcy-meta.xml': eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Hub</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n'),
    'src/policies/qa/extlClntAppPolicies/Hub_plcy.ecaPlcy-meta.xml': eca('ExtlClntAppConfigurablePolicies', '    <externalClientApplication>Hub</externalClientApplication>\n    <isEnabled>true</isEnabled>\n'),
  } },
];

/** A server on `files`; every checked file opened; resolves with each file's settled diagnostics. */
async function diagnose(files: Files, productionAliases: string[] = []): Promise<{ root: string; client: LspClient; diags: Map<string, Diag[]> }> {
  const root = tempTree(files);
  const client = new LspClient();
  client.config = { productionAliases };
  await client.initialize(root);
  await client.indexed();
  const rels = Object.keys(files).filter(checked);
  for (const r of rels) client.open(`${root}/${r}`, files[r]);
  // Settling is an event, not a wait: a marker document, opened last, gets its project diagnostic
  // (unknown-eca) only from a project run that saw every earlier open; that run re-publishes every
  // open document in one batch, and a request answered afterwards proves the batch was sent.
  const marker = `${root}/zz-marker/extlClntAppOauthPolicies/Zz_Marker_oauthPlcy.ecaOauthPlcy-meta.xml`;
  client.open(marker, eca('ExtlClntAppOauthConfigurablePolicies', '    <externalClientApplication>Zz_Marker</externalClientApplication>\n'));
  try {
    await client.waitForDiagnostics(marker, (d) => d.some((x) => x.code === 'unknown-eca'), 20000);
  } catch (e) { await client.shutdown(); throw e; }
  await client.request('textDocument/hover', { textDocument: { uri: uriOf(marker) }, position: { line: 0, character: 0 } });
  const diags = new Map(rels.map((r) => [r, client.diagnostics.get(uriOf(`${root}/${r}`))!.diagnostics]));
  return { root, client, diags };
}

function offsetOf(text: string, pos: { line: number; character: number }): number {
  let off = 0;
  for (let l = 0; l < pos.line; l++) off = text.indexOf('\n', off) + 1;
  return off + pos.character;
}

/** Apply a WorkspaceEdit to the file map (paths relative to `root`). Returns the new map and renames. */
function applyEdit(files: Files, root: string, edit: { documentChanges: Change[] }): { files: Files; renamed: Map<string, string> } {
  const out = { ...files };
  const renamed = new Map<string, string>();
  const rel = (uri: string) => fileURLToPath(uri).replace(/\\/g, '/').slice(root.length + 1);
  for (const c of edit.documentChanges) {
    if ('kind' in c && c.kind === 'create') {
      assert.equal(out[rel(c.uri)], undefined, `create would overwrite ${rel(c.uri)}`);
      out[rel(c.uri)] = '';
    } else if ('kind' in c && c.kind === 'rename') {
      const from = rel(c.oldUri);
      const to = rel(c.newUri);
      for (const k of Object.keys(out)) {
        if (k !== from && !k.startsWith(from + '/')) continue;
        const n = to + k.slice(from.length);
        assert.equal(out[n], undefined, `rename would overwrite ${n}`);
        out[n] = out[k];
        delete out[k];
        renamed.set(k, n);
      }
    } else if ('textDocument' in c) {
      const p = rel(c.textDocument.uri);
      const text = out[p] ?? readFileSync(`${root}/${p}`, 'utf8');
      const edits = [...c.edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
      let t = text;
      for (const e of edits) t = t.slice(0, offsetOf(text, e.range.start)) + e.newText + t.slice(offsetOf(text, e.range.end));
      out[p] = t;
    }
  }
  return { files: out, renamed };
}

/**
 * Rules whose verdict an unreadable value was hiding. Fixing `<isClientCredentialsFlowEnabled>yes`
 * to `true` makes the value readable, and a rule that reads it (RuleMeta.reads) may now report
 * what was true all along (no run-as user): revealed, not introduced by the fix.
 */
function revealedBy(files: Files, file: string, d: Diag): Set<string> {
  if (d.code !== 'invalid-boolean' && d.code !== 'invalid-enum') return new Set();
  const text = files[file];
  const line = text.split('\n')[d.range.start.line] ?? '';
  const el = /<([A-Za-z]+)>/.exec(line)?.[1];
  const root = /<([A-Za-z]+)[\s>]/.exec(text.replace(/<\?xml[^>]*>/, ''))?.[1];
  const field = `${root}.${el}`;
  return new Set([...RULE_BY_ID.values()].filter((r) => r.reads?.includes(field)).map((r) => r.id));
}

const count = (ds: Diag[] | undefined, pred: (d: Diag) => boolean) => (ds ?? []).filter(pred).length;

for (const c of CASES) {
  test(`quick fixes never make a file worse: ${c.name}`, async () => {
    const before = await diagnose(c.files, c.productionAliases);
    const offers: { file: string; diag: Diag; action: Action }[] = [];
    try {
      for (const [file, ds] of before.diags) {
        for (const d of ds) {
          const actions = await before.client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf(`${before.root}/${file}`) }, range: d.range, context: { diagnostics: [d] } });
          for (const a of actions) if (a.edit) offers.push({ file, diag: d, action: a });
        }
      }
    } finally {
      await before.client.shutdown();
    }
    assert.ok(offers.length >= 6, `only ${offers.length} fixes offered: ${offers.map((o) => o.action.title).join(', ')}`);
    const problems: string[] = [];
    for (const o of offers) {
      const { files, renamed } = applyEdit(c.files, before.root, o.action.edit!);
      const after = await diagnose(files, c.productionAliases);
      await after.client.shutdown();
      const label = `${o.file} ${o.diag.code} → "${o.action.title}"`;
      const fixedFile = renamed.get(o.file) ?? o.file;
      const sameCode = (d: Diag) => d.code === o.diag.code;
      if (count(after.diags.get(fixedFile), sameCode) >= count(before.diags.get(o.file), sameCode)) {
        problems.push(`${label}: ${o.diag.code} is still there`);
      }
      const revealed = revealedBy(c.files, o.file, o.diag);
      for (const [file, ds] of after.diags) {
        // A renamed file is compared with itself; a file a fix created (a copy into another
        // environment folder) with the file it copies, which ends in the same type folder and name.
        const tail = file.split('/').slice(-2).join('/');
        const orig = [...renamed].find(([, n]) => n === file)?.[0]
          ?? (file in c.files ? file : Object.keys(c.files).find((k) => k !== file && k.endsWith('/' + tail)) ?? file);
        for (const code of new Set(ds.filter((d) => d.severity === 1).map((d) => d.code))) {
          if (revealed.has(code)) continue;
          const isErr = (d: Diag) => d.code === code && d.severity === 1;
          if (count(ds, isErr) > count(before.diags.get(orig), isErr)) problems.push(`${label}: new error ${code} in ${file}`);
        }
      }
    }
    assert.deepEqual(problems, [], `${offers.length} fixes applied`);
  });
}
