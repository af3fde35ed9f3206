import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, BatchSettings, BatchTask } from './batch';
import type { BufferRecycler } from './batches';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';

/** A worker thread died or failed on a batch: the run stops with this error instead of waiting forever. */
export class PipelineWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineWorkerError';
  }
}

/**
 * A batch's garbage dies young, so a small young generation costs no time, while V8's default lets each
 * worker grow one of 48 MB: on a 870 MB file that alone takes peak RSS past 300 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

interface Pending {
  seq: number;
  firstLine: number;
  resolve(outcome: BatchOutcome): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** Tasks sent to this worker, oldest first: it answers in that order. */
  pending: Pending[];
}

/**
 * A fixed set of worker threads running {@link processBatch}. Each task goes to the least busy worker;
 * results come back as promises, so the caller can consume them in order whatever order they finish in.
 * Any worker failure rejects every task still pending and every later one: callers never hang.
 */
export class PipelinePool {
  private readonly slots: Slot[] = [];
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    workerPath: string,
    size: number,
    settings: BatchSettings,
    private readonly buffers: BufferRecycler,
  ) {
    const init: WorkerInit = { settings };
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = new Worker(workerPath, { workerData: init, resourceLimits: WORKER_LIMITS });
      } catch (e) {
        // Workers already started would keep the process alive: stop them before giving up.
        void this.close();
        throw new PipelineWorkerError(`cannot start a pipeline worker: ${(e as Error).message}`);
      }
      const slot: Slot = { worker, pending: [] };
      worker.on('message', (m: ResultMessage) => this.answer(slot, m));
      worker.on('error', (e) => this.fail(new PipelineWorkerError(`pipeline worker crashed: ${e.message}`)));
      worker.on('messageerror', (e) =>
        this.fail(new PipelineWorkerError(`pipeline worker sent an unreadable result: ${e.message}`)),
      );
      worker.on('exit', (code) => {
        if (!this.closed)
          this.fail(new PipelineWorkerError(`pipeline worker exited unexpectedly (code ${code})`));
      });
      this.slots.push(slot);
    }
  }

  /**
   * Starts `size` workers from `workerPath`, or returns undefined when that file is not there (tsx,
   * tests). Batch buffers come from and go back to `buffers`.
   */
  static start(
    workerPath: string,
    size: number,
    settings: BatchSettings,
    buffers: BufferRecycler,
  ): PipelinePool | undefined {
    if (size < 1 || !existsSync(workerPath)) return undefined;
    return new PipelinePool(workerPath, size, settings, buffers);
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Sends a batch to a worker. When `transferable`, the batch's buffer moves to the worker (the caller
   * must not touch it again); otherwise the bytes are copied.
   */
  run(task: BatchTask, transferable: boolean): Promise<BatchOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new PipelineWorkerError('the pipeline pool is closed'));
    let slot = this.slots[0];
    for (const s of this.slots) if (s.pending.length < slot.pending.length) slot = s;
    let bytes = task.bytes;
    if (!transferable) {
      bytes = this.buffers.take(task.bytes.byteLength).subarray(0, task.bytes.byteLength);
      bytes.set(task.bytes);
    }
    const message: TaskMessage = {
      seq: task.seq,
      firstLine: task.firstLine,
      unterminated: task.unterminated,
      detail: task.detail,
      buffer: bytes.buffer as ArrayBuffer,
      byteOffset: bytes.byteOffset,
      byteLength: bytes.byteLength,
    };
    return new Promise<BatchOutcome>((resolve, reject) => {
      slot.pending.push({ seq: task.seq, firstLine: task.firstLine, resolve, reject });
      slot.worker.postMessage(message, [message.buffer]);
    });
  }

  /** Stops every worker; tasks still pending are rejected with `reason`. */
  async close(reason?: Error): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(reason ?? new PipelineWorkerError('the pipeline pool was closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private answer(slot: Slot, m: ResultMessage): void {
    const p = slot.pending.shift();
    if (!p) return;
    if (m.type === 'done' && m.outcome.seq === p.seq) {
      this.buffers.give(m.input);
      p.resolve(m.outcome);
      return;
    }
    let e: PipelineWorkerError;
    if (m.type === 'failed') {
      e = new PipelineWorkerError(
        `pipeline worker failed on the batch from line ${p.firstLine}: ${m.message}`,
      );
      if (m.stack) e.stack = `${e.name}: ${e.message}\n${m.stack}`;
    } else e = new PipelineWorkerError(`pipeline worker answered batch ${m.outcome.seq} instead of ${p.seq}`);
    p.reject(e);
    this.fail(e);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.rejectAll(this.failure);
  }

  private rejectAll(e: Error): void {
    for (const slot of this.slots) {
      for (const p of slot.pending.splice(0)) p.reject(e);
    }
  }
}
