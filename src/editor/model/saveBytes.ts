import type { LineIndex } from '../../core/jsonl/lineIndex';

/**
 * The bytes of a document after saving, as chunks: runs of the original buffer copied as they are (line
 * ends, BOM and every untouched line byte for byte) and the new text of each changed line. Nothing but
 * the changed lines' content differs, so a 90 MB file with three reviewed records is three spliced lines
 * and four slices of the original, not a re-serialisation.
 *
 * `changed` maps 0-based lines to their new text or bytes (without line end).
 */
export function savedChunks(
  bytes: Buffer,
  index: LineIndex,
  changed: ReadonlyMap<number, string | Buffer>,
): Buffer[] {
  const lines = [...changed.keys()].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let pos = 0;
  for (const i of lines) {
    if (i < 0 || i >= index.count) throw new RangeError(`line ${i + 1} is not in the document`);
    const start = index.start(i);
    if (start > pos) chunks.push(bytes.subarray(pos, start));
    const line = changed.get(i) ?? '';
    chunks.push(typeof line === 'string' ? Buffer.from(line, 'utf8') : line);
    pos = index.end(i);
  }
  if (pos < bytes.length) chunks.push(bytes.subarray(pos));
  return chunks;
}

/** The chunks as one buffer, in shared memory when asked (the check worker reads the document from it). */
export function joinChunks(chunks: readonly Buffer[], shared = false): Buffer {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const out = shared ? Buffer.from(new SharedArrayBuffer(length)) : Buffer.allocUnsafe(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
