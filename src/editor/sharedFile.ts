import { open } from 'node:fs/promises';
import { buildLineIndex, type LineIndex, LineIndexBuilder } from '../core/jsonl/lineIndex';

/** A document's bytes in shared memory, with their line index. */
export interface IndexedBytes {
  bytes: Buffer;
  index: LineIndex;
}

/**
 * In slices: one read call cannot return more than 2 GB, smaller reads keep the host responsive, and
 * each slice is indexed while the next one is read (16 MB measured best for an 87 MB file).
 */
const READ_SLICE = 16 * 1024 * 1024;

/**
 * Reads a file straight into shared memory, so the check worker can read the same bytes without a second
 * copy (a 1 GB file must fit in the host about twice at most), and indexes its lines as they arrive: the
 * first page of a file waits for both. Plain Node: the benchmark uses it too.
 */
export async function readFileShared(path: string): Promise<IndexedBytes> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.from(new SharedArrayBuffer(size));
    const builder = new LineIndexBuilder(buf);
    let read = 0;
    let pending = read < size ? handle.read(buf, 0, Math.min(READ_SLICE, size), 0) : undefined;
    while (pending) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read < size) pending = handle.read(buf, read, Math.min(READ_SLICE, size - read), read);
      builder.scan(read);
    }
    if (read === size) return { bytes: buf, index: builder.finish() };
    // A file that shrank while being read is shown as far as it was read; the watcher reloads it.
    const bytes = buf.subarray(0, read);
    return { bytes, index: buildLineIndex(bytes) };
  } finally {
    await handle.close();
  }
}
