// sfdx-project.json edits keep every byte they do not need to change: comments, key order, the
// neighbours' style (multi-line or compact), tabs or spaces, CRLF or LF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { composeEdits, insertElement, insertProperty, setProperty } from '../../server/src/engine/authoring/jsonEdit';
import { jsonStyleOf } from '../../server/src/engine/authoring/source';
import { assertEvery } from '../helpers/assert';

const CRLF_TABS = '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "a", // main\r\n\t\t\t"default": true // the default\r\n\t\t},\r\n\t\t{ "path": "b" }\r\n\t],\r\n\t/* keep me */\r\n\t"name": "x"\r\n}\r\n';
const tabs = jsonStyleOf(CRLF_TABS);

test('style detection: tabs and CRLF, two spaces and LF, four spaces', () => {
  assert.deepEqual(tabs, { eol: '\r\n', indent: '\t' });
  assert.deepEqual(jsonStyleOf('{\n  "a": 1\n}\n'), { eol: '\n', indent: '  ' });
  assert.deepEqual(jsonStyleOf('{\n    "a": {\n        "b": 1\n    }\n}'), { eol: '\n', indent: '    ' });
  assert.deepEqual(jsonStyleOf('{"a":1}'), { eol: '\n', indent: '  ' });
});

test('insert an array element after a multi-line entry: same indentation, CRLF, comments kept', () => {
  const out = applyEdits(CRLF_TABS, insertElement(CRLF_TABS, ['packageDirectories'], 1, { path: 'x', aliasfy: true }, tabs));
  assert.equal(out,
    '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "a", // main\r\n\t\t\t"default": true // the default\r\n\t\t},\r\n'
    + '\t\t{\r\n\t\t\t"path": "x",\r\n\t\t\t"aliasfy": true\r\n\t\t},\r\n'
    + '\t\t{ "path": "b" }\r\n\t],\r\n\t/* keep me */\r\n\t"name": "x"\r\n}\r\n');
});

test('insert after a compact entry: the new entry is compact too', () => {
  const out = applyEdits(CRLF_TABS, insertElement(CRLF_TABS, ['packageDirectories'], 2, { path: 'x', aliasfy: true }, tabs));
  assert.equal(out,
    '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "a", // main\r\n\t\t\t"default": true // the default\r\n\t\t},\r\n'
    + '\t\t{ "path": "b" },\r\n\t\t{ "path": "x", "aliasfy": true }\r\n\t],\r\n\t/* keep me */\r\n\t"name": "x"\r\n}\r\n');
});

test('insert at the front', () => {
  const text = '{\n  "packageDirectories": [\n    {\n      "path": "a"\n    }\n  ]\n}\n';
  const out = applyEdits(text, insertElement(text, ['packageDirectories'], 0, { path: 'x' }, jsonStyleOf(text)));
  assert.equal(out, '{\n  "packageDirectories": [\n    {\n      "path": "x"\n    },\n    {\n      "path": "a"\n    }\n  ]\n}\n');
});

test('a new property after a line comment: the comma goes before the comment, the property on its own line', () => {
  const out = applyEdits(CRLF_TABS, setProperty(CRLF_TABS, ['packageDirectories', 0, 'type'], 'source', tabs));
  assert.equal(out,
    '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "a", // main\r\n\t\t\t"default": true, // the default\r\n\t\t\t"type": "source"\r\n\t\t},\r\n'
    + '\t\t{ "path": "b" }\r\n\t],\r\n\t/* keep me */\r\n\t"name": "x"\r\n}\r\n');
});

test('a new property in a compact object stays on its line; an existing value is replaced in place', () => {
  const out = applyEdits(CRLF_TABS, setProperty(CRLF_TABS, ['packageDirectories', 1, 'type'], 'source', tabs));
  assert.equal(out, CRLF_TABS.replace('{ "path": "b" }', '{ "path": "b", "type": "source" }'));
  const typed = '{ "packageDirectories": [ { "path": "b", "type": "unlocked", "x": 1 } ] }';
  const edits = setProperty(typed, ['packageDirectories', 0, 'type'], 'source', jsonStyleOf(typed));
  assert.deepEqual(edits, [{ offset: typed.indexOf('"unlocked"'), length: '"unlocked"'.length, content: '"source"' }]);
});

test('composed steps map back to the original text as separate minimal edits', () => {
  const edits = composeEdits(CRLF_TABS, [
    (t) => setProperty(t, ['packageDirectories', 0, 'type'], 'source', tabs),
    (t) => setProperty(t, ['packageDirectories', 0, 'postDeploymentScript'], 's.sh', tabs),
    (t) => setProperty(t, ['packageDirectories', 1, 'type'], 'source', tabs),
  ]);
  assert.equal(edits.length, 4);
  assertEvery(edits, (e) => e.length === 0, 'pure insertions');
  assert.equal(applyEdits(CRLF_TABS, edits),
    '{\r\n\t"packageDirectories": [\r\n\t\t{\r\n\t\t\t"path": "a", // main\r\n\t\t\t"default": true, // the default\r\n\t\t\t"type": "source",\r\n\t\t\t"postDeploymentScript": "s.sh"\r\n\t\t},\r\n'
    + '\t\t{ "path": "b", "type": "source" }\r\n\t],\r\n\t/* keep me */\r\n\t"name": "x"\r\n}\r\n');
});

test('a property into an empty object, an element into an empty array', () => {
  assert.equal(applyEdits('{}', insertProperty('{}', [], 'packageDirectories', [{ path: 'x' }], jsonStyleOf('{}'))),
    '{\n  "packageDirectories": [\n    {\n      "path": "x"\n    }\n  ]\n}');
  const text = '{\n\t"packageDirectories": [],\n\t"name": "n"\n}\n';
  assert.equal(applyEdits(text, insertElement(text, ['packageDirectories'], 0, { path: 'x' }, jsonStyleOf(text))),
    '{\n\t"packageDirectories": [\n\t\t{\n\t\t\t"path": "x"\n\t\t}\n\t],\n\t"name": "n"\n}\n');
});
