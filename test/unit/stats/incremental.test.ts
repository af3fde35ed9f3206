/**
 * The overview follows edits and reviews without a recount: adding and removing lines' features must
 * leave exactly the totals a fresh computation over the current lines gives, and every bar's filter must
 * select exactly the lines the bar counts.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { severityOf } from '../../../src/core/diagnostics/registry';
import { scanFile } from '../../../src/core/pipeline/scanFile';
import type { ReviewStatus } from '../../../src/core/review/state';
import { StatsAggregator } from '../../../src/core/stats/aggregate';
import { type LineFeatures, lineFeatures } from '../../../src/core/stats/features';
import { matchesFilter, type StatsFilter } from '../../../src/core/stats/filters';
import { StatsIndex } from '../../../src/core/stats/statsIndex';
import { type StatsSummary, summarize } from '../../../src/core/stats/summary';
import { FeatureTable, type FeatureTableData, NameIds } from '../../../src/core/stats/table';
import { Rng } from '../../fixtures/generator/random';
import { charCounter, corpusFile } from './helpers';

const TOKENIZER = { exact: true, label: 'test' };
const OPTS = { tokenizer: TOKENIZER, maxLength: 1500 };

function fresh(features: Iterable<LineFeatures>): StatsSummary {
  const agg = new StatsAggregator();
  for (const f of features) agg.add(f);
  return summarize(agg, OPTS);
}

/** A review or an edit of one record: new status and tags, a few tokens more or less. */
function edited(f: LineFeatures, rng: Rng): LineFeatures {
  if (!f.record) return { ...f, problems: [['J01', 1]], severities: { error: 1, warning: 0, info: 0 } };
  const statuses: ReviewStatus[] = ['approved', 'rejected', 'needs-fix', 'unreviewed'];
  const problems = f.problems.filter(([code]) => code !== 'S11');
  const severities = { error: 0, warning: 0, info: 0 };
  for (const [code, n] of problems) severities[severityOf(code)] += n;
  return {
    ...f,
    problems,
    severities,
    record: {
      ...f.record,
      status: rng.pick(statuses),
      tags: rng.chance(0.5) ? [rng.pick(['long', 'bad-args', 'dup'])] : [],
      tokens: Math.max(0, (f.record.tokens ?? 0) + rng.int(-300, 300)),
    },
  };
}

describe('incremental statistics', () => {
  const byLine = new Map<number, LineFeatures>();

  before(async () => {
    const { path } = corpusFile('incremental.jsonl', { records: 400, seed: 99, anomalies: true });
    await scanFile(
      path,
      { check: true },
      (line) => {
        byLine.set(line.line - 1, lineFeatures(line, charCounter));
      },
      () => undefined,
    );
  });

  test('removing and re-adding through the aggregator equals a fresh computation', () => {
    const rng = new Rng(5);
    const agg = new StatsAggregator();
    const current = new Map(byLine);
    for (const f of current.values()) agg.add(f);
    assert.deepEqual(summarize(agg, OPTS), fresh(current.values()));
    for (const [i, f] of current) {
      if (!rng.chance(0.3)) continue;
      agg.remove(f);
      if (rng.chance(0.2)) {
        current.delete(i);
        continue;
      }
      const g = edited(f, rng);
      agg.add(g);
      current.set(i, g);
    }
    const after = summarize(agg, OPTS);
    assert.deepEqual(after, fresh(current.values()));
    assert.notDeepEqual(after, fresh(byLine.values()), 'the edits changed something');
    assert.ok(after.review.reviewed > 0);
  });

  test('removing what was never added is reported, not silently counted negative', () => {
    const agg = new StatsAggregator();
    const f = [...byLine.values()].find((x) => x.record) as LineFeatures;
    assert.throws(() => agg.remove(f), RangeError);
  });

  test('the feature table gives back exactly what was set', () => {
    const table = new FeatureTable(4);
    for (const [i, f] of byLine) table.set(i, f);
    assert.equal(table.size, byLine.size);
    for (const [i, f] of byLine) assert.deepEqual(table.get(i), f, `line ${i + 1}`);
    table.delete(3);
    assert.equal(table.get(3), undefined);
    assert.equal(table.size, byLine.size - 1);
  });

  test('the feature table reclaims replaced lines and crosses threads as its arrays, exactly', () => {
    const rng = new Rng(21);
    const table = new FeatureTable(1);
    const current = new Map<number, LineFeatures>();
    // Setting lines again and again leaves their old lists behind until the pool is compacted.
    for (let round = 0; round < 12; round++) {
      for (const [i, f] of byLine) {
        if (round > 0 && !rng.chance(0.5)) continue;
        const g = round === 0 ? f : edited(f, rng);
        table.set(i, g);
        current.set(i, g);
      }
    }
    for (const [i, f] of current) assert.deepEqual(table.get(i), f, `line ${i + 1}`);
    // As a worker's table crosses to the host: its rows copied into another table, names through ids.
    const data = structuredClone(table.data());
    const copy = new FeatureTable(1);
    const ids = data.names.map((name) => copy.nameId(name));
    for (let k = 0; k < data.lines; k++) copy.copyRow(k, data, k, ids);
    assert.equal(copy.size, current.size);
    for (const [i, f] of current) assert.deepEqual(copy.get(i), f, `line ${i + 1} after the copy`);
  });

  test('StatsIndex.set replaces, delete forgets: always equal to a fresh computation', () => {
    const rng = new Rng(8);
    const index = new StatsIndex(16);
    const current = new Map<number, LineFeatures>();
    for (const [i, f] of byLine) {
      index.set(i, f);
      current.set(i, f);
    }
    for (let round = 0; round < 3; round++) {
      for (const [i, f] of [...current]) {
        const r = rng.next();
        if (r < 0.1) {
          index.delete(i);
          current.delete(i);
        } else if (r < 0.4) {
          const g = edited(f, rng);
          index.set(i, g);
          current.set(i, g);
        }
      }
      assert.deepEqual(index.summary(OPTS), fresh(current.values()), `round ${round}`);
    }
  });

  test("StatsIndex.setEncoded (a worker's batches) equals setting each line, and replaces what was there", () => {
    const lines = [...byLine.keys()].sort((a, b) => a - b);
    assert.deepEqual(lines, [...lines.keys()], 'every line has features');
    // Two ranges, as two check workers send them: batches of a range share their name ids.
    const half = Math.ceil(lines.length / 2);
    const perRange: { source: number; start: number; data: FeatureTableData }[][] = [[], []];
    for (const [source, from, to] of [
      [0, 0, half],
      [1, half, lines.length],
    ]) {
      const names = new NameIds();
      for (let start = from; start < to; start += 37) {
        const n = Math.min(37, to - start);
        const table = new FeatureTable(n, names);
        for (let k = 0; k < n; k++) table.set(k, byLine.get(start + k) as LineFeatures);
        // As it crosses threads.
        perRange[source].push({ source, start, data: structuredClone(table.data()) });
      }
    }
    assert.ok(perRange[1][1].data.names.length < perRange[1][0].data.names.length, 'names cross once');
    const index = new StatsIndex(16);
    // Lines edited before their batch came: the batch's features replace them.
    const rng = new Rng(17);
    for (const [i, f] of byLine) if (rng.chance(0.2)) index.set(i, edited(f, rng));
    // The ranges' batches interleave; each range's come in order.
    for (let b = 0; b < Math.max(perRange[0].length, perRange[1].length); b++) {
      for (const r of [1, 0]) {
        const batch = perRange[r][b];
        if (batch) index.setEncoded(batch.source, batch.start, batch.data);
      }
    }
    assert.deepEqual(index.summary(OPTS), fresh(byLine.values()));
    for (const [i, f] of byLine) assert.deepEqual(index.get(i), f, `line ${i + 1}`);
    // A batch whose names do not follow the ones before it cannot be read.
    assert.throws(
      () => index.setEncoded(0, 0, perRange[0][1].data),
      /batch names from \d+, but \d+ came before/,
    );
  });

  test('StatsIndex.setTokens (the token sweep) equals setting the features with the new count', () => {
    const rng = new Rng(13);
    const index = new StatsIndex(16);
    const current = new Map<number, LineFeatures>();
    // As the check pass reports them: no tokens yet.
    for (const [i, f] of byLine) {
      const g = f.record ? { ...f, record: { ...f.record, tokens: undefined } } : f;
      delete g.record?.tokens;
      index.set(i, g);
      current.set(i, g);
    }
    for (let round = 0; round < 2; round++) {
      for (const [i, f] of [...current]) {
        const tokens = rng.int(0, 3000);
        index.setTokens(i, tokens);
        if (f.record) current.set(i, { ...f, record: { ...f.record, tokens } });
      }
      assert.deepEqual(index.summary(OPTS), fresh(current.values()), `round ${round}`);
      for (const [i, f] of current) assert.deepEqual(index.get(i), f, `line ${i + 1}`);
    }
    assert.ok(
      [...current.values()].some((f) => !f.record),
      'lines that are not records are left alone',
    );
  });

  test('every bar, row and chip filter selects exactly the lines it counts', () => {
    const rng = new Rng(3);
    const index = new StatsIndex();
    const current = new Map<number, LineFeatures>();
    for (const [i, f] of byLine) {
      const g = rng.chance(0.4) ? edited(f, rng) : f;
      index.set(i, g);
      current.set(i, g);
    }
    const s = index.summary(OPTS);
    const checks: [StatsFilter, number, string][] = [];
    for (const d of [s.tokens, s.tools, s.calls, s.turns, s.rounds]) {
      for (const b of d.buckets) checks.push([b.filter, b.count, `${d.feature} ${b.label}`]);
    }
    checks.push([s.tokens.overFilter, s.tokens.overMaxLength, 'over max_length']);
    for (const c of s.problems.byCode) checks.push([c.filter, c.lines, c.code]);
    for (const c of s.problems.bySeverity) checks.push([c.filter, c.lines, c.severity]);
    for (const c of s.seed.codes) checks.push([c.filter, c.lines, c.code]);
    checks.push([s.seed.lossFilter, s.seed.recordsLosing, 'seed loss']);
    for (const t of s.topTools) checks.push([t.filter, t.records, `calls ${t.name}`]);
    for (const t of s.declaredTools) checks.push([t.filter, t.records, `declares ${t.name}`]);
    for (const x of [...s.review.byStatus, ...s.review.byTag, ...s.formats]) {
      checks.push([x.filter, x.records, x.name]);
    }
    assert.ok(checks.length > 60);
    assert.ok(s.review.byTag.length > 0 && s.tokens.overMaxLength > 0);
    for (const [filter, count, what] of checks) {
      const expected = [...current]
        .filter(([, f]) => matchesFilter(filter, f))
        .map(([i]) => i)
        .sort((a, b) => a - b);
      assert.deepEqual([...index.matching(filter)], expected, what);
      assert.equal(expected.length, count, `${what}: the bar's count`);
    }
  });
});
