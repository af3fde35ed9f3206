import type { BatchOutcome, BatchSettings, BatchTask } from './batch';

/** What the pool hands each worker when it starts. */
export interface WorkerInit {
  settings: BatchSettings;
}

/** A batch as it travels to a worker: its bytes as a transferred buffer and a view into it. */
export interface TaskMessage extends Omit<BatchTask, 'bytes'> {
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

/** A worker's answer to one task, in the order the tasks were sent. */
export type ResultMessage =
  /** `input` is the task's buffer, given back for the next batch to be read into. */
  | { type: 'done'; outcome: BatchOutcome; input: ArrayBuffer }
  | { type: 'failed'; seq: number; message: string; stack?: string };
