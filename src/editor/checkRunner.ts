import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostics/types';
import type { LineFeatures } from '../core/stats/features';
import type { CheckWorkerInput, CheckWorkerMessage, TokenizerInfo } from '../worker/messages';
import type { PassResult, PassTotals, SummaryBatch } from './model/checkPass';

export interface CheckRunHandlers {
  onBatch(batch: SummaryBatch, totals: PassTotals): void;
  /** The overview: which counter the worker counts tokens with, each batch's line features, file-level diagnostics. */
  onTokenizer?(tokenizer: TokenizerInfo): void;
  onFeatures?(features: LineFeatures[]): void;
  onFileDiagnostics?(diagnostics: Diagnostic[]): void;
}

/** Young garbage dies young: V8's default young generation (48 MB) only adds to the host's memory. */
const CHECK_WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

export class CheckCancelled extends Error {
  constructor() {
    super('The check pass was cancelled');
  }
}

/**
 * Bytes in shared memory, so the worker reads the document without a copy. A buffer that is not shared
 * yet is copied once (documents read through `vscode.workspace.fs` arrive that way).
 */
export function sharedBytes(bytes: Buffer): { buffer: SharedArrayBuffer; byteLength: number } {
  if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0) {
    return { buffer: bytes.buffer, byteLength: bytes.length };
  }
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return { buffer, byteLength: bytes.length };
}

/** One run of the check pass in a worker thread; `cancel()` terminates it and rejects `result`. */
export class CheckRun {
  readonly result: Promise<PassResult>;
  private readonly worker: Worker;
  private settled = false;
  private rejectResult: ((e: Error) => void) | undefined;

  constructor(workerPath: string, bytes: Buffer, handlers: CheckRunHandlers, tiktokenPath?: string) {
    const input: CheckWorkerInput = { ...sharedBytes(bytes), tiktokenPath };
    this.worker = new Worker(workerPath, { workerData: input, resourceLimits: CHECK_WORKER_LIMITS });
    this.result = new Promise<PassResult>((resolve, reject) => {
      this.rejectResult = reject;
      this.worker.on('message', (message: CheckWorkerMessage) => {
        if (this.settled) return;
        if (message.type === 'batch') {
          handlers.onBatch(message.batch, message.totals);
          if (message.features) handlers.onFeatures?.(message.features);
        } else if (message.type === 'tokenizer') handlers.onTokenizer?.(message.tokenizer);
        else if (message.type === 'fileDiagnostics') handlers.onFileDiagnostics?.(message.diagnostics);
        else if (message.type === 'done') this.settle(() => resolve(message.result));
        else this.settle(() => reject(new Error(message.message)));
      });
      this.worker.on('error', (e) => this.settle(() => reject(e)));
      this.worker.on('exit', (code) =>
        this.settle(() => reject(new Error(`The check worker stopped unexpectedly (exit code ${code})`))),
      );
    });
  }

  private settle(finish: () => void): void {
    if (this.settled) return;
    this.settled = true;
    finish();
    void this.worker.terminate();
  }

  cancel(): void {
    this.settle(() => this.rejectResult?.(new CheckCancelled()));
  }
}
