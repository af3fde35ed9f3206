/**
 * A fixed-size cache of token counts per piece, looked up by a range of the text without cutting the
 * piece out: cutting and hashing millions of small strings cost more than the tokenizing itself.
 * Open addressing over 2^18 slots with short probes; when a probe window is full the home slot is
 * overwritten, so memory stays bounded whatever the input.
 */
const BITS = 18;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
const PROBES = 8;

export class PieceCache {
  // Filled with '' (no piece is empty) so V8 keeps a packed array, not a slow sparse one.
  private readonly keys: string[] = new Array<string>(SIZE).fill('');
  private readonly hashes = new Int32Array(SIZE);
  private readonly counts = new Int32Array(SIZE);

  /** The count of `text[start, end)`, computing and remembering it on a miss. */
  get(text: string, start: number, end: number, compute: (piece: string) => number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const len = end - start;
    let free = -1;
    for (let p = 0; p < PROBES; p++) {
      const slot = (h + p) & MASK;
      const key = this.keys[slot];
      if (key === '') {
        if (free < 0) free = slot;
        break;
      }
      if (this.hashes[slot] === h && key.length === len && sameChars(key, text, start))
        return this.counts[slot];
    }
    const piece = text.slice(start, end);
    const count = compute(piece);
    const slot = free >= 0 ? free : h & MASK;
    this.keys[slot] = piece;
    this.hashes[slot] = h;
    this.counts[slot] = count;
    return count;
  }
}

function sameChars(key: string, text: string, start: number): boolean {
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
