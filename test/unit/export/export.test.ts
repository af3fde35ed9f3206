import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExportCancelled } from '../../../src/core/export/exportDataset';
import { DROP_REASONS, type ExportProgress } from '../../../src/core/export/types';
import { readTurns } from '../../../src/core/record/shape';
import { generateCorpus } from '../../fixtures/generate';
import { all, corpus, freshDir, type Obj, readJsonl, run, withStatus, writeJsonl } from './helpers';

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id as string);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('selection by review status: approved, not-rejected (default), all', async () => {
  const dir = freshDir();
  const records = corpus(60, 11).map((r, i) => {
    if (i < 10) return withStatus(r, 'approved');
    if (i < 15) return withStatus(r, 'rejected', { note: 'bad answer' });
    if (i < 18) return withStatus(r, 'needs-fix', { tags: ['args'] });
    return r;
  });
  const input = writeJsonl(join(dir, 'in.jsonl'), records);

  const approved = await run([all(input)], join(dir, 'approved'), { select: 'approved', profile: 'asis' });
  assert.equal(approved.report.selected, 10);
  assert.deepEqual(ids(readJsonl(approved.files.train)).sort(), ids(records.slice(0, 10)).sort());
  assert.equal(approved.report.dropped['review-status'], 50);
  assert.deepEqual(approved.report.sources[0].byStatus, {
    unreviewed: { records: 42, selected: 0 },
    approved: { records: 10, selected: 10 },
    rejected: { records: 5, selected: 0 },
    'needs-fix': { records: 3, selected: 0 },
  });

  const notRejected = await run([all(input)], join(dir, 'default'), { profile: 'asis' });
  assert.equal(notRejected.report.options.select, 'not-rejected');
  assert.equal(notRejected.report.selected, 55);
  const kept = new Set(ids(readJsonl(notRejected.files.train)));
  for (const r of records.slice(10, 15)) assert.ok(!kept.has(r.id), 'rejected records stay out');
  assert.equal(notRejected.report.sources[0].byStatus['needs-fix'].selected, 3);

  const everything = await run([all(input)], join(dir, 'all'), { select: 'all', profile: 'asis' });
  assert.equal(everything.report.selected, 60);
  assert.equal(everything.report.dropped['review-status'], 0);
});

test('each output shape holds the same converted conversation and nothing else', async () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(12, 12));
  const byShape: Record<string, Record<string, unknown>[]> = {};
  for (const shape of ['conversations', 'messages', 'query-response'] as const) {
    const res = await run([all(input)], join(dir, shape), { shape });
    assert.equal(res.report.selected, 12);
    byShape[shape] = readJsonl(res.files.train).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  for (const row of byShape.conversations) {
    assert.deepEqual(Object.keys(row), ['id', 'conversations']);
    for (const t of row.conversations as object[]) assert.deepEqual(Object.keys(t), ['from', 'value']);
  }
  for (const row of byShape.messages) {
    assert.deepEqual(Object.keys(row), ['id', 'messages']);
    for (const t of row.messages as object[]) assert.deepEqual(Object.keys(t), ['role', 'content']);
  }
  for (const row of byShape['query-response']) {
    assert.deepEqual(Object.keys(row), ['id', 'system', 'query', 'response', 'history']);
    for (const pair of row.history as unknown[]) assert.equal((pair as unknown[]).length, 2);
  }
  for (let i = 0; i < 12; i++) {
    const turns = ['conversations', 'messages', 'query-response'].map((s) => {
      const read = readTurns(byShape[s][i]);
      assert.ok(read.ok);
      return read.turns;
    });
    assert.deepEqual(turns[1], turns[0]);
    assert.deepEqual(turns[2], turns[0]);
    // The default profile is agentfabric: the runtime prompt, not the ms_agent one.
    assert.ok(turns[0][0].text.startsWith('\n# 工具\n\n## 你拥有如下工具：'));
    assert.ok(turns[0].slice(1).every((t) => !/^Thought:|Final Answer:/m.test(t.text)));
  }
});

test('review fields and other keys never reach the output; the id can be left out', async () => {
  const dir = freshDir();
  const records = corpus(10, 13).map((r) =>
    withStatus({ ...r, source: 'crawl', extra: { a: 1 } }, 'approved', { note: 'ok' }),
  );
  const input = writeJsonl(join(dir, 'in.jsonl'), records);
  const res = await run([all(input)], join(dir, 'out'), { valRatio: 0.2 });
  for (const file of [res.files.train, res.files.val as string]) {
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('_review') && !text.includes('"note"') && !text.includes('"source"'), file);
    for (const row of readJsonl(file)) assert.deepEqual(Object.keys(row), ['id', 'conversations']);
  }
  const noId = await run([all(input)], join(dir, 'noid'), { keepId: false });
  for (const row of readJsonl(noId.files.train)) assert.deepEqual(Object.keys(row), ['conversations']);
});

test('ms-swift role rules: violating records are left out, even with --force-errors', async () => {
  const dir = freshDir();
  const [good, a, b, c] = corpus(4, 14);
  const endsWithUser = { ...a, conversations: a.conversations.slice(0, 2) };
  const twoUsers = {
    ...b,
    conversations: [c.conversations[0], c.conversations[1], c.conversations[1], c.conversations[2]],
  };
  const input = writeJsonl(join(dir, 'in.jsonl'), [good, endsWithUser, twoUsers]);
  for (const profile of ['agentfabric', 'asis'] as const) {
    const res = await run([all(input)], join(dir, profile), { profile, forceErrors: true });
    assert.deepEqual(ids(readJsonl(res.files.train)), [good.id]);
    assert.equal(res.report.dropped['role-rules'], 2);
    const listed = res.report.droppedRecords.filter((d) => d.reason === 'role-rules');
    assert.deepEqual(
      listed.map((d) => [d.line, d.id, d.detail.slice(0, 3)]),
      [
        [2, a.id, 'W03'],
        [3, b.id, 'W02'],
      ],
    );
  }
});

/** An ms_agent record whose first tool call's arguments are neither JSON nor a Python literal. */
function withBrokenArguments(r: Obj): Obj {
  const conversations = r.conversations.map((t) => ({ ...t }));
  const turn = conversations.find((t) => t.from === 'assistant' && t.value.includes('Action Input: '));
  assert.ok(turn, 'the generator made a tool call');
  turn.value = turn.value.replace(/Action Input: [^\n]*/, "Action Input: {'keywords': ");
  return { ...r, conversations };
}

test('records with errors are left out and listed unless forced; unconvertible ones always', async () => {
  const dir = freshDir();
  const records = corpus(8, 15);
  const broken = withBrokenArguments(records[3]);
  records[3] = broken;
  const input = writeJsonl(join(dir, 'in.jsonl'), records);

  const strict = await run([all(input)], join(dir, 'asis'), { profile: 'asis' });
  assert.equal(strict.report.selected, 7);
  assert.equal(strict.report.dropped.errors, 1);
  const listed = strict.report.droppedRecords.find((d) => d.reason === 'errors');
  assert.equal(listed?.line, 4);
  assert.equal(listed?.id, broken.id);
  assert.match(listed?.detail ?? '', /^M17: /);

  const forced = await run([all(input)], join(dir, 'forced'), { profile: 'asis', forceErrors: true });
  assert.equal(forced.report.selected, 8);
  assert.equal(forced.report.forcedErrors, 1);
  assert.ok(ids(readJsonl(forced.files.train)).includes(broken.id));

  for (const forceErrors of [false, true]) {
    const converted = await run([all(input)], join(dir, `af-${forceErrors}`), { forceErrors });
    assert.equal(converted.report.selected, 7);
    assert.equal(converted.report.dropped.conversion, 1);
    assert.match(converted.report.droppedRecords[0].detail, /^M17: /);
  }
});

test('exact duplicates after whitespace normalisation are removed and counted, across inputs', async () => {
  const dir = freshDir();
  const records = corpus(6, 16);
  const respaced = {
    ...records[1],
    id: 'copy-1',
    conversations: records[1].conversations.map((t) => ({
      ...t,
      value: `  ${t.value.replace(/ /g, '  \n')} `,
    })),
  };
  const edited = {
    ...records[2],
    id: 'edited-2',
    conversations: records[2].conversations.map((t, i) => (i === 1 ? { ...t, value: `${t.value}!` } : t)),
  };
  const a = writeJsonl(join(dir, 'a.jsonl'), [...records, respaced, edited]);
  const b = writeJsonl(join(dir, 'b.jsonl'), [{ ...records[4], id: 'again-4' }]);
  // As is: the comparison is on the conversation written, and conversion would re-render the spacing.
  const res = await run([all(a), all(b)], join(dir, 'out'), { profile: 'asis' });
  assert.equal(res.report.duplicates, 2);
  assert.equal(res.report.dropped.duplicate, 2);
  assert.equal(res.report.selected, 7);
  const dups = res.report.droppedRecords.filter((d) => d.reason === 'duplicate');
  assert.deepEqual(
    dups.map((d) => [d.file, d.line, d.id, d.detail]),
    [
      [a, 7, 'copy-1', `same conversation as ${a}:2`],
      [b, 1, 'again-4', `same conversation as ${a}:5`],
    ],
  );
  assert.ok(ids(readJsonl(res.files.train)).includes('edited-2'));
});

test('determinism: same seed, same bytes; another seed, the same records in another order', async () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(200, 17));
  const one = await run([all(input)], join(dir, 'one'), { seed: 7, valRatio: 0.1 });
  const two = await run([all(input)], join(dir, 'two'), { seed: 7, valRatio: 0.1 });
  const other = await run([all(input)], join(dir, 'other'), { seed: 8, valRatio: 0.1 });
  assert.ok(readFileSync(one.files.train).equals(readFileSync(two.files.train)));
  assert.ok(readFileSync(one.files.val as string).equals(readFileSync(two.files.val as string)));
  assert.equal(one.report.sha256['train.jsonl'], two.report.sha256['train.jsonl']);
  const lines = (r: typeof one) =>
    [
      ...readFileSync(r.files.train, 'utf8').split('\n'),
      ...readFileSync(r.files.val as string, 'utf8').split('\n'),
    ]
      .filter(Boolean)
      .sort();
  assert.deepEqual(lines(other), lines(one));
  assert.notEqual(other.report.sha256['train.jsonl'], one.report.sha256['train.jsonl']);
  // Shuffled, not in input order.
  const trainIds = ids(readJsonl(one.files.train));
  const chosen = new Set(trainIds);
  assert.notDeepEqual(
    trainIds,
    ids(corpus(200, 17)).filter((id) => chosen.has(id)),
  );
});

test('the validation split: ceil(N × R) records, none also in train, together all of them', async () => {
  const dir = freshDir();
  const records = corpus(205, 18);
  const input = writeJsonl(join(dir, 'in.jsonl'), records);
  const res = await run([all(input)], join(dir, 'out'), { valRatio: 0.1 });
  const train = ids(readJsonl(res.files.train));
  const val = ids(readJsonl(res.files.val as string));
  assert.equal(val.length, 21);
  assert.equal(train.length, 184);
  assert.equal(res.report.val, 21);
  assert.equal(res.report.train, 184);
  assert.equal(new Set([...train, ...val]).size, 205);
  const inTrain = new Set(train);
  assert.ok(val.every((id) => !inTrain.has(id)));
  assert.deepEqual([...train, ...val].sort(), ids(records).sort());
});

test('weights: counts, ratios against the unweighted inputs, shortfalls, and what was not sampled', async () => {
  const dir = freshDir();
  const agent = corpus(40, 19);
  const general = corpus(100, 20).map((r) => ({ ...r, id: `general-${r.id}` }));
  const a = writeJsonl(join(dir, 'agent.jsonl'), agent);
  const g = writeJsonl(join(dir, 'general.jsonl'), general);
  const fromGeneral = (rows: Record<string, unknown>[]) =>
    ids(rows).filter((id) => id.startsWith('general-'));

  const half = await run([all(a), { path: g, weight: { kind: 'ratio', ratio: 0.5 } }], join(dir, 'half'));
  const rows = readJsonl(half.files.train);
  assert.equal(rows.length, 60);
  assert.equal(fromGeneral(rows).length, 20);
  assert.deepEqual(
    half.report.sources.map((s) => [s.weight, s.eligible, s.requested, s.selected, s.shortfall]),
    [
      ['all', 40, 40, 40, 0],
      ['0.5', 100, 20, 20, 0],
    ],
  );
  assert.equal(half.report.dropped['not-sampled'], 80);
  const generalIds = new Set(ids(general));
  assert.ok(fromGeneral(rows).every((id) => generalIds.has(id)));

  const mixed = await run(
    [
      { path: a, weight: { kind: 'count', count: 10 } },
      { path: g, weight: { kind: 'ratio', ratio: 2 } },
    ],
    join(dir, 'mixed'),
  );
  assert.deepEqual(
    mixed.report.sources.map((s) => s.selected),
    [10, 20],
  );

  const short = await run([all(a), { path: g, weight: { kind: 'count', count: 500 } }], join(dir, 'short'));
  assert.equal(short.report.sources[1].selected, 100);
  assert.equal(short.report.sources[1].shortfall, 400);
  assert.equal(short.report.dropped['not-sampled'], 0);
});

test('the report: contract keys, every line accounted for, listings, and each file’s sha256', async () => {
  const dir = freshDir();
  const path = join(dir, 'anomalies.jsonl');
  writeFileSync(path, [...generateCorpus({ records: 300, seed: 21, anomalies: true })].join('\n'));
  const res = await run([all(path)], join(dir, 'out'), { valRatio: 0.05 });
  const onDisk = JSON.parse(readFileSync(join(dir, 'out', 'export-report.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(res.report)));
  for (const key of [
    'sources',
    'selected',
    'dropped',
    'duplicates',
    'overLength',
    'train',
    'val',
    'sha256',
  ]) {
    assert.ok(key in onDisk, key);
  }
  assert.deepEqual(Object.keys(onDisk.dropped), [...DROP_REASONS]);
  assert.equal(onDisk.sha256['train.jsonl'], sha(res.files.train));
  assert.equal(onDisk.sha256['val.jsonl'], sha(res.files.val as string));
  assert.equal(onDisk.selected, onDisk.train + onDisk.val);
  const s = onDisk.sources[0];
  const droppedTotal = Object.values(onDisk.dropped as Record<string, number>).reduce((x, y) => x + y, 0);
  assert.equal(s.records + s.invalid, onDisk.selected + droppedTotal);
  assert.ok(s.invalid > 0, 'the anomalies include lines that are not records');
  const invalid = onDisk.droppedRecords.filter((d: { reason: string }) => d.reason === 'invalid-line');
  assert.equal(invalid.length, s.invalid);
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const d of invalid) {
    assert.equal(d.file, path);
    assert.match(d.detail, /^(J0[1-8]|R0[12]): /);
    assert.doesNotThrow(() => lines[d.line - 1] !== undefined);
  }
  // Line numbers are physical lines: the listed line really is not a record.
  const j01 = invalid.find((d: { detail: string }) => d.detail.startsWith('J01'));
  assert.ok(j01);
  assert.throws(() => JSON.parse(lines[j01.line - 1]));
});

test('over-length records are reported and kept, or dropped', async () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(40, 22));
  const probe = await run([all(input)], join(dir, 'probe'));
  const limit = Math.round(probe.report.tokens.mean);
  const kept = await run([all(input)], join(dir, 'kept'), { maxLength: limit });
  assert.ok(kept.report.overLength > 0 && kept.report.overLength < 40);
  assert.equal(kept.report.selected, 40);
  assert.equal(kept.report.overLengthRecords.length, kept.report.overLength);
  assert.ok(kept.report.overLengthRecords.every((r) => r.tokens > limit));
  assert.equal(kept.report.tokens.max, probe.report.tokens.max);

  const dropped = await run([all(input)], join(dir, 'dropped'), { maxLength: limit, overLength: 'drop' });
  assert.equal(dropped.report.dropped['over-length'], kept.report.overLength);
  assert.equal(dropped.report.selected, 40 - kept.report.overLength);
  assert.ok(dropped.report.tokens.max <= limit);
});

test('progress is reported, and cancelling leaves the output directory untouched', async () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(1500, 23));
  const seen: ExportProgress[] = [];
  const res = await run([all(input)], join(dir, 'out'), { valRatio: 0.1, onProgress: (p) => seen.push(p) });
  const reading = seen.filter((p) => p.phase === 'reading');
  const writing = seen.filter((p) => p.phase === 'writing');
  assert.ok(reading.length >= 2);
  assert.equal(reading.at(-1)?.done, reading.at(-1)?.total);
  assert.equal(writing.at(-1)?.done, res.report.selected);
  assert.equal(writing.at(-1)?.total, res.report.selected);

  const cancelled = join(dir, 'cancelled');
  const controller = new AbortController();
  await assert.rejects(
    run([all(input)], cancelled, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }),
    ExportCancelled,
  );
  assert.deepEqual(readdirSync(cancelled), []);
});

test('an export without a split removes the val.jsonl an earlier one left', async () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(20, 24));
  const out = join(dir, 'out');
  await run([all(input)], out, { valRatio: 0.2 });
  assert.ok(existsSync(join(out, 'val.jsonl')));
  const again = await run([all(input)], out);
  assert.equal(again.removedStaleVal, true);
  assert.equal(again.files.val, undefined);
  assert.deepEqual(readdirSync(out).sort(), ['export-report.json', 'train.jsonl']);
  assert.equal(again.report.sha256['val.jsonl'], undefined);
});

test('with a .tiktoken file the counts are exact and the report says so', async () => {
  const dir = freshDir();
  const vocab = join(dir, 'bytes.tiktoken');
  writeFileSync(
    vocab,
    Array.from({ length: 256 }, (_, b) => `${Buffer.from([b]).toString('base64')} ${b}`).join('\n'),
  );
  const records: Obj[] = [
    {
      id: 'x',
      conversations: [
        { from: 'user', value: 'hi' },
        { from: 'assistant', value: 'yo' },
      ],
    },
  ];
  const input = writeJsonl(join(dir, 'in.jsonl'), records);
  const res = await run([all(input)], join(dir, 'out'), { tiktokenPath: vocab });
  assert.equal(res.report.tokenizer.exact, true);
  // Bytes only: <|im_start|> + "user\nhi" (7) + <|im_end|> + "\n", then the same with "assistant\nyo" (12).
  assert.equal(res.report.tokens.total, 1 + 7 + 1 + 1 + (1 + 12 + 1 + 1));
});
