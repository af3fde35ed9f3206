import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integerBuckets, niceWidth, tokenBuckets } from '../../../src/core/stats/buckets';
import { IntCounts } from '../../../src/core/stats/counts';
import { describeFilter, parseFilter } from '../../../src/core/stats/filters';

function counts(values: number[]): IntCounts {
  const c = new IntCounts();
  for (const v of values) c.add(v);
  return c;
}

describe('exact order statistics', () => {
  test('median of odd and even counts, min, max, nth', () => {
    assert.equal(counts([5, 1, 3]).median(), 3);
    assert.equal(counts([4, 1, 3, 10]).median(), 3.5);
    assert.equal(counts([7, 7, 7, 7]).median(), 7);
    assert.equal(new IntCounts().median(), undefined);
    const c = counts([9, 2, 2, 40]);
    assert.deepEqual(
      [c.min(), c.max(), c.nth(0), c.nth(2), c.nth(3), c.nth(4)],
      [2, 40, 2, 9, 40, undefined],
    );
    c.remove(2);
    c.remove(40);
    assert.deepEqual([c.size, c.median(), c.max()], [2, 5.5, 9]);
  });

  test('countIn is inclusive at both ends and open without a max', () => {
    const c = counts([1, 2, 2, 3, 100]);
    assert.equal(c.countIn(2, 3), 3);
    assert.equal(c.countIn(3), 2);
  });
});

describe('token bars', () => {
  test('an edge falls exactly on max_length and the bars beyond hold exactly the records over it', () => {
    const values = [10, 500, 2047, 2048, 2048, 2049, 3000, 9000, 20000];
    const { buckets, lineAfter } = tokenBuckets(counts(values), 2048);
    assert.equal(buckets[lineAfter].max, 2048);
    assert.equal(buckets[lineAfter + 1].min, 2049);
    const beyond = buckets.slice(lineAfter + 1).reduce((n, b) => n + b.count, 0);
    assert.equal(beyond, values.filter((v) => v > 2048).length);
    assert.equal(
      buckets.reduce((n, b) => n + b.count, 0),
      values.length,
    );
    const last = buckets[buckets.length - 1];
    assert.equal(last.max, undefined, 'an open bar holds the far tail');
    assert.ok(last.label.startsWith('> '));
    assert.deepEqual(last.filter, { kind: 'tokens', min: last.min });
    // Consecutive bars tile the axis without gaps or overlaps.
    for (let i = 1; i < buckets.length; i++) assert.equal(buckets[i].min, (buckets[i - 1].max as number) + 1);
  });

  test('a max_length without a convenient divisor still gets its own edge', () => {
    const { buckets, lineAfter } = tokenBuckets(counts([100, 1000, 1009, 1010, 1500]), 1009);
    assert.equal(buckets[lineAfter].max, 1009);
    assert.equal(
      buckets.slice(lineAfter + 1).reduce((n, b) => n + b.count, 0),
      2,
    );
  });

  test('records far below the limit get bars over the data, with the line after the last', () => {
    const { buckets, lineAfter } = tokenBuckets(counts([3, 40, 41, 90]), 8192);
    assert.equal(lineAfter, buckets.length - 1);
    assert.ok(buckets.length >= 4, `${buckets.length} bars`);
    assert.ok((buckets[buckets.length - 1].max as number) < 8192);
  });

  test('empty bars left of the data are dropped', () => {
    const { buckets } = tokenBuckets(counts([1900, 1950, 2100]), 2048);
    assert.ok(buckets[0].count > 0);
  });

  test('no records, no bars', () => {
    assert.deepEqual(tokenBuckets(new IntCounts(), 2048), { buckets: [], lineAfter: -1 });
  });
});

describe('integer bars', () => {
  test('one bar per value, gaps included', () => {
    const b = integerBuckets('tools', counts([1, 1, 3]));
    assert.deepEqual(
      b.map((x) => [x.label, x.count]),
      [
        ['1', 2],
        ['2', 0],
        ['3', 1],
      ],
    );
    assert.deepEqual(b[2].filter, { kind: 'tools', min: 3, max: 3 });
  });

  test('ranges when the values spread wide', () => {
    const values = [0, 5, 17, 80, 81, 200];
    const b = integerBuckets('turns', counts(values));
    assert.ok(b.length <= 40);
    assert.equal(
      b.reduce((n, x) => n + x.count, 0),
      values.length,
    );
    assert.equal(b[0].min, 0);
    assert.ok(b.every((x) => x.max !== undefined && x.max > x.min));
  });

  test('nice widths', () => {
    assert.deepEqual([1, 3, 7, 12, 51].map(niceWidth), [1, 5, 10, 20, 100]);
  });
});

describe('filters from the webview', () => {
  test('valid filters pass through unchanged', () => {
    for (const f of [
      { kind: 'tokens', min: 2049 },
      { kind: 'tools', min: 3, max: 3 },
      { kind: 'code', code: 'S2' },
      { kind: 'severity', severity: 'error' },
      { kind: 'seedLoss' },
      { kind: 'calledTool', name: 'weather' },
      { kind: 'declaredTool', name: 'weather' },
      { kind: 'status', status: 'needs-fix' },
      { kind: 'tag', tag: 'long' },
      { kind: 'format', format: 'agentfabric-seed' },
    ]) {
      assert.deepEqual(parseFilter(f), f);
      assert.ok(describeFilter(parseFilter(f)!).length > 0);
    }
  });

  test('anything else is refused', () => {
    for (const f of [
      null,
      [],
      'tokens',
      { kind: 'tokens' },
      { kind: 'tokens', min: '3' },
      { kind: 'tools', min: 1, max: Number.NaN },
      { kind: 'code' },
      { kind: 'severity', severity: 'fatal' },
      { kind: 'status', status: 'done' },
      { kind: 'format', format: 'xml' },
      { kind: 'eval', code: 'x' },
    ]) {
      assert.equal(parseFilter(f), undefined, JSON.stringify(f));
    }
  });

  test('descriptions say what the list shows', () => {
    assert.equal(describeFilter({ kind: 'tokens', min: 2049 }), 'tokens ≥ 2049');
    assert.equal(describeFilter({ kind: 'calls', min: 2, max: 2 }), 'tool calls = 2');
    assert.equal(describeFilter({ kind: 'turns', min: 0, max: 9 }), 'turns 0–9');
  });
});
