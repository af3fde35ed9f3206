import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFoundCounts, PlacementGate } from '../../../src/worker/placementGate';

describe('the placement gate: a range stops placing a severity once the ranges before it found the limit', () => {
  test('counts of earlier ranges add up, read again once a batch; later ranges do not count', () => {
    const found = createFoundCounts(4);
    const first = new PlacementGate(found, 0, 10);
    const third = new PlacementGate(found, 2, 10);
    assert.ok(first.keeps('warning') && third.keeps('warning'));
    // Range 0 finds 6 warnings: range 2 reads the counts again only at its next batch.
    first.add(0, 6, 1);
    assert.ok(third.keeps('warning'));
    third.add(0, 0, 0);
    assert.ok(third.keeps('warning'), '6 before it');
    first.add(0, 4, 0);
    assert.ok(third.keeps('warning'), 'not read again within the batch');
    third.add(0, 0, 0);
    assert.ok(!third.keeps('warning'), '10 before it');
    third.add(0, 0, 0);
    assert.ok(!third.keeps('warning'), 'once enough, always enough');
    assert.ok(third.keeps('info') && third.keeps('error'));
    // Nothing comes before range 0, and what range 2 finds does not count for range 1.
    assert.ok(first.keeps('warning'));
    const second = new PlacementGate(found, 1, 10);
    third.add(20, 0, 0);
    assert.ok(second.keeps('error'));
    assert.ok(!second.keeps('warning'));
    const fourth = new PlacementGate(found, 3, 10);
    assert.ok(!fourth.keeps('error'), 'range 2 found 20 errors before range 3');
  });

  test('the counts live in shared memory, for the workers of one pass', () => {
    const found = createFoundCounts(2);
    assert.ok(found.buffer instanceof SharedArrayBuffer);
    assert.equal(found.length, 6);
    new PlacementGate(found, 1, 5).add(1, 2, 3);
    assert.deepEqual([...found], [0, 0, 0, 1, 2, 3]);
    // A batch adds its lines' counts of each severity.
    new PlacementGate(found, 0, 5).addBatch({
      errors: Uint16Array.of(0, 2, 1),
      warnings: Uint16Array.of(4, 0, 0),
      infos: Uint16Array.of(0, 0, 0),
    });
    assert.deepEqual([...found], [3, 4, 0, 1, 2, 3]);
  });
});
