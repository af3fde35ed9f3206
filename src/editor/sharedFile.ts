import { open } from 'node:fs/promises';

/**
 * Reads a file straight into shared memory, so the check worker can read the same bytes without a second
 * copy (a 1 GB file must fit in the host about twice at most). Plain Node: the benchmark uses it too.
 */
const READ_SLICE = 64 * 1024 * 1024;

export async function readFileShared(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.from(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      // In slices: one read call cannot return more than 2 GB, and smaller reads keep the host responsive.
      const { bytesRead } = await handle.read(buf, read, Math.min(READ_SLICE, size - read), read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    // A file that shrank while being read is shown as far as it was read; the watcher reloads it.
    return read === size ? buf : buf.subarray(0, read);
  } finally {
    await handle.close();
  }
}
