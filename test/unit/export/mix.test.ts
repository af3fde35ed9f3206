import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planTakes, valCount } from '../../../src/core/export/mix';
import type { SourceWeight } from '../../../src/core/export/types';

const all: SourceWeight = { kind: 'all' };
const count = (n: number): SourceWeight => ({ kind: 'count', count: n });
const ratio = (r: number): SourceWeight => ({ kind: 'ratio', ratio: r });

test('no weight takes everything; a count takes that many', () => {
  assert.deepEqual(planTakes([all, count(30)], [100, 200]), [
    { requested: 100, take: 100 },
    { requested: 30, take: 30 },
  ]);
});

test('a ratio is relative to what the sources without a ratio contribute (ms-swift mix ratio)', () => {
  // The seed's recipe: agent data plus general chat at 2.0×.
  assert.deepEqual(planTakes([all, ratio(2)], [100, 1000]), [
    { requested: 100, take: 100 },
    { requested: 200, take: 200 },
  ]);
  assert.deepEqual(planTakes([count(30), all, ratio(0.5)], [100, 20, 1000]), [
    { requested: 30, take: 30 },
    { requested: 20, take: 20 },
    { requested: 25, take: 25 },
  ]);
  // Rounding is half up: 0.25 × 10 = 2.5 → 3.
  assert.equal(planTakes([all, ratio(0.25)], [10, 100])[1].take, 3);
});

test('a request beyond the records available takes them all and shows the shortfall', () => {
  assert.deepEqual(planTakes([all, ratio(2)], [100, 150]), [
    { requested: 100, take: 100 },
    { requested: 200, take: 150 },
  ]);
  assert.deepEqual(planTakes([count(500)], [200]), [{ requested: 500, take: 200 }]);
});

test('when every source has a ratio they are shares, as large as every source can supply', () => {
  // base = min(100 / 1, 200 / 0.5) = 100.
  assert.deepEqual(planTakes([ratio(1), ratio(0.5)], [100, 200]), [
    { requested: 100, take: 100 },
    { requested: 50, take: 50 },
  ]);
  // base = min(1000 / 1, 30 / 0.5) = 60.
  assert.deepEqual(planTakes([ratio(1), ratio(0.5)], [1000, 30]), [
    { requested: 60, take: 60 },
    { requested: 30, take: 30 },
  ]);
  assert.deepEqual(planTakes([ratio(0), ratio(1)], [10, 5]), [
    { requested: 0, take: 0 },
    { requested: 5, take: 5 },
  ]);
});

test('val size is ceil(total × ratio), never the whole set', () => {
  assert.equal(valCount(1000, 0.01), 10);
  assert.equal(valCount(1001, 0.01), 11);
  assert.equal(valCount(100, 0.07), 7);
  assert.equal(valCount(100, 0), 0);
  assert.equal(valCount(1, 0.5), 0);
  assert.equal(valCount(2, 0.99), 1);
});
