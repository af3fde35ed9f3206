import { randomBytes } from 'node:crypto';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const FLUSH_AT = 1 << 20;

/**
 * A scratch file holding every candidate's finished output line, so the shuffle can pick lines by
 * offset and nothing but offsets stays in memory. It lives in the output directory (the disk the user
 * chose for the dataset, unlike a possibly small /tmp) and is removed by {@link dispose}.
 */
export class Spool {
  private pending: (string | Uint8Array)[] = [];
  private pendingBytes = 0;
  private size = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string): Promise<Spool> {
    const path = join(dir, `.afcurate-export.${process.pid}.${randomBytes(4).toString('hex')}.spool`);
    return new Spool(path, await open(path, 'wx+'));
  }

  /** Appends a line (with its newline); returns where it starts and its length in bytes. */
  async append(line: string): Promise<{ offset: number; bytes: number }> {
    const bytes = Buffer.byteLength(line, 'utf8');
    const offset = this.size;
    this.size += bytes;
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
    return { offset, bytes };
  }

  /** Appends a line's UTF-8 bytes (with its newline; held until the next flush, not copied). */
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
    const buf = Buffer.concat(this.pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    while (written < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, written, buf.length - written, null);
      written += bytesWritten;
    }
  }

  /** Reads `length` bytes at `offset` of the spool into `into` at `at`. */
  async read(offset: number, length: number, into: Buffer, at: number): Promise<void> {
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(into, at + got, length - got, offset + got);
      if (bytesRead === 0) throw new Error(`spool ${this.path} is shorter than expected`);
      got += bytesRead;
    }
  }

  async dispose(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}
