/**
 * The worker thread that runs the curator's full check pass, so the extension host stays responsive on a
 * 1 GB file. It reads the document's bytes from shared memory (no copy), runs core's checks line by line
 * and streams per-line summaries back; cancelling is terminating the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLineIndex } from '../core/jsonl/lineIndex';
import { runCheckPass } from '../editor/model/checkPass';
import type { CheckWorkerInput, CheckWorkerMessage } from './messages';

function post(message: CheckWorkerMessage): void {
  parentPort?.postMessage(message);
}

function main(): void {
  const input = workerData as CheckWorkerInput;
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  try {
    const index = buildLineIndex(buf);
    const result = runCheckPass(buf, index, {
      onBatch: (batch, totals) => post({ type: 'batch', batch, totals }),
    });
    post({ type: 'done', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

main();
