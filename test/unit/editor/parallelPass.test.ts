import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../../src/core/diagnostics/types';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { type LineFeatures, lineFeatures } from '../../../src/core/stats/features';
import {
  batchCodes,
  type PassResult,
  runCheckPass,
  type SummaryBatch,
} from '../../../src/editor/model/checkPass';
import { PassMerger } from '../../../src/worker/passMerger';
import { createFoundCounts, PlacementGate } from '../../../src/worker/placementGate';
import { PROBLEM_LIMIT, runCheckRange } from '../../../src/worker/rangePass';
import { generateCorpusWithTruth } from '../../fixtures/generate';
import { charCounter } from '../stats/helpers';

/** Everything a pass sends the host, per line, so passes batched differently can be compared. */
interface Sent {
  kinds: number[];
  formats: number[];
  counts: number[][];
  codes: [number, string[]][];
  context: SummaryBatch['context'];
  reviews: NonNullable<SummaryBatch['reviews']>;
  features: LineFeatures[];
  fileDiagnostics: Diagnostic[];
  result: PassResult;
  byCodeOrder: string[];
}

function collect(): { sent: Sent; onBatch(b: SummaryBatch, features: LineFeatures[]): void } {
  const sent = {
    kinds: [],
    formats: [],
    counts: [],
    codes: [],
    context: [],
    reviews: [],
    features: [],
    fileDiagnostics: [],
    byCodeOrder: [],
  } as unknown as Sent;
  return {
    sent,
    onBatch(b, features) {
      assert.equal(b.start, sent.kinds.length, 'batches arrive in file order');
      sent.kinds.push(...b.kinds);
      sent.formats.push(...b.formats);
      for (let k = 0; k < b.kinds.length; k++) sent.counts.push([b.errors[k], b.warnings[k], b.infos[k]]);
      sent.codes.push(...batchCodes(b));
      sent.context.push(...b.context);
      sent.reviews.push(...(b.reviews ?? []));
      sent.features.push(...features);
    },
  };
}

/** The sequential pass, as the worker ran it before ranges. */
function sequential(bytes: Buffer, problemLimit?: number): Sent {
  const { sent, onBatch } = collect();
  let features: LineFeatures[] = [];
  sent.result = runCheckPass(bytes, buildLineIndex(bytes), {
    batchLines: 50,
    problemLimit,
    onLine: (analyzed) => features.push(lineFeatures(analyzed, charCounter)),
    onBatch: (batch) => {
      onBatch(structuredClone(batch), features);
      features = [];
    },
    onFileDiagnostics: (d) => {
      sent.fileDiagnostics = d;
    },
  });
  sent.byCodeOrder = Object.keys(sent.result.byCode);
  return sent;
}

/** How many diagnostics the last {@link inRanges} run did not keep because earlier ranges held the limit. */
let notKept = 0;

/** The ranges cut at `cuts` and checked apart, merged in order as the check worker does. */
function inRanges(bytes: Buffer, cuts: number[], problemLimit?: number): Sent {
  const index = buildLineIndex(bytes);
  const bounds = [0, ...cuts, index.count];
  const merger = new PassMerger(index.count, index.hasBom, problemLimit);
  const { sent, onBatch } = collect();
  // Later ranges stop placing a severity once earlier ones found the limit of it, as the workers do.
  const found = createFoundCounts(bounds.length - 1);
  notKept = 0;
  for (let r = 0; r + 1 < bounds.length; r++) {
    const gate = new PlacementGate(found, r, problemLimit ?? PROBLEM_LIMIT);
    const outcome = runCheckRange(bytes, index, bounds[r], bounds[r + 1], {
      batchLines: 50,
      problemLimit,
      features: (analyzed) => lineFeatures(analyzed, charCounter),
      keeps: (severity) => {
        if (gate.keeps(severity)) return true;
        notKept++;
        return false;
      },
      onBatch: (part) => {
        gate.addBatch(part.batch);
        // Through structured clone, as between threads.
        const copy = structuredClone(part);
        const { batch } = merger.merge(copy);
        onBatch(batch, copy.features ?? []);
      },
    });
    merger.mergeOutcome(structuredClone(outcome));
  }
  const { fileDiagnostics, result } = merger.finish();
  sent.fileDiagnostics = fileDiagnostics;
  sent.result = result;
  sent.byCodeOrder = Object.keys(result.byCode);
  return sent;
}

function corpus(records: number, seed: number): Buffer {
  const lines = [...generateCorpusWithTruth({ records, seed, anomalies: true })];
  return Buffer.from(lines.map((l) => (l.kind === 'truncated' ? l.text : `${l.text}\n`)).join(''), 'utf8');
}

describe('the check pass in ranges (what the check worker runs on several threads)', () => {
  const bytes = corpus(600, 11);
  const lines = buildLineIndex(bytes).count;

  test('the corpus has what the merge must get right', () => {
    const s = sequential(bytes);
    assert.ok(s.context.length >= 3, 'duplicate ids');
    assert.deepEqual(s.fileDiagnostics.map((d) => d.code).sort(), ['J04', 'J05']);
  });

  test('one range gives exactly what the sequential pass gives', () => {
    assert.deepEqual(inRanges(bytes, []), sequential(bytes));
  });

  test('many ranges, cut anywhere, give exactly the same (duplicates across the cuts included)', () => {
    const cuts = [...new Set([1, 37, 38, 200, Math.floor(lines / 2), lines - 3])].sort((a, b) => a - b);
    const expected = sequential(bytes);
    const got = inRanges(bytes, cuts);
    // Some duplicate's first use lies in an earlier range than the duplicate itself.
    const bounds = [0, ...cuts];
    const rangeOf = (line0: number) => bounds.filter((b) => b <= line0).length;
    assert.ok(
      expected.context.some(([i, [f]]) => rangeOf(Number(f.params?.firstLine) - 1) !== rangeOf(i)),
      'a duplicate id across a cut',
    );
    assert.deepEqual(got, expected);
  });

  test('the bounded Problems list is the same when it fills up', () => {
    for (const limit of [1, 5, 40]) {
      const expected = sequential(bytes, limit);
      assert.equal(expected.result.published.length, limit);
      assert.deepEqual(inRanges(bytes, [100, 101, 400], limit), expected);
      // The later ranges saw the earlier ones had found the limit and did not place theirs.
      assert.ok(notKept > 0, `limit ${limit}`);
    }
  });

  test('duplicates on the first line of a range and on lines with other problems', () => {
    const rec = (id: string, extra = '') =>
      JSON.stringify({
        id,
        conversations: [
          { from: 'user', value: `hi${extra}` },
          { from: 'assistant', value: 'hello' },
        ],
      });
    const text = [rec('a'), rec('b', '\u3000'), rec('a', '\u3000'), rec('b'), '{bad', rec('a')].join('\r\n');
    const small = Buffer.from(`\ufeff${text}\n`, 'utf8');
    const expected = sequential(small);
    assert.equal(expected.context.length, 3);
    for (const cuts of [[], [1], [2], [2, 3], [1, 2, 3, 4, 5]])
      assert.deepEqual(inRanges(small, cuts), expected);
  });
});
