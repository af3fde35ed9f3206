import type { Diagnostic } from '../diagnostics/types';
import { type AnalyzeOptions, analyzeFileParallel } from '../parallel/analyzeFile';
import type { ConvertOptions } from '../types';
import type { ProblemTally, ScanOptions } from './scanFile';

/**
 * Where converted lines go: a file written atomically, stdout, or memory in tests. Converted lines come
 * as UTF-8 bytes (encoded on the worker threads); a sink may also be handed text.
 */
export interface TextSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export interface ConvertFileOptions
  extends ConvertOptions,
    Omit<ScanOptions, 'check'>,
    Pick<
      AnalyzeOptions,
      'workers' | 'workerPath' | 'parallelThreshold' | 'batchBytes' | 'bare' | 'wantDiagnostics'
    > {
  input: string;
  output: TextSink;
  /**
   * Receives every problem as it is found, so nothing accumulates in memory (only those of the batches
   * `wantDiagnostics` asks for, when it is given; the summary's tally counts them all).
   */
  onProblem?: (d: Diagnostic, id: string | undefined) => Promise<void> | void;
}

export interface ConvertSummary {
  input: string;
  profile: string;
  lines: number;
  records: number;
  converted: number;
  binary: boolean;
  tally: ProblemTally;
}

/**
 * Converts a JSONL file record by record, streaming: one output line per converted record, in input
 * order. Records that cannot be converted are left out and reported as errors; every other line that is
 * not a record is reported too. The same function serves `afcurate convert` and the editor's command.
 * Large files are converted on worker threads (see {@link analyzeFileParallel}) with the same result.
 */
export async function convertFile(opts: ConvertFileOptions): Promise<ConvertSummary> {
  const convert: ConvertOptions = { profile: opts.profile, userPrefix: opts.userPrefix };
  if (opts.role) convert.role = opts.role;
  // Reading problems only: the seed's artefacts explain a seed conversion, and the record checks of the
  // input would be noise next to the conversion's own findings.
  const scan = await analyzeFileParallel(
    opts.input,
    {
      check: false,
      convert,
      signal: opts.signal,
      onProgress: opts.onProgress,
      // Without a listener the problems are only counted (the tally is the same).
      wantDiagnostics: opts.onProblem ? opts.wantDiagnostics : () => false,
      bare: opts.bare,
      workers: opts.workers,
      workerPath: opts.workerPath,
      parallelThreshold: opts.parallelThreshold,
      batchBytes: opts.batchBytes,
    },
    async (batch) => {
      if (opts.onProblem) {
        for (const p of batch.problems) for (const d of p.diagnostics) await opts.onProblem(d, p.id);
      }
      if (batch.output.byteLength > 0) await opts.output.write(batch.output);
    },
  );
  if (opts.onProblem) for (const d of scan.fileDiagnostics) await opts.onProblem(d, undefined);
  return {
    input: opts.input,
    profile: opts.profile,
    lines: scan.lines,
    records: scan.records,
    binary: scan.binary,
    converted: scan.converted,
    tally: scan.tally,
  };
}
