import type { PassResult, PassTotals, SummaryBatch } from '../editor/model/checkPass';

/** What the host hands the check worker: the document's bytes, shared rather than copied. */
export interface CheckWorkerInput {
  buffer: SharedArrayBuffer;
  byteLength: number;
}

/** What the check worker reports back, in order: batches, then one `done` or `error`. */
export type CheckWorkerMessage =
  | { type: 'batch'; batch: SummaryBatch; totals: PassTotals }
  | { type: 'done'; result: PassResult }
  | { type: 'error'; message: string };
