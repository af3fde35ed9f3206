import { flatCopy } from '../text/flatCopy';

/**
 * A fixed-size cache of token counts, looked up by a range of a text: hashed in place (hashing millions
 * of cut-out strings as `Map` keys cost more than the tokenizing itself), and cut out only to confirm a
 * candidate (a native comparison, faster than `startsWith` at an offset). Open addressing
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
    const h = hashRange(text, start, end);
    const len = end - start;
    let free = -1;
    for (let p = 0; p < this.probes; p++) {
      const slot = (h + p) & this.mask;
      const key = this.keys[slot];
      if (key === '') {
        if (free < 0) free = slot;
        break;
      }
      if (this.hashes[slot] === h && key.length === len && text.slice(start, end) === key)
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

/**
 * FNV-1a over the length and at most about 32 code units spread over `text[start, end)`: a whole
 * segment (a tool line, a paragraph) read character by character in JS costs more than the native
 * comparison that confirms a hit. Ranges that share these samples only share a probe window.
 */
function hashRange(text: string, start: number, end: number): number {
  const len = end - start;
  const step = (len >> 5) + 1;
  let h = Math.imul(0x811c9dc5 ^ len, 0x01000193);
  for (let i = start; i < end; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ text.charCodeAt(end - 1), 0x01000193);
}
