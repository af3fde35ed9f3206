import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostics/types';
import { buildLineIndex, type LineIndex, shareLineStarts } from '../core/jsonl/lineIndex';
import type { FeatureTableData } from '../core/stats/table';
import type {
  RangeWorkerCommand,
  RangeWorkerInput,
  RangeWorkerMessage,
  TokenizerInfo,
} from '../worker/messages';
import { PassMerger } from '../worker/passMerger';
import { createFoundCounts } from '../worker/placementGate';
import type { RangeBatch } from '../worker/rangePass';
import type { TokenBatch } from '../worker/tokenSweep';
import type { PassResult, PassTotals, SummaryBatch } from './model/checkPass';

export interface CheckRunHandlers {
  onBatch(batch: SummaryBatch, totals: PassTotals): void;
  /** The overview: which counter the worker counts tokens with, each batch's line features, file-level diagnostics. */
  onTokenizer?(tokenizer: TokenizerInfo): void;
  /**
   * Line features as batches arrive, encoded (`StatsIndex.setEncoded` takes them), without the duplicate
   * ids (J09) that only the in-order merge finds. `source` is the range: its batches come in order, each
   * with the names the earlier ones did not bring. Ranges come in no particular order.
   */
  onFeatureRows?(source: number, start: number, data: FeatureTableData): void;
  /** Once a batch is merged, the duplicate ids (J09) it found, by 0-based line, to add to those lines' features. */
  onDuplicateIds?(context: SummaryBatch['context']): void;
  onFileDiagnostics?(diagnostics: Diagnostic[]): void;
  /** After the checks: token counts of a run of lines, then the end of them (with why, if they failed). */
  onTokens?(tokens: TokenBatch): void;
  onTokensDone?(error?: string): void;
}

export interface CheckRunOptions {
  /** The model's `qwen.tiktoken` for exact token counts in the overview; the bundled estimate without. */
  tiktokenPath?: string;
  /** Threads to check with (tests and the bench); by default one per core, at most 4, and one below 4 MB. */
  threads?: number;
  /** The document's line index, when the caller has one (otherwise it is built here). */
  index?: LineIndex;
}

/** Below this a second thread costs more (starting it, compiling the checks again) than it saves. */
const PARALLEL_MIN_BYTES = 4 << 20;
const MAX_THREADS = 4;
/**
 * A batch's garbage dies young. 32 MB rather than V8's default of 48 MB (every thread's heap counts in the
 * extension host's memory); 12 MB, as the pipeline pool uses, made the pass about 5% slower here.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 };

export class CheckCancelled extends Error {
  constructor() {
    super('The check pass was cancelled');
  }
}

/**
 * Bytes in shared memory, so the workers read the document without a copy. A buffer that is not shared
 * yet is copied once (documents read through `vscode.workspace.fs` arrive that way).
 */
function sharedBytes(bytes: Buffer): { buffer: SharedArrayBuffer; byteLength: number } {
  if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0) {
    return { buffer: bytes.buffer, byteLength: bytes.length };
  }
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return { buffer, byteLength: bytes.length };
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function threadsFor(byteLength: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(MAX_THREADS, requested));
  if (byteLength < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/** Contiguous line ranges of about the same number of bytes, one per thread (one at least). */
export function splitRanges(index: LineIndex, byteLength: number, threads: number): [number, number][] {
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
  return ranges.length > 0 ? ranges : [[0, index.count]];
}

/**
 * One run of the check pass: a worker thread per range of lines, over the document's bytes and line
 * index in shared memory. Their batches are merged here in file order (`PassMerger`: duplicate ids
 * across ranges, CRLF, BOM, totals), so the handlers get exactly what one thread checking the whole file
 * would give: a later range's batches wait until every earlier range is done. `result` settles when the
 * checks are done; the workers are then told to count tokens (`onTokens`, in no particular order, then
 * `onTokensDone` once all are done). `cancel()` terminates them and rejects `result` if it has not
 * settled yet. Any worker failing fails the run and stops the others.
 */
export class CheckRun {
  readonly result: Promise<PassResult>;
  private readonly workers: Worker[] = [];
  private settled = false;
  private stopped = false;
  private rejectResult: ((e: Error) => void) | undefined;

  constructor(workerPath: string, bytes: Buffer, handlers: CheckRunHandlers, opts: CheckRunOptions = {}) {
    const shared = sharedBytes(bytes);
    const index = opts.index ?? buildLineIndex(Buffer.from(shared.buffer, 0, shared.byteLength));
    const lineStarts = shareLineStarts(index);
    const ranges = splitRanges(index, shared.byteLength, threadsFor(shared.byteLength, opts.threads));
    const merger = new PassMerger(index.count, index.hasBom);
    const found = createFoundCounts(ranges.length);
    this.result = new Promise<PassResult>((resolve, reject) => {
      this.rejectResult = reject;
      const queues: RangeWorkerMessage[][] = ranges.map(() => []);
      const tokensDone = ranges.map(() => false);
      let current = 0;
      const fail = (message: string) => {
        if (this.settled) this.stop(() => handlers.onTokensDone?.(message));
        else this.settle(() => reject(new Error(message)));
      };
      // Features are taken in on arrival, not when the batch's turn to be merged comes: a later range's
      // batches wait for the earlier ranges, and taking theirs in only then left the host half the file's
      // features to take in after the last worker was done.
      const arrive = (r: number, part: RangeBatch) => {
        if (part.featureData) handlers.onFeatureRows?.(r, part.batch.start, part.featureData);
      };
      const deliver = (part: RangeBatch) => {
        const { batch, totals } = merger.merge(part);
        handlers.onBatch(batch, totals);
        // After the merge: the batch's `context` says where the duplicate ids are.
        if (part.featureData && batch.context.length > 0) handlers.onDuplicateIds?.(batch.context);
      };
      const pump = () => {
        while (!this.stopped && current < ranges.length && queues[current].length > 0) {
          const m = queues[current].shift() as RangeWorkerMessage;
          if (m.type === 'batch') deliver(m.part);
          else if (m.type === 'done') {
            merger.mergeOutcome(m.outcome);
            if (++current === ranges.length) {
              const { fileDiagnostics, result } = merger.finish();
              handlers.onFileDiagnostics?.(fileDiagnostics);
              this.settled = true;
              resolve(result);
              const sweep: RangeWorkerCommand = { type: 'sweep' };
              for (const w of this.workers) w.postMessage(sweep);
            }
          }
        }
        if (current === ranges.length && tokensDone.every(Boolean))
          this.stop(() => handlers.onTokensDone?.());
      };
      for (let r = 0; r < ranges.length && !this.stopped; r++) {
        const [from, to] = ranges[r];
        const where = `lines ${from + 1}–${to}`;
        const input: RangeWorkerInput = {
          ...shared,
          lineStarts,
          tiktokenPath: opts.tiktokenPath,
          from,
          to,
          range: r,
          found: found.buffer as SharedArrayBuffer,
        };
        let worker: Worker;
        try {
          worker = new Worker(workerPath, { workerData: input, resourceLimits: WORKER_LIMITS });
        } catch (e) {
          fail(`cannot start a check worker for ${where}: ${errorText(e)}`);
          break;
        }
        this.workers.push(worker);
        worker.on('message', (m: RangeWorkerMessage) => {
          if (this.stopped) return;
          // A handler that throws fails the run rather than the extension host.
          try {
            // A failure is reported at once, not when the earlier ranges are done; token counts need no order.
            switch (m.type) {
              case 'error':
                fail(`the check worker for ${where} failed: ${m.message}`);
                return;
              case 'tokenizer':
                handlers.onTokenizer?.(m.tokenizer);
                return;
              case 'tokens':
                handlers.onTokens?.(m.tokens);
                return;
              case 'tokensDone':
                tokensDone[r] = true;
                break;
              case 'batch':
                arrive(r, m.part);
                queues[r].push(m);
                break;
              default:
                queues[r].push(m);
            }
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

  /** Settles `result` (checks failed or cancelled) and stops everything. */
  private settle(finish: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.stop(finish);
  }

  /**
   * Stops listening and terminates the workers, once. Their listeners go too: they hold the merger (every
   * record id of the file), which a document keeping its last run must not keep alive.
   */
  private stop(finish: () => void): void {
    if (this.stopped) return;
    this.stopped = true;
    finish();
    for (const w of this.workers) {
      w.removeAllListeners();
      // An error while it stops would otherwise be unhandled.
      w.on('error', () => undefined);
      void w.terminate();
    }
    this.workers.length = 0;
  }

  cancel(): void {
    if (this.settled) this.stop(() => undefined);
    else this.settle(() => this.rejectResult?.(new CheckCancelled()));
  }
}
