import { open } from 'node:fs/promises';
import type { RawLine } from '../pipeline/fileAnalyzer';
import { buildLineIndex, hasUtf8Bom } from './lineIndex';
import { binaryOffset } from './utf8';

export type LineEvent =
  | { type: 'bom' }
  | { type: 'binary'; byteOffset: number }
  | ({ type: 'line' } & RawLine);

const CHUNK = 4 * 1024 * 1024;

/**
 * Streams a file's physical lines with bounded memory (one chunk plus the longest line), whatever the
 * file's size. A binary file (see `binaryOffset`) ends the stream with a `binary` event instead of lines.
 */
export async function* readLines(path: string): AsyncGenerator<LineEvent> {
  const handle = await open(path, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let line = 0;
    let first = true;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      const eof = bytesRead === 0;
      let data = eof
        ? carry
        : carry.length
          ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
          : chunk.subarray(0, bytesRead);
      if (first && data.length > 0) {
        first = false;
        const nul = binaryOffset(data);
        if (nul !== -1) {
          yield { type: 'binary', byteOffset: nul };
          return;
        }
        if (hasUtf8Bom(data)) {
          yield { type: 'bom' };
          data = data.subarray(3);
        }
      }
      if (eof) {
        if (data.length > 0) {
          const crlf = false;
          yield { type: 'line', line: ++line, bytes: data, crlf, unterminated: true };
        }
        return;
      }
      let pos = 0;
      for (;;) {
        const nl = data.indexOf(0x0a, pos);
        if (nl === -1) break;
        const crlf = nl > pos && data[nl - 1] === 0x0d;
        yield {
          type: 'line',
          line: ++line,
          bytes: data.subarray(pos, crlf ? nl - 1 : nl),
          crlf,
          unterminated: false,
        };
        pos = nl + 1;
      }
      // Copy the tail so the next chunk can be read into fresh memory without aliasing.
      carry = Buffer.from(data.subarray(pos));
    }
  } finally {
    await handle.close();
  }
}

/** The same events from a buffer already in memory (the editor's document), via its line index. */
export function* linesOfBuffer(buf: Buffer): Generator<LineEvent> {
  const nul = binaryOffset(buf);
  if (nul !== -1) {
    yield { type: 'binary', byteOffset: nul };
    return;
  }
  const index = buildLineIndex(buf);
  if (index.hasBom) yield { type: 'bom' };
  for (let i = 0; i < index.count; i++) {
    yield {
      type: 'line',
      line: i + 1,
      bytes: buf.subarray(index.start(i), index.end(i)),
      crlf: index.hasCrlf(i),
      unterminated: index.lastLineUnterminated && i === index.count - 1,
    };
  }
}
