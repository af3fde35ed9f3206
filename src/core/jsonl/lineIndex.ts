/**
 * A byte-offset index of the lines of a JSONL buffer. Built with the native `indexOf`, so indexing a
 * 1 GB file costs one pass over its bytes and 8 bytes per line; lines are decoded only when asked for.
 */

const LF = 0x0a;
const CR = 0x0d;

export interface LineIndex {
  /** Number of physical lines (a final line without a newline counts; an empty tail after the last newline does not). */
  readonly count: number;
  /** True when the buffer starts with a UTF-8 byte order mark (it is not part of line 1's text). */
  readonly hasBom: boolean;
  /** True when the last line has no terminating newline (a half-written file ends like this). */
  readonly lastLineUnterminated: boolean;
  /** Byte offset where line `i` (0-based) starts (after the BOM for line 0). */
  start(i: number): number;
  /** Byte offset where line `i`'s content ends: before its `\n`, and before a `\r` that precedes it. */
  end(i: number): number;
  /** True when line `i` ends with `\r\n`. */
  hasCrlf(i: number): boolean;
}

export function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

export function buildLineIndex(buf: Buffer): LineIndex {
  return new LineIndexBuilder(buf).finish();
}

/**
 * Builds the index of `buf` while its bytes are still arriving: `scan(upTo)` once bytes `[0, upTo)` are
 * in, `finish()` when all are. A reader indexes each slice while the next one is read, so indexing costs
 * no time of its own (the first page of a large file waits for both).
 */
export class LineIndexBuilder {
  // Offsets of each line's start; grown by doubling to avoid a first counting pass.
  private starts = new Float64Array(1024);
  private count = 0;
  /** Start of the line being scanned; -1 until the first bytes say whether there is a BOM. */
  private pos = -1;
  /** Whether the line at `pos` is recorded and its newline is being looked for from `scanFrom`. */
  private open = false;
  private scanFrom = 0;

  constructor(private readonly buf: Buffer) {}

  scan(upTo: number): void {
    const buf = this.buf;
    if (this.pos < 0) {
      if (upTo < 3 && upTo < buf.length) return;
      this.pos = hasUtf8Bom(buf) ? 3 : 0;
    }
    // `indexOf` has no end: a view that ends at `upTo` keeps it from reading bytes not yet in.
    const view = upTo < buf.length ? buf.subarray(0, upTo) : buf;
    for (;;) {
      if (!this.open) {
        if (this.pos >= upTo) return;
        if (this.count === this.starts.length) {
          const grown = new Float64Array(this.starts.length * 2);
          grown.set(this.starts);
          this.starts = grown;
        }
        this.starts[this.count++] = this.pos;
        this.open = true;
        this.scanFrom = this.pos;
      }
      const nl = view.indexOf(LF, this.scanFrom);
      if (nl === -1) {
        this.scanFrom = upTo;
        return;
      }
      this.pos = nl + 1;
      this.open = false;
    }
  }

  finish(): LineIndex {
    this.scan(this.buf.length);
    return indexOfStarts(this.buf, this.starts, this.count, hasUtf8Bom(this.buf));
  }
}

/**
 * The line starts of an index, in shared memory: another thread rebuilds the same index from them with
 * {@link sharedLineIndex} instead of scanning the bytes again.
 */
export function shareLineStarts(index: LineIndex): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(index.count * Float64Array.BYTES_PER_ELEMENT);
  const starts = new Float64Array(shared);
  for (let i = 0; i < index.count; i++) starts[i] = index.start(i);
  return shared;
}

/** The index of `buf` from line starts made by {@link shareLineStarts} over the same bytes. */
export function sharedLineIndex(buf: Buffer, starts: SharedArrayBuffer): LineIndex {
  const view = new Float64Array(starts);
  return indexOfStarts(buf, view, view.length, hasUtf8Bom(buf));
}

function indexOfStarts(buf: Buffer, starts: Float64Array, count: number, hasBom: boolean): LineIndex {
  const lastLineUnterminated = count > 0 && buf[buf.length - 1] !== LF;
  const total = buf.length;
  const rawEnd = (i: number): number =>
    i + 1 < count ? starts[i + 1] - 1 : lastLineUnterminated ? total : total - 1;
  return {
    count,
    hasBom,
    lastLineUnterminated,
    start: (i) => starts[i],
    end(i) {
      const e = rawEnd(i);
      return e > starts[i] && buf[e - 1] === CR && (i + 1 < count || !lastLineUnterminated) ? e - 1 : e;
    },
    hasCrlf(i) {
      const e = rawEnd(i);
      return e > starts[i] && buf[e - 1] === CR && (i + 1 < count || !lastLineUnterminated);
    },
  };
}
