import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic } from '../diagnostics/types';
import { CrossLineState } from '../pipeline/fileAnalyzer';
import { ProblemTally, ScanCancelled } from '../pipeline/scanFile';
import type { ConvertOptions } from '../types';
import {
  type BatchOutcome,
  type BatchSettings,
  type BatchTask,
  type LineProblems,
  processBatch,
} from './batch';
import { type BatchSourceEvent, BufferRecycler, bufferBatches, fileBatches } from './batches';
import { PipelinePool } from './pool';

export type { LineProblems } from './batch';
export { PipelineWorkerError } from './pool';

/** Inputs smaller than this are read in this thread: starting workers would cost more than it saves. */
export const PARALLEL_THRESHOLD = 4 * 1024 * 1024;
const DEFAULT_BATCH_BYTES = 1024 * 1024;
const MAX_DEFAULT_WORKERS = 4;
/** However many are asked for: each worker holds a heap of its own. */
const MAX_WORKERS = 64;

export interface AnalyzeOptions {
  /** Run the record checks (spec §4, §5, ms_agent parsing) or only read. */
  check: boolean;
  /** Convert every record too; converted lines arrive in each batch's `output`. */
  convert?: ConvertOptions;
  /** Diagnostics without `span` and `data` (for callers that print only positions and messages). */
  bare?: boolean;
  signal?: AbortSignal;
  /** Called after every batch and at the end with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /**
   * Asked before each batch is sent off: false when its diagnostics will not be read, so they are only
   * counted (the tally stays exact). Default: always true.
   */
  wantDiagnostics?: () => boolean;
  /**
   * Worker threads for inputs over {@link PARALLEL_THRESHOLD}; 0 keeps everything in this thread.
   * Default: `os.availableParallelism()`, at least 1 and at most 4.
   */
  workers?: number;
  /** The bundled worker script; default `pipelineWorker.js` next to this bundle. Missing: sequential. */
  workerPath?: string;
  /** Input size above which workers are used (default {@link PARALLEL_THRESHOLD}). */
  parallelThreshold?: number;
  /** Bytes of whole lines per batch (default 1 MiB). */
  batchBytes?: number;
}

/** One batch of lines, handed over in file order. */
export interface AnalyzedBatch {
  firstLine: number;
  lines: number;
  /** Lines with problems, in line order, each with its diagnostics in the order a sequential run gives. */
  problems: LineProblems[];
  /** False when the batch's diagnostics were only counted (see `wantDiagnostics`): `problems` is empty. */
  detailed: boolean;
  /** Converted records as UTF-8, one JSON line each with its newline (convert only). */
  output: Uint8Array;
}

export interface AnalyzeSummary {
  lines: number;
  records: number;
  /** True when the file is binary: one J07 diagnostic and no lines. */
  binary: boolean;
  converted: number;
  /** Every diagnostic counted, file-level ones included, in the order a sequential run finds them. */
  tally: ProblemTally;
  /** File-level diagnostics (J07 binary, J04 BOM, J05 CRLF), to report after the lines. */
  fileDiagnostics: Diagnostic[];
  /** Worker threads that did the work; 0 when it ran in this thread. */
  workers: number;
}

interface InFlight {
  result: Promise<BatchOutcome>;
  task: BatchTask;
  /** Bytes of the file the batch stands for, as the line reader counts them. */
  bytes: number;
}

/**
 * Reads, checks and optionally converts a JSONL file (a path, or bytes in memory) in batches of whole
 * lines, on worker threads when the input is large and `pipelineWorker.js` is there, in this thread
 * otherwise. Whichever way it runs, `onBatch` sees the same batches' problems and output in file order,
 * and the summary is the same: the state that spans lines (duplicate ids, CRLF, BOM) is kept here.
 * At most two batches per worker are in flight, and `onBatch` is awaited, so memory stays bounded.
 */
export async function analyzeFileParallel(
  input: string | Uint8Array,
  opts: AnalyzeOptions,
  onBatch: (batch: AnalyzedBatch) => Promise<void> | void,
): Promise<AnalyzeSummary> {
  const settings: BatchSettings = { check: opts.check };
  if (opts.convert) settings.convert = opts.convert;
  if (opts.bare) settings.bare = true;
  const batchBytes = Math.max(64 * 1024, opts.batchBytes ?? DEFAULT_BATCH_BYTES);
  if (opts.signal?.aborted) throw new ScanCancelled();
  const size = typeof input === 'string' ? (await stat(input)).size : input.byteLength;
  const wanted = size > (opts.parallelThreshold ?? PARALLEL_THRESHOLD) ? workerCount(opts.workers) : 0;
  const buffers = new BufferRecycler();
  const pool = PipelinePool.start(opts.workerPath ?? defaultWorkerPath(), wanted, settings, buffers);
  const summary: AnalyzeSummary = {
    lines: 0,
    records: 0,
    binary: false,
    converted: 0,
    tally: new ProblemTally(),
    fileDiagnostics: [],
    workers: pool?.size ?? 0,
  };
  const signal = opts.signal;
  const onAbort = () => void pool?.close(new ScanCancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  const state = new CrossLineState();
  const inFlight: InFlight[] = [];
  const limit = pool ? pool.size * 2 : 1;
  let bytesRead = 0;
  let seq = 0;

  const settle = async (next: InFlight) => {
    const outcome = await next.result;
    if (signal?.aborted) throw new ScanCancelled();
    mergeBatch(outcome, next.task.detail, state, summary);
    await onBatch({
      firstLine: next.task.firstLine,
      lines: outcome.lines,
      problems: outcome.problems,
      detailed: next.task.detail,
      output: outcome.output,
    });
    bytesRead += next.bytes;
    opts.onProgress?.(bytesRead);
  };

  try {
    const source: AsyncIterable<BatchSourceEvent> | Iterable<BatchSourceEvent> =
      typeof input === 'string' ? fileBatches(input, batchBytes, buffers) : bufferBatches(input, batchBytes);
    for await (const ev of source) {
      if (signal?.aborted) throw new ScanCancelled();
      if (ev.type === 'bom') {
        state.noteBom();
        continue;
      }
      if (ev.type === 'binary') {
        summary.binary = true;
        const d = toDiagnostic({ code: 'J07', params: { byteOffset: ev.byteOffset } }, 1);
        summary.tally.add(d);
        summary.fileDiagnostics.push(d);
        return summary;
      }
      while (inFlight.length >= limit) await settle(inFlight.shift()!);
      const task: BatchTask = {
        seq: seq++,
        bytes: ev.bytes,
        firstLine: ev.firstLine,
        unterminated: ev.unterminated,
        detail: opts.wantDiagnostics?.() ?? true,
      };
      // The line reader counts a newline after every line, the unterminated last one included.
      const bytes = ev.bytes.byteLength + (ev.unterminated ? 1 : 0);
      let result: Promise<BatchOutcome>;
      if (pool) result = pool.run(task, ev.owned);
      else {
        result = inThread(task, settings);
        // Processed already, and nothing refers to the bytes: the next batch can be read into them.
        if (ev.owned) buffers.give(ev.bytes.buffer as ArrayBuffer);
      }
      // A failure is thrown when its batch's turn comes; until then it must not count as unhandled.
      result.catch(() => undefined);
      inFlight.push({ result, task, bytes });
    }
    while (inFlight.length > 0) await settle(inFlight.shift()!);
    for (const d of state.finish()) {
      summary.tally.add(d);
      summary.fileDiagnostics.push(d);
    }
    opts.onProgress?.(bytesRead);
    return summary;
  } catch (e) {
    if (signal?.aborted) throw new ScanCancelled();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.close();
  }
}

function inThread(task: BatchTask, settings: BatchSettings): Promise<BatchOutcome> {
  try {
    return Promise.resolve(processBatch(task, settings));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Adds what needs the lines before it (duplicate ids, CRLF) and counts the batch into the summary. */
function mergeBatch(
  o: BatchOutcome,
  detailed: boolean,
  state: CrossLineState,
  summary: AnalyzeSummary,
): void {
  summary.lines += o.lines;
  summary.records += o.records;
  summary.converted += o.converted;
  state.noteCrlf(o.firstCrlfLine, o.crlfLines);
  let duplicates = 0;
  let firstDuplicateLine = 0;
  let at = 0;
  const problems = o.problems;
  for (let i = 0; i < o.ids.length; i++) {
    const line = o.idLines[i];
    const finding = state.noteId(o.ids[i], line);
    if (!finding) continue;
    if (duplicates++ === 0) firstDuplicateLine = line;
    if (!detailed) continue;
    // A duplicate id is the first problem of its line, as the sequential analyzer reports it.
    const d = toDiagnostic(finding, line);
    while (at < problems.length && problems[at].line < line) at++;
    if (at < problems.length && problems[at].line === line) problems[at].diagnostics.unshift(d);
    else problems.splice(at, 0, { line, id: o.ids[i], diagnostics: [d] });
  }
  // Codes are counted in the order they first occur in the file, so a summary lists them as before.
  const tally = summary.tally;
  for (let k = 0; k < o.codes.length; k++) {
    if (duplicates > 0 && o.codeFirstLines[k] >= firstDuplicateLine) {
      tally.count('J09', duplicates);
      duplicates = 0;
    }
    tally.count(o.codes[k], o.codeCounts[k]);
  }
  if (duplicates > 0) tally.count('J09', duplicates);
}

function workerCount(requested: number | undefined): number {
  if (requested === undefined) return Math.min(MAX_DEFAULT_WORKERS, Math.max(1, availableParallelism()));
  return Number.isFinite(requested) ? Math.min(MAX_WORKERS, Math.max(0, Math.floor(requested))) : 0;
}

/** `pipelineWorker.js` beside the running bundle (dist/cli.js, dist/extension.js); absent under tsx. */
function defaultWorkerPath(): string {
  return join(__dirname, 'pipelineWorker.js');
}
