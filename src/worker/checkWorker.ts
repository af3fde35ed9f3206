/**
 * A worker thread of the curator's full check pass, so the extension host stays responsive on a 1 GB
 * file. The host (`CheckRun`) starts one per range of lines (one range per core, at most 4; a single
 * range for a small file) over the document's bytes in shared memory, with the host's line index, also
 * shared: no copy of the file and no second scan of it. Each checks its lines with core's checks and
 * reports per-line summaries batch by batch; the host merges the ranges in file order (`PassMerger`).
 *
 * The same pass computes the overview's features of every line (`lineFeatures`), sent with the batch
 * they belong to, except the token counts: counting costs as much as checking, and the problems are what
 * the user waits for. Once every range is checked (the host says `sweep`), each worker sweeps its range
 * again to count tokens, and the counts follow. Cancelling is terminating the workers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type LineIndex, sharedLineIndex } from '../core/jsonl/lineIndex';
import { lineFeatures } from '../core/stats/features';
import { createTokenCounter, type TokenCounter } from '../core/tokens/counter';
import type { RangeWorkerCommand, RangeWorkerInput, RangeWorkerMessage, TokenizerInfo } from './messages';
import { PlacementGate } from './placementGate';
import { PROBLEM_LIMIT, type RangeBatch, type RangeOutcome, runCheckRange } from './rangePass';
import { countRangeTokens } from './tokenSweep';

function post(message: RangeWorkerMessage): void {
  // A batch's encoded features are moved, not copied.
  const data = message.type === 'batch' ? message.part.featureData : undefined;
  parentPort?.postMessage(message, data ? [data.rows.buffer, data.pool.buffer] : []);
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** The configured tokenizer, or the estimate with the reason when its file cannot be used. */
async function tokenCounter(tiktokenPath: string | undefined): Promise<[TokenCounter, TokenizerInfo]> {
  if (tiktokenPath) {
    try {
      const counter = await createTokenCounter({ tiktokenPath });
      return [counter, { exact: counter.exact, label: counter.label }];
    } catch (e) {
      const counter = await createTokenCounter();
      const error = e instanceof Error ? e.message : String(e);
      return [counter, { exact: counter.exact, label: counter.label, error }];
    }
  }
  const counter = await createTokenCounter();
  return [counter, { exact: counter.exact, label: counter.label }];
}

/**
 * Checks the input's lines with the overview's features (tokens left out), reporting batches through
 * `onBatch`; diagnostics are placed for the Problems panel only while the ranges before still need them.
 */
function checkRange(
  buf: Buffer,
  index: LineIndex,
  input: RangeWorkerInput,
  onBatch: (part: RangeBatch) => void,
): RangeOutcome {
  const gate = new PlacementGate(new Int32Array(input.found), input.range, PROBLEM_LIMIT);
  return runCheckRange(buf, index, input.from, input.to, {
    // No copies of names: the features are encoded at once (see lineFeatures).
    features: (analyzed) => lineFeatures(analyzed, undefined, false),
    encodeFeatures: true,
    keeps: (severity) => gate.keeps(severity),
    onBatch: (part) => {
      gate.addBatch(part.batch);
      onBatch(part);
    },
  });
}

/** Resolves when the host says every range's checks are done. */
function sweepAllowed(): Promise<void> {
  return new Promise((resolve) => {
    const listen = (m: RangeWorkerCommand) => {
      if (m.type !== 'sweep') return;
      parentPort?.off('message', listen);
      resolve();
    };
    parentPort?.on('message', listen);
  });
}

async function main(input: RangeWorkerInput): Promise<void> {
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  const index = sharedLineIndex(buf, input.lineStarts);
  // Listening from the start: the host may say so before this range is done with its own checks.
  const sweep = sweepAllowed();
  const outcome = checkRange(buf, index, input, (part) => post({ type: 'batch', part }));
  post({ type: 'done', outcome });
  await sweep;
  const [counter, tokenizer] = await tokenCounter(input.tiktokenPath);
  // Every range counts with the same counter; the first one says which it is.
  if (input.from === 0) post({ type: 'tokenizer', tokenizer });
  await countRangeTokens(buf, index, input.from, input.to, counter, (tokens) =>
    post({ type: 'tokens', tokens }),
  );
  post({ type: 'tokensDone' });
}

main(workerData as RangeWorkerInput).catch((e: unknown) => post({ type: 'error', message: errorText(e) }));
