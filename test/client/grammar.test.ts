// The injection grammar (syntaxes/eca-xml-injection.tmLanguage.json) tokenized by the real
// TextMate engine VS Code uses (vscode-textmate + vscode-oniguruma) on top of VS Code's own XML
// grammar (test/fixtures/grammars/xml.tmLanguage.json, MIT, from microsoft/vscode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO } from '../helpers/fs';
import { assertEvery } from '../helpers/assert';

const INJECTION = resolve(REPO, 'syntaxes/eca-xml-injection.tmLanguage.json');
const XML_GRAMMAR = resolve(REPO, 'test/fixtures/grammars/xml.tmLanguage.json');

let grammarPromise: Promise<textmate.IGrammar> | undefined;
function grammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        const file = scope === 'text.xml' ? XML_GRAMMAR : scope === 'eca.xml.injection' ? INJECTION : undefined;
        return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scope) => (scope === 'text.xml' ? ['eca.xml.injection'] : undefined),
    });
    const g = await registry.loadGrammar('text.xml');
    assert.ok(g, 'the XML grammar loads');
    return g;
  })();
  return grammarPromise;
}

/** Scopes of each token of a document, as [text, scopes] pairs. */
async function tokens(text: string): Promise<[string, string[]][]> {
  const g = await grammar();
  let stack = textmate.INITIAL;
  const out: [string, string[]][] = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
    stack = r.ruleStack;
  }
  return out;
}

/** The scopes of the first token whose text is `needle` (after `after`, when given). */
async function scopesOf(text: string, needle: string, after?: string): Promise<string[]> {
  const all = await tokens(text);
  let i = 0;
  if (after) i = all.findIndex(([t]) => t === after) + 1;
  const hit = all.slice(i).find(([t]) => t === needle);
  assert.ok(hit, `a token '${needle}' in ${JSON.stringify(all.map(([t]) => t))}`);
  return hit[1];
}

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</ExtlClntAppOauthSettings>\n`;

test('distributionState: Packaged and Local marked as the two patterns, anything else invalid; the tags keep XML scopes', async () => {
  assert.ok((await scopesOf(doc('    <distributionState>Packaged</distributionState>'), 'Packaged')).includes('constant.language.distribution-state.packaged.eca'));
  assert.ok((await scopesOf(doc('    <distributionState>Local</distributionState>'), 'Local')).includes('constant.language.distribution-state.local.eca'));
  assert.ok((await scopesOf(doc('    <distributionState>Packageable</distributionState>'), 'Packageable')).includes('invalid.illegal.distribution-state.eca'));
  const tag = await scopesOf(doc('    <distributionState>Local</distributionState>'), 'distributionState');
  assert.ok(tag.includes('entity.name.tag.localname.xml') && tag.includes('meta.tag.xml'), tag.join(' '));
});

test('secrets with a value are marked illegal; empty ones and other elements are not', async () => {
  assert.ok((await scopesOf(doc('    <consumerSecret>8B2F0C1D</consumerSecret>'), '8B2F0C1D')).includes('invalid.illegal.secret.eca'));
  assert.ok((await scopesOf(doc('    <consumerKey>3MVG9abc</consumerKey>'), '3MVG9abc')).includes('invalid.illegal.secret.eca'));
  const all = await tokens(doc('    <consumerSecret></consumerSecret>\n    <label>8B2F0C1D</label>'));
  assertEvery(all, ([, s]) => !s.some((x) => x.endsWith('.eca')), JSON.stringify(all));
});

test('oauthLink: the retrieved OrgId:ConsumerId form versus a placeholder', async () => {
  assert.ok((await scopesOf(doc('    <oauthLink>00Dbm000004ELiD:888bm000002gH3J</oauthLink>'), '00Dbm000004ELiD:888bm000002gH3J')).includes('constant.other.oauth-link.eca'));
  assert.ok((await scopesOf(doc('    <oauthLink>PLACEHOLDER</oauthLink>'), 'PLACEHOLDER')).includes('invalid.illegal.oauth-link.eca'));
});

test('scopes: metadata names, protocol tokens and unknown names told apart', async () => {
  const text = doc('    <commaSeparatedOauthScopes>Api, refresh_token, Bogus,RefreshToken</commaSeparatedOauthScopes>');
  assert.ok((await scopesOf(text, 'Api')).includes('support.constant.scope.eca'));
  assert.ok((await scopesOf(text, 'RefreshToken')).includes('support.constant.scope.eca'));
  assert.ok((await scopesOf(text, 'refresh_token')).includes('invalid.illegal.protocol-scope.eca'));
  assert.ok((await scopesOf(text, 'Bogus')).includes('invalid.illegal.scope.eca'));
  const close = (await tokens(text)).filter(([t]) => t === 'commaSeparatedOauthScopes');
  assert.equal(close.length, 2);
  assertEvery(close, ([, s]) => s.includes('entity.name.tag.localname.xml'), 'close');
});

test('booleans: xsd spellings versus True/yes; run-as users and ${…} replacements', async () => {
  assert.ok((await scopesOf(doc('    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>'), 'true')).includes('constant.language.boolean.eca'));
  assert.ok((await scopesOf(doc('    <isClientCredentialsFlowEnabled>True</isClientCredentialsFlowEnabled>'), 'True')).includes('invalid.illegal.boolean.eca'));
  assert.ok((await scopesOf(doc('    <clientCredentialsFlowUser>${SF_USER}</clientCredentialsFlowUser>'), '${SF_USER}')).includes('variable.other.replacement.eca'));
  assert.ok((await scopesOf(doc('    <clientCredentialsFlowUser>int@acme.com</clientCredentialsFlowUser>'), 'int@acme.com')).includes('string.unquoted.username.eca'));
});

test('comments and mismatched tags are left to the XML grammar', async () => {
  const all = await tokens(doc('    <!-- <distributionState>Packaged</distributionState> -->\n    <isProtected>true</isProtected2>'));
  assertEvery(all, ([, s]) => !s.some((x) => x.endsWith('.eca')), JSON.stringify(all.filter(([, s]) => s.some((x) => x.endsWith('.eca')))));
});
