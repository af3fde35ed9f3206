import { flatCopy } from '../text/flatCopy';

/**
 * A fixed-size cache of token counts, looked up by a range of a text without cutting the range out:
 * cutting and hashing millions of small strings cost more than the tokenizing itself. Open addressing
 * with short probes; when a probe window is full the home slot is overwritten, so memory stays bounded
 * whatever the input. The counter keeps two: one for pre-tokenized pieces, one for whole segments
 * (lines of a tool list recur from record to record).
 */
export class CountCache {
  // Filled with '' (no key is empty) so V8 keeps a packed array, not a slow sparse one.
  private readonly keys: string[];
  private readonly hashes: Int32Array;
  private readonly counts: Int32Array;
  private readonly mask: number;

  constructor(
    bits: number,
    private readonly probes = 8,
  ) {
    const size = 1 << bits;
    this.keys = new Array<string>(size).fill('');
    this.hashes = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The count of `text[start, end)`, computing and remembering it on a miss. */
  get(
    text: string,
    start: number,
    end: number,
    compute: (text: string, start: number, end: number) => number,
  ): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const len = end - start;
    let free = -1;
    for (let p = 0; p < this.probes; p++) {
      const slot = (h + p) & this.mask;
      const key = this.keys[slot];
      if (key === '') {
        if (free < 0) free = slot;
        break;
      }
      if (this.hashes[slot] === h && key.length === len && text.startsWith(key, start))
        return this.counts[slot];
    }
    // Computed over the original: V8 reads a copied or sliced string more slowly, character by character.
    const count = compute(text, start, end);
    // A copy: a slice would keep the whole text it was cut from alive for as long as it is cached.
    const key = flatCopy(text.slice(start, end));
    const slot = free >= 0 ? free : h & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = h;
    this.counts[slot] = count;
    return count;
  }
}
