import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pyDumps, pyDumpsJs, pyDumpsStrings, pyFloatRepr, pyJsonFloat } from '../../../src/core/python/dumps';
import { fromJs, type PyValue } from '../../../src/core/python/value';

const str = (v: string): PyValue => ({ t: 'str', v });
const int = (v: bigint): PyValue => ({ t: 'int', v });
const float = (v: number): PyValue => ({ t: 'float', v });

function dumps(value: PyValue, ensureAscii?: boolean): string {
  const result = pyDumps(value, ensureAscii === undefined ? undefined : { ensureAscii });
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.text;
}

function dumpsError(value: PyValue): string {
  const result = pyDumps(value);
  assert.equal(result.ok, false);
  return result.ok ? '' : result.message;
}

describe('pyFloatRepr', () => {
  const table: [number, string][] = [
    [1, '1.0'],
    [100, '100.0'],
    [0.5, '0.5'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [123456789012345, '123456789012345.0'],
    [1.2345678901234568e18, '1.2345678901234568e+18'],
    [1e-5, '1e-05'],
    [1e-4, '0.0001'],
    [0.00012345, '0.00012345'],
    [1.5e-7, '1.5e-07'],
    [1e22, '1e+22'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [0, '0.0'],
    [-0, '-0.0'],
    [-2.5, '-2.5'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
  ];
  for (const [x, repr] of table) {
    test(`${x} -> ${repr}`, () => assert.equal(pyFloatRepr(x), repr));
  }

  test('json.dumps spells the non-finite floats Infinity, -Infinity and NaN', () => {
    assert.equal(pyJsonFloat(Number.POSITIVE_INFINITY), 'Infinity');
    assert.equal(pyJsonFloat(Number.NEGATIVE_INFINITY), '-Infinity');
    assert.equal(pyJsonFloat(Number.NaN), 'NaN');
    assert.equal(
      dumps({ t: 'list', items: [float(Number.NaN), float(-0), float(1e16)] }),
      '[NaN, -0.0, 1e+16]',
    );
  });
});

describe('strings', () => {
  const nasty = 'a"b\\c/\b\f\n\r\t\x00\x1f\x7f\x85é商😀\u2028\ud800';

  test('ensure_ascii=True escapes everything outside printable ASCII, lowercase hex, surrogate pairs', () => {
    assert.equal(
      dumps(str(nasty)),
      '"a\\"b\\\\c/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u0085\\u00e9\\u5546\\ud83d\\ude00\\u2028\\ud800"',
    );
  });

  test('ensure_ascii=False escapes only quote, backslash and controls below U+0020', () => {
    assert.equal(
      dumps(str(nasty), false),
      '"a\\"b\\\\c/\\b\\f\\n\\r\\t\\u0000\\u001f\x7f\x85é商😀\u2028\ud800"',
    );
  });

  test('plain text passes through unchanged', () => {
    assert.equal(dumps(str('plain text')), '"plain text"');
    assert.equal(dumps(str('中文'), false), '"中文"');
  });
});

describe('containers and keys', () => {
  test("default separators ', ' and ': '; tuples are lists; empty containers", () => {
    const v: PyValue = {
      t: 'dict',
      entries: [
        [str('a'), { t: 'tuple', items: [int(1n), { t: 'list', items: [] }] }],
        [str('b'), { t: 'dict', entries: [] }],
        [str('c'), { t: 'none' }],
        [str('d'), { t: 'bool', v: false }],
      ],
    };
    assert.equal(dumps(v), '{"a": [1, []], "b": {}, "c": null, "d": false}');
  });

  test('int, float, bool and None keys become strings', () => {
    const v: PyValue = {
      t: 'dict',
      entries: [
        [int(12345678901234567890n), int(1n)],
        [float(1.5), int(2n)],
        [float(Number.POSITIVE_INFINITY), int(3n)],
        [float(-0), int(4n)],
        [{ t: 'bool', v: true }, int(5n)],
        [{ t: 'none' }, int(6n)],
      ],
    };
    assert.equal(
      dumps(v),
      '{"12345678901234567890": 1, "1.5": 2, "Infinity": 3, "-0.0": 4, "true": 5, "null": 6}',
    );
  });

  test("other keys fail with Python's TypeError text", () => {
    const keyed = (key: PyValue): PyValue => ({ t: 'dict', entries: [[key, int(1n)]] });
    assert.equal(
      dumpsError(keyed({ t: 'tuple', items: [] })),
      'keys must be str, int, float, bool or None, not tuple',
    );
    assert.equal(
      dumpsError(keyed({ t: 'complex', re: 0, im: 1 })),
      'keys must be str, int, float, bool or None, not complex',
    );
    assert.equal(
      dumpsError(keyed({ t: 'bytes', v: new Uint8Array() })),
      'keys must be str, int, float, bool or None, not bytes',
    );
  });

  test('set, bytes and complex values are not serializable', () => {
    assert.equal(
      dumpsError({ t: 'list', items: [{ t: 'set', items: [] }] }),
      'Object of type set is not JSON serializable',
    );
    assert.equal(
      dumpsError({ t: 'bytes', v: new Uint8Array([1]) }),
      'Object of type bytes is not JSON serializable',
    );
    assert.equal(
      dumpsError({ t: 'complex', re: 1, im: 2 }),
      'Object of type complex is not JSON serializable',
    );
  });

  test('ensureAscii defaults to true', () => {
    assert.equal(dumps(str('é')), '"\\u00e9"');
    assert.equal(dumps(str('é'), true), '"\\u00e9"');
  });

  test('absurdly deep values fail instead of overflowing the stack', () => {
    let v: PyValue = { t: 'list', items: [int(1n)] };
    for (let i = 0; i < 5000; i++) v = { t: 'list', items: [v] };
    assert.match(dumpsError(v), /maximum recursion depth exceeded/);
  });
});

describe('fromJs and pyDumpsJs', () => {
  test('integral numbers become ints, others floats; object key order is kept', () => {
    assert.deepEqual(fromJs({ b: 1, a: [1.5, -0, true, null, 'x'] }), {
      t: 'dict',
      entries: [
        [str('b'), int(1n)],
        [
          str('a'),
          { t: 'list', items: [float(1.5), int(0n), { t: 'bool', v: true }, { t: 'none' }, str('x')] },
        ],
      ],
    });
  });

  test('matches json.dumps for the seed script uses', () => {
    assert.equal(pyDumpsJs(['hm_recipe_recommend', '商品']), '["hm_recipe_recommend", "\\u5546\\u54c1"]');
    assert.equal(pyDumpsJs(['a', 'b'], { ensureAscii: false }), '["a", "b"]');
    assert.equal(pyDumpsJs([]), '[]');
    assert.equal(
      pyDumpsJs({ type: 'object', n: 2.5, big: 10n ** 20n }),
      '{"type": "object", "n": 2.5, "big": 100000000000000000000}',
    );
  });

  test('pyDumpsStrings writes a list of strings as pyDumpsJs does, in both modes', () => {
    const nasty = [
      '',
      'a',
      '商品',
      '"q"',
      'back\\slash',
      'tab\t nl\n cr\r',
      '\u0000\u001f\u007f',
      '😀',
      '\ud800',
      '\u2028',
    ];
    const lists = [[], ['x'], nasty, nasty.slice().reverse(), [nasty.join('')]];
    for (const list of lists) {
      for (const ensureAscii of [true, false]) {
        assert.equal(
          pyDumpsStrings(list, { ensureAscii }),
          pyDumpsJs(list, { ensureAscii }),
          JSON.stringify(list),
        );
      }
      assert.equal(pyDumpsStrings(list), pyDumpsJs(list));
    }
  });

  test('throws a TypeError only for what JSON data cannot contain', () => {
    assert.throws(() => pyDumpsJs({ a: undefined }), TypeError);
    assert.throws(() => pyDumpsJs(() => 1), TypeError);
    assert.throws(() => pyDumpsJs(new Date(0)), /Object of type Date is not JSON serializable/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => pyDumpsJs(cyclic), /Circular reference/);
    assert.throws(() => pyDumpsJs(new Set([1])), /Object of type set is not JSON serializable/);
  });
});
