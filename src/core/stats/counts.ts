/**
 * Multisets that can take values back out, which is what lets the overview follow edits without a
 * recount. Memory grows with the number of distinct values, not of records: a file of 330,000 records
 * has a few thousand distinct token counts and a few dozen distinct tool counts.
 */

/** A multiset of non-negative integers with exact order statistics. */
export class IntCounts {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private sortedCache: [number, number][] | undefined;

  get size(): number {
    return this.n;
  }

  add(value: number, times = 1): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + times);
    this.n += times;
    this.sortedCache = undefined;
  }

  /** Takes one occurrence out; a value that is not there is a caller bug, reported loudly. */
  remove(value: number, times = 1): void {
    const c = this.counts.get(value) ?? 0;
    if (c < times) throw new RangeError(`IntCounts: removing ${value} ×${times}, but it is there ×${c}`);
    if (c === times) this.counts.delete(value);
    else this.counts.set(value, c - times);
    this.n -= times;
    this.sortedCache = undefined;
  }

  /** `[value, count]` by increasing value. */
  entries(): readonly [number, number][] {
    this.sortedCache ??= [...this.counts].sort((a, b) => a[0] - b[0]);
    return this.sortedCache;
  }

  min(): number | undefined {
    return this.entries()[0]?.[0];
  }

  max(): number | undefined {
    const e = this.entries();
    return e[e.length - 1]?.[0];
  }

  /** The k-th smallest value, 0-based. */
  nth(k: number): number | undefined {
    if (k < 0 || k >= this.n) return undefined;
    let seen = 0;
    for (const [v, c] of this.entries()) {
      seen += c;
      if (k < seen) return v;
    }
    return undefined;
  }

  /** The exact median; the mean of the two middle values when the count is even. */
  median(): number | undefined {
    if (this.n === 0) return undefined;
    const lo = this.nth((this.n - 1) >> 1) as number;
    const hi = this.nth(this.n >> 1) as number;
    return (lo + hi) / 2;
  }

  sum(): number {
    let s = 0;
    for (const [v, c] of this.counts) s += v * c;
    return s;
  }

  /** How many values lie in [min, max] (max inclusive; undefined means no bound). */
  countIn(min: number, max?: number): number {
    let s = 0;
    for (const [v, c] of this.counts) if (v >= min && (max === undefined || v <= max)) s += c;
    return s;
  }
}

/** A multiset of strings. */
export class NameCounts {
  private readonly counts = new Map<string, number>();

  add(name: string, times = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + times);
  }

  remove(name: string, times = 1): void {
    const c = this.counts.get(name) ?? 0;
    if (c < times) throw new RangeError(`NameCounts: removing "${name}" ×${times}, but it is there ×${c}`);
    if (c === times) this.counts.delete(name);
    else this.counts.set(name, c - times);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  get distinct(): number {
    return this.counts.size;
  }

  /** Most frequent first; ties by name so the order is stable. */
  top(limit = Number.POSITIVE_INFINITY): [string, number][] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit);
  }

  entries(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }
}
