import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pyDumps } from '../../../src/core/python/dumps';
import { parsePyLiteral } from '../../../src/core/python/literal';
import type { PyValue } from '../../../src/core/python/value';

/** The literal as `json.dumps(..., ensure_ascii=False)` text; fails the test if it does not parse. */
function asJson(text: string): string {
  const parsed = parsePyLiteral(text);
  assert.ok(parsed.ok, `expected ${JSON.stringify(text)} to parse, got ${parsed.ok ? '' : parsed.message}`);
  const dumped = pyDumps(parsed.value, { ensureAscii: false });
  assert.ok(dumped.ok, `expected ${JSON.stringify(text)} to be dumpable`);
  return dumped.text;
}

function value(text: string): PyValue {
  const parsed = parsePyLiteral(text);
  assert.ok(parsed.ok, `expected ${JSON.stringify(text)} to parse, got ${parsed.ok ? '' : parsed.message}`);
  return parsed.value;
}

function rejects(text: string, message?: RegExp, offset?: number): void {
  const parsed = parsePyLiteral(text);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(text)} to be rejected`);
  if (parsed.ok) return;
  if (message) assert.match(parsed.message, message);
  if (offset !== undefined) assert.equal(parsed.offset, offset, parsed.message);
}

describe('strings', () => {
  test('both quote kinds, with the other kind inside and escaped quotes', () => {
    assert.equal(asJson('\'He said "hi"\''), '"He said \\"hi\\""');
    assert.equal(asJson('"It\'s"'), '"It\'s"');
    assert.equal(asJson("'It\\'s'"), '"It\'s"');
    assert.equal(asJson("'a\\\\\\''"), '"a\\\\\'"');
  });

  test('all escape forms', () => {
    assert.equal(value("'\\x41\\101\\u00e9\\U0001F600'").t, 'str');
    assert.deepEqual(value("'\\x41\\101\\u00e9\\U0001F600'"), { t: 'str', v: 'AAé😀' });
    assert.deepEqual(value("'\\a\\b\\f\\v\\n\\r\\t\\0'"), { t: 'str', v: '\x07\b\f\v\n\r\t\0' });
    assert.deepEqual(value("'\\1012'"), { t: 'str', v: 'A2' });
    assert.deepEqual(value("'\\08'"), { t: 'str', v: '\x008' });
    assert.deepEqual(value("'\\777'"), { t: 'str', v: '\u01ff' });
    assert.deepEqual(value("'\\U0010FFFF'"), { t: 'str', v: '\u{10ffff}' });
  });

  test('unknown escapes keep the backslash', () => {
    assert.deepEqual(value("'\\q\\8\\ \\é\\😀'"), { t: 'str', v: '\\q\\8\\ \\é\\😀' });
  });

  test('bad escapes are rejected with the offset of the backslash', () => {
    rejects("'ab\\x4'", /truncated \\xXX escape/, 3);
    rejects("'\\u00e'", /truncated \\uXXXX/, 1);
    rejects("'\\U00110000'", /illegal Unicode character/, 1);
    rejects("'\\N{DASH}'", /named Unicode escapes are not supported/, 1);
  });

  test('backslash-newline continues the string; a raw newline ends a one-line string', () => {
    assert.deepEqual(value("'a\\\nb'"), { t: 'str', v: 'ab' });
    assert.deepEqual(value("'a\\\r\nb'"), { t: 'str', v: 'ab' });
    rejects("'a\nb'", /unterminated string starting at offset 0/, 0);
    rejects("'a\rb'", /unterminated string/);
  });

  test('raw strings keep backslashes, and an escaped quote does not end them', () => {
    assert.deepEqual(value("r'\\n\\x41'"), { t: 'str', v: '\\n\\x41' });
    assert.deepEqual(value("r'\\''"), { t: 'str', v: "\\'" });
    assert.deepEqual(value("R'\\\\'"), { t: 'str', v: '\\\\' });
    assert.deepEqual(value("r'a\\\nb'"), { t: 'str', v: 'a\\\nb' });
    rejects("r'\\'", /unterminated/);
  });

  test('triple quotes span lines; source line ends become \\n', () => {
    assert.deepEqual(value("'''a\nb'''"), { t: 'str', v: 'a\nb' });
    assert.deepEqual(value("'''a\r\nb\rc'''"), { t: 'str', v: 'a\nb\nc' });
    assert.deepEqual(value('"""a"b""c"""'), { t: 'str', v: 'a"b""c' });
    assert.deepEqual(value("''''a'''"), { t: 'str', v: "'a" });
    assert.deepEqual(value('""""""'), { t: 'str', v: '' });
    rejects("'''a''''", /unterminated/);
    rejects("x = '''abc", /./);
    rejects("'''abc", /unterminated triple-quoted string starting at offset 0/, 0);
  });

  test('prefixes: u, r, b, br/rb in any case; f-strings and unknown combinations are not literals', () => {
    assert.deepEqual(value("u'x'"), { t: 'str', v: 'x' });
    assert.deepEqual(value("U'x'"), { t: 'str', v: 'x' });
    assert.deepEqual(value("b'a\\x00\\xff\\777'"), { t: 'bytes', v: new Uint8Array([0x61, 0, 0xff, 0xff]) });
    assert.deepEqual(value("Rb'\\n'"), { t: 'bytes', v: new Uint8Array([0x5c, 0x6e]) });
    assert.deepEqual(value("b'\\u1234'"), {
      t: 'bytes',
      v: new Uint8Array([...'\\u1234'].map((c) => c.charCodeAt(0))),
    });
    rejects("b'é'", /bytes can only contain ASCII/);
    rejects("b'\\x4g'", /invalid \\xXX escape/);
    rejects("f'x'", /f-strings are not literals/);
    rejects("'a' F'x'", /f-strings/);
    rejects("ur'a'", /./);
    rejects("bu''", /./);
  });

  test('adjacent literals concatenate, across lines inside brackets; bytes and str do not mix', () => {
    assert.deepEqual(value("'a' 'b'"), { t: 'str', v: 'ab' });
    assert.deepEqual(value("'a''b'"), { t: 'str', v: 'ab' });
    assert.deepEqual(value("'a' \"b\" '''c''' r'\\d'"), { t: 'str', v: 'abc\\d' });
    assert.equal(asJson("['a'\n 'b']"), '["ab"]');
    assert.equal(asJson("'a' \\\n 'b'"), '"ab"');
    rejects("'a'\n'b'");
    rejects("'a' b'b'", /cannot mix bytes and nonbytes/, 4);
  });

  test('characters that matter elsewhere are just text inside strings', () => {
    assert.equal(
      asJson("{'q': '# not a comment', 'r': '[{,:}]'}"),
      '{"q": "# not a comment", "r": "[{,:}]"}',
    );
    assert.equal(asJson("'商品类目：手机。😀\u2028\u3000'"), '"商品类目：手机。😀\u2028\u3000"');
  });

  test('NUL and lone surrogates are refused anywhere in the source, as CPython does', () => {
    rejects("'a\0b'", /NUL/, 2);
    rejects("'\ud800'", /lone surrogate/, 1);
    rejects('1 # \udc00', /lone surrogate/);
    assert.deepEqual(value("'\\ud800'"), { t: 'str', v: '\ud800' });
  });
});

describe('numbers', () => {
  test('ints in every base, with underscores, arbitrarily large', () => {
    assert.deepEqual(value('0x_1F'), { t: 'int', v: 31n });
    assert.deepEqual(value('0o17'), { t: 'int', v: 15n });
    assert.deepEqual(value('0B101'), { t: 'int', v: 5n });
    assert.deepEqual(value('1_000_000'), { t: 'int', v: 1000000n });
    assert.deepEqual(value('00'), { t: 'int', v: 0n });
    assert.deepEqual(value('0_0'), { t: 'int', v: 0n });
    const huge = '123456789'.repeat(30);
    assert.deepEqual(value(huge), { t: 'int', v: BigInt(huge) });
    assert.equal(asJson(`-${huge}`), `-${huge}`);
    assert.equal(asJson('0x' + 'f'.repeat(40)), (2n ** 160n - 1n).toString());
  });

  test('malformed ints', () => {
    rejects('09', /leading zeros/, 0);
    rejects('0_7', /leading zeros/);
    rejects('1__0', /invalid decimal literal/);
    rejects('1_', /invalid decimal literal/);
    rejects('0b2', /invalid digit '2' in binary literal/);
    rejects('0o8', /invalid digit '8' in octal literal/);
    rejects('0x', /invalid hexadecimal literal/);
    rejects('0xFFj', /invalid hexadecimal literal/);
    rejects('1L', /invalid decimal literal/);
  });

  test('floats in every spelling', () => {
    assert.deepEqual(value('1.'), { t: 'float', v: 1 });
    assert.deepEqual(value('.5'), { t: 'float', v: 0.5 });
    assert.deepEqual(value('1.e5'), { t: 'float', v: 1e5 });
    assert.deepEqual(value('1_0.5'), { t: 'float', v: 10.5 });
    assert.deepEqual(value('1e1_0'), { t: 'float', v: 1e10 });
    assert.deepEqual(value('09.5'), { t: 'float', v: 9.5 });
    assert.deepEqual(value('1E-5'), { t: 'float', v: 1e-5 });
    assert.deepEqual(value('1e999'), { t: 'float', v: Number.POSITIVE_INFINITY });
    assert.ok(Object.is((value('-0.0') as { v: number }).v, -0));
    rejects('1._5');
    rejects('1e');
    rejects('1.5.5');
  });

  test('complex numbers: imaginary literals and real ± imaginary only', () => {
    assert.deepEqual(value('1j'), { t: 'complex', re: 0, im: 1 });
    assert.deepEqual(value('09j'), { t: 'complex', re: 0, im: 9 });
    assert.deepEqual(value('1+2j'), { t: 'complex', re: 1, im: 2 });
    assert.deepEqual(value('-1.5-2J'), { t: 'complex', re: -1.5, im: -2 });
    assert.deepEqual(value('(1)+(2j)'), { t: 'complex', re: 1, im: 2 });
    rejects('1+-2j', /expected a value but found '-' at offset 2/, 2);
    rejects('1j+1', /complex number/);
    rejects('1+2j+3j', /complex number/);
    rejects('1+2', /complex number/, 1);
    rejects('True+1j', /complex number/);
    rejects('-(1+2j)', /unary '-'/);
    rejects(`1${'0'.repeat(400)}+1j`, /too large to convert to float/);
  });

  test('one unary sign on a number, even through brackets; nothing else', () => {
    assert.deepEqual(value('-(1)'), { t: 'int', v: -1n });
    assert.deepEqual(value('- 1'), { t: 'int', v: -1n });
    assert.deepEqual(value('+7'), { t: 'int', v: 7n });
    assert.deepEqual(value('-1j'), { t: 'complex', re: -0, im: -1 });
    rejects('--1', /expected a value but found '-'/, 1);
    rejects('-(-1)', /unary '-'/);
    rejects('-True', /unary '-'/);
    rejects("-'a'", /unary '-'/);
    rejects('+(1,)', /unary '\+'/);
  });
});

describe('containers', () => {
  test('lists, tuples, sets and dicts with trailing commas, nested', () => {
    assert.equal(asJson('[1, (2,), [3, [4, {}]], ()]'), '[1, [2], [3, [4, {}]], []]');
    assert.deepEqual(value('()'), { t: 'tuple', items: [] });
    assert.deepEqual(value('(1)'), { t: 'int', v: 1n });
    assert.deepEqual(value('(1,)'), { t: 'tuple', items: [{ t: 'int', v: 1n }] });
    assert.deepEqual(value('1, 2,'), {
      t: 'tuple',
      items: [
        { t: 'int', v: 1n },
        { t: 'int', v: 2n },
      ],
    });
    assert.deepEqual(value('{1, 2, 1, True, 1.0}'), {
      t: 'set',
      items: [
        { t: 'int', v: 1n },
        { t: 'int', v: 2n },
      ],
    });
    assert.deepEqual(value('set()'), { t: 'set', items: [] });
    assert.deepEqual(value('(set)( )'), { t: 'set', items: [] });
    assert.equal(asJson("{'a': 1, 'b': [2,],}"), '{"a": 1, "b": [2]}');
  });

  test('comments and line breaks between tokens inside brackets', () => {
    const text = "{\n  'a': 1,  # first ] } )\n  'b': [\n    2, # two\n  ],\r\n  'c': 3 \\\n}";
    assert.equal(asJson(text), '{"a": 1, "b": [2], "c": 3}');
  });

  test('syntax errors name what was expected and where', () => {
    rejects('[1 2]', /expected ',' or '\]' but found a number at offset 3/, 3);
    rejects('{1:2, 3}', /expected ':' after the dict key/, 7);
    rejects("{'a': [1,", /'\[' at offset 6 was never closed/, 6);
    rejects('[1,,2]', /expected a value/, 3);
    rejects('(,)');
    rejects('{,}');
    rejects('[1)', /does not match/, 2);
    rejects('1]', /unmatched '\]'/, 1);
    rejects('{**{}}');
    rejects('[*[1]]');
    rejects('set(())', /set\(\) takes no arguments/);
    rejects('set', /name 'set' is not a literal/);
    rejects('[set]', /name 'set'/);
    rejects('[1][0]', /subscripts/);
    rejects('1 .real', /attribute/);
    rejects('True()', /calls/);
  });

  test('dict keys compare as in Python: the first key and its place stay, the last value wins', () => {
    assert.equal(asJson("{1: 'a', True: 'b', 1.0: 'c'}"), '{"1": "c"}');
    assert.equal(asJson("{True: 'a', 1: 'b'}"), '{"true": "b"}');
    assert.equal(asJson("{0: 'a', False: 'b', 0.0: 'c', -0.0: 'd'}"), '{"0": "d"}');
    assert.equal(asJson("{-0.0: 'a', 0: 'b'}"), '{"-0.0": "b"}');
    assert.equal(asJson("{'a': 1, 'b': 2, 'a': 3}"), '{"a": 3, "b": 2}');
    assert.equal(asJson('{1: 1, 1+0j: 2}'), '{"1": 2}');
    assert.equal(asJson("{None: 1, 'null': 2}"), '{"null": 1, "null": 2}');
    assert.deepEqual(value('{(1, (2,)): 1, (1, (2,)): 2}'), {
      t: 'dict',
      entries: [
        [
          {
            t: 'tuple',
            items: [
              { t: 'int', v: 1n },
              { t: 'tuple', items: [{ t: 'int', v: 2n }] },
            ],
          },
          { t: 'int', v: 2n },
        ],
      ],
    });
  });

  test('unhashable keys and set members are rejected at the key', () => {
    rejects("{'a': 1, [1]: 2}", /unhashable type: 'list'/, 9);
    rejects('{(1, [2]): 1}', /unhashable type: 'list'/, 1);
    rejects('{{}: 1}', /unhashable type: 'dict'/);
    rejects('{set(): 1}', /unhashable type: 'set'/);
    rejects('{1, [2]}', /unhashable type: 'list'.*set element/, 4);
  });

  test('200 levels of brackets are accepted and the 201st is refused, like CPython', () => {
    assert.equal(asJson('['.repeat(200) + ']'.repeat(200)), '['.repeat(199) + '[]' + ']'.repeat(199));
    assert.equal(value('{1:'.repeat(200) + '1' + '}'.repeat(200)).t, 'dict');
    rejects('['.repeat(201) + ']'.repeat(201), /too many nested brackets/, 200);
    rejects('['.repeat(200) + 'set()' + ']'.repeat(200), /too many nested/, 203);
    assert.equal(value('['.repeat(199) + 'set()' + ']'.repeat(199)).t, 'list');
    rejects('('.repeat(100000), /too many nested/);
  });
});

describe('names, whitespace, lines', () => {
  test('True, False and None; other names are not literals, with a hint for JSON spellings', () => {
    assert.equal(asJson('[True, False, None]'), '[true, false, null]');
    rejects("{'a': true}", /name 'true' at offset 6 is not a literal \(Python spells it True\)/, 6);
    rejects('null', /Python spells it None/);
    rejects('Truex', /name 'Truex'/);
    rejects('x', /name 'x'/);
  });

  test('leading spaces and tabs are stripped; leading blank lines and comments are fine', () => {
    assert.equal(asJson('  \t1'), '1');
    assert.equal(asJson('\n\n1\n\n'), '1');
    assert.equal(asJson('# c\n1 # d\n'), '1');
    assert.equal(asJson('\x0c1'), '1');
    assert.equal(asJson('1\r\n'), '1');
    assert.equal(asJson('1\n \n'), '1');
  });

  test('an indented line after a line break is an error, even a last line of spaces (CPython 3.11)', () => {
    rejects('\n 1', /unexpected indent/, 2);
    rejects('1\n 2', /unexpected indent/);
    rejects('1\n ', /unexpected indent/);
    rejects('\x0c 1', /unexpected indent/);
    assert.equal(asJson('1\n # comment'), '1');
    assert.equal(asJson('1\n\x0c'), '1');
  });

  test('backslash continuation outside brackets', () => {
    assert.equal(asJson('-\\\n1'), '-1');
    assert.equal(value('1 + \\\n2j').t, 'complex');
    rejects('1 \\\n', /end of input after the line continuation/);
    rejects('1 \\ 2', /after line continuation character/);
    assert.equal(asJson('\\\n1'), '1');
    rejects('\\\n 1', /unexpected indent/);
  });

  test('empty and junk input', () => {
    rejects('', /empty input/, 0);
    rejects('   ', /empty input/);
    rejects('# only', /empty input/);
    rejects('1;', /expected the end of the literal but found ';'/, 1);
    rejects('1 2', /expected the end/);
    rejects('$', /expected a value/);
    rejects('[1,\x0b2]', /non-printable character U\+000B/, 3);
    rejects('[1,\u00a02]', /unexpected character '\u00a0' \(U\+00A0\) outside a string/, 3);
    rejects('\ufeff1', /U\+FEFF/, 0);
    rejects('1 if 1 else 2', /./);
    rejects('...', /Ellipsis/);
  });

  test('never throws, whatever the input', () => {
    const nasty = [
      '\\',
      "'",
      '"""',
      'b"\\',
      '0x_',
      '[' + '('.repeat(300),
      '\ud800',
      '\0',
      '1e',
      '{1:',
      '-',
      '(set)',
      ')',
    ];
    for (const text of nasty) assert.equal(parsePyLiteral(text).ok, false, JSON.stringify(text));
  });
});
