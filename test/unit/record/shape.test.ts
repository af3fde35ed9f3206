import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTurns, toQueryResponse, writeTurns } from '../../../src/core/record/shape';

test('conversations from/value, with ShareGPT aliases normalised', () => {
  const r = readTurns({
    conversations: [
      { from: 'human', value: 'q' },
      { from: 'gpt', value: 'a' },
    ],
  });
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.shape, 'conversations');
    assert.deepEqual(r.turns, [
      { role: 'user', text: 'q' },
      { role: 'assistant', text: 'a' },
    ]);
  }
});

test('messages role/content', () => {
  const r = readTurns({
    messages: [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
    ],
  });
  assert.ok(r.ok && r.shape === 'messages' && r.turns[0].role === 'system');
});

test('query/response/history with system', () => {
  const r = readTurns({ system: 's', query: 'q2', response: 'r2', history: [['q1', 'r1']] });
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.shape, 'query-response');
    assert.deepEqual(
      r.turns.map((t) => `${t.role}:${t.text}`),
      ['system:s', 'user:q1', 'assistant:r1', 'user:q2', 'assistant:r2'],
    );
  }
});

test('records without a conversation are R01 naming their keys', () => {
  const r = readTurns({ id: 'x', text: 'hello' });
  assert.ok(!r.ok && r.finding.code === 'R01' && r.finding.params?.keys === 'id, text');
});

test('malformed turns are R02 with the index and what is wrong', () => {
  const r = readTurns({ conversations: [{ from: 'user', value: 'q' }, { from: 'assistant' }] });
  assert.ok(!r.ok && r.finding.code === 'R02' && r.finding.params?.index === 1);
  const r2 = readTurns({ conversations: ['x'] });
  assert.ok(!r2.ok && r2.finding.params?.problem === 'is not an object');
  const r3 = readTurns({ query: 'q', history: [['only one']] });
  assert.ok(!r3.ok && r3.finding.params?.key === 'history');
});

test('writeTurns keeps other keys and per-item keys, and the original role spelling', () => {
  const value = {
    id: 7,
    extra: { k: 1 },
    conversations: [
      { from: 'human', value: 'q', weight: 0 },
      { from: 'gpt', value: 'a' },
    ],
  };
  const out = writeTurns(value, 'conversations', [
    { role: 'user', text: 'Q' },
    { role: 'assistant', text: 'A' },
  ]);
  assert.deepEqual(out, {
    id: 7,
    extra: { k: 1 },
    conversations: [
      { from: 'human', value: 'Q', weight: 0 },
      { from: 'gpt', value: 'A' },
    ],
  });
  assert.equal(value.conversations[0].value, 'q', 'input is not mutated');
});

test('toQueryResponse splits the last pair from the history', () => {
  assert.deepEqual(
    toQueryResponse([
      { role: 'system', text: 's' },
      { role: 'user', text: 'q1' },
      { role: 'assistant', text: 'r1' },
      { role: 'user', text: 'q2' },
      { role: 'assistant', text: 'r2' },
    ]),
    { system: 's', query: 'q2', response: 'r2', history: [['q1', 'r1']] },
  );
});
