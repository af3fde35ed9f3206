import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertRecord } from '../../../src/core/pipeline/convertRecord';
import { readRecordText } from '../../../src/core/pipeline/readRecord';
import { serializeRecord } from '../../../src/core/pipeline/writeRecord';

function record(line: string) {
  const r = readRecordText(line, 1, false);
  assert.ok(r.record);
  return r.record;
}

test('plain records are written with JSON.stringify, other keys kept in order', () => {
  const line =
    '{"id": "a", "conversations": [{"from": "user", "value": "q"}, {"from": "assistant", "value": "r"}], "src": "x"}';
  const rec = record(line);
  const out = serializeRecord(
    rec,
    [
      { role: 'user', text: 'Q' },
      { role: 'assistant', text: 'R' },
    ],
    line,
  );
  assert.equal(
    out,
    '{"id":"a","conversations":[{"from":"user","value":"Q"},{"from":"assistant","value":"R"}],"src":"x"}',
  );
});

test('values a parse/stringify round trip would change are kept byte for byte', () => {
  const line =
    '{"id": 12345678901234567890, "score": 1.0, "meta": {"2": "b", "1": "a"}, "conversations": [{"from": "user", "value": "q\\u00e9"}, {"from": "assistant", "value": "r"}]}';
  const rec = record(line);
  const out = serializeRecord(
    rec,
    [
      { role: 'user', text: 'Q' },
      { role: 'assistant', text: 'r' },
    ],
    line,
  );
  assert.equal(
    out,
    '{"id": 12345678901234567890, "score": 1.0, "meta": {"2": "b", "1": "a"}, "conversations": [{"from": "user", "value": "Q"}, {"from": "assistant", "value": "r"}]}',
  );
});

test('messages and query/response shapes are written back in their own shape', () => {
  const m = '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "r"}]}';
  assert.equal(
    serializeRecord(
      record(m),
      [
        { role: 'user', text: 'Q' },
        { role: 'assistant', text: 'R' },
      ],
      m,
    ),
    '{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"R"}]}',
  );
  const q = '{"query": "q", "response": "r", "history": []}';
  const out = JSON.parse(
    serializeRecord(
      record(q),
      [
        { role: 'user', text: 'Q' },
        { role: 'assistant', text: 'R' },
      ],
      q,
    ),
  );
  assert.deepEqual(out, { query: 'Q', response: 'R', history: [] });
});

test('records that are not ms_agent are copied unchanged with an R04 note', () => {
  const rec = record(
    '{"conversations": [{"from": "user", "value": "hi"}, {"from": "assistant", "value": "hello"}]}',
  );
  for (const profile of ['agentfabric', 'seed'] as const) {
    const res = convertRecord(rec, { profile, userPrefix: 'last' });
    assert.ok(res.ok);
    assert.deepEqual(res.turns, rec.turns);
    assert.deepEqual(
      res.findings.map((f) => f.code),
      ['R04'],
    );
  }
});
