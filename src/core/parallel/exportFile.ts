import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScanCancelled } from '../pipeline/scanFile';
import type { TokenCounter } from '../tokens/counter';
import { PARALLEL_THRESHOLD, workerCount } from './analyzeFile';
import { BufferRecycler, fileBatches } from './batches';
import { driveBatches } from './drive';
import { type ExportBatchSettings, type ExportFacts, processExportBatch } from './exportBatch';
import { PipelinePool } from './pool';

const BATCH_BYTES = 1024 * 1024;

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
  let bytesRead = 0;
  await driveBatches({
    source: fileBatches(path, Math.max(64 * 1024, opts.batchBytes ?? BATCH_BYTES), buffers),
    pool,
    buffers,
    signal,
    detail: () => false,
    inThread: (task) => processExportBatch(task, settings, counter),
    onBom: () => undefined,
    onBinary: () => {
      summary.binary = true;
    },
    settle: async (outcome, _task, bytes) => {
      summary.lines += outcome.lines;
      summary.records += outcome.records;
      if (outcome.exportFacts) await onBatch({ facts: outcome.exportFacts, output: outcome.output });
      bytesRead += bytes;
      opts.onProgress?.(bytesRead);
    },
  });
  return summary;
}
