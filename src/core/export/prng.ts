/**
 * The seeded randomness of export, defined bit for bit so that the same inputs and seed give
 * byte-identical files on any machine and Node version (no Math.random, no floating point).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit, from PractRand).
 * Seeding: a seed s (an integer 0 ≤ s < 2^53) sets a = 0, b = s mod 2^32, c = floor(s / 2^32),
 * counter = 1, and the first 12 outputs are discarded, as PractRand seeds it from a 64-bit value.
 * Step: t = a + b + counter; counter += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t;
 * output t (all arithmetic mod 2^32).
 */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be an integer 0 … 2^53-1, not ${seed}`);
    this.a = 0;
    this.b = seed >>> 0;
    this.c = Math.floor(seed / 0x100000000) >>> 0;
    this.counter = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The next 32-bit output, as an unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /**
   * A uniform integer in [0, n), n ≤ 2^32, without modulo bias: outputs at or above the largest
   * multiple of n below 2^32 are drawn again.
   */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const r = this.next();
      if (r < limit) return r % n;
    }
  }
}

/** Fisher–Yates, from the last element down: item i swaps with a uniform j in [0, i]. In place. */
export function shuffleInPlace(items: Uint32Array | number[], rng: Sfc32): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/**
 * `k` distinct items of `items`, chosen uniformly: the first k steps of a forward Fisher–Yates
 * (position i swaps with a uniform j in [i, n)), so drawing k costs k draws, not n.
 */
export function sampleInPlace(items: Uint32Array, k: number, rng: Sfc32): Uint32Array {
  const n = items.length;
  for (let i = 0; i < k && i < n - 1; i++) {
    const j = i + rng.below(n - i);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items.subarray(0, Math.min(k, n));
}
