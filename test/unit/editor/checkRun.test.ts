import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { readLineFindings } from '../../../src/core/pipeline/fileAnalyzer';
import { StatsAggregator } from '../../../src/core/stats/aggregate';
import { type LineFeatures, lineFeatures } from '../../../src/core/stats/features';
import { summarize } from '../../../src/core/stats/summary';
import { createTokenCounter } from '../../../src/core/tokens/counter';
import { CheckCancelled, CheckRun } from '../../../src/editor/checkRunner';
import { rawLineAt, runCheckPass } from '../../../src/editor/model/checkPass';
import { DocumentStats } from '../../../src/editor/overviewStats';
import { generateCorpusWithTruth } from '../../fixtures/generate';

const ROOT = resolve(__dirname, '../../..');
// Bundled here, not taken from dist/, so another test file rebuilding dist cannot change it mid-test.
const WORKER = join(mkdtempSync(join(tmpdir(), 'afc-checkrun-')), 'checkWorker.js');

before(async () => {
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/worker/checkWorker.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
});

function corpus(records: number, seed: number): Buffer {
  const lines = [...generateCorpusWithTruth({ records, seed, anomalies: true })];
  return Buffer.from(lines.map((l) => (l.kind === 'truncated' ? l.text : `${l.text}\n`)).join(''), 'utf8');
}

interface Run {
  events: string[];
  /** The overview's statistics, fed the features as the editor feeds them (the token counts left out). */
  stats: DocumentStats;
  tokens: Map<number, number>;
  tokensError?: string;
}

function run(bytes: Buffer, threads: number): Promise<Run> {
  const stats = new DocumentStats();
  const pass = stats.beginPass(buildLineIndex(bytes).count);
  const out: Run = { events: [], stats, tokens: new Map() };
  return new Promise((resolveRun, reject) => {
    const r = new CheckRun(
      WORKER,
      bytes,
      {
        onBatch: () => out.events.push('batch'),
        onFeatureRows: pass.onFeatureRows,
        onDuplicateIds: pass.onDuplicateIds,
        onTokenizer: () => out.events.push('tokenizer'),
        onTokens: ({ first, counts }) => {
          out.events.push('tokens');
          for (let k = 0; k < counts.length; k++) {
            assert.ok(!out.tokens.has(first + k), `line ${first + k + 1} counted once`);
            out.tokens.set(first + k, counts[k]);
          }
        },
        onTokensDone: (error) => {
          out.events.push('tokensDone');
          out.tokensError = error;
          resolveRun(out);
        },
      },
      { threads },
    );
    r.result.then(() => out.events.push('done'), reject);
  });
}

describe('the check worker: checks first, then a token sweep', () => {
  const bytes = corpus(400, 5);
  const index = buildLineIndex(bytes);
  const sequentialFeatures: LineFeatures[] = [];
  runCheckPass(bytes, index, {
    onLine: (analyzed) => sequentialFeatures.push(lineFeatures(analyzed, undefined)),
    onBatch: () => undefined,
  });
  assert.ok(sequentialFeatures.some((f) => f.problems.some(([code]) => code === 'J09')));
  const sequentialTotals = new StatsAggregator();
  for (const f of sequentialFeatures) sequentialTotals.add(f);
  const tokenizer = new DocumentStats().tokenizer;

  for (const threads of [1, 2, 3]) {
    test(`${threads} thread(s): every record's tokens, counted as the counter does, after the checks`, async () => {
      const counter = await createTokenCounter();
      const got = await run(bytes, threads);
      assert.equal(got.tokensError, undefined);
      // Every check batch comes before the end of the checks, and nothing follows the end of the counts.
      // No range counts before every range is checked: the counting waits for the host's word.
      const done = got.events.indexOf('done');
      assert.ok(done > 0 && got.events.lastIndexOf('batch') < done, got.events.join());
      assert.ok(got.events.indexOf('tokenizer') > done && got.events.indexOf('tokens') > done);
      assert.equal(got.events.at(-1), 'tokensDone');
      const features: (LineFeatures | undefined)[] = [];
      for (let i = 0; i < index.count; i++) features.push(got.stats.index.get(i));
      assert.ok(features.every((f) => f && f.record?.tokens === undefined));
      assert.equal(got.tokens.size, index.count);
      let records = 0;
      for (let i = 0; i < index.count; i++) {
        const record = readLineFindings(rawLineAt(bytes, index, i), false).record;
        const expected = record ? counter.countTurns(record.turns) : -1;
        if (record) records++;
        assert.equal(got.tokens.get(i), expected, `line ${i + 1}`);
      }
      assert.ok(records > 300);
      // The features (sent encoded, taken in on arrival, J09 added once merged) are, line by line, the
      // sequential pass's, tokens aside; and so are the totals the overview shows.
      assert.deepEqual(features, sequentialFeatures);
      assert.deepEqual(got.stats.summary(), summarize(sequentialTotals, { maxLength: 2048, tokenizer }));
      got.stats.dispose();
    });
  }
});

describe('a check run that is cancelled or whose worker fails', () => {
  const bytes = corpus(400, 6);

  test('cancelling before the checks are done rejects the result, and nothing more is reported', async () => {
    let after = 0;
    const run = new CheckRun(
      WORKER,
      bytes,
      {
        onBatch: () => after++,
        onTokens: () => after++,
        onTokensDone: () => after++,
      },
      { threads: 2 },
    );
    run.cancel();
    await assert.rejects(run.result, CheckCancelled);
    const seen = after;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(after, seen, 'no batch, count or end after the cancel');
  });

  test('a worker that crashes fails the run with the lines it had, and stops the others', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'afc-broken-')), 'checkWorker.js');
    writeFileSync(broken, "throw new Error('boom in worker');\n");
    const run = new CheckRun(broken, bytes, { onBatch: () => undefined }, { threads: 2 });
    await assert.rejects(run.result, /the check worker for lines \d+–\d+ crashed: .*boom in worker/s);
  });

  test('a worker that reports an error fails the run with its message', async () => {
    const failing = join(mkdtempSync(join(tmpdir(), 'afc-failing-')), 'checkWorker.js');
    writeFileSync(
      failing,
      "require('node:worker_threads').parentPort.postMessage({ type: 'error', message: 'no memory left' });\n",
    );
    const run = new CheckRun(failing, bytes, { onBatch: () => undefined }, { threads: 1 });
    await assert.rejects(run.result, /the check worker for lines 1–\d+ failed: no memory left/);
  });
});
