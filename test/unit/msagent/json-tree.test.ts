import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonNodeToJs, parseJsonDocument, parseJsonValueAt } from '../../../src/core/msagent/json-tree';

test('valid JSON parses to the same value as JSON.parse', () => {
  const texts = [
    '{"a": [1, -2.5e3, 0, true, false, null], "b": {"c": "\\u4e2d\\n\\"\\\\\\/"}}',
    '[]',
    '  {}  ',
    '"x"',
    '[{"name": "k", "description": "盒马", "required": "True"}]',
    '{"__proto__": 1}',
  ];
  for (const t of texts) {
    const r = parseJsonDocument(t);
    assert.ok(r.ok, t);
    assert.deepEqual(r.ok && jsonNodeToJs(r.node), JSON.parse(t));
  }
});

test('objects keep key order, raw positions and duplicates', () => {
  const text = '{"b": 1, "1": 2, "b": 3}';
  const r = parseJsonDocument(text);
  assert.ok(r.ok && r.node.kind === 'object');
  if (!r.ok || r.node.kind !== 'object') return;
  assert.deepEqual(
    r.node.entries.map((e) => [e.key, text.slice(e.keyStart, e.keyEnd)]),
    [
      ['b', '"b"'],
      ['1', '"1"'],
      ['b', '"b"'],
    ],
  );
});

test('errors carry a message and the exact offset', () => {
  const cases: [string, string, number][] = [
    ['[{"a": 1}, ]', 'expected a JSON value', 11],
    ['[{"a" 1}]', "expected ':'", 6],
    ["[{'a': 1}]", 'property name in double quotes', 2],
    ['{"a": 1 "b": 2}', "expected ',' or '}'", 8],
    ['[1 2]', "expected ',' or ']'", 3],
    ['{"\\keywords": 1}', 'invalid escape \\k', 2],
    ['"a\nb"', 'control character U+000A', 2],
    ['[1, 2', "expected ',' or ']'", 5],
    ['"abc', 'unterminated string', 0],
    ['01', 'unexpected text after the JSON value', 1],
    ['[1.]', 'expected a digit after the decimal point', 1],
    ['[True]', 'expected a JSON value', 1],
    ['{"a": 1} x', 'unexpected text after the JSON value', 9],
    ['"\\u12"', 'invalid \\u escape', 1],
  ];
  for (const [text, message, offset] of cases) {
    const r = parseJsonDocument(text);
    assert.equal(r.ok, false, text);
    if (r.ok) continue;
    assert.ok(r.message.includes(message), `${text}: ${r.message}`);
    assert.equal(r.offset, offset, `${text}: ${r.message}`);
  }
});

test('parseJsonValueAt stops after one value and respects the limit', () => {
  const text = 'Parameters: [1, 2] trailing';
  const r = parseJsonValueAt(text, 12);
  assert.ok(r.ok);
  assert.equal(r.ok && r.node.end, 18);
  const cut = parseJsonValueAt(text, 12, 16);
  assert.equal(cut.ok, false);
  assert.equal(!cut.ok && cut.offset, 16);
});

test('deep nesting is an error, not a stack overflow', () => {
  const r = parseJsonDocument('['.repeat(10000));
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.message.includes('nested too deeply'));
});
