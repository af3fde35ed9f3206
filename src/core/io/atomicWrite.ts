import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A file written through a temporary sibling and renamed over the target only when complete, so a
 * crash, a full disk or Ctrl+C never leaves a half-written dataset behind.
 */
export class AtomicFile {
  readonly tempPath: string;
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    this.tempPath = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    this.stream = createWriteStream(this.tempPath, { flags: 'wx' });
    this.stream.on('error', (e) => {
      this.failed = e;
    });
  }

  /** Writes a chunk (text as UTF-8), waiting when the stream's buffer is full so memory stays bounded. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          this.stream.off('drain', onDrain);
          reject(e);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  /** Flushes to disk and renames over the target. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
    const fh = await open(this.tempPath, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(this.tempPath, this.path);
  }

  /** Discards the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await unlink(this.tempPath).catch(() => undefined);
  }
}

/** Writes a whole small file atomically. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const f = new AtomicFile(path);
  try {
    await f.write(content);
    await f.commit();
  } catch (e) {
    await f.abort();
    throw e;
  }
}
