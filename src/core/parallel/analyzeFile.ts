import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { addTally } from '../diagnostics/codeCounter';
import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic } from '../diagnostics/types';
import { CrossLineState } from '../pipeline/fileAnalyzer';
import { ProblemTally, ScanCancelled } from '../pipeline/scanFile';
import type { ConvertOptions } from '../types';
import { type BatchOutcome, type BatchSettings, type LineProblems, processBatch } from './batch';
import { type BatchSourceEvent, BufferRecycler, bufferBatches, fileBatches } from './batches';
import { driveBatches } from './drive';
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
  const state = new CrossLineState();
  let bytesRead = 0;
  const source: AsyncIterable<BatchSourceEvent> | Iterable<BatchSourceEvent> =
    typeof input === 'string' ? fileBatches(input, batchBytes, buffers) : bufferBatches(input, batchBytes);
  const complete = await driveBatches({
    source,
    pool,
    buffers,
    signal: opts.signal,
    detail: () => opts.wantDiagnostics?.() ?? true,
    inThread: (task) => processBatch(task, settings),
    onBom: () => state.noteBom(),
    onBinary: (byteOffset) => {
      summary.binary = true;
      const d = toDiagnostic({ code: 'J07', params: { byteOffset } }, 1);
      summary.tally.add(d);
      summary.fileDiagnostics.push(d);
    },
    settle: async (outcome, task, bytes) => {
      mergeBatch(outcome, task.detail, state, summary);
      await onBatch({
        firstLine: task.firstLine,
        lines: outcome.lines,
        problems: outcome.problems,
        detailed: task.detail,
        output: outcome.output,
      });
      bytesRead += bytes;
      opts.onProgress?.(bytesRead);
    },
  });
  if (!complete) return summary;
  for (const d of state.finish()) {
    summary.tally.add(d);
    summary.fileDiagnostics.push(d);
  }
  opts.onProgress?.(bytesRead);
  return summary;
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
  const batchTally = { codes: o.codes, counts: o.codeCounts, firstLines: o.codeFirstLines };
  addTally(batchTally, duplicates, firstDuplicateLine, (code, n) => summary.tally.count(code, n));
}

export function workerCount(requested: number | undefined): number {
  if (requested === undefined) return Math.min(MAX_DEFAULT_WORKERS, Math.max(1, availableParallelism()));
  return Number.isFinite(requested) ? Math.min(MAX_WORKERS, Math.max(0, Math.floor(requested))) : 0;
}

/** `pipelineWorker.js` beside the running bundle (dist/cli.js, dist/extension.js); absent under tsx. */
function defaultWorkerPath(): string {
  return join(__dirname, 'pipelineWorker.js');
}
