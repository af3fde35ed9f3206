import type { Diagnostic } from '../diagnostics/types';
import { scanFile } from '../pipeline/scanFile';
import { createTokenCounter, type TokenCounter } from '../tokens/counter';
import { StatsAggregator } from './aggregate';
import { lineFeatures } from './features';
import { DEFAULT_MAX_LENGTH, type StatsSummary, summarize } from './summary';

export interface FileStatsOptions {
  /** A `qwen.tiktoken` file for exact counts; without it the counts are an estimate. */
  tiktokenPath?: string;
  /** A counter made already (tests, or a caller that counts several files); wins over `tiktokenPath`. */
  counter?: TokenCounter;
  maxLength?: number;
  topTools?: number;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

export interface FileStats {
  /** Physical lines read. */
  lines: number;
  /** True when the file is binary: no lines, one J07 problem. */
  binary: boolean;
  summary: StatsSummary;
}

/**
 * Streams a file through the same analyser as `afcurate check` and the editor, keeping only the running
 * totals, so memory stays bounded by the number of distinct values, not of records.
 */
export async function computeFileStats(path: string, opts: FileStatsOptions = {}): Promise<FileStats> {
  const counter = opts.counter ?? (await createTokenCounter({ tiktokenPath: opts.tiktokenPath }));
  const aggregator = new StatsAggregator();
  const fileDiagnostics: Diagnostic[] = [];
  const scan = await scanFile(
    path,
    { check: true, signal: opts.signal, onProgress: opts.onProgress },
    (line) => aggregator.add(lineFeatures(line, counter)),
    (d) => {
      fileDiagnostics.push(d);
    },
  );
  aggregator.setFileDiagnostics(fileDiagnostics);
  return {
    lines: scan.lines,
    binary: scan.binary,
    summary: summarize(aggregator, {
      maxLength: opts.maxLength ?? DEFAULT_MAX_LENGTH,
      tokenizer: { exact: counter.exact, label: counter.label },
      topTools: opts.topTools,
    }),
  };
}
