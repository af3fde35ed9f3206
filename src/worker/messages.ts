import type { Diagnostic } from '../core/diagnostics/types';
import type { PassResult, PassTotals, SummaryBatch } from '../editor/model/checkPass';
import type { RangeBatch, RangeOutcome } from './rangePass';
import type { TokenBatch } from './tokenSweep';

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
 * What the check worker reports back. The checks, in file order: batches (each with the overview
 * features of its lines, tokens left out), `fileDiagnostics`, then `done`. The token sweep, in no
 * particular order and, with several threads, possibly before `done` (a range is counted once it is
 * checked): `tokenizer`, `tokens` batches, then `tokensDone`, always last. An `error` ends it all.
 */
export type CheckWorkerMessage =
  /** `features`: the lines' overview features as JSON, without J09 (see `featuresOfBatch`). */
  | { type: 'batch'; batch: SummaryBatch; totals: PassTotals; features?: string }
  | { type: 'fileDiagnostics'; diagnostics: Diagnostic[] }
  | { type: 'done'; result: PassResult }
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'tokens'; tokens: TokenBatch }
  | { type: 'tokensDone' }
  | { type: 'error'; message: string };

/**
 * What a range worker reports to the check worker: batches, `done` (its checks), then (the first range
 * only) `tokenizer`, `tokens` batches and `tokensDone`; or an `error`.
 */
export type RangeWorkerMessage =
  | { type: 'batch'; part: RangeBatch }
  | { type: 'done'; outcome: RangeOutcome }
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'tokens'; tokens: TokenBatch }
  | { type: 'tokensDone' }
  | { type: 'error'; message: string };
