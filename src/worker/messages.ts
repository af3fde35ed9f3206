import type { RangeBatch, RangeOutcome } from './rangePass';
import type { TokenBatch } from './tokenSweep';

/**
 * What the host hands each check worker: the document's bytes and the host's line index, both shared
 * rather than copied, and which lines to check.
 */
export interface RangeWorkerInput {
  buffer: SharedArrayBuffer;
  byteLength: number;
  /** The line starts of the host's index (`shareLineStarts`). */
  lineStarts: SharedArrayBuffer;
  /** The model's `qwen.tiktoken` for exact token counts in the overview; the bundled estimate without. */
  tiktokenPath?: string;
  /** 0-based lines `[from, to)`. */
  from: number;
  to: number;
  /** Which range this is, in file order, and the shared counts of what each range found (PlacementGate). */
  range: number;
  found: SharedArrayBuffer;
}

/** The token counter the worker's overview features were counted with. */
export interface TokenizerInfo {
  exact: boolean;
  label: string;
  /** Why the configured `qwen.tiktoken` could not be used (the estimate was used instead). */
  error?: string;
}

/**
 * What a check worker reports to the host: batches in line order, `done` (its checks), then, once the
 * host says `sweep`, the token sweep: `tokenizer` (the first range only), `tokens` batches and
 * `tokensDone`; or an `error`.
 */
export type RangeWorkerMessage =
  | { type: 'batch'; part: RangeBatch }
  | { type: 'done'; outcome: RangeOutcome }
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'tokens'; tokens: TokenBatch }
  | { type: 'tokensDone' }
  | { type: 'error'; message: string };

/**
 * What the host tells a check worker: every range's checks are done, so the token sweep may begin. A range
 * that finished first would otherwise build its counter and count while the others still check, on the
 * cores their checks need (the problems are what the user waits for).
 */
export type RangeWorkerCommand = { type: 'sweep' };
