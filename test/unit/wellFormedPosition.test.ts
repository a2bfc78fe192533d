// Where a not-well-formed file gets its squiggle (issue 18): on the tag left open, not on the
// parent's closing tag a line later; a typo in a closing tag keeps the squiggle on the typo; a new,
// still empty file gets no error until it has content.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkIn } from '../helpers/engine';

const H = 'force-app/main/default/externalClientApps/MyApp.eca-meta.xml';
const NS = 'http://soap.sforce.com/2006/04/metadata';

function malformed(text: string): { code: string; range: { start: { line: number; character: number } }; message: string }[] {
  return checkIn({ [H]: text }, H).diags.filter((d) => d.code === 'xml-malformed');
}

test('an unclosed child: the squiggle sits on the open tag, the message names it', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <label>MyApp\n    <distributionState>Local</distributionState>\n</ExternalClientApplication>\n`;
  const [d] = malformed(text);
  assert.ok(d, 'reported');
  assert.deepEqual(d.range.start, { line: 2, character: 4 });
  assert.match(d.message, /<label> is never closed/);
});

test('a tag still open at the end of the file: the squiggle sits on it', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <label>MyApp</label>\n    <description>x\n`;
  const [d] = malformed(text);
  assert.deepEqual(d.range.start, { line: 3, character: 4 });
  assert.match(d.message, /<description> is never closed: the file ends first/);
});

test('a typo in a closing tag keeps the squiggle on the typo', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientApplication xmlns="${NS}">\n    <description>x</descriptio>\n</ExternalClientApplication>\n`;
  const [d] = malformed(text);
  assert.equal(d.range.start.line, 2);
  assert.ok(d.range.start.character > 10, JSON.stringify(d.range));
});

test('an empty or blank new file is not "not well-formed"; with content it is', () => {
  assert.deepEqual(malformed(''), []);
  assert.deepEqual(malformed('\n  \n'), []);
  assert.equal(malformed('<ExternalClientApplication').length, 1);
});
