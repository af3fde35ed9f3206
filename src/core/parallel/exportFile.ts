import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ScanCancelled } from '../pipeline/scanFile';
import type { TokenCounter } from '../tokens/counter';
import { PARALLEL_THRESHOLD } from './analyzeFile';
import type { BatchOutcome, BatchTask } from './batch';
import { BufferRecycler, fileBatches } from './batches';
import { type ExportBatchSettings, type ExportFacts, processExportBatch } from './exportBatch';
import { PipelinePool } from './pool';

const BATCH_BYTES = 1024 * 1024;
const MAX_DEFAULT_WORKERS = 4;

export interface ExportFileOptions {
  signal?: AbortSignal;
  /** Called after every batch with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Worker threads for inputs over the threshold; 0 keeps the work in this thread. */
  workers?: number;
  /** Default: `pipelineWorker.js` next to this bundle; missing (tsx, tests): this thread. */
  workerPath?: string;
  parallelThreshold?: number;
  batchBytes?: number;
  /**
   * A counter made by the caller cannot travel to a worker: with one, the work stays in this thread
   * unless `workersMayCount` says the workers' own counter (from `settings.tiktokenPath`) is the same.
   */
  workersMayCount: boolean;
}

export interface ExportBatch {
  facts: ExportFacts;
  /** The kept entries' output lines, one after another (`facts.outBytes` long each). */
  output: Uint8Array;
}

export interface ExportFileSummary {
  lines: number;
  records: number;
  binary: boolean;
}

interface InFlight {
  result: Promise<BatchOutcome>;
  bytes: number;
}

/**
 * Export's pass 1 over one file: every record's selection, conversion, checks, digest and token count,
 * on worker threads when the input is large (in this thread otherwise), handed to `onBatch` in file
 * order. Whichever way it runs, the batches say the same (tested byte for byte).
 */
export async function exportFileParallel(
  path: string,
  settings: ExportBatchSettings,
  counter: TokenCounter,
  opts: ExportFileOptions,
  onBatch: (batch: ExportBatch) => Promise<void> | void,
): Promise<ExportFileSummary> {
  const signal = opts.signal;
  if (signal?.aborted) throw new ScanCancelled();
  const size = (await stat(path)).size;
  const wanted =
    opts.workersMayCount && size > (opts.parallelThreshold ?? PARALLEL_THRESHOLD)
      ? workerCount(opts.workers)
      : 0;
  const buffers = new BufferRecycler();
  const pool = PipelinePool.start(
    opts.workerPath ?? join(__dirname, 'pipelineWorker.js'),
    wanted,
    { check: false, export: settings },
    buffers,
  );
  const summary: ExportFileSummary = { lines: 0, records: 0, binary: false };
  const onAbort = () => void pool?.close(new ScanCancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  const inFlight: InFlight[] = [];
  const limit = pool ? pool.size * 2 : 1;
  let bytesRead = 0;
  let seq = 0;

  const settle = async (next: InFlight) => {
    const outcome = await next.result;
    if (signal?.aborted) throw new ScanCancelled();
    summary.lines += outcome.lines;
    summary.records += outcome.records;
    if (outcome.exportFacts) await onBatch({ facts: outcome.exportFacts, output: outcome.output });
    bytesRead += next.bytes;
    opts.onProgress?.(bytesRead);
    if (signal?.aborted) throw new ScanCancelled();
  };

  try {
    for await (const ev of fileBatches(path, Math.max(64 * 1024, opts.batchBytes ?? BATCH_BYTES), buffers)) {
      if (signal?.aborted) throw new ScanCancelled();
      if (ev.type === 'bom') continue;
      if (ev.type === 'binary') {
        summary.binary = true;
        return summary;
      }
      while (inFlight.length >= limit) await settle(inFlight.shift()!);
      const task: BatchTask = {
        seq: seq++,
        bytes: ev.bytes,
        firstLine: ev.firstLine,
        unterminated: ev.unterminated,
        detail: false,
      };
      const bytes = ev.bytes.byteLength + (ev.unterminated ? 1 : 0);
      let result: Promise<BatchOutcome>;
      if (pool) result = pool.run(task, ev.owned);
      else {
        try {
          result = Promise.resolve(processExportBatch(task, settings, counter));
        } catch (e) {
          result = Promise.reject(e);
        }
        if (ev.owned) buffers.give(ev.bytes.buffer as ArrayBuffer);
      }
      result.catch(() => undefined);
      inFlight.push({ result, bytes });
    }
    while (inFlight.length > 0) await settle(inFlight.shift()!);
    return summary;
  } catch (e) {
    if (signal?.aborted) throw new ScanCancelled();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.close();
  }
}

function workerCount(requested: number | undefined): number {
  if (requested === undefined) return Math.min(MAX_DEFAULT_WORKERS, Math.max(1, availableParallelism()));
  return Number.isFinite(requested) ? Math.min(64, Math.max(0, Math.floor(requested))) : 0;
}
