// Hostile and broken input: a clear diagnostic each time, never a throw or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFile, decodeBytes, parseFile, checkParsed } from '../../server/src/engine';
import { complete } from '../../server/src/engine/services/completion';
import { hover } from '../../server/src/engine/services/hover';
import { symbols } from '../../server/src/engine/services/symbols';
import { scanXml } from '../../server/src/engine/xml/scanner';

const PATH = '/p/force-app/main/default/externalClientApps/A.eca-meta.xml';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function codes(text: string): string[] {
  const parsed = parseFile(PATH, text);
  // Every service must survive the input too.
  for (const o of [0, Math.floor(text.length / 2), text.length]) { complete(parsed, o, null); hover(parsed, o, null); }
  symbols(parsed);
  return checkParsed(parsed, null).map((d) => d.code);
}

test('unclosed tag', () => assert.ok(codes(`<ExternalClientApplication ${NS}>\n<label>A`).includes('xml-malformed')));
test('binary junk', () => assert.ok(codes('\u0000\u0001\u0002PK\u0003\u0004garbage').includes('xml-malformed')));
test('junk before the prolog', () => assert.ok(codes(`junk<?xml version="1.0"?><ExternalClientApplication ${NS}/>`).includes('xml-malformed')));
test('billion laughs is reported, never expanded', () => {
  const lol = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<ExternalClientApplication ${NS}><label>&lol9;</label></ExternalClientApplication>`;
  const parsed = parseFile(PATH, lol);
  assert.ok(checkParsed(parsed, null).some((d) => d.code === 'xml-malformed'));
  assert.ok(parsed.xml.root!.children[0].text.length < 20, 'entity text stays unexpanded');
});
test('external entity is never fetched', () => {
  const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ExternalClientApplication ${NS}><label>&xxe;</label></ExternalClientApplication>`;
  const parsed = parseFile(PATH, xxe);
  assert.ok(checkParsed(parsed, null).some((d) => d.code === 'xml-malformed'));
  assert.ok(!parsed.xml.root!.children[0].text.includes('root:'));
});
test('100,000-deep nesting', () => {
  const deep = `<ExternalClientApplication ${NS}>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</ExternalClientApplication>`;
  const c = codes(deep);
  assert.ok(c.includes('unknown-element'));
});
test('100,000-deep nesting with a mistake: still not well-formed (an unclosed tag deep down, an unbound prefix near the top)', () => {
  const unclosed = `<ExternalClientApplication ${NS}>${'<a>'.repeat(100000)}<b>${'</a>'.repeat(100000)}</ExternalClientApplication>`;
  assert.ok(codes(unclosed).includes('xml-malformed'));
  const unbound = `<ExternalClientApplication ${NS}><x:label>A</x:label>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</ExternalClientApplication>`;
  assert.ok(codes(unbound).includes('xml-malformed'));
});
test('50,000 stray close tags, each after an element left open: malformed, and each stray one is a problem of the scan', () => {
  const text = `<ExternalClientApplication ${NS}>${'<a></b>'.repeat(50000)}</ExternalClientApplication>`;
  assert.ok(codes(text).includes('xml-malformed'));
  const doc = scanXml(text);
  assert.equal(doc.problems.filter((p) => p.message === 'Close tag </b> has no matching open tag.').length, 50000);
  assert.equal(doc.root?.closeStart, text.lastIndexOf('</ExternalClientApplication>'));
});
test('20 MB file gets one diagnostic instead of a parse', () => {
  const big = `<ExternalClientApplication ${NS}><description>${'x'.repeat(20 * 1024 * 1024)}</description></ExternalClientApplication>`;
  assert.deepEqual(codes(big), ['file-too-large']);
});
test('UTF-8 BOM is accepted', () => {
  const { text, encodingProblem } = decodeBytes(Buffer.from(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication ${NS}>\n<label>A</label>\n</ExternalClientApplication>\n`, 'utf8'));
  assert.equal(encodingProblem, null);
  assert.deepEqual(checkFile(PATH, text, null), []);
});
test('UTF-16 is decoded and reported', () => {
  const body = `<?xml version="1.0" encoding="UTF-16"?>\n<ExternalClientApplication ${NS}><label>A</label></ExternalClientApplication>`;
  const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
  const { text, encodingProblem } = decodeBytes(buf);
  assert.ok(encodingProblem);
  assert.deepEqual(checkParsed(parseFile(PATH, text, encodingProblem), null).map((d) => d.code), ['file-encoding']);
});
test('CRLF positions are exact', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\r\n<ExternalClientApplication ${NS}>\r\n    <distributionState>Packageable</distributionState>\r\n</ExternalClientApplication>\r\n`;
  const d = checkFile(PATH, text, null).find((x) => x.code === 'invalid-enum')!;
  assert.deepEqual(d.range, { start: { line: 2, character: 23 }, end: { line: 2, character: 34 } });
});
test('half-typed document still gets schema checks on what was read', () => {
  const text = `<ExternalClientApplication ${NS}>\n    <distributionState>Packageable</distributionState>\n    <lab`;
  const c = codes(text);
  assert.ok(c.includes('xml-malformed') && c.includes('invalid-enum'));
});
test('every prefix of a real file is survived', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ExtlClntAppOauthConfigurablePolicies ${NS}>\n    <clientCredentialsFlowUser>a@b.com</clientCredentialsFlowUser>\n    <externalClientApplication>A</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n`;
  const path = '/p/x/extlClntAppOauthPolicies/A_oauthPlcy.ecaOauthPlcy-meta.xml';
  for (let i = 0; i <= text.length; i++) {
    const parsed = parseFile(path, text.slice(0, i));
    const diags = checkParsed(parsed, null);
    for (const d of diags) {
      assert.ok(d.range.start.line <= d.range.end.line && d.range.end.line <= parsed.lines.lineCount, `range outside document at prefix ${i}`);
      assert.notEqual(d.code, 'internal-error', d.message);
    }
    complete(parsed, i, null);
    hover(parsed, Math.max(0, i - 1), null);
  }
});
