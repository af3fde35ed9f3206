import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonLine } from '../../../src/core/jsonl/parseLine';

test('valid JSON parses natively', () => {
  const r = parseJsonLine('{"a": [1, "\u2028", "😀"]}', false);
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.value, { a: [1, '\u2028', '😀'] });
});

test('invalid JSON reports J01 with the column of the error', () => {
  const r = parseJsonLine('{"a": 1 "b": 2}', false);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.finding.code, 'J01');
    assert.equal(r.finding.params?.column, 9);
    assert.match(String(r.finding.params?.reason), /comma expected/);
    assert.equal(r.finding.at?.offset, 8);
  }
});

test('a cut-off last line is J02 (truncated), elsewhere it is J01', () => {
  const text = '{"id": "x", "conversations": [{"from": "system", "val';
  const last = parseJsonLine(text, true);
  const mid = parseJsonLine(text, false);
  assert.equal(!last.ok && last.finding.code, 'J02');
  assert.equal(!mid.ok && mid.finding.code, 'J01');
});

test('a bad line that is the last line but wrong in the middle is still J01', () => {
  const r = parseJsonLine('{"a": x, "b": "long enough text here"}', true);
  assert.equal(!r.ok && r.finding.code, 'J01');
});

test('comments and trailing commas are not JSON', () => {
  assert.equal(parseJsonLine('{"a": 1,}', false).ok, false);
  assert.equal(parseJsonLine('{"a": 1} // c', false).ok, false);
});
