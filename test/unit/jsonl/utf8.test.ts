import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binaryOffset, findUtf8Error, isValidUtf8 } from '../../../src/core/jsonl/utf8';

test('valid UTF-8 including CJK and emoji has no error', () => {
  const b = Buffer.from('{"v": "工具 😀 \u2028"}');
  assert.equal(isValidUtf8(b), true);
  assert.equal(findUtf8Error(b), undefined);
});

test('a GBK byte sequence is located by byte and character column', () => {
  const b = Buffer.concat([Buffer.from('{"v": "ab'), Buffer.from([0xb9, 0xa4]), Buffer.from('"}')]);
  assert.equal(isValidUtf8(b), false);
  assert.deepEqual(findUtf8Error(b), { byteOffset: 9, column: 10 });
});

test('overlong encodings, surrogates and truncated sequences are errors', () => {
  assert.ok(findUtf8Error(Buffer.from([0xc0, 0x80])));
  assert.ok(findUtf8Error(Buffer.from([0xed, 0xa0, 0x80])));
  assert.ok(findUtf8Error(Buffer.from([0x61, 0xe5, 0xb7])));
  assert.equal(findUtf8Error(Buffer.from([0x61, 0xe5, 0xb7]))?.column, 2);
});

test('column counts UTF-16 units, like VS Code (an emoji is 2)', () => {
  const b = Buffer.concat([Buffer.from('😀'), Buffer.from([0xff])]);
  assert.equal(findUtf8Error(b)?.column, 3);
});

test('a NUL byte in the first line marks a binary file; later NULs are damaged lines', () => {
  assert.equal(binaryOffset(Buffer.from([0x7b, 0x00, 0x7d])), 1);
  assert.equal(binaryOffset(Buffer.from('{"a": 1}\n')), -1);
  assert.equal(binaryOffset(Buffer.from('{"a": 1}\n\u0000\u0001\n')), -1);
  assert.equal(binaryOffset(Buffer.from([0xff, 0xfe, 0x7b, 0x00])), 3, 'UTF-16 text is not JSONL');
});
