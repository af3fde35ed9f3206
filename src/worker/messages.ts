import type { Diagnostic } from '../core/diagnostics/types';
import type { LineFeatures } from '../core/stats/features';
import type { PassResult, PassTotals, SummaryBatch } from '../editor/model/checkPass';
import type { RangeBatch, RangeOutcome } from './rangePass';

/** What the host hands the check worker: the document's bytes, shared rather than copied. */
export interface CheckWorkerInput {
  buffer: SharedArrayBuffer;
  byteLength: number;
  /** The model's `qwen.tiktoken` for exact token counts in the overview; the bundled estimate without. */
  tiktokenPath?: string;
  /** Threads to check with (default: the cores available, at most 4; 1 checks in the worker itself). */
  threads?: number;
}

/** What the check worker hands each of its range workers: the same shared bytes and which lines to check. */
export interface RangeWorkerInput {
  mode: 'range';
  buffer: SharedArrayBuffer;
  byteLength: number;
  tiktokenPath?: string;
  /** 0-based lines `[from, to)`. */
  from: number;
  to: number;
}

/** The token counter the worker's overview features were counted with. */
export interface TokenizerInfo {
  exact: boolean;
  label: string;
  /** Why the configured `qwen.tiktoken` could not be used (the estimate was used instead). */
  error?: string;
}

/**
 * What the check worker reports back, in order: `tokenizer`, batches (each with the overview features
 * of its lines), `fileDiagnostics`, then one `done` or `error`.
 */
export type CheckWorkerMessage =
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'batch'; batch: SummaryBatch; totals: PassTotals; features?: LineFeatures[] }
  | { type: 'fileDiagnostics'; diagnostics: Diagnostic[] }
  | { type: 'done'; result: PassResult }
  | { type: 'error'; message: string };

/** What a range worker reports to the check worker, in order: `tokenizer`, batches, then `done` or `error`. */
export type RangeWorkerMessage =
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'batch'; part: RangeBatch }
  | { type: 'done'; outcome: RangeOutcome }
  | { type: 'error'; message: string };
