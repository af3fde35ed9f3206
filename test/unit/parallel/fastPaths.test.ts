/**
 * The pipeline's hot spots replaced regex searches and JSON.parse calls by scans; these tests hold each
 * scan to the regex it stands for, on random texts built from the characters that matter to it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spanToColumns } from '../../../src/core/pipeline/locate';
import { encodeStringUnicode } from '../../../src/core/python/dumps';
import {
  API_NAME_RE,
  API_RE,
  apiChunks,
  apiNameMatch,
  PARAMS_RE,
  paramsMatch,
} from '../../../src/core/seed/processSystem';
import { generateCorpus } from '../../fixtures/generate';

/** A small deterministic generator (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function randomText(next: () => number, alphabet: string[], max: number): string {
  const n = Math.floor(next() * max);
  let t = '';
  for (let i = 0; i < n; i++) t += alphabet[Math.floor(next() * alphabet.length)];
  return t;
}

const SEED_ALPHABET = [
  '\n',
  '1',
  '7',
  '.',
  '}',
  ']',
  '}]',
  '\n2.',
  '\n3. x',
  ' ',
  '\u3000',
  '\u00a0',
  '\t',
  'a',
  'API',
  ' API',
  '\u0663',
  '\ud835\udfce',
  '\ud835',
  '\udfce',
  '\ud801\udca0',
  'Parameters: [{',
  '{',
  'useful for? ',
  '中',
];

function systemPrompts(): string[] {
  const out: string[] = [];
  for (const line of generateCorpus({ records: 200, seed: 'fast-paths', anomalies: true })) {
    try {
      const v = JSON.parse(line.replace(/^\ufeff/, '')) as { conversations?: { value: string }[] };
      if (v.conversations?.[0]) out.push(v.conversations[0].value);
    } catch {
      // not every generated line is JSON
    }
  }
  return out;
}

test('apiChunks finds exactly what the seed regex (?<=\\n\\d\\.)(.*?})(?=]) matches', () => {
  const next = rng(1);
  const texts = [...systemPrompts()];
  for (let i = 0; i < 20000; i++) texts.push(randomText(next, SEED_ALPHABET, 40));
  for (const text of texts) {
    API_RE.lastIndex = 0;
    const expected = [...text.matchAll(API_RE)].map((m) => ({ index: m.index, text: m[1] }));
    assert.deepEqual(apiChunks(text), expected, JSON.stringify(text));
  }
});

test('apiNameMatch and paramsMatch find what (\\S+)\\sAPI and Parameters: \\[({.*}) match', () => {
  const next = rng(2);
  const texts = [...systemPrompts()];
  for (let i = 0; i < 20000; i++) texts.push(randomText(next, SEED_ALPHABET, 30));
  for (const text of texts) {
    const an = API_NAME_RE.exec(text);
    assert.deepEqual(
      apiNameMatch(text),
      an ? { index: an.index, name: an[1] } : undefined,
      JSON.stringify(text),
    );
    PARAMS_RE.lastIndex = 0;
    const pms = [...text.matchAll(PARAMS_RE)];
    assert.ok(pms.length <= 1);
    const pm = pms[0];
    assert.deepEqual(
      paramsMatch(text),
      pm ? { index: pm.index, para: pm[1] } : undefined,
      JSON.stringify(text),
    );
  }
});

/** The column walk as it was: one step per decoded character. */
function stepwise(
  raw: string,
  literal: { offset: number; length: number },
  span: { start: number; end: number },
) {
  let at = literal.offset + 1;
  const rawEnd = literal.offset + literal.length - 1;
  let decoded = 0;
  let startRaw = -1;
  while (at < rawEnd) {
    if (decoded === span.start && startRaw < 0) startRaw = at;
    if (decoded >= span.end && startRaw >= 0) break;
    at += raw.charCodeAt(at) === 0x5c ? (raw.charCodeAt(at + 1) === 0x75 ? 6 : 2) : 1;
    decoded++;
  }
  if (startRaw < 0) startRaw = at;
  return { column: startRaw + 1, length: Math.max(1, at - startRaw) };
}

test('spanToColumns jumps over runs without escapes and agrees with the step-by-step walk', () => {
  const next = rng(3);
  const alphabet = ['a', 'b', '\n', '"', '\\', '\u0001', '中', '\u2028', '😀', ' '];
  for (let i = 0; i < 5000; i++) {
    const text = randomText(next, alphabet, 30);
    const prefix = next() < 0.5 ? '{"x": "q\\\\", "v": ' : '[';
    const literalText = JSON.stringify(text);
    const raw = `${prefix}${literalText}${next() < 0.5 ? ', "z": "\\\\\\n"}' : ']'}`;
    const literal = { offset: prefix.length, length: literalText.length };
    // Several spans on one literal, in any order: the walk resumes or restarts as needed.
    for (let k = 0; k < 6; k++) {
      const start = Math.floor(next() * (text.length + 4)) - 2;
      const span = { turn: 0, start, end: start + Math.floor(next() * 8) - 3 };
      assert.deepEqual(
        spanToColumns(raw, literal, span),
        stepwise(raw, literal, span),
        JSON.stringify({ raw, span }),
      );
    }
  }
});

/** json.dumps(s, ensure_ascii=False) of one string, spelled out as CPython's py_encode_basestring does. */
function pyEncodeBasestring(s: string): string {
  const named: Record<number, string> = {
    34: '\\"',
    92: '\\\\',
    8: '\\b',
    12: '\\f',
    10: '\\n',
    13: '\\r',
    9: '\\t',
  };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) out += s[i];
    else out += named[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

test('encodeStringUnicode (JSON.stringify when it can) agrees with Python on every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const s = `a${String.fromCharCode(c)}b`;
    assert.equal(encodeStringUnicode(s), pyEncodeBasestring(s), `U+${c.toString(16)}`);
  }
  for (const s of [
    '',
    'plain',
    '中文 "quoted" \\ back\nslash\u0001',
    '😀 pair',
    '\ud83d lone',
    'lone \ude00',
  ]) {
    assert.equal(encodeStringUnicode(s), pyEncodeBasestring(s), JSON.stringify(s));
  }
});
