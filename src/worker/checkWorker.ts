/**
 * The worker thread that runs the curator's full check pass, so the extension host stays responsive on a
 * 1 GB file. It reads the document's bytes from shared memory (no copy), runs core's checks line by line
 * and streams per-line summaries back; cancelling is terminating the worker.
 *
 * On a large file it splits the lines into contiguous ranges, one per core (at most 4), and starts this
 * same script again on each (`mode: 'range'`) over the same shared bytes. Their batches are merged here
 * in file order ({@link PassMerger}: duplicate ids, CRLF, BOM, totals), so the host gets exactly what one
 * thread would send, in the same order. Terminating this worker terminates its range workers too.
 *
 * The same pass computes the overview's features of every line (`lineFeatures`), sent with the batch
 * they belong to, except the token counts: counting costs as much as checking, and the problems are what
 * the user waits for. Once a thread has checked its range it sweeps it again to count tokens (one counter
 * per thread), and the counts follow the pass's `done`.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { buildLineIndex, type LineIndex } from '../core/jsonl/lineIndex';
import { lineFeatures } from '../core/stats/features';
import { createTokenCounter, type TokenCounter } from '../core/tokens/counter';
import type {
  CheckWorkerInput,
  CheckWorkerMessage,
  RangeWorkerInput,
  RangeWorkerMessage,
  TokenizerInfo,
} from './messages';
import { PassMerger } from './passMerger';
import { type RangeBatch, type RangeOutcome, runCheckRange } from './rangePass';
import { countRangeTokens, type TokenBatch } from './tokenSweep';

/** Below this a second thread costs more (starting it, compiling the checks again) than it saves. */
const PARALLEL_MIN_BYTES = 4 << 20;
const MAX_THREADS = 4;
/**
 * A batch's garbage dies young. 32 MB rather than V8's default of 48 MB (every thread's heap counts in the
 * extension host's memory); 12 MB, as the pipeline pool uses, made the pass about 5% slower here.
 */
const RANGE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 };

function post(message: CheckWorkerMessage | RangeWorkerMessage): void {
  parentPort?.postMessage(message);
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
  onBatch: (part: RangeBatch) => void,
): RangeOutcome {
  return runCheckRange(buf, index, from, to, {
    // No copies of names: the features are serialised at once (see lineFeatures).
    features: (analyzed) => lineFeatures(analyzed, undefined, false),
    onBatch: (part) => {
      if (part.features) {
        part.featuresJson = JSON.stringify(part.features);
        part.features = undefined;
      }
      onBatch(part);
    },
  });
}

/** The second sweep over `[from, to)`: loads the counter (reporting which), then counts every record. */
async function countTokens(
  buf: Buffer,
  index: LineIndex,
  from: number,
  to: number,
  tiktokenPath: string | undefined,
  onTokenizer: ((tokenizer: TokenizerInfo) => void) | undefined,
  onTokens: (tokens: TokenBatch) => void,
): Promise<void> {
  const [counter, tokenizer] = await tokenCounter(tiktokenPath);
  onTokenizer?.(tokenizer);
  await countRangeTokens(buf, index, from, to, counter, onTokens);
}

/** Contiguous line ranges of about the same number of bytes, one per thread. */
function splitLines(index: LineIndex, byteLength: number, threads: number): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (let t = 1; t <= threads && from < index.count; t++) {
    let to = index.count;
    if (t < threads) {
      const target = Math.floor((byteLength * t) / threads);
      let lo = from + 1;
      let hi = index.count;
      // The first line starting at or after the target byte.
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (index.start(mid) < target) lo = mid + 1;
        else hi = mid;
      }
      to = lo;
    }
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

function threadsFor(input: CheckWorkerInput): number {
  if (input.threads !== undefined) return Math.max(1, Math.min(MAX_THREADS, input.threads));
  if (input.byteLength < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

async function checkFile(input: CheckWorkerInput): Promise<void> {
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  const index = buildLineIndex(buf);
  const merger = new PassMerger(index.count, index.hasBom);
  const sendBatch = (part: RangeBatch) => {
    const { batch, totals } = merger.merge(part);
    post({ type: 'batch', batch, totals, features: part.featuresJson });
  };
  const finish = (outcomes: RangeOutcome[]) => {
    const { fileDiagnostics, result } = merger.finish(outcomes);
    post({ type: 'fileDiagnostics', diagnostics: fileDiagnostics });
    post({ type: 'done', result });
  };
  const ranges = splitLines(index, input.byteLength, threadsFor(input));
  if (ranges.length <= 1) {
    finish([checkRange(buf, index, 0, index.count, sendBatch)]);
    await countTokens(
      buf,
      index,
      0,
      index.count,
      input.tiktokenPath,
      (tokenizer) => post({ type: 'tokenizer', tokenizer }),
      (tokens) => post({ type: 'tokens', tokens }),
    );
    post({ type: 'tokensDone' });
    return;
  }
  await checkInRangeWorkers(input, ranges, sendBatch, finish);
}

/**
 * Checks every range in a range worker of its own and passes their reports on in file order: a later
 * range's batches wait until every earlier range is done (they are queued). This thread only merges and
 * relays (cheap: the features come as one JSON string a batch), so it never holds up a range that is
 * done. Token counts need no order and are passed on as they come; `tokensDone` follows the last range's.
 * Any range worker failing fails the pass and stops the others.
 */
function checkInRangeWorkers(
  input: CheckWorkerInput,
  ranges: [number, number][],
  sendBatch: (part: RangeBatch) => void,
  finish: (outcomes: RangeOutcome[]) => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const queues: RangeWorkerMessage[][] = ranges.map(() => []);
    const tokensDone = ranges.map(() => false);
    const outcomes: RangeOutcome[] = [];
    const workers: Worker[] = [];
    let current = 0;
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      post({ type: 'error', message });
      resolve();
    };
    const end = () => {
      if (!failed && current === ranges.length && tokensDone.every(Boolean)) {
        post({ type: 'tokensDone' });
        resolve();
      }
    };
    const pump = () => {
      while (!failed && current < ranges.length && queues[current].length > 0) {
        const m = queues[current].shift() as RangeWorkerMessage;
        if (m.type === 'batch') sendBatch(m.part);
        else if (m.type === 'done') {
          outcomes.push(m.outcome);
          current++;
          if (current === ranges.length) finish(outcomes);
        }
      }
      end();
    };
    for (let r = 0; r < ranges.length && !failed; r++) {
      const [from, to] = ranges[r];
      const data: RangeWorkerInput = {
        mode: 'range',
        buffer: input.buffer,
        byteLength: input.byteLength,
        tiktokenPath: input.tiktokenPath,
        from,
        to,
      };
      const where = `lines ${from + 1}–${to}`;
      let worker: Worker;
      try {
        worker = new Worker(__filename, { workerData: data, resourceLimits: RANGE_WORKER_LIMITS });
      } catch (e) {
        fail(`cannot start a check worker for ${where}: ${errorText(e)}`);
        break;
      }
      workers.push(worker);
      worker.on('message', (m: RangeWorkerMessage) => {
        // A failure is reported at once, not when the earlier ranges are done.
        if (m.type === 'error') {
          fail(`the check worker for ${where} failed: ${m.message}`);
          return;
        }
        if (m.type === 'tokens') post(m);
        else if (m.type === 'tokenizer') post(m);
        else if (m.type === 'tokensDone') tokensDone[r] = true;
        else queues[r].push(m);
        try {
          pump();
        } catch (e) {
          fail(errorText(e));
        }
      });
      worker.on('error', (e) => fail(`the check worker for ${where} crashed: ${errorText(e)}`));
      worker.on('messageerror', (e) =>
        fail(`the check worker for ${where} sent an unreadable message: ${e.message}`),
      );
      worker.on('exit', (code) => {
        if (!tokensDone[r]) fail(`the check worker for ${where} stopped unexpectedly (exit code ${code})`);
      });
    }
  });
}

async function checkRangeMain(input: RangeWorkerInput): Promise<void> {
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  const index = buildLineIndex(buf);
  const outcome = checkRange(buf, index, input.from, input.to, (part) => post({ type: 'batch', part }));
  post({ type: 'done', outcome });
  // Every range counts with the same counter; the first one says which it is.
  const onTokenizer =
    input.from === 0 ? (tokenizer: TokenizerInfo) => post({ type: 'tokenizer', tokenizer }) : undefined;
  await countTokens(buf, index, input.from, input.to, input.tiktokenPath, onTokenizer, (tokens) =>
    post({ type: 'tokens', tokens }),
  );
  post({ type: 'tokensDone' });
}

const input = workerData as CheckWorkerInput | RangeWorkerInput;
const run = 'mode' in input && input.mode === 'range' ? checkRangeMain(input) : checkFile(input);
run.catch((e: unknown) => post({ type: 'error', message: errorText(e) }));
