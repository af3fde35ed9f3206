import type { Diagnostic } from '../core/diagnostics/types';
import type { LineFeatures } from '../core/stats/features';
import type { PassResult, PassTotals, SummaryBatch } from '../editor/model/checkPass';

/** What the host hands the check worker: the document's bytes, shared rather than copied. */
export interface CheckWorkerInput {
  buffer: SharedArrayBuffer;
  byteLength: number;
  /** The model's `qwen.tiktoken` for exact token counts in the overview; the bundled estimate without. */
  tiktokenPath?: string;
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
