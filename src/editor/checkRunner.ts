import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostics/types';
import type { LineFeatures } from '../core/stats/features';
import type { CheckWorkerInput, CheckWorkerMessage, TokenizerInfo } from '../worker/messages';
import { featuresOfBatch } from '../worker/rangePass';
import type { TokenBatch } from '../worker/tokenSweep';
import type { PassResult, PassTotals, SummaryBatch } from './model/checkPass';

export interface CheckRunHandlers {
  onBatch(batch: SummaryBatch, totals: PassTotals): void;
  /** The overview: which counter the worker counts tokens with, each batch's line features, file-level diagnostics. */
  onTokenizer?(tokenizer: TokenizerInfo): void;
  onFeatures?(features: LineFeatures[]): void;
  onFileDiagnostics?(diagnostics: Diagnostic[]): void;
  /** After the checks: token counts of a run of lines, then the end of them (with why, if they failed). */
  onTokens?(tokens: TokenBatch): void;
  onTokensDone?(error?: string): void;
}

/** The check worker only merges and relays: a small young generation is enough, and it counts in the host. */
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

/**
 * One run of the check pass in a worker thread. `result` settles when the checks are done; the worker
 * then goes on counting tokens (`onTokens`, then `onTokensDone`) and stops. `cancel()` terminates it and
 * rejects `result` if it has not settled yet.
 */
export class CheckRun {
  readonly result: Promise<PassResult>;
  private readonly worker: Worker;
  private settled = false;
  private stopped = false;
  private rejectResult: ((e: Error) => void) | undefined;

  /** `threads` overrides the worker's choice (tests and the bench). */
  constructor(
    workerPath: string,
    bytes: Buffer,
    handlers: CheckRunHandlers,
    tiktokenPath?: string,
    threads?: number,
  ) {
    const input: CheckWorkerInput = { ...sharedBytes(bytes), tiktokenPath, threads };
    this.worker = new Worker(workerPath, { workerData: input, resourceLimits: CHECK_WORKER_LIMITS });
    this.result = new Promise<PassResult>((resolve, reject) => {
      this.rejectResult = reject;
      const fail = (e: Error) => {
        if (this.settled) this.stop(() => handlers.onTokensDone?.(e.message));
        else this.settle(() => reject(e));
      };
      this.worker.on('message', (message: CheckWorkerMessage) => {
        if (this.stopped) return;
        switch (message.type) {
          case 'batch': {
            // Read before the batch is handed on: its `context` says where the duplicates are.
            const features =
              message.features && handlers.onFeatures
                ? featuresOfBatch(message.batch, message.features)
                : undefined;
            handlers.onBatch(message.batch, message.totals);
            if (features) handlers.onFeatures?.(features);
            break;
          }
          case 'fileDiagnostics':
            handlers.onFileDiagnostics?.(message.diagnostics);
            break;
          case 'done':
            this.settled = true;
            resolve(message.result);
            break;
          case 'tokenizer':
            handlers.onTokenizer?.(message.tokenizer);
            break;
          case 'tokens':
            handlers.onTokens?.(message.tokens);
            break;
          case 'tokensDone':
            this.stop(() => handlers.onTokensDone?.());
            break;
          case 'error':
            fail(new Error(message.message));
            break;
        }
      });
      this.worker.on('error', fail);
      this.worker.on('exit', (code) =>
        fail(new Error(`The check worker stopped unexpectedly (exit code ${code})`)),
      );
    });
  }

  /** Settles `result` (checks failed or cancelled) and stops everything. */
  private settle(finish: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.stop(finish);
  }

  /** Stops listening and terminates the worker, once. */
  private stop(finish: () => void): void {
    if (this.stopped) return;
    this.stopped = true;
    finish();
    void this.worker.terminate();
  }

  cancel(): void {
    if (this.settled) this.stop(() => undefined);
    else this.settle(() => this.rejectResult?.(new CheckCancelled()));
  }
}
