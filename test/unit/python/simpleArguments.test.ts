/**
 * `parseArguments` reads the common shape of an `Action Input` in one pass (`simpleArguments.ts`) before
 * trying JSON and then a Python literal. These tests hold that reader to the two full parsers: on texts
 * of the shape, on near misses of it and on the differential test's awkward texts, the result (value,
 * syntax, or the full parsers' error) is the same with the one-pass reader on and off.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseArguments, simpleArgumentsPath } from '../../../src/core/python/json';
import { parseSimpleArguments } from '../../../src/core/python/simpleArguments';
import { genJsonText, genPyLiteral, makeRng, mutate, type Rng } from './generate';

after(() => {
  simpleArgumentsPath.enabled = true;
});

function bothWays(text: string) {
  simpleArgumentsPath.enabled = false;
  const full = parseArguments(text);
  simpleArgumentsPath.enabled = true;
  const fast = parseArguments(text);
  return { full, fast, simple: parseSimpleArguments(text) !== undefined };
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

const STRING_PIECES = [
  'city',
  '北京',
  '今天天气真好',
  '😀',
  ' ',
  'a b',
  '/tmp/1.jpg',
  'https://example.com/a?b=1#x',
  '\\n',
  '\\t',
  '\\\\',
  '\\"',
  "\\'",
  '"',
  "'",
  ':',
  ',',
  '{',
  ']',
  'True',
  '\u2028',
  '\u3000',
  '\u007f',
];
// Near misses: each is outside the shape, so the full parsers must decide.
const RARE_STRING_PIECES = [
  '\\u4e2d',
  '\\x41',
  '\\/',
  '\\r',
  '\\0',
  '\n',
  '\t',
  '\ud800',
  '\udc00',
  '\\N{DASH}',
];
const NUMBERS = ['0', '-0', '7', '-12', '3.25', '-0.0', '1.0', '12345678901234567890123', '0.1'];
const RARE_NUMBERS = [
  '007',
  '00',
  '1e5',
  '1E-3',
  '1.',
  '.5',
  '1_000',
  '2j',
  '-',
  '- 1',
  '+1',
  '0x1f',
  '1.5e',
];
const CONSTANTS = ['True', 'False', 'None', 'true', 'false', 'null'];
const RARE_CONSTANTS = ['Trueish', 'NaN', 'Infinity', '-Infinity', 'nul', 'set()'];

/** A value of the common shape, sometimes with one thing outside it. */
function shapeValue(rng: Rng, depth: number, quote: string): string {
  const roll = rng();
  const q = rng() < 0.05 ? pick(rng, ["'", '"']) : quote;
  if (depth < 3 && roll < 0.3) return shapeDict(rng, depth + 1, quote);
  if (depth < 3 && roll < 0.4) return shapeList(rng, depth + 1, quote);
  if (roll < 0.75) return shapeString(rng, q);
  if (roll < 0.9) return rng() < 0.1 ? pick(rng, RARE_NUMBERS) : pick(rng, NUMBERS);
  return rng() < 0.1 ? pick(rng, RARE_CONSTANTS) : pick(rng, CONSTANTS);
}

function shapeString(rng: Rng, q: string): string {
  let s = '';
  const n = Math.floor(rng() * 4);
  for (let i = 0; i < n; i++) {
    let piece = rng() < 0.04 ? pick(rng, RARE_STRING_PIECES) : pick(rng, STRING_PIECES);
    // A bare quote of the string's own kind would end it; escape it as both languages do.
    if (piece === q) piece = `\\${q}`;
    s += piece;
  }
  return q + s + q;
}

function space(rng: Rng): string {
  const r = rng();
  return r < 0.6 ? '' : r < 0.95 ? ' ' : pick(rng, ['  ', '\t', '\n']);
}

function shapeDict(rng: Rng, depth: number, quote: string): string {
  const n = Math.floor(rng() * 4);
  const keys = ['city', 'date', 'k', '城市', 'city'];
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const key =
      rng() < 0.05
        ? pick(rng, ['1', 'None', '(1, 2)'])
        : shapeString(rng, quote).replace(/^(.).*(.)$/, `$1${pick(rng, keys)}$2`);
    items.push(`${key}${space(rng)}:${rng() < 0.9 ? ' ' : space(rng)}${shapeValue(rng, depth, quote)}`);
  }
  const trailing = n > 0 && rng() < 0.03 ? ',' : '';
  return `{${space(rng)}${items.join(rng() < 0.9 ? ', ' : `,${space(rng)}`)}${trailing}${space(rng)}}`;
}

function shapeList(rng: Rng, depth: number, quote: string): string {
  const n = Math.floor(rng() * 4);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(shapeValue(rng, depth, quote));
  const trailing = n > 0 && rng() < 0.03 ? ',' : '';
  return `[${items.join(rng() < 0.9 ? ', ' : `,${space(rng)}`)}${trailing}]`;
}

function shapeText(rng: Rng): string {
  const text = shapeValue(rng, 0, rng() < 0.6 ? "'" : '"');
  const r = rng();
  if (r < 0.03) return ` ${text}`;
  if (r < 0.06) return `${text} `;
  if (r < 0.08) return `${text}, 1`;
  return text;
}

test('texts of the common shape and near misses read the same with and without the one-pass reader', () => {
  const rng = makeRng(20261203);
  let simple = 0;
  let full = 0;
  let failures = 0;
  for (let i = 0; i < 20000; i++) {
    let text = shapeText(rng);
    if (rng() < 0.15) text = mutate(rng, text);
    const r = bothWays(text);
    assert.deepStrictEqual(r.fast, r.full, text);
    if (r.simple) simple++;
    else full++;
    if (!r.full.ok) failures++;
  }
  // Both branches are exercised, and so are the full parsers' errors.
  assert.ok(simple > 8000, `one-pass reader took ${simple} of 20000`);
  assert.ok(full > 2000, `full parsers took ${full} of 20000`);
  assert.ok(failures > 300, `${failures} texts failed`);
});

test("the differential test's awkward Python and JSON texts read the same with and without it", () => {
  const rng = makeRng(7);
  for (let i = 0; i < 4000; i++) {
    for (const text of [genPyLiteral(rng), genJsonText(rng)]) {
      const r = bothWays(text);
      assert.deepStrictEqual(r.fast, r.full, text);
    }
  }
});

test('published Action Inputs take the one-pass reader and give the values and syntax of the full parsers', () => {
  const cases: [string, 'json' | 'python'][] = [
    ["{'keywords_dict': {'商品类目': '手机'}}", 'python'],
    [
      "{'sku_code_list': ['15956662254'], 'sku_name_list': ['小米11 Ultra 5G手机 256GB'], 'property_list': [['拍照性能']]}",
      'python',
    ],
    ["{'image': '/tmp/1.jpg'}", 'python'],
    ['{"city": "北京", "days": 3, "detail": true}', 'json'],
    ['{"city": "北京", "days": 3, "detail": True}', 'python'],
    ["{'input': 'it\\'s a \"test\"', 'n': -1.5}", 'python'],
    ['{"text": "line1\\nline2", "path": "C:\\\\temp"}', 'json'],
    ["{'a': 1, 'a': 2, 'b': None}", 'python'],
    ['{}', 'json'],
  ];
  for (const [text, syntax] of cases) {
    const r = bothWays(text);
    assert.ok(r.simple, text);
    assert.deepStrictEqual(r.fast, r.full, text);
    assert.equal(r.fast.ok && r.fast.syntax, syntax, text);
  }
  // A repeated key keeps its first place and its last value, as Python's dict does.
  const dup = parseSimpleArguments("{'a': 1, 'b': 2, 'a': 3}");
  assert.deepStrictEqual(dup?.value, {
    t: 'dict',
    entries: [
      [
        { t: 'str', v: 'a' },
        { t: 'int', v: 3n },
      ],
      [
        { t: 'str', v: 'b' },
        { t: 'int', v: 2n },
      ],
    ],
  });
});

test('texts outside the shape are left to the full parsers', () => {
  for (const text of [
    "{'a': 1,}",
    '[1, 2,]',
    "{'a': 'x'; 'b': 'y'}",
    "['x'; 'y']",
    '[1 2]',
    "{'a': 1} ",
    " {'a': 1}",
    "{'a':\n1}",
    "{'a': 1e5}",
    "{'a': 007}",
    "{1: 'a'}",
    "{'a', 'b'}",
    "('a', 'b')",
    "{'a': '\\x41'}",
    "{'a': 'b' 'c'}",
    "{'a': r'b'}",
    "{'a': true, 'b': None}",
    "{'a': '\ud800'}",
    "{'a': 1} # note",
    `${'['.repeat(40)}${']'.repeat(40)}`,
  ]) {
    assert.equal(parseSimpleArguments(text), undefined, text);
    const r = bothWays(text);
    assert.deepStrictEqual(r.fast, r.full, text);
  }
});
