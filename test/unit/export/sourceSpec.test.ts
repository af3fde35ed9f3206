import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatWeight, parseSourceSpec, SourceSpecError } from '../../../src/core/export/sourceSpec';

test('paths with a ratio, a count or nothing', () => {
  assert.deepEqual(parseSourceSpec('a.jsonl'), { path: 'a.jsonl', weight: { kind: 'all' } });
  assert.deepEqual(parseSourceSpec('data/a.jsonl:2.0'), {
    path: 'data/a.jsonl',
    weight: { kind: 'ratio', ratio: 2 },
  });
  assert.deepEqual(parseSourceSpec('a.jsonl:.5'), { path: 'a.jsonl', weight: { kind: 'ratio', ratio: 0.5 } });
  assert.deepEqual(parseSourceSpec('a.jsonl:#3000'), {
    path: 'a.jsonl',
    weight: { kind: 'count', count: 3000 },
  });
  // A Windows drive letter is not a weight.
  assert.deepEqual(parseSourceSpec('C:\\data\\a.jsonl'), {
    path: 'C:\\data\\a.jsonl',
    weight: { kind: 'all' },
  });
  assert.deepEqual(parseSourceSpec('C:\\data\\a.jsonl:#5').weight, { kind: 'count', count: 5 });
});

test('weights that are not a ratio or a count are refused with the syntax', () => {
  for (const bad of ['a.jsonl:-1', 'a.jsonl:#x', 'a.jsonl:#', 'a.jsonl:1e3', 'a.jsonl:2.0.1', '']) {
    assert.throws(() => parseSourceSpec(bad), SourceSpecError, bad);
  }
});

test('weights print as given', () => {
  assert.equal(formatWeight({ kind: 'all' }), 'all');
  assert.equal(formatWeight({ kind: 'count', count: 3000 }), '#3000');
  assert.equal(formatWeight({ kind: 'ratio', ratio: 2 }), '2');
});
