// The client bundle is thin (issue 14): dist/extension.js holds no XML parser, no engine, no
// migration and no retrieve code — those run in the language server, which answers the client's
// requests with FileChange[]. Also guards the source: the client imports from server/src only the
// wire protocol (constants) and types. Needs `npm run build` (the test phase builds first).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

test('dist/extension.js has no XML parser, engine, migration or Salesforce library code, and is small', () => {
  const file = path.join(ROOT, 'dist/extension.js');
  const text = readFileSync(file, 'utf8');
  for (const marker of ['XMLParser', 'scanXml', 'planMigration', 'checkProjectRules', 'analyzeConnectedApp', 'prepareRetrieve', 'checkWellFormed', 'loadSfLib', 'parseSfdxProject']) {
    assert.equal(text.includes(marker), false, `dist/extension.js contains ${marker}`);
  }
  const size = statSync(file).size;
  // 1.48 MB before the client became thin; now about 0.65 MB, nearly all vscode-languageclient.
  assert.ok(size < 800_000, `dist/extension.js is ${size} bytes`);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('client sources import from the server only its protocol modules (values) or types', () => {
  const allowed = [/\/server\/src\/lsp\/(\w+Protocol|protocol)$/, /\/server\/src\/retrieve\/errors$/,
    // the one definition of a Salesforce username (a regular expression, no dependency)
    /\/server\/src\/engine\/username$/,
    // the generated list of ECA types and suffixes (data only, no dependency): the selector's one source
    /\/server\/src\/engine\/schema\/metadataTypes$/,
    // a rule's section of docs/rules.md (string functions, no dependency): the CLI prints it, the client opens it
    /\/server\/src\/engine\/rules\/docSection$/,
    // how an org's kind reads (data and a string function, no dependency): one wording for the views, plan and audit
    /\/server\/src\/engine\/project\/orgWords$/];
  for (const f of sources(path.join(ROOT, 'client/src'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
      const [, typeOnly, spec] = m;
      if (!spec.includes('server/src')) continue;
      if (typeOnly) continue;
      assert.ok(allowed.some((re) => re.test(spec)), `${path.relative(ROOT, f)} imports ${spec} at run time`);
    }
    assert.equal(/require\([^)]*server\/src/.test(text), false, `${path.relative(ROOT, f)} requires server code`);
  }
});
