import { randomBytes } from 'node:crypto';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const FLUSH_AT = 1 << 20;
/**
 * Up to this many bytes of lines stay in memory and no file is written: reading 30,000 lines back from
 * a file one by one took a tenth of an export of 87 MB. Past it, everything goes to the scratch file,
 * so memory stays bounded whatever the input.
 */
export const SPOOL_MEMORY_BYTES = 128 << 20;

/**
 * Every candidate's finished output line, so the shuffle can pick lines by offset and nothing but
 * offsets stays in the export's own tables. Held in memory while it is small, otherwise in a scratch
 * file in the output directory (the disk the user chose for the dataset, unlike a possibly small /tmp),
 * which {@link dispose} removes.
 */
export class Spool {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private size = 0;
  /** In memory: the flushed chunks, each of whole lines, and where each starts. */
  private chunks: Buffer[] = [];
  private chunkStarts: number[] = [];
  private handle: FileHandle | undefined;
  readonly path: string;

  private constructor(
    dir: string,
    private readonly memoryBytes: number,
  ) {
    this.path = join(dir, `.afcurate-export.${process.pid}.${randomBytes(4).toString('hex')}.spool`);
  }

  static async create(dir: string, memoryBytes = SPOOL_MEMORY_BYTES): Promise<Spool> {
    return new Spool(dir, memoryBytes);
  }

  /** Whether the lines went to the scratch file (they outgrew the memory allowed). */
  get onDisk(): boolean {
    return this.handle !== undefined;
  }

  /**
   * Appends a line's UTF-8 bytes (with its newline; held until the next flush, not copied); returns
   * where it starts and its length in bytes.
   */
  async appendBytes(line: Uint8Array): Promise<{ offset: number; bytes: number }> {
    const bytes = line.byteLength;
    const offset = this.size;
    this.size += bytes;
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
    return { offset, bytes };
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const start = this.size - this.pendingBytes;
    const buf = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.handle && this.size <= this.memoryBytes) {
      this.chunks.push(buf);
      this.chunkStarts.push(start);
      return;
    }
    if (!this.handle) {
      this.handle = await open(this.path, 'wx+');
      for (const chunk of this.chunks) await writeAll(this.handle, chunk);
      this.chunks = [];
      this.chunkStarts = [];
    }
    await writeAll(this.handle, buf);
  }

  /** Reads `length` bytes at `offset` of the spool (flushed first) into `into` at `at`. */
  async read(offset: number, length: number, into: Buffer, at: number): Promise<void> {
    if (!this.handle) {
      const c = chunkAt(this.chunkStarts, offset);
      const from = c < 0 ? -1 : offset - this.chunkStarts[c];
      if (from < 0 || from + length > this.chunks[c].length)
        throw new Error(`spool: no line of ${length} bytes at ${offset}`);
      this.chunks[c].copy(into, at, from, from + length);
      return;
    }
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(into, at + got, length - got, offset + got);
      if (bytesRead === 0) throw new Error(`spool ${this.path} is shorter than expected`);
      got += bytesRead;
    }
  }

  async dispose(): Promise<void> {
    this.chunks = [];
    this.chunkStarts = [];
    if (!this.handle) return;
    await this.handle.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}

async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let written = 0;
  while (written < buf.length) {
    const { bytesWritten } = await handle.write(buf, written, buf.length - written, null);
    written += bytesWritten;
  }
}

/** The index of the last chunk starting at or before `offset` (chunks start in increasing order). */
function chunkAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
