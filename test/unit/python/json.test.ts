import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pyDumps } from '../../../src/core/python/dumps';
import { parseArguments, parseJsonPy } from '../../../src/core/python/json';
import type { PyValue } from '../../../src/core/python/value';

function value(text: string): PyValue {
  const parsed = parseJsonPy(text);
  assert.ok(parsed.ok, `expected ${JSON.stringify(text)} to parse, got ${parsed.ok ? '' : parsed.message}`);
  return parsed.value;
}

function roundTrip(text: string, ensureAscii = false): string {
  const dumped = pyDumps(value(text), { ensureAscii });
  assert.ok(dumped.ok);
  return dumped.text;
}

function error(text: string): { message: string; offset: number } {
  const parsed = parseJsonPy(text);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(text)} to be rejected`);
  return parsed.ok ? { message: '', offset: -1 } : { message: parsed.message, offset: parsed.offset };
}

describe('parseJsonPy values', () => {
  test('numbers: int unless there is a fraction or exponent', () => {
    assert.deepEqual(value('12345678901234567890123'), { t: 'int', v: 12345678901234567890123n });
    assert.deepEqual(value('-0'), { t: 'int', v: 0n });
    assert.deepEqual(value('1.0'), { t: 'float', v: 1 });
    assert.deepEqual(value('1e5'), { t: 'float', v: 1e5 });
    assert.deepEqual(value('1E-5'), { t: 'float', v: 1e-5 });
    assert.ok(Object.is((value('-0.0') as { v: number }).v, -0));
    assert.equal(roundTrip('[1.0, 100, 1e16, 1e400, -1e400]'), '[1.0, 100, 1e+16, Infinity, -Infinity]');
  });

  test('NaN, Infinity and -Infinity as CPython accepts them', () => {
    assert.equal(roundTrip('[NaN, Infinity, -Infinity]'), '[NaN, Infinity, -Infinity]');
    assert.equal(error('-NaN').message, 'Expecting value: line 1 column 1 (char 0)');
    assert.equal(error('nan').message, 'Expecting value: line 1 column 1 (char 0)');
  });

  test('surrogate pairs are joined, lone surrogates kept', () => {
    assert.deepEqual(value('"\\ud83d\\ude00"'), { t: 'str', v: '😀' });
    assert.deepEqual(value('"\\ud83d"'), { t: 'str', v: '\ud83d' });
    assert.deepEqual(value('"\\ud83d\\u0041"'), { t: 'str', v: '\ud83dA' });
    assert.deepEqual(value('"\\ud83d\\ud83d\\ude00"'), { t: 'str', v: '\ud83d😀' });
    assert.equal(roundTrip('"\\ud83d x"', true), '"\\ud83d x"');
  });

  test('escapes, and characters JSON allows raw (DEL, U+2028, lone surrogates)', () => {
    assert.deepEqual(value('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"'), { t: 'str', v: '"\\/\b\f\n\r\té' });
    assert.deepEqual(value('"\x7f\u2028\ud800"'), { t: 'str', v: '\x7f\u2028\ud800' });
  });

  test('duplicate keys: last value wins in the first position', () => {
    assert.equal(roundTrip('{"b": 1, "a": 2, "b": 3}'), '{"b": 3, "a": 2}');
  });

  test("only CPython's whitespace (space, tab, LF, CR) around and between tokens", () => {
    assert.deepEqual(value(' \t\r\n[ 1 ,\n2 ]\r\n'), {
      t: 'list',
      items: [
        { t: 'int', v: 1n },
        { t: 'int', v: 2n },
      ],
    });
    assert.equal(error('\x0c1').message, 'Expecting value: line 1 column 1 (char 0)');
    assert.equal(error('1\u00a0').message, 'Extra data: line 1 column 2 (char 1)');
  });

  test('deep nesting is fine up to the recursion limit and reported beyond it', () => {
    assert.equal(value('['.repeat(500) + ']'.repeat(500)).t, 'list');
    const deep = error('['.repeat(5000) + ']'.repeat(5000));
    assert.match(deep.message, /^maximum recursion depth exceeded while decoding a JSON array/);
  });
});

describe('parseJsonPy errors carry CPython messages', () => {
  const cases: [string, string, number][] = [
    ['', 'Expecting value: line 1 column 1 (char 0)', 0],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)', 3],
    ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)', 7],
    ["{'a': 1}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)', 1],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)", 5],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)", 3],
    ['1.', 'Extra data: line 1 column 2 (char 1)', 1],
    ['01', 'Extra data: line 1 column 2 (char 1)', 1],
    ['truex', 'Extra data: line 1 column 5 (char 4)', 4],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)', 0],
    ['"a\nb"', 'Invalid control character at: line 1 column 3 (char 2)', 2],
    ['"\\x41"', 'Invalid \\escape: line 1 column 2 (char 1)', 1],
    ['"\\u00e"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)', 2],
    ['"\\u1234', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)', 2],
    ['"\\ud800\\uzzzz"', 'Invalid \\uXXXX escape: line 1 column 9 (char 8)', 8],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)', 0],
    ['{\n  "a": 1\n  "b": 2}', "Expecting ',' delimiter: line 3 column 3 (char 13)", 13],
    ['["😀" x]', "Expecting ',' delimiter: line 1 column 6 (char 5)", 6],
  ];
  for (const [text, message, offset] of cases) {
    test(JSON.stringify(text), () => {
      assert.deepEqual(error(text), { message, offset });
    });
  }
});

describe('parseArguments', () => {
  test('JSON first', () => {
    const parsed = parseArguments('{"a": true, "b": "\\/"}');
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.syntax, 'json');
    assert.deepEqual(parsed.ok && pyDumps(parsed.value), { ok: true, text: '{"a": true, "b": "/"}' });
  });

  test('then a Python literal', () => {
    const parsed = parseArguments("{'keywords_dict': {'商品类目': '手机'}, 'n': True}");
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.syntax, 'python');
    assert.deepEqual(parsed.ok && pyDumps(parsed.value, { ensureAscii: false }), {
      ok: true,
      text: '{"keywords_dict": {"商品类目": "手机"}, "n": true}',
    });
  });

  test('a raw tab is not JSON but is fine in a Python string', () => {
    const parsed = parseArguments('{"a": "x\ty"}');
    assert.ok(parsed.ok && parsed.syntax === 'python');
  });

  test("when neither parses, the Python parser's error is reported", () => {
    const parsed = parseArguments("{'a': [1, 2}");
    assert.equal(parsed.ok, false);
    assert.deepEqual(parsed, {
      ok: false,
      message: "closing '}' at offset 11 does not match '[' at offset 6",
      offset: 11,
    });
    const truncated = parseArguments("{'query': 'abc");
    assert.deepEqual(truncated, {
      ok: false,
      message: 'unterminated string starting at offset 10',
      offset: 10,
    });
  });
});
