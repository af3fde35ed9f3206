import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateCorpus, generateCorpusWithTruth, summarizeCorpus } from '../../fixtures/generate';

interface Rec {
  id: string;
  conversations: { from: string; value: string }[];
}

describe('test corpus generator', () => {
  test('is deterministic per seed', () => {
    const a = [...generateCorpus({ records: 50, seed: 3, anomalies: true })];
    const b = [...generateCorpus({ records: 50, seed: 3, anomalies: true })];
    const c = [...generateCorpus({ records: 50, seed: 4, anomalies: true })];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  test('without anomalies every line is a record whose text matches its ground truth', () => {
    const lines = [...generateCorpusWithTruth({ records: 400, seed: 11 })];
    assert.equal(lines.length, 400);
    const ids = new Set<string>();
    let maxTools = 0;
    let emptyParams = 0;
    for (const line of lines) {
      assert.equal(line.kind, 'record');
      const rec = JSON.parse(line.text) as Rec;
      const truth = line.truth!;
      ids.add(rec.id);
      const system = rec.conversations[0].value;
      const tools = system.match(/^\d+\. [a-z_]+: Call this tool/gm) ?? [];
      assert.equal(tools.length, truth.tools.length, system);
      maxTools = Math.max(maxTools, tools.length);
      emptyParams += (system.match(/Parameters: \[\]/g) ?? []).length;
      const calls = rec.conversations
        .filter((c) => c.from === 'assistant')
        .reduce((n, c) => n + (c.value.match(/^Action: /gm) ?? []).length, 0);
      assert.equal(calls, truth.calls);
      assert.equal(rec.conversations.length, 1 + 2 * truth.rounds);
    }
    assert.equal(ids.size, 400);
    assert.ok(maxTools >= 10, `max tools ${maxTools}`);
    assert.ok(emptyParams > 0);
  });

  test('with anomalies the corpus carries every kind of damage of spec §1', () => {
    const lines = [...generateCorpusWithTruth({ records: 3000, seed: 5, anomalies: true })];
    const s = summarizeCorpus(lines);
    assert.ok(lines[0].text.startsWith('\ufeff'));
    assert.equal(s.truncated, 1);
    assert.equal(lines[lines.length - 1].kind, 'truncated');
    for (const key of ['blank', 'notJson', 'noConversations', 'crlf', 'duplicateIds'] as const) {
      assert.ok(s[key] > 0, key);
    }
    const all = lines.map((l) => l.text).join('\n');
    for (const ch of ['\u2028', '\u3000', '\u{1f525}']) assert.ok(all.includes(ch), JSON.stringify(ch));
    for (const l of lines) {
      if (l.kind === 'not-json' || l.kind === 'truncated')
        assert.throws(() => JSON.parse(l.text.replace(/^\ufeff/, '')));
    }
  });

  test('records average about 3 KB and 30,000 of them take seconds', () => {
    const started = Date.now();
    let bytes = 0;
    for (const line of generateCorpus({ records: 30000, seed: 1 })) bytes += Buffer.byteLength(line) + 1;
    const ms = Date.now() - started;
    const avg = bytes / 30000;
    assert.ok(avg > 2000 && avg < 4500, `average ${avg} bytes`);
    assert.ok(ms < 15000, `${ms} ms`);
  });
});
