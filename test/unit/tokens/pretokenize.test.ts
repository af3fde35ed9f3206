import assert from 'node:assert/strict';
import { test } from 'node:test';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import {
  CL100K_RULES,
  forEachPiece,
  forEachSegment,
  type PieceRules,
  QWEN_RULES,
} from '../../../src/core/tokens/pretokenize';
import { QWEN_PATTERN } from '../../../src/core/tokens/qwenPattern';
import { generateCorpus } from '../../fixtures/generate';

function byRegex(pattern: string, text: string): string[] {
  return [...text.matchAll(new RegExp(pattern, 'gu'))].map((m) => m[0]);
}

function byScanner(rules: PieceRules, text: string): string[] {
  const out: string[] = [];
  forEachPiece(text, rules, (start, end) => out.push(text.slice(start, end)));
  return out;
}

/** Short random strings over the characters where the pattern's alternatives meet. */
function* randomTexts(count: number, alphabet: string[]): Generator<string> {
  let seed = 1;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed;
  };
  for (let k = 0; k < count; k++) {
    let s = '';
    const len = 1 + (next() % 12);
    for (let j = 0; j < len; j++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

const EDGES = [
  ..."aZé你1٣² \t\n\r\u3000\u00a0'sSlLervdmt!.{<|_-",
  '\u0085',
  '\ufeff',
  'ſ',
  '😀',
  '𠀀',
  '\u0301',
  '\ud800',
];

test('the scanner cuts exactly the pieces of Qwen’s pattern', () => {
  for (const text of randomTexts(30000, EDGES)) {
    assert.deepEqual(byScanner(QWEN_RULES, text), byRegex(QWEN_PATTERN, text), JSON.stringify(text));
  }
  for (const line of generateCorpus({ records: 40, seed: 5 })) {
    assert.deepEqual(byScanner(QWEN_RULES, line), byRegex(QWEN_PATTERN, line));
  }
});

test('the scanner cuts exactly the pieces of cl100k_base’s pattern (JavaScript whitespace aside)', () => {
  // js-tiktoken writes cl100k's \s as JavaScript's, which differs from Unicode White_Space only in
  // U+0085 and U+FEFF; and its contractions have no ſ.
  const alphabet = EDGES.filter((c) => !['\u0085', '\ufeff', 'ſ'].includes(c));
  for (const text of randomTexts(30000, alphabet)) {
    assert.deepEqual(byScanner(CL100K_RULES, text), byRegex(cl100k.pat_str, text), JSON.stringify(text));
  }
});

test('pieces that differ between the two patterns', () => {
  assert.deepEqual(byScanner(QWEN_RULES, 'x 2024'), ['x', ' ', '2', '0', '2', '4']);
  assert.deepEqual(byScanner(CL100K_RULES, 'x 2024'), ['x', ' ', '202', '4']);
  assert.deepEqual(byScanner(QWEN_RULES, "'ſ"), ["'ſ"]);
  assert.deepEqual(byScanner(CL100K_RULES, "'ſ"), ["'ſ"]);
  assert.deepEqual(byScanner(QWEN_RULES, "'ſx"), ["'ſ", 'x']);
  assert.deepEqual(byScanner(CL100K_RULES, "'ſx"), ["'ſx"]);
});

test('segments are tokenized apart: their pieces are exactly the pieces of the whole text', () => {
  const alphabet = [...'ab 你好\n\n\t\r1234.,!?\'s"{}[]😀\u3000\u00a0-'];
  let seed = 3;
  const texts: string[] = ['\nx', 'x\n', '\n\n', 'a.\n\nb', 'a \n b', 'a\n\tb\nc', ' \ny'];
  for (let i = 0; i < 2000; i++) {
    let s = '';
    for (let j = 0; j < 30; j++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      // The high bits: an LCG's low bits repeat with a short period.
      s += alphabet[(seed >>> 16) % alphabet.length];
    }
    texts.push(s);
  }
  let cuts = 0;
  for (const rules of [CL100K_RULES, QWEN_RULES]) {
    for (const text of texts) {
      const bySegment: string[] = [];
      let joined = '';
      forEachSegment(text, (start, end) => {
        if (start > 0) cuts++;
        const segment = text.slice(start, end);
        joined += segment;
        bySegment.push(...byScanner(rules, segment));
      });
      assert.equal(joined, text);
      assert.deepEqual(bySegment, byScanner(rules, text), JSON.stringify(text));
      // And a range of the text is scanned as if it were cut out.
      const ranged: string[] = [];
      forEachSegment(text, (start, end) =>
        forEachPiece(text, rules, (a, b) => ranged.push(text.slice(a, b)), start, end),
      );
      assert.deepEqual(ranged, bySegment);
    }
  }
  assert.ok(cuts > 1000, `cuts ${cuts}`);
});
