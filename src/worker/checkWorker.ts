/**
 * The worker thread that runs the curator's full check pass, so the extension host stays responsive on a
 * 1 GB file. It reads the document's bytes from shared memory (no copy), runs core's checks line by line
 * and streams per-line summaries back; cancelling is terminating the worker.
 *
 * The same pass computes the overview's features of every line (`lineFeatures`, one token counter for
 * the whole pass), sent with the batch they belong to: the statistics cost no second read of the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildLineIndex } from '../core/jsonl/lineIndex';
import { type LineFeatures, lineFeatures } from '../core/stats/features';
import { createTokenCounter, type TokenCounter } from '../core/tokens/counter';
import { runCheckPass } from '../editor/model/checkPass';
import type { CheckWorkerInput, CheckWorkerMessage, TokenizerInfo } from './messages';

function post(message: CheckWorkerMessage): void {
  parentPort?.postMessage(message);
}

/** The configured tokenizer, or the estimate with the reason when its file cannot be used. */
async function tokenCounter(tiktokenPath: string | undefined): Promise<[TokenCounter, TokenizerInfo]> {
  if (tiktokenPath) {
    try {
      const counter = await createTokenCounter({ tiktokenPath });
      return [counter, { exact: counter.exact, label: counter.label }];
    } catch (e) {
      const counter = await createTokenCounter();
      const error = e instanceof Error ? e.message : String(e);
      return [counter, { exact: counter.exact, label: counter.label, error }];
    }
  }
  const counter = await createTokenCounter();
  return [counter, { exact: counter.exact, label: counter.label }];
}

async function main(): Promise<void> {
  const input = workerData as CheckWorkerInput;
  const buf = Buffer.from(input.buffer, 0, input.byteLength);
  try {
    const [counter, tokenizer] = await tokenCounter(input.tiktokenPath);
    post({ type: 'tokenizer', tokenizer });
    const index = buildLineIndex(buf);
    let features: LineFeatures[] = [];
    const result = runCheckPass(buf, index, {
      onLine: (analyzed) => features.push(lineFeatures(analyzed, counter)),
      onBatch: (batch, totals) => {
        post({ type: 'batch', batch, totals, features });
        features = [];
      },
      onFileDiagnostics: (diagnostics) => post({ type: 'fileDiagnostics', diagnostics }),
    });
    post({ type: 'done', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

void main();
