import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { withReview } from '../../../src/core/review/state';
import { computeFileStats } from '../../../src/core/stats/fileStats';
import { FilteredRows } from '../../../src/editor/overviewFilter';
import { DocumentStats } from '../../../src/editor/overviewStats';
import { charCounter, corpusFile } from '../stats/helpers';
import { passInto } from './helpers';

describe('overview statistics from the check pass', () => {
  test('the worker pass gives the same summary as afcurate stats', async () => {
    const { path } = corpusFile('pass.jsonl', { records: 120, seed: 7, anomalies: true });
    const bytes = readFileSync(path);
    const stats = new DocumentStats();
    await passInto(stats, bytes);
    const expected = await computeFileStats(path, { counter: charCounter, maxLength: 300 });
    assert.deepEqual(stats.summary(300), expected.summary);
    assert.equal(stats.complete, true);
    stats.dispose();
  });

  test('a refreshed line replaces its old features, as a fresh pass would count them', async () => {
    const { path } = corpusFile('refresh.jsonl', { records: 40, seed: 3 });
    const text = readFileSync(path, 'utf8');
    const stats = new DocumentStats();
    await passInto(stats, Buffer.from(text));
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('{'));
    const reviewed = JSON.stringify(
      withReview(JSON.parse(lines[i]), { status: 'approved', tags: ['ok'], note: '' }),
    );
    const before = stats.summary().review.byStatus.find((s) => s.name === 'approved')?.records;
    await stats.refreshLine(i, {
      line: i + 1,
      bytes: Buffer.from(reviewed),
      crlf: false,
      unterminated: false,
    });
    // refreshLine counts with the real counter: compare review figures, which do not depend on it.
    const after = stats.summary();
    assert.equal(after.review.byStatus.find((s) => s.name === 'approved')?.records, (before ?? 0) + 1);
    assert.deepEqual(after.review.byTag, [{ name: 'ok', records: 1, filter: { kind: 'tag', tag: 'ok' } }]);
    assert.deepEqual([...stats.matching({ kind: 'status', status: 'approved' })], [i]);
    stats.dispose();
  });

  test('features of an older pass are ignored once a new one has begun', () => {
    const stats = new DocumentStats();
    const old = stats.beginPass(10);
    stats.beginPass(10);
    old.onFeatures([{ line: 1, kind: 'blank', problems: [], severities: { error: 0, warning: 0, info: 0 } }]);
    assert.equal(stats.summary().lines.blank, 0);
    stats.dispose();
  });

  test('listeners hear one debounced change for a burst of line updates', async () => {
    const stats = new DocumentStats();
    stats.beginPass(3).done();
    const heard: string[] = [];
    stats.onDidChange((c) => heard.push(c));
    const blank = (line: number) => ({
      line,
      kind: 'blank' as const,
      problems: [],
      severities: { error: 0, warning: 0, info: 0 },
    });
    stats.set(0, blank(1));
    stats.set(1, blank(2));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(heard, ['line']);
    assert.equal(stats.summary().lines.blank, 2);
    stats.dispose();
  });
});

describe('the record list narrowed to a bar', () => {
  test('keeps the matching lines that are rows, in file order', () => {
    const rows = Int32Array.from([0, 1, 3, 4, 7, 9]);
    const f = FilteredRows.of({ kind: 'seedLoss' }, Int32Array.from([1, 2, 4, 9, 12]), rows);
    assert.deepEqual([...f.lines], [1, 4, 9]);
    assert.equal(f.rowCount, 3);
    assert.deepEqual([...f.page(1, 5)], [4, 9]);
    assert.deepEqual([...f.page(5, 5)], []);
    assert.equal(f.rowOfLine(4), 1);
    assert.equal(f.rowOfLine(3), -1);
    assert.equal(f.rowOfLine(100), -1);
  });

  test('a bar over the whole check pass selects exactly its records', async () => {
    const { path } = corpusFile('bars.jsonl', { records: 80, seed: 11, anomalies: true });
    const bytes = readFileSync(path);
    const stats = new DocumentStats();
    const { index } = await passInto(stats, bytes);
    const rows = Int32Array.from({ length: index.count }, (_, i) => i);
    for (const bucket of stats.summary().tools.buckets) {
      assert.equal(
        FilteredRows.of(bucket.filter, stats.matching(bucket.filter), rows).rowCount,
        bucket.count,
      );
    }
    stats.dispose();
  });
});
