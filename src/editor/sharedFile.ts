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
 * From this size on the file is read as two halves at once: copying from the page cache is bound by
 * faulting in fresh pages, which two threads do about twice as fast (87 MB: ~41 ms instead of ~78 ms
 * on the 2-core bench machine; three or more readers were no faster).
 */
const PARALLEL_READ_BYTES = 2 * READ_SLICE;

export interface ReadOptions {
  /** Bytes per read call (tests use small ones). */
  slice?: number;
  /** Files of at least this many bytes are read as two halves at once. */
  parallelFrom?: number;
}

/** A part of the file one reader fills: bytes `[start, end)`, `read` of them in so far. */
interface Part {
  start: number;
  end: number;
  read: number;
}

/**
 * Reads a file straight into shared memory, so the check worker can read the same bytes without a second
 * copy (a 1 GB file must fit in the host about twice at most), and indexes its lines as they arrive (in
 * file order: as far as the bytes are in without a gap): the first page of a file waits for both. Plain
 * Node: the benchmark uses it too.
 */
export async function readFileShared(path: string, opts: ReadOptions = {}): Promise<IndexedBytes> {
  const slice = opts.slice ?? READ_SLICE;
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.from(new SharedArrayBuffer(size));
    const builder = new LineIndexBuilder(buf);
    const half = size >= (opts.parallelFrom ?? PARALLEL_READ_BYTES) ? Math.ceil(size / 2) : size;
    const parts: Part[] = [{ start: 0, end: half, read: 0 }];
    if (half < size) parts.push({ start: half, end: size, read: 0 });
    /** Where the bytes read without a gap from the start end. */
    const inWithoutGap = () => {
      let upTo = 0;
      for (const p of parts) {
        upTo = p.start + p.read;
        if (upTo < p.end) break;
      }
      return upTo;
    };
    let scanned = 0;
    let shrank = false;
    await Promise.all(
      parts.map(async (p) => {
        while (p.start + p.read < p.end && !shrank) {
          const at = p.start + p.read;
          const { bytesRead } = await handle.read(buf, at, Math.min(slice, p.end - at), at);
          if (bytesRead === 0) {
            shrank = true;
            break;
          }
          p.read += bytesRead;
          const upTo = inWithoutGap();
          if (upTo > scanned) {
            builder.scan(upTo);
            scanned = upTo;
          }
        }
      }),
    );
    if (!shrank) return { bytes: buf, index: builder.finish() };
    // A file that shrank while being read is shown as far as it was read; the watcher reloads it.
    const bytes = buf.subarray(0, inWithoutGap());
    return { bytes, index: buildLineIndex(bytes) };
  } finally {
    await handle.close();
  }
}
