/**
 * The worker thread of the pipeline pool (bundled as dist/pipelineWorker.js): it runs
 * {@link processBatch} on every batch the main thread sends and answers in the order they came.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchTask, processBatch } from './batch';
import { prepareExportCounter } from './exportBatch';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';

const port = parentPort;
if (!port) throw new Error('pipelineWorker.js runs as a worker thread of the pipeline pool');
const { settings } = workerData as WorkerInit;

// An export run's token counter loads first; every batch waits on the same promise, so order is kept.
const ready: Promise<unknown> = settings.export
  ? prepareExportCounter(settings.export).catch((e: unknown) => e)
  : Promise.resolve();

port.on('message', (task: TaskMessage) => {
  void ready.then((failure) => handle(task, failure));
});

function handle(task: TaskMessage, failure: unknown): void {
  if (failure) {
    const err = failure instanceof Error ? failure : new Error(String(failure));
    port?.postMessage({ type: 'failed', seq: task.seq, message: err.message, stack: err.stack });
    return;
  }
  let reply: ResultMessage;
  try {
    const batch: BatchTask = {
      seq: task.seq,
      bytes: new Uint8Array(task.buffer, task.byteOffset, task.byteLength),
      firstLine: task.firstLine,
      unterminated: task.unterminated,
      detail: task.detail,
    };
    reply = { type: 'done', outcome: processBatch(batch, settings), input: task.buffer };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { type: 'failed', seq: task.seq, message: err.message, stack: err.stack };
  }
  // Both buffers move instead of being copied: the converted lines to be written, the input to be
  // read into again (nothing here refers to it once the batch is done).
  const transfer: ArrayBuffer[] = [];
  if (reply.type === 'done') {
    transfer.push(reply.input);
    if (reply.outcome.output.byteLength > 0) transfer.push(reply.outcome.output.buffer as ArrayBuffer);
  }
  port?.postMessage(reply, transfer);
}
