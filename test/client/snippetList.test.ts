// The snippet list in a header file (issue 18): each snippet listed once (one prefix each, so
// VS Code does not show it twice), the header snippet first (prefixes sort it ahead).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const SNIPPETS = JSON.parse(readFileSync(path.resolve(__dirname, '../../../snippets/eca-xml.json'), 'utf8')) as Record<string, { prefix: string | string[] }>;

test('one prefix per snippet, and the header snippet sorts first', () => {
  for (const [name, s] of Object.entries(SNIPPETS)) assert.equal(typeof s.prefix, 'string', `${name} has one prefix`);
  const sorted = Object.entries(SNIPPETS).sort(([, a], [, b]) => String(a.prefix).localeCompare(String(b.prefix)));
  assert.equal(sorted[0][0], 'ECA header (ExternalClientApplication)');
});
