import { ScanCancelled } from '../pipeline/scanFile';
import type { BatchOutcome, BatchTask } from './batch';
import type { BatchSourceEvent, BufferRecycler } from './batches';
import type { PipelinePool } from './pool';

export interface DriveOptions {
  source: AsyncIterable<BatchSourceEvent> | Iterable<BatchSourceEvent>;
  /** The workers, or undefined to process each batch in this thread. */
  pool: PipelinePool | undefined;
  buffers: BufferRecycler;
  signal?: AbortSignal;
  /** Asked as each batch is sent off: whether its diagnostics will be read. */
  detail: () => boolean;
  /** The same work as a worker does, in this thread. */
  inThread: (task: BatchTask) => BatchOutcome;
  onBom: () => void;
  onBinary: (byteOffset: number) => void;
  /** Each batch's outcome, in file order; `bytes` is what the line reader counted for it. */
  settle: (outcome: BatchOutcome, task: BatchTask, bytes: number) => Promise<void> | void;
}

/**
 * Sends a file's batches through the pool (or this thread) and hands the outcomes back in file order,
 * with at most two batches per worker in flight so memory stays bounded. Aborting stops the workers and
 * rejects with {@link ScanCancelled}; the pool is closed whatever happens. Returns false when the input
 * turned out to be binary and nothing was read.
 */
export async function driveBatches(o: DriveOptions): Promise<boolean> {
  const { pool, signal } = o;
  const onAbort = () => void pool?.close(new ScanCancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  const inFlight: { result: Promise<BatchOutcome>; task: BatchTask; bytes: number }[] = [];
  const limit = pool ? pool.size * 2 : 1;
  let seq = 0;
  const settleNext = async () => {
    const next = inFlight.shift()!;
    const outcome = await next.result;
    if (signal?.aborted) throw new ScanCancelled();
    await o.settle(outcome, next.task, next.bytes);
    if (signal?.aborted) throw new ScanCancelled();
  };
  try {
    for await (const ev of o.source) {
      if (signal?.aborted) throw new ScanCancelled();
      if (ev.type === 'bom') {
        o.onBom();
        continue;
      }
      if (ev.type === 'binary') {
        o.onBinary(ev.byteOffset);
        return false;
      }
      while (inFlight.length >= limit) await settleNext();
      const task: BatchTask = {
        seq: seq++,
        bytes: ev.bytes,
        firstLine: ev.firstLine,
        unterminated: ev.unterminated,
        detail: o.detail(),
      };
      // The line reader counts a newline after every line, the unterminated last one included.
      const bytes = ev.bytes.byteLength + (ev.unterminated ? 1 : 0);
      let result: Promise<BatchOutcome>;
      if (pool) result = pool.run(task, ev.owned);
      else {
        try {
          result = Promise.resolve(o.inThread(task));
        } catch (e) {
          result = Promise.reject(e);
        }
        // Processed already, and nothing refers to the bytes: the next batch can be read into them.
        if (ev.owned) o.buffers.give(ev.bytes.buffer as ArrayBuffer);
      }
      // A failure is thrown when its batch's turn comes; until then it must not count as unhandled.
      result.catch(() => undefined);
      inFlight.push({ result, task, bytes });
    }
    while (inFlight.length > 0) await settleNext();
    return true;
  } catch (e) {
    if (signal?.aborted) throw new ScanCancelled();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.close();
  }
}
