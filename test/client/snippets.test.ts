// The XML snippets (snippets/eca-xml.json): one per ECA file type and the common blocks. Each body
// is expanded the way VS Code expands it (placeholders, every choice, the file-name transform) and
// the result is checked by the real engine: no error or warning, whichever choice is taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFile, type EngineDiagnostic } from '../../server/src/engine';
import { TYPES } from '../../server/src/engine/schema';
import { RULE_BY_ID } from '../../server/src/engine/rules/catalogue';
import { modelOf, ROOT } from '../helpers/engine';
import { REPO } from '../helpers/fs';
import { assertEvery } from '../helpers/assert';

interface Snippet { prefix: string[] | string; description: string; body: string[] }
const SNIPPETS = JSON.parse(readFileSync(resolve(REPO, 'snippets/eca-xml.json'), 'utf8')) as Record<string, Snippet>;
const NS = 'http://soap.sforce.com/2006/04/metadata';

/** Expand a snippet body like VS Code: defaults, choice `pick.get(n) ?? 0`, variables and their regex transforms. */
function expand(body: string, vars: Record<string, string>, pick: Map<number, number> = new Map()): { text: string; choices: Map<number, string[]> } {
  const choices = new Map<number, string[]>();
  const parse = (i: number, inBrace: boolean): [string, number] => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) { out += body[i + 1]; i += 2; continue; }
      if (inBrace && c === '}') return [out, i];
      if (c !== '$') { out += c; i++; continue; }
      const next = body[i + 1];
      if (/[0-9]/.test(next)) { i++; while (/[0-9]/.test(body[i])) i++; continue; }
      if (/[A-Z_]/.test(next)) { let j = i + 1; while (/[A-Z_]/.test(body[j])) j++; out += vars[body.slice(i + 1, j)] ?? ''; i = j; continue; }
      assert.equal(next, '{', `unexpected $ at ${i} in ${body}`);
      let j = i + 2;
      if (/[0-9]/.test(body[j])) {
        let n = '';
        while (/[0-9]/.test(body[j])) n += body[j++];
        if (body[j] === ':') { const [inner, end] = parse(j + 1, true); out += inner; i = end + 1; continue; }
        if (body[j] === '|') {
          const end = body.indexOf('|}', j + 1);
          const list = body.slice(j + 1, end).split(/(?<!\\),/).map((s) => s.replace(/\\,/g, ','));
          choices.set(Number(n), list);
          out += list[pick.get(Number(n)) ?? 0];
          i = end + 2;
          continue;
        }
        assert.equal(body[j], '}');
        i = j + 1;
        continue;
      }
      let name = '';
      while (/[A-Z_]/.test(body[j])) name += body[j++];
      if (body[j] === '}') { out += vars[name] ?? ''; i = j + 1; continue; }
      assert.equal(body[j], '/', `transform expected in ${body}`);
      const parts: string[] = [];
      let k = j + 1;
      let cur = '';
      while (parts.length < 2) {
        if (body[k] === '\\') { cur += body[k] + body[k + 1]; k += 2; continue; }
        if (body[k] === '/') { parts.push(cur); cur = ''; k++; continue; }
        cur += body[k++];
      }
      const close = body.indexOf('}', k);
      const flags = body.slice(k, close);
      out += (vars[name] ?? '').replace(new RegExp(parts[0], flags), parts[1]);
      i = close + 1;
    }
    return [out, i];
  };
  return { text: parse(0, false)[0], choices };
}

/** Every expansion of a body: the defaults, then each choice alternative in turn. */
function variants(body: string, vars: Record<string, string>): string[] {
  const first = expand(body, vars);
  const out = [first.text];
  for (const [n, list] of first.choices) for (let k = 1; k < list.length; k++) out.push(expand(body, vars, new Map([[n, k]])).text);
  return out;
}

/** The test project: a Local ECA Acme_Portal with its global OAuth settings (the documented local-creation flow). */
const PROJECT = {
  'sfdx-project.json': '{ "packageDirectories": [ { "path": "force-app", "default": true } ] }',
  'force-app/externalClientApps/Acme_Portal.eca-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <distributionState>Local</distributionState>\n</ExternalClientApplication>\n`,
  'force-app/extlClntAppGlobalOauthSets/Acme_Portal_glbloauth.ecaGlblOauth-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppGlobalOauthSettings xmlns="${NS}">\n    <externalClientApplication>Acme_Portal</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n`,
};

/**
 * Errors and warnings of `text`. A snippet's default expansion must have none at all; a choice the
 * user picks on purpose (IP relaxation `Bypass`, say) may draw the security review's warning about
 * it (`security: true`), which is the point of that rule, but never an error or another warning.
 */
function problems(path: string, text: string, opts: { security?: boolean } = {}): string[] {
  const diags: EngineDiagnostic[] = checkFile(path, text, modelOf(PROJECT));
  return diags
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .filter((d) => !(opts.security && d.severity === 'warning' && RULE_BY_ID.get(String(d.code))?.category === 'security'))
    .map((d) => `${d.code}: ${d.message}`);
}

/** Conventional file name per type for the expansion (the snippets derive the app name from it). */
function fileFor(type: string): string {
  const t = TYPES.find((x) => x.name === type)!;
  if (type === 'ExternalClientAppSettings') return 'force-app/settings/ExternalClientApp.settings-meta.xml';
  const suffixName: Record<string, string> = { ecaOauth: '_oauth', ecaGlblOauth: '_glbloauth', ecaOauthPlcy: '_oauthPlcy', ecaPlcy: '_plcy', eca: '' };
  return `force-app/${t.folder}/Acme_Portal${suffixName[t.suffix!] ?? ''}.${t.suffix}-meta.xml`;
}

const fileSnippets = Object.entries(SNIPPETS).filter(([, s]) => s.body[0].startsWith('<?xml'));
const rootOf = (s: Snippet) => /^<([A-Za-z]+) xmlns=/.exec(s.body[1])![1];

test('there is a file snippet for every ECA metadata type with a file suffix (the internal Sample types aside)', () => {
  const roots = new Set(fileSnippets.map(([, s]) => rootOf(s)));
  const wanted = TYPES.filter((t) => t.kind === 'metadata' && t.suffix && !t.name.startsWith('ExtlClntAppSample')).map((t) => t.name);
  assert.deepEqual(wanted.filter((w) => !roots.has(w)), []);
  const prefixes = Object.values(SNIPPETS).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  assertEvery(prefixes, (p) => p.startsWith('eca-') || /^(ExternalClient|ExtlClntApp)/.test(p), 'prefixes stay out of other XML work');
});

for (const [name, s] of fileSnippets) {
  test(`file snippet "${name}": every variant checks clean`, () => {
    const rel = fileFor(rootOf(s));
    const base = rel.slice(rel.lastIndexOf('/') + 1).replace(/\.xml$/, '');
    const all = variants(s.body.join('\n'), { TM_FILENAME_BASE: base });
    assert.deepEqual(problems(`${ROOT}/${rel}`, all[0]), [], `the default expansion is clean, security review included:\n${all[0]}`);
    for (const text of all) {
      assert.deepEqual(problems(`${ROOT}/${rel}`, text, { security: true }), [], text);
      if (rootOf(s) !== 'ExternalClientApplication' && rootOf(s) !== 'ExternalClientAppSettings') {
        assert.match(text, /<externalClientApplication>Acme_Portal<\/externalClientApplication>/, 'the app name comes from the file name');
      }
    }
  });
}

const HOSTS: Record<string, string> = {
  'eca-client-credentials': 'ExtlClntAppOauthConfigurablePolicies',
  'eca-refresh-token': 'ExtlClntAppOauthConfigurablePolicies',
  'eca-trusted-ip-range': 'ExtlClntAppOauthSettings',
  'eca-custom-attribute': 'ExtlClntAppOauthConfigurablePolicies',
  'eca-scopes': 'ExtlClntAppOauthSettings',
  'eca-distribution-state': 'ExternalClientApplication',
  'eca-id-token': 'ExtlClntAppGlobalOauthSettings',
  'eca-notification-type': 'ExtlClntAppNotificationSettings',
};

for (const [name, s] of Object.entries(SNIPPETS).filter(([, x]) => !x.body[0].startsWith('<?xml'))) {
  test(`block snippet "${name}": every variant checks clean inside its element`, () => {
    const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
    const host = HOSTS[prefix];
    assert.ok(host, `a host type for ${prefix}`);
    const rel = fileFor(host);
    const own = host === 'ExternalClientApplication' ? '' : '    <externalClientApplication>Acme_Portal</externalClientApplication>\n';
    variants(s.body.join('\n'), {}).forEach((block, k) => {
      const text = `<?xml version="1.0" encoding="UTF-8"?>\n<${host} xmlns="${NS}">\n${own}    ${block.replace(/\t/g, '    ').replace(/\n/g, '\n    ')}\n</${host}>\n`;
      assert.deepEqual(problems(`${ROOT}/${rel}`, text, { security: k > 0 }), [], text);
    });
  });
}

test('the expansion and the check are real: the default file name, and a wrong value is caught', () => {
  const header = SNIPPETS['ECA header (ExternalClientApplication)'].body.join('\n');
  const text = expand(header, { TM_FILENAME_BASE: 'Acme_Portal.eca-meta' }).text;
  assert.match(text, /<label>Acme_Portal<\/label>/);
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ExternalClientApplication xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">\n\t<contactEmail>/);
  const bad = expand(header.replace('${4|Packaged,Local|}', 'Packageable'), { TM_FILENAME_BASE: 'Acme_Portal.eca-meta' }).text;
  assert.deepEqual(problems(`${ROOT}/force-app/externalClientApps/Acme_Portal.eca-meta.xml`, bad).map((p) => p.split(':')[0]), ['invalid-enum']);
  const oauth = expand(SNIPPETS['ECA OAuth settings (ExtlClntAppOauthSettings)'].body.join('\n'), { TM_FILENAME_BASE: 'Acme_Portal_oauth.ecaOauth-meta' }).text;
  assert.match(oauth, /<externalClientApplication>Acme_Portal<\/externalClientApplication>/);
  assert.match(oauth, /<label>Acme_Portal_oauth<\/label>/);
});
