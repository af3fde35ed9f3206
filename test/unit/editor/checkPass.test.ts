import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binaryFileResult } from '../../../src/editor/model/checkPass';
import { buildRecordDetail } from '../../../src/editor/model/recordDetail';
import { chat, checked, modelOf, SAMPLE_IDS, SAMPLE_LINES } from './helpers';

describe('the check pass (what the worker runs)', () => {
  test('summarises every line in batches and counts what it found', () => {
    const model = modelOf(`${SAMPLE_LINES.join('\n')}\n\n{oops\n${chat('x')}\n`);
    const result = checked(model, { batchLines: 2 });
    assert.equal(result.lines, 5);
    assert.equal(result.records, 3);
    assert.equal(model.summaries.checkedUpTo, 5);
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((i) => model.summaries.get(i).kind),
      ['record', 'record', 'blank', 'invalid', 'record'],
    );
    assert.equal(model.summaries.get(0).format, 'ms_agent');
    assert.equal(model.summaries.get(3).counts?.error, 1);
    assert.deepEqual(model.summaries.get(3).codes, ['J01']);
    // ms_agent records carry the seed's artefacts.
    assert.ok(model.summaries.get(0).codes.some((c) => c.startsWith('S')));
    assert.equal(result.counts.error + result.counts.warning + result.counts.info, result.total);
  });

  test('rows show problem counts and codes once the pass has run', () => {
    const model = modelOf(`${chat('a')}\n{oops\n`);
    assert.equal(model.rowsPage(1, 1, 'en')[0].counts, undefined);
    checked(model);
    const [, bad] = model.rowsPage(0, 2, 'en');
    assert.deepEqual(bad.counts, { error: 1, warning: 0, info: 0 });
    assert.deepEqual(bad.codes, ['J01']);
  });

  test('the Problems list is bounded, errors first, each with a line', () => {
    const lines = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? '{bad' : chat(`id${i}`, 'a\u3000b')));
    const model = modelOf(`${lines.join('\n')}\n`);
    const result = checked(model, { problemLimit: 5 });
    assert.equal(result.published.length, 5);
    assert.ok(result.total > 5);
    assert.ok(result.published.every((d) => d.severity === 'error'));
    assert.deepEqual(
      result.published.map((d) => d.line),
      [1, 4, 7, 10, 13],
    );
  });

  test('a problem inside a turn gets its column on the physical line (escapes walked)', () => {
    const line = chat('a', 'x\\ny\u3000z');
    const model = modelOf(`${line}\n`);
    const result = checked(model);
    const j10 = result.published.find((d) => d.code === 'J10');
    assert.ok(j10, 'the U+3000 is reported');
    assert.equal(line[(j10.column ?? 0) - 1], '\u3000');
  });

  test('duplicate ids are kept as context and show up in the record view of the duplicate', () => {
    const model = modelOf(`${chat('same')}\n${chat('same')}\n`);
    checked(model);
    const detail = buildRecordDetail(model, 2, 'agentfabric', 'en');
    const j09 = detail?.problems.find((p) => p.code === 'J09');
    assert.ok(j09);
    assert.match(j09.message, /first used on line 1/);
    assert.equal(
      buildRecordDetail(model, 1, 'agentfabric', 'en')?.problems.some((p) => p.code === 'J09'),
      false,
    );
  });

  test('file-level findings (BOM, CRLF) are counted', () => {
    const model = modelOf(Buffer.from(`\ufeff${chat('a')}\r\n`, 'utf8'));
    const result = checked(model);
    assert.deepEqual(result.published.map((d) => d.code).sort(), ['J04', 'J05']);
  });

  test('a binary file is one J07 error on line 1', () => {
    const result = binaryFileResult(12);
    assert.equal(result.published.length, 1);
    assert.equal(result.published[0].code, 'J07');
    assert.equal(result.published[0].line, 1);
    assert.equal(result.counts.error, 1);
  });
});

describe('the record view model', () => {
  const model = modelOf(`${SAMPLE_LINES.join('\n')}\n{"id": "bad", "conv\n`);
  checked(model);

  test('an ms_agent record: turns, tools, and the converted side for the agentfabric profile', () => {
    const detail = buildRecordDetail(model, 1, 'agentfabric', 'en');
    assert.ok(detail);
    assert.equal(detail.kind, 'record');
    assert.equal(detail.id, SAMPLE_IDS[0]);
    assert.equal(detail.format, 'ms_agent');
    assert.equal(detail.turns[0].role, 'system');
    assert.ok(detail.tools.length > 0);
    assert.ok(detail.tools[0].params.length > 0);
    assert.ok(detail.converted?.ok);
    if (detail.converted?.ok) {
      assert.equal(detail.converted.turns.length, detail.turns.length);
      assert.match(detail.converted.turns[0].text, /# 工具/);
      assert.equal(detail.converted.unchanged, false);
    }
  });

  test('seed artefacts come with what the seed produced and what the runtime expects', () => {
    const detail = buildRecordDetail(model, 1, 'seed', 'en');
    const withText =
      detail?.problems.filter((p) => p.produced !== undefined && p.expected !== undefined) ?? [];
    assert.ok(withText.length > 0, 'at least one S-code shows produced vs expected');
    assert.ok(withText.every((p) => p.code.startsWith('S')));
    assert.ok(detail?.problems.every((p) => p.fix.length > 0));
  });

  test('problems are in the UI language', () => {
    const en = buildRecordDetail(model, 3, 'agentfabric', 'en');
    const zh = buildRecordDetail(model, 3, 'agentfabric', 'zh');
    assert.notEqual(en?.problems[0].message, zh?.problems[0].message);
    assert.match(zh?.problems[0].message ?? '', /[\u4e00-\u9fff]/);
  });

  test('a line that is not a record: its problem with a column and an excerpt of the text', () => {
    const detail = buildRecordDetail(model, 3, 'agentfabric', 'en');
    assert.equal(detail?.kind, 'invalid');
    assert.equal(detail?.problems[0].code, 'J01');
    assert.ok((detail?.problems[0].column ?? 0) > 1);
    assert.equal(detail?.rawExcerpt, '{"id": "bad", "conv');
    assert.equal(detail?.turns.length, 0);
  });

  test('lines outside the file have no detail', () => {
    assert.equal(buildRecordDetail(model, 0, 'agentfabric', 'en'), null);
    assert.equal(buildRecordDetail(model, 99, 'agentfabric', 'en'), null);
  });

  test('a plain chat record is kept as it is by the conversion', () => {
    const chatModel = modelOf(`${chat('c')}\n`);
    const detail = buildRecordDetail(chatModel, 1, 'agentfabric', 'en');
    assert.ok(detail?.converted?.ok && detail.converted.unchanged);
    assert.equal(detail?.tools.length, 0);
  });
});
