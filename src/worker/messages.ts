import type { RangeBatch, RangeOutcome } from './rangePass';
import type { TokenBatch } from './tokenSweep';

/**
 * What the host hands each check worker: the document's bytes and the host's line index, both shared
 * rather than copied, the chunks of lines the pass is cut into, and the shared claims the workers take
 * chunks with (see chunkClaims.ts).
 */
export interface RangeWorkerInput {
  buffer: SharedArrayBuffer;
  byteLength: number;
  /** The line starts of the host's index (`shareLineStarts`). */
  lineStarts: SharedArrayBuffer;
  /** The model's `qwen.tiktoken` for exact token counts in the overview; the bundled estimate without. */
  tiktokenPath?: string;
  /** Chunk `c` is the 0-based lines `[bounds[c], bounds[c + 1])`. */
  bounds: Int32Array;
  /** The claims (`createClaims`), shared by the host and every worker. */
  claims: SharedArrayBuffer;
  /** This worker's number, 0-based (its region of chunks; worker 0 names the tokenizer), of `workers`. */
  worker: number;
  workers: number;
}

/** The token counter the worker's overview features were counted with. */
export interface TokenizerInfo {
  exact: boolean;
  label: string;
  /** Why the configured `qwen.tiktoken` could not be used (the estimate was used instead). */
  error?: string;
}

/**
 * What a check worker reports to the host, for each chunk it takes: its batches in line order, then
 * `done`; once no chunk is left to check, the token sweep: `tokenizer` (worker 0 only), `tokens` batches
 * and `tokensDone`; or an `error`.
 */
export type RangeWorkerMessage =
  | { type: 'batch'; chunk: number; part: RangeBatch }
  | { type: 'done'; chunk: number; outcome: RangeOutcome }
  | { type: 'tokenizer'; tokenizer: TokenizerInfo }
  | { type: 'tokens'; tokens: TokenBatch }
  | { type: 'tokensDone' }
  | { type: 'error'; message: string };
