/**
 * A worker thread of the curator's full check pass, so the extension host stays responsive on a 1 GB
 * file. The host (`CheckRun`) starts one per core (at most 4; one for a small file) over the document's
 * bytes in shared memory, with the host's line index, also shared: no copy of the file and no second
 * scan of it. The file is cut into chunks of lines that the workers take one at a time as they finish
 * the last, each from its own part of the file first (see chunkClaims.ts), so all of them end together
 * whatever each chunk costs. A worker checks a chunk's lines with core's checks and reports per-line
 * summaries batch by batch; the host merges the chunks in file order (`PassMerger`).
 *
 * The same pass computes the overview's features of every line (`lineFeatures`), sent with the batch
 * they belong to, except the token counts: counting costs as much as checking, and the problems are what
 * the user waits for. Once no chunk is left to check, the workers take the chunks again to count tokens,
 * and the counts follow. Cancelling is terminating the workers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Severity } from '../core/diagnostics/types';
import { type LineIndex, sharedLineIndex } from '../core/jsonl/lineIndex';
import { lineFeatures } from '../core/stats/features';
import { createTokenCounter, type TokenCounter } from '../core/tokens/counter';
import { claimChunk, claimCountChunk, needsMore } from './chunkClaims';
import type { RangeWorkerInput, RangeWorkerMessage, TokenizerInfo } from './messages';
import { type RangeBatch, type RangeOutcome, runCheckRange } from './rangePass';
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

/** Checks `[from, to)` with the overview's features (tokens left out), reporting batches through `onBatch`. */
function checkRange(
  buf: Buffer,
  index: LineIndex,
  from: number,
  to: number,
  keeps: (severity: Severity) => boolean,
  onBatch: (part: RangeBatch) => void,
): RangeOutcome {
  return runCheckRange(buf, index, from, to, {
    // No copies of names: the features are encoded at once (see lineFeatures).
    features: (analyzed) => lineFeatures(analyzed, undefined, false),
    encodeFeatures: true,
    keeps,
    onBatch,
  });
}

async function main(input: RangeWorkerInput): Promise<void> {
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  const index = sharedLineIndex(buf, input.lineStarts);
  const claims = new Int32Array(input.claims);
  const { bounds, worker, workers } = input;
  const chunks = bounds.length - 1;
  const keeps = (severity: Severity) => needsMore(claims, severity);
  for (let c = claimChunk(claims, workers, worker); c !== -1; c = claimChunk(claims, workers, worker)) {
    const outcome = checkRange(buf, index, bounds[c], bounds[c + 1], keeps, (part) =>
      post({ type: 'batch', chunk: c, part }),
    );
    post({ type: 'done', chunk: c, outcome });
  }
  const [counter, tokenizer] = await tokenCounter(input.tiktokenPath);
  // Every worker counts with the same counter; the first one says which it is.
  if (worker === 0) post({ type: 'tokenizer', tokenizer });
  for (
    let c = claimCountChunk(claims, chunks, worker);
    c !== -1;
    c = claimCountChunk(claims, chunks, worker)
  ) {
    await countRangeTokens(buf, index, bounds[c], bounds[c + 1], counter, (tokens) =>
      post({ type: 'tokens', tokens }),
    );
  }
  post({ type: 'tokensDone' });
}

main(workerData as RangeWorkerInput).catch((e: unknown) => post({ type: 'error', message: errorText(e) }));
