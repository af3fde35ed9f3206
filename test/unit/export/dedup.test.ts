import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationDigest, DuplicateIndex } from '../../../src/core/export/dedup';

const conv = (...texts: string[]) =>
  texts.map((text, i) => ({ role: i === 0 ? 'system' : i % 2 ? 'user' : 'assistant', text }));

test('whitespace runs and ends do not make a conversation different', () => {
  const a = conversationDigest(conv('sys', 'hello  world', 'fine'));
  assert.equal(a, conversationDigest(conv(' sys\n', 'hello\n\t world', 'fine\u3000')));
  assert.equal(a.length, 16);
});

test('text, roles, case and turn boundaries do', () => {
  const a = conversationDigest(conv('sys', 'hello world', 'fine'));
  assert.notEqual(a, conversationDigest(conv('sys', 'hello world', 'Fine')));
  assert.notEqual(a, conversationDigest(conv('sys', 'helloworld', 'fine')));
  assert.notEqual(a, conversationDigest(conv('sys', 'hello', 'world fine')));
  assert.notEqual(
    a,
    conversationDigest([
      { role: 'system', text: 'sys' },
      { role: 'assistant', text: 'hello world' },
      { role: 'assistant', text: 'fine' },
    ]),
  );
});

test('the index names where a duplicate was first seen', () => {
  const index = new DuplicateIndex();
  const d = conversationDigest(conv('x', 'y', 'z'));
  assert.equal(index.seen(d, 2, 70000), undefined);
  assert.deepEqual(index.seen(d, 3, 5), [2, 70000]);
});
