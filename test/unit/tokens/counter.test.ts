import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { createTokenCounter, TokenizerFileError } from '../../../src/core/tokens/counter';

const dir = mkdtempSync(join(tmpdir(), 'afc-tokens-'));

/**
 * A tiny byte-level vocabulary in qwen.tiktoken's format: every byte, then a few merges. Merges must
 * build on ranked pairs, as BPE only ever joins two ranked parts.
 */
function writeVocabulary(name: string, merges: string[], options: { dropByte?: number } = {}): string {
  const lines: string[] = [];
  let rank = 0;
  for (let b = 0; b < 256; b++) {
    if (b !== options.dropByte) lines.push(`${Buffer.from([b]).toString('base64')} ${rank}`);
    rank++;
  }
  for (const m of merges) lines.push(`${Buffer.from(m, 'utf8').toString('base64')} ${rank++}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('the estimate is cl100k_base: known counts, labelled as an estimate', async () => {
  const c = await createTokenCounter();
  assert.equal(c.exact, false);
  assert.match(c.label, /estimate/);
  assert.match(c.label, /cl100k_base/);
  // OpenAI's documented examples: "hello world" is [15339, 1917]; "tiktoken is great!" is 6 tokens.
  assert.equal(c.count('hello world'), 2);
  assert.equal(c.count('tiktoken is great!'), 6);
  assert.equal(c.count(''), 0);
});

test('the estimate matches js-tiktoken token for token on varied text', async () => {
  const c = await createTokenCounter();
  const reference = new Tiktoken(cl100k);
  const texts = [
    '你好，请问你们有哪些手机可以推荐？',
    'Action: hm_product_recommend\nAction Input: {"keywords_dict": {"商品类目": "手机"}}\nObservation: <result>[{}]</result>\nAnswer: 好的',
    "It's 2024-04-01; they'll say 12345678 isn't 3.14159.",
    '   leading and trailing   \n\n\n  ',
    '😀 emoji 𠀀 and marks é and tabs\t\t!',
    '{"type": "object", "properties": {"image": {"type": "string", "description": "图片"}}, "required": ["image"]}',
  ];
  let seed = 7;
  const alphabet = 'ab 你好\n\t1234.,!?\'sLLd😀é-_{}[]"的是在';
  for (let i = 0; i < 300; i++) {
    let s = '';
    for (let j = 0; j < 40; j++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += [...alphabet][seed % [...alphabet].length];
    }
    texts.push(s);
  }
  for (const t of texts) assert.equal(c.count(t), reference.encode(t).length, JSON.stringify(t));
});

test('a .tiktoken file gives exact counts with Qwen’s pre-tokenizer, NFC and control tokens', async () => {
  const path = writeVocabulary('tiny.tiktoken', [
    'zq',
    'zqzq',
    '20',
    '24',
    '2024',
    '\u00e9',
    'us',
    'er',
    'user',
  ]);
  const c = await createTokenCounter({ tiktokenPath: path });
  assert.equal(c.exact, true);
  assert.match(c.label, /exact/);
  // One piece, merged by the file's own ranks into one token (cl100k_base makes more of it).
  assert.equal(c.count('zqzq'), 1);
  assert.ok((await createTokenCounter()).count('zqzq') > 1);
  // Qwen splits every digit, so the "2024" rank is never reached; cl100k's \p{N}{1,3} would merge "20".
  assert.equal(c.count('2024'), 4);
  // NFC first: e + combining acute becomes é, one ranked token; unnormalised it would be 3 byte tokens.
  assert.equal(c.count('e\u0301'), 1);
  // Control tokens in text are one token each.
  assert.equal(c.count('<|im_start|>zqzq<|im_end|>'), 3);
  assert.equal(c.count('<|extra_204|>'), 1);
  // ChatML per turn: <|im_start|> + "user\nzqzq" (user, \n, zqzq) + <|im_end|> + "\n".
  assert.equal(c.countTurns([{ role: 'user', text: 'zqzq' }]), 1 + 3 + 1 + 1);
  assert.equal(
    c.countTurns([
      { role: 'user', text: 'zqzq' },
      { role: 'assistant', text: '2024' },
    ]),
    6 + (1 + 9 + 1 + 4 + 1 + 1),
  );
});

test('the exact counter merges like js-tiktoken loaded with the same ranks', async () => {
  const merges = ['he', 'll', 'hell', 'hello', ' w', 'or', ' wor', 'ld', ' world', '你', '好', '你好'];
  const path = writeVocabulary('merges.tiktoken', merges);
  const c = await createTokenCounter({ tiktokenPath: path });
  const byte = (b: number) => Buffer.from([b]).toString('base64');
  const bpeRanks = [
    `! 0 ${Array.from({ length: 256 }, (_, b) => byte(b)).join(' ')}`,
    `! 256 ${merges.map((m) => Buffer.from(m, 'utf8').toString('base64')).join(' ')}`,
  ].join('\n');
  // Each text below is a single Qwen piece, so a pattern that keeps the text whole compares the merges.
  const reference = new Tiktoken({ pat_str: '[\\s\\S]+', special_tokens: {}, bpe_ranks: bpeRanks });
  for (const piece of ['hello', ' world', '你好', 'helloworld', 'lleh', '你好你好好']) {
    assert.equal(c.count(piece), reference.encode(piece).length, piece);
  }
  assert.equal(c.count('hello world'), 2);
  // '你' is ranked but its bytes' pairs are not, so BPE can never reach it: one token per byte.
  assert.equal(c.count('你好你好好'), 15);
});

test('a tokenizer file that is missing or not a vocabulary is a clear error', async () => {
  await assert.rejects(
    createTokenCounter({ tiktokenPath: join(dir, 'nope.tiktoken') }),
    (e: unknown) => e instanceof TokenizerFileError && e.unreadable && /no such file/.test(e.message),
  );
  const garbage = join(dir, 'garbage.tiktoken');
  writeFileSync(garbage, '{"not": "a vocabulary"}\n');
  await assert.rejects(
    createTokenCounter({ tiktokenPath: garbage }),
    (e: unknown) => e instanceof TokenizerFileError && !e.unreadable && /line 1/.test(e.message),
  );
  const malformed = join(dir, 'malformed.tiktoken');
  writeFileSync(malformed, 'QQ== 0\nQ 1\n');
  await assert.rejects(
    createTokenCounter({ tiktokenPath: malformed }),
    (e: unknown) => e instanceof TokenizerFileError && /line 2: "Q" is not valid base64/.test(e.message),
  );
  const holes = writeVocabulary('holes.tiktoken', [], { dropByte: 0x41 });
  await assert.rejects(
    createTokenCounter({ tiktokenPath: holes }),
    (e: unknown) => e instanceof TokenizerFileError && /byte 0x41 has no rank/.test(e.message),
  );
});

test('long pieces merge the same through the heap as through the rescanning loop, and fast', async () => {
  const { countBytePairsHeap, countBytePairsQuadratic, ranksFromPacked } = await import(
    '../../../src/core/tokens/bpe'
  );
  const ranks = ranksFromPacked(cl100k.bpe_ranks);
  let seed = 3;
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/的是';
  for (let k = 0; k < 200; k++) {
    let s = '';
    const len = 2 + (k % 60) * 7;
    for (let i = 0; i < len; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      s += letters[seed % letters.length];
    }
    const bytes = Buffer.from(s, 'utf8').toString('latin1');
    assert.equal(countBytePairsHeap(bytes, ranks), countBytePairsQuadratic(bytes, ranks), s);
  }
  // 200,000 letters are one piece (like a long hex or base64 run); the quadratic loop would take hours.
  const blob = Array.from({ length: 200_000 }, (_, i) => letters[(i * 7919) % 52]).join('');
  const c = await createTokenCounter();
  const started = Date.now();
  const n = c.count(blob);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  assert.ok(n > blob.length / 8 && n < blob.length, String(n));
  const head = Buffer.from(blob.slice(0, 3000), 'latin1').toString('latin1');
  assert.equal(countBytePairsHeap(head, ranks), countBytePairsQuadratic(head, ranks));
  assert.equal(c.count(blob.slice(0, 400)), new Tiktoken(cl100k).encode(blob.slice(0, 400)).length);
});
