/**
 * Differential test against the real CPython on this machine: every text goes through
 * `json.dumps(ast.literal_eval(s), ensure_ascii=True/False)` (or `json.loads`) in Python and through
 * parsePyLiteral / parseJsonPy + pyDumps here; status, output text and error texts must agree.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointIndex } from '../../../src/core/python/chars';
import { pyDumps } from '../../../src/core/python/dumps';
import { parseJsonPy } from '../../../src/core/python/json';
import { parsePyLiteral } from '../../../src/core/python/literal';
import type { ParseResult } from '../../../src/core/python/value';
import { genJsonText, genPyLiteral, makeRng, mutate } from './generate';
import { askPython, type DumpsOutcome, pythonAvailable } from './python-oracle';

const LITERAL_CASES: string[] = [
  // the shapes seen in ms_agent Action Input
  "{'keywords_dict': {'商品类目': '手机'}}",
  "{'query': '北京天气', 'days': 3, 'detail': True, 'unit': None}",
  "{'text': 'It\\'s \"fine\"', 'n': -1.5e-7}",
  "{'url': 'https://example.com/a?b=1#frag', 'ok': False}",
  "{'a': [1, 2, 3], 'b': (4, 5), 'c': {'d': {}}}",
  '{"k": "v"}',
  // quotes and escapes
  '\'He said "hi"\'',
  '"It\'s"',
  "'\\''",
  "'\\\\'",
  "'a\\\\\\''",
  "'\\x41\\101\\u00e9\\U0001F600'",
  "'\\a\\b\\f\\v\\n\\r\\t\\0'",
  "'\\1012'",
  "'\\08'",
  "'\\400\\777'",
  "'\\q\\8\\ \\é'",
  "'\\x4'",
  "'\\x'",
  "'\\u00e'",
  "'\\U00110000'",
  "'\\U0010FFFF'",
  "'\\ud83d\\ude00'",
  "'\\ud800'",
  "'a\\\nb'",
  "'a\\\r\nb'",
  "'a\rb'",
  "'a\nb'",
  // raw, bytes, prefixes
  "r'\\n\\x41'",
  "r'\\''",
  "r'\\'",
  "r'\\\\'",
  "R'\\x'",
  "r'a\\\nb'",
  "b'abc\\x00\\xff\\777'",
  "b'\\u1234\\N{DASH}'",
  "b'\\x4g'",
  "rb'\\x'",
  "Br''",
  "bR'x'",
  "u'\\x41'",
  "U'x'",
  "ur'a'",
  "bu''",
  "f'x'",
  "rf'x'",
  "'a' f'b'",
  "b'\u00e9'",
  // triple quotes and concatenation
  "'''a\nb'''",
  '"""a"b""c"""',
  "'''a''b'''",
  "''''a'''",
  "'''a''''",
  '""""""',
  "'''a\r\nb\rc'''",
  "'a' 'b'",
  "'a''b'",
  "'a' \"b\" '''c'''",
  "'a' b'b'",
  "b'a' b'b'",
  "['a'\n'b']",
  "'a'\n'b'",
  "'a' \\\n 'b'",
  // strings with characters that matter elsewhere
  "'# not a comment'",
  "'商品类目：手机，价格≤3000元。'",
  "'emoji 😀 and 𝄞'",
  "'line\u2028separator\u2029para'",
  "'\u3000ideographic space\u00a0nbsp'",
  "'\u007f\u0085\u0001'",
  "'nul\u0000char'",
  "'\ud800'",
  "'ok' # \ud800",
  // numbers
  '0',
  '00',
  '0_0',
  '09',
  '0_7',
  '09.5',
  '09j',
  '1_000_000',
  '1__0',
  '1_',
  '0x_1F',
  '0X1f',
  '0o17',
  '0O8',
  '0b101',
  '0b2',
  '0x',
  '12345678901234567890123456789012345678901234567890',
  '-12345678901234567890',
  '+7',
  '-0',
  '1.',
  '.5',
  '1.e5',
  '1_0.5',
  '1.5_5',
  '1e1_0',
  '1._5',
  '1e',
  '1e+5',
  '1E-5',
  '1.5.5',
  '1e16',
  '1e15',
  '1e-5',
  '0.0001',
  '123456789012345.0',
  '1e22',
  '5e-324',
  '1e999',
  '-1e999',
  '1e-999',
  '-0.0',
  '0.1 + 0.2j',
  '1j',
  '1+2j',
  '-1-2J',
  '1+-2j',
  '1j+1',
  '1+2j+3j',
  '(1)+(2j)',
  '-(1)',
  '-(-1)',
  '--1',
  '- 1',
  '-True',
  '1+2',
  '1-1',
  '1 .real',
  // containers
  '[]',
  '[ ]',
  '()',
  '(1)',
  '(1,)',
  '(,)',
  '1,',
  '1, 2,',
  ',',
  '{}',
  'set()',
  'set( )',
  '(set)()',
  'set(())',
  'set',
  '[set()]',
  '{1, 2, 1}',
  '{1, True, 1.0}',
  '{1,}',
  '{,}',
  '[1,,2]',
  '[1 2]',
  '{1:2, 3}',
  '{1:}',
  '{**{}}',
  '[*[1]]',
  '[1][0]',
  '[1,\n2 # comment ] with a bracket\n]',
  '[\n 1 \\\n ,2]',
  '{\n  "a": 1,\n  "b": [\n    2,\n  ],\n}',
  // keys
  "{1: 'a', True: 'b', 1.0: 'c'}",
  "{True: 'a', 1: 'b'}",
  "{0: 'a', False: 'b', 0.0: 'c', -0.0: 'd'}",
  "{-0.0: 'a', 0: 'b'}",
  "{'a': 1, 'a': 2, 'b': 3, 'a': 4}",
  "{None: 1, 'null': 2, True: 3, 'true': 4}",
  '{1.5: 1, 1e16: 2, 1e999: 3, -1e999: 4}',
  '{12345678901234567890: 1}',
  '{(1, 2): 1}',
  '{(): 1}',
  "{b'a': 1}",
  '{1j: 1}',
  '{1: 1, 1+0j: 2}',
  '{[1]: 1}',
  '{(1, [2]): 1}',
  '{{}: 1}',
  '{set(): 1}',
  '{[1]}',
  '{(1, 2)}',
  // other types on the way to json.dumps
  '(1, [2, (3,)])',
  "b'x'",
  '{1, 2}',
  "[1, {'a': (2, None)}, {3}]",
  // names, keywords, junk
  'True',
  'None',
  'true',
  'null',
  'Truex',
  'True()',
  'x',
  "x'a'",
  '1;',
  '$',
  '[1,\x0b2]',
  '[1,\u00a02]',
  '\ufeff1',
  '1 if 1 else 2',
  'lambda: 1',
  // whitespace, lines, comments
  '',
  ' ',
  '\n',
  '# only a comment',
  '  1',
  '\t1',
  '\n1',
  '\n\n1\n\n',
  '\n 1',
  '1\n 2',
  '1\n',
  '1\r\n',
  '1\r',
  '1\n \n',
  '1\n # c',
  '1 # c',
  '1\x0c',
  '\x0c1',
  '1 + \\\n2j',
  '1 \\\n\n',
  '(1\n,)',
  '-\n1',
  '(-\n1)',
];

const JSON_CASES: string[] = [
  '{"keywords_dict": {"商品类目": "手机"}}',
  '{"a": 1, "b": 2.0, "c": -0, "d": -0.0, "e": 1e5, "f": 1E-5, "g": 12345678901234567890}',
  '[1.0, 100.0, 1e16, 1e15, 0.0001, 1e-05, 123456789012345.0, 0.30000000000000004]',
  '{"a": 1, "a": 2, "b": 3, "a": 4}',
  '"\\ud83d\\ude00"',
  '"\\ud83d"',
  '"\\ude00\\ud83d"',
  '"\\ud83d\\u0041"',
  '"\\ud83d\\ud83d\\ude00"',
  '"\\u00e9\\u00E9\\/\\b\\f\\n\\r\\t\\"\\\\"',
  '"\\u00e"',
  '"\\u1234',
  '"\\ud800\\u"',
  '"\\ud800\\uzzzz"',
  '"\\x41"',
  '"\\a"',
  '"\x01"',
  '"\x7f\u0085\u2028\u3000"',
  '"a\nb"',
  '"\ud800"',
  '"abc',
  '"',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '[NaN, Infinity, -Infinity]',
  'nan',
  'true',
  'True',
  'null',
  'nul',
  'truex',
  '',
  ' ',
  ' \t\n\r1\r\n',
  '\x0c1',
  '\u00a01',
  '\ufeff1',
  '1.',
  '01',
  '-',
  '-a',
  '1e',
  '1e+',
  '1.5e+',
  '.5',
  '+1',
  '1 2',
  '[1,]',
  '[,1]',
  '{"a":1,}',
  '{1:2}',
  "{'a': 1}",
  '{"a" 1}',
  '{"a":',
  '{"a"',
  '[1',
  '[1 2]',
  '{}',
  '[]',
  '[[]]',
  '{"a": {}}',
  '1e400',
  '-1e400',
  '1e-400',
  '١',
  '"😀 line\\u2028sep"\n\n',
  '{"\\u0000": "\\u001f"}',
  '["a"\n,\n"b"]',
  '😀 1',
  '"😀" x',
];

function dumpsBoth(value: ParseResult & { ok: true }): DumpsOutcome {
  const ascii = pyDumps(value.value, { ensureAscii: true });
  const unicode = pyDumps(value.value, { ensureAscii: false });
  const out: DumpsOutcome = {
    ascii: ascii.ok ? ascii.text : null,
    unicode: unicode.ok ? unicode.text : null,
  };
  if (!ascii.ok) out.asciiError = `TypeError: ${ascii.message}`;
  if (!unicode.ok) out.unicodeError = `TypeError: ${unicode.message}`;
  return out;
}

function pickDumps(o: DumpsOutcome): DumpsOutcome {
  const out: DumpsOutcome = { ascii: o.ascii, unicode: o.unicode };
  if (o.asciiError !== undefined) out.asciiError = o.asciiError;
  if (o.unicodeError !== undefined) out.unicodeError = o.unicodeError;
  return out;
}

const rng = makeRng(20240415);
const randomLiterals: string[] = [];
for (let i = 0; i < 320; i++) randomLiterals.push(genPyLiteral(rng));
const mutatedLiterals = randomLiterals.slice(0, 200).map((s) => mutate(rng, s));
const randomJsons: string[] = [];
for (let i = 0; i < 250; i++) randomJsons.push(genJsonText(rng));
const mutatedJsons = randomJsons.slice(0, 150).map((s) => mutate(rng, s));

const literals = [...LITERAL_CASES, ...randomLiterals, ...mutatedLiterals];
const jsons = [...JSON_CASES, ...randomJsons, ...mutatedJsons];
const available = pythonAvailable();
const answer = available ? askPython(literals, jsons) : null;

test('python3 is available for the differential tests', {
  skip: available ? false : 'python3 not found',
}, () => {
  assert.equal(answer?.literals.length, literals.length);
});

test('ast.literal_eval + json.dumps: same status and same text as CPython', { skip: !answer }, () => {
  const mismatches: unknown[] = [];
  let accepted = 0;
  let rejected = 0;
  literals.forEach((text, i) => {
    const py = answer!.literals[i];
    const ours = parsePyLiteral(text);
    if (!py.ok) {
      rejected++;
      if (ours.ok) mismatches.push({ text, python: py.error, ours: dumpsBoth(ours) });
      return;
    }
    accepted++;
    if (!ours.ok) {
      // Ellipsis parses in Python but has no JSON form; we reject it up front, on purpose.
      if (!(py.ellipsis && /Ellipsis/.test(ours.message)))
        mismatches.push({ text, python: pickDumps(py), ours: ours.message });
      return;
    }
    const mine = dumpsBoth(ours);
    if (JSON.stringify(mine) !== JSON.stringify(pickDumps(py)))
      mismatches.push({ text, python: pickDumps(py), ours: mine });
  });
  assert.deepEqual(mismatches, []);
  // The corpus must exercise both sides, or the comparison proves little.
  assert.ok(accepted > 250, `only ${accepted} accepted`);
  assert.ok(rejected > 120, `only ${rejected} rejected`);
});

test('json.loads + json.dumps: same status, text, error message and position as CPython', {
  skip: !answer,
}, () => {
  const mismatches: unknown[] = [];
  let accepted = 0;
  let rejected = 0;
  // Error texts follow CPython 3.11/3.12; 3.13 reworded the trailing-comma errors.
  const [major, minor] = answer!.version;
  const sameMessages = major === 3 && minor <= 12;
  jsons.forEach((text, i) => {
    const py = answer!.jsons[i];
    const ours = parseJsonPy(text);
    if (!py.ok) {
      rejected++;
      if (ours.ok) {
        mismatches.push({ text, python: py.message, ours: dumpsBoth(ours) });
      } else if (
        sameMessages &&
        py.pos !== null &&
        (py.pos !== codePointIndex(text, ours.offset) || py.message !== ours.message)
      ) {
        mismatches.push({ text, python: [py.message, py.pos], ours: [ours.message, ours.offset] });
      }
      return;
    }
    accepted++;
    if (!ours.ok) {
      mismatches.push({ text, python: pickDumps(py), ours: ours.message });
      return;
    }
    const mine = dumpsBoth(ours);
    if (JSON.stringify(mine) !== JSON.stringify(pickDumps(py)))
      mismatches.push({ text, python: pickDumps(py), ours: mine });
  });
  assert.deepEqual(mismatches, []);
  assert.ok(accepted > 200, `only ${accepted} accepted`);
  assert.ok(rejected > 100, `only ${rejected} rejected`);
});
