import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostics/types';
import { buildLineIndex, type LineIndex, shareLineStarts } from '../core/jsonl/lineIndex';
import type { LineFeatures } from '../core/stats/features';
import { createClaims, currentChunk, MAX_CHUNKS, markEnough } from '../worker/chunkClaims';
import type { RangeWorkerInput, RangeWorkerMessage, TokenizerInfo } from '../worker/messages';
import { PassMerger } from '../worker/passMerger';
import { BatchFeatures, type RangeBatch } from '../worker/rangePass';
import type { TokenBatch } from '../worker/tokenSweep';
import type { PassResult, PassTotals, SummaryBatch } from './model/checkPass';

export interface CheckRunHandlers {
  onBatch(batch: SummaryBatch, totals: PassTotals): void;
  /** The overview: which counter the worker counts tokens with, each batch's line features, file-level diagnostics. */
  onTokenizer?(tokenizer: TokenizerInfo): void;
  /**
   * Line features as batches arrive, in no particular order, without the duplicate ids (J09) that only
   * the in-order merge finds; once a batch is merged, the features of its lines with a duplicate id
   * again, J09 included. The last features given for a line are its features.
   */
  onFeatures?(features: LineFeatures[]): void;
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
  /** Bytes per chunk of lines (tests); by default as {@link splitChunks} chooses. */
  chunkBytes?: number;
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

/** A chunk this small or smaller costs more in messages and batch ends than it gains in balance. */
const MIN_CHUNK_BYTES = 512 << 10;
/** Large enough that a 1 GB file is a few hundred chunks. */
const MAX_CHUNK_BYTES = 4 << 20;
/**
 * Chunks per thread: the threads take chunks until none is left (see chunkClaims.ts), so the last to
 * finish ends at most one chunk (~1/64 of its share of the file) after the others. With one fixed half
 * each, the threads of the 2-core bench machine ended up to 200 ms apart in a 1.8 s pass on the bench
 * corpus, and 360 ms apart on a file of ms_agent records followed by as many converted ones.
 */
const CHUNKS_PER_THREAD = 64;

/**
 * Cuts the lines into chunks of about `chunkBytes` bytes, by default `byteLength / (threads × 64)` within
 * 512 KB–4 MB, at line starts: chunk `c` is lines `[bounds[c], bounds[c + 1])`, never empty unless the
 * file has no line, and there is always one chunk at least.
 */
export function splitChunks(
  index: LineIndex,
  byteLength: number,
  threads: number,
  chunkBytes = Math.min(
    MAX_CHUNK_BYTES,
    Math.max(MIN_CHUNK_BYTES, Math.ceil(byteLength / (Math.max(1, threads) * CHUNKS_PER_THREAD))),
  ),
): Int32Array {
  // Never more chunks than the claims can hold (a file past 256 GB gets chunks over 4 MB).
  const size = Math.max(chunkBytes, Math.ceil(byteLength / (MAX_CHUNKS - 1)));
  const bounds = [0];
  let from = 0;
  while (from < index.count) {
    const target = index.start(from) + size;
    // The first line starting at or after the target byte (the line after `from` at the least).
    let lo = from + 1;
    let hi = index.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.start(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    bounds.push(lo);
    from = lo;
  }
  if (bounds.length === 1) bounds.push(0);
  return Int32Array.from(bounds);
}

/**
 * One run of the check pass: worker threads over the document's bytes and line index in shared memory,
 * taking chunks of lines in turn (see chunkClaims.ts). Their batches are merged here in file order
 * (`PassMerger`: duplicate ids across chunks, CRLF, BOM, totals), so the handlers get exactly what one
 * thread checking the whole file would give: a later chunk's batches wait until every earlier chunk is
 * done. `result` settles when the checks are done; the workers then count tokens (`onTokens`, in no
 * particular order, then `onTokensDone` once all are done). `cancel()` terminates them and rejects
 * `result` if it has not settled yet. Any worker failing fails the run and stops the others.
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
    const wanted = threadsFor(shared.byteLength, opts.threads);
    const bounds = splitChunks(index, shared.byteLength, wanted, opts.chunkBytes);
    const chunks = bounds.length - 1;
    const threads = Math.min(wanted, chunks);
    const claims = createClaims(chunks, threads);
    const merger = new PassMerger(index.count, index.hasBom);
    this.result = new Promise<PassResult>((resolve, reject) => {
      this.rejectResult = reject;
      const queues: RangeWorkerMessage[][] = Array.from({ length: chunks }, () => []);
      const tokensDone: boolean[] = new Array(threads).fill(false);
      let current = 0;
      const fail = (message: string) => {
        if (this.settled) this.stop(() => handlers.onTokensDone?.(message));
        else this.settle(() => reject(new Error(message)));
      };
      /** Names worker `w` in a failure, with the lines it was on when it had any. */
      const which = (w: number) => {
        const c = currentChunk(claims, w);
        const lines = c >= 0 ? ` (at lines ${bounds[c] + 1}–${bounds[c + 1]})` : '';
        return `the check worker ${w + 1} of ${threads}${lines}`;
      };
      const arrivedFeatures = new Map<RangeBatch, BatchFeatures>();
      const arrive = (part: RangeBatch) => {
        if (!part.featureData || !handlers.onFeatures) return;
        const features = new BatchFeatures(part.batch.start, part.batch.kinds.length, part.featureData);
        arrivedFeatures.set(part, features);
        handlers.onFeatures(features.all());
      };
      const deliver = (part: RangeBatch) => {
        const { batch, totals } = merger.merge(part);
        handlers.onBatch(batch, totals);
        const features = arrivedFeatures.get(part);
        if (!features) return;
        arrivedFeatures.delete(part);
        // Read after the merge: the batch's `context` says where the duplicate ids are.
        const duplicates = features.withDuplicates(batch.context);
        if (duplicates.length > 0) handlers.onFeatures?.(duplicates);
      };
      const pump = () => {
        while (!this.stopped && current < chunks && queues[current].length > 0) {
          const m = queues[current].shift() as RangeWorkerMessage;
          if (m.type === 'batch') deliver(m.part);
          else if (m.type === 'done') {
            for (const severity of merger.mergeOutcome(m.outcome)) markEnough(claims, severity);
            if (++current === chunks) {
              const { fileDiagnostics, result } = merger.finish();
              handlers.onFileDiagnostics?.(fileDiagnostics);
              this.settled = true;
              resolve(result);
            }
          }
        }
        if (current === chunks && tokensDone.every(Boolean)) this.stop(() => handlers.onTokensDone?.());
      };
      for (let w = 0; w < threads && !this.stopped; w++) {
        const input: RangeWorkerInput = {
          ...shared,
          lineStarts,
          tiktokenPath: opts.tiktokenPath,
          bounds,
          claims: claims.buffer as SharedArrayBuffer,
          worker: w,
          workers: threads,
        };
        let worker: Worker;
        try {
          worker = new Worker(workerPath, { workerData: input, resourceLimits: WORKER_LIMITS });
        } catch (e) {
          fail(`cannot start ${which(w)}: ${errorText(e)}`);
          break;
        }
        this.workers.push(worker);
        worker.on('message', (m: RangeWorkerMessage) => {
          if (this.stopped) return;
          // A handler that throws fails the run rather than the extension host.
          try {
            // A failure is reported at once, not when the earlier chunks are done; token counts need no order.
            switch (m.type) {
              case 'error':
                fail(`${which(w)} failed: ${m.message}`);
                return;
              case 'tokenizer':
                handlers.onTokenizer?.(m.tokenizer);
                return;
              case 'tokens':
                handlers.onTokens?.(m.tokens);
                return;
              case 'tokensDone':
                tokensDone[w] = true;
                break;
              case 'batch':
                arrive(m.part);
                queues[m.chunk].push(m);
                break;
              case 'done':
                queues[m.chunk].push(m);
                break;
            }
            pump();
          } catch (e) {
            fail(errorText(e));
          }
        });
        worker.on('error', (e) => fail(`${which(w)} crashed: ${errorText(e)}`));
        worker.on('messageerror', (e) => fail(`${which(w)} sent an unreadable message: ${e.message}`));
        worker.on('exit', (code) => {
          if (!tokensDone[w]) fail(`${which(w)} stopped unexpectedly (exit code ${code})`);
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
