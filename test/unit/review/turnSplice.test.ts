import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readRecordText } from '../../../src/core/pipeline/readRecord';
import { fitsQueryResponse, type PlacedTurn, spliceTurns } from '../../../src/core/review/turnSplice';

function record(line: string) {
  const r = readRecordText(line, 1, false).record;
  if (!r) throw new Error('not a record');
  return r;
}

const placed = (line: string): PlacedTurn[] => record(line).turns.map((t, i) => ({ ...t, origin: i }));

describe('spliceTurns: edited conversations written into the original line', () => {
  const line =
    '{"id": 12345678901234567890, "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "q\\u00e9"}, {"role": "assistant", "content": "a", "weight": 0.0}], "_review": {"status": "approved"}}';

  test('a text edit replaces that literal only; the other escapes, numbers and keys stay', () => {
    const turns = placed(line);
    turns[2] = { ...turns[2], text: 'a\n"quoted"' };
    const out = spliceTurns(line, record(line), turns);
    assert.equal(out, line.replace('"content": "a"', '"content": "a\\n\\"quoted\\""'));
  });

  test('nothing changed: the line comes back as it was', () => {
    assert.equal(spliceTurns(line, record(line), placed(line)), line);
  });

  test('a role change replaces the role literal', () => {
    const turns = placed(line);
    turns[1] = { ...turns[1], role: 'tool' };
    assert.equal(spliceTurns(line, record(line), turns), line.replace('"role": "user"', '"role": "tool"'));
  });

  test('a reordered or shortened list keeps each item’s bytes', () => {
    const turns = placed(line);
    const out = spliceTurns(line, record(line), [turns[0], turns[2], turns[1]]);
    assert.equal(
      out,
      '{"id": 12345678901234567890, "messages": [{"role": "system", "content": "sys"}, {"role": "assistant", "content": "a", "weight": 0.0}, {"role": "user", "content": "q\\u00e9"}], "_review": {"status": "approved"}}',
    );
    const shorter = spliceTurns(line, record(line), [turns[0], turns[1]]);
    assert.ok(!shorter.includes('weight'));
    assert.ok(shorter.includes('"_review": {"status": "approved"}'));
  });

  test('compact lines get compact new items', () => {
    const compact = '{"conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"}]}';
    const turns = placed(compact);
    const out = spliceTurns(compact, record(compact), [...turns, { role: 'user', text: 'q2' }]);
    assert.equal(
      out,
      '{"conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"},{"from":"human","value":"q2"}]}',
    );
  });

  test('query/response: what the shape can hold, and only that', () => {
    assert.equal(fitsQueryResponse([{ role: 'user', text: '' }]), true);
    assert.equal(fitsQueryResponse([{ role: 'system', text: '' }]), false);
    assert.equal(
      fitsQueryResponse([
        { role: 'system', text: '' },
        { role: 'user', text: '' },
        { role: 'assistant', text: '' },
        { role: 'user', text: '' },
      ]),
      true,
    );
    assert.equal(
      fitsQueryResponse([
        { role: 'user', text: '' },
        { role: 'user', text: '' },
      ]),
      false,
    );
    const qr = '{"query": "q", "response": "r", "id": 1}';
    const out = spliceTurns(qr, record(qr), [
      { role: 'system', text: 'S' },
      { role: 'user', text: 'q', origin: 0 },
      { role: 'assistant', text: 'r', origin: 1 },
    ]);
    assert.deepEqual(JSON.parse(out), { query: 'q', response: 'r', id: 1, system: 'S' });
    assert.ok(out.startsWith('{"query": "q", "response": "r", "id": 1'), 'kept members are untouched');
  });
});
