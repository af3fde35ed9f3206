import { open } from 'node:fs/promises';
import { hasUtf8Bom } from '../jsonl/lineIndex';

/** What a batch source yields: the file-level facts first, then runs of whole lines in file order. */
export type BatchSourceEvent =
  | { type: 'bom' }
  | { type: 'binary'; byteOffset: number }
  | {
      type: 'batch';
      /** Whole lines, each with its `\n`, except the file's last line when `unterminated`. */
      bytes: Uint8Array;
      firstLine: number;
      lines: number;
      unterminated: boolean;
      /** True when nothing else uses the bytes' buffer, so it can be moved to a worker instead of copied. */
      owned: boolean;
    };

const LF = 0x0a;
/** A NUL byte this early means a binary file, as git and most editors decide. */
const BINARY_SNIFF = 8192;

/**
 * The batches' buffers, handed back once a batch is done with (a worker returns its input with the
 * result). Reading into them again keeps memory flat: a buffer left to the garbage collector outlives
 * its batch (it is promoted while the batch is processed) and only goes at the next full GC, so each
 * thread would hold tens of megabytes of finished batches.
 */
export class BufferRecycler {
  private readonly free: ArrayBuffer[] = [];

  /** A buffer of at least `size` bytes, recycled when one is free. */
  take(size: number): Buffer {
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i].byteLength >= size) return Buffer.from(this.free.splice(i, 1)[0]);
    }
    return Buffer.allocUnsafeSlow(size);
  }

  /** Takes back a buffer nothing uses any more. */
  give(buffer: ArrayBuffer): void {
    if (this.free.length < MAX_FREE && buffer.byteLength > 0) this.free.push(buffer);
  }
}

/** More free buffers than batches in flight would only be memory held for nothing. */
const MAX_FREE = 16;

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * Streams a file as batches of about `batchBytes` of whole lines, each in a buffer of its own, with
 * bounded memory (one batch plus the longest line). Lines are what `readLines` yields: the same BOM and
 * binary rules, the same split on `\n`.
 */
export async function* fileBatches(
  path: string,
  batchBytes: number,
  buffers = new BufferRecycler(),
): AsyncGenerator<BatchSourceEvent> {
  const handle = await open(path, 'r');
  try {
    let buf = buffers.take(batchBytes);
    let start = 0;
    let filled = 0;
    let line = 1;
    let first = true;
    for (;;) {
      if (filled === buf.length) {
        // A line longer than the buffer: grow until its newline fits.
        const grown = buffers.take(buf.length * 2);
        buf.copy(grown, 0, 0, filled);
        buffers.give(buf.buffer as ArrayBuffer);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      if (first && filled > 0) {
        first = false;
        const nul = buf.subarray(0, Math.min(filled, BINARY_SNIFF)).indexOf(0);
        if (nul !== -1) {
          yield { type: 'binary', byteOffset: nul };
          return;
        }
        if (hasUtf8Bom(buf.subarray(0, filled))) {
          yield { type: 'bom' };
          start = 3;
        }
      }
      if (bytesRead === 0) {
        if (filled > start) {
          const bytes = buf.subarray(start, filled);
          yield { type: 'batch', bytes, firstLine: line, lines: 1, unterminated: true, owned: true };
        }
        return;
      }
      const lastNewline = buf.lastIndexOf(LF, filled - 1);
      if (lastNewline < start) continue;
      const end = lastNewline + 1;
      // The unfinished last line moves to a fresh buffer, so this one can be handed over whole.
      const tail = filled - end;
      const next = buffers.take(Math.max(batchBytes, tail * 2));
      buf.copy(next, 0, end, filled);
      const bytes = buf.subarray(start, end);
      const lines = countNewlines(bytes);
      yield { type: 'batch', bytes, firstLine: line, lines, unterminated: false, owned: true };
      line += lines;
      buf = next;
      filled = tail;
      start = 0;
    }
  } finally {
    await handle.close();
  }
}

/** The same batches from bytes already in memory (the editor's document); they are views, not copies. */
export function* bufferBatches(input: Uint8Array, batchBytes: number): Generator<BatchSourceEvent> {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const nul = buf.subarray(0, BINARY_SNIFF).indexOf(0);
  if (nul !== -1) {
    yield { type: 'binary', byteOffset: nul };
    return;
  }
  let start = 0;
  if (hasUtf8Bom(buf)) {
    yield { type: 'bom' };
    start = 3;
  }
  let line = 1;
  while (start < buf.length) {
    let end = Math.min(start + batchBytes, buf.length);
    if (end < buf.length) {
      const before = buf.lastIndexOf(LF, end - 1);
      if (before >= start) end = before + 1;
      else {
        const after = buf.indexOf(LF, end);
        end = after === -1 ? buf.length : after + 1;
      }
    }
    const bytes = buf.subarray(start, end);
    const unterminated = bytes[bytes.length - 1] !== LF;
    const lines = countNewlines(bytes) + (unterminated ? 1 : 0);
    yield { type: 'batch', bytes, firstLine: line, lines, unterminated, owned: false };
    line += lines;
    start = end;
  }
}
