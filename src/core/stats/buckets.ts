import type { IntCounts } from './counts';
import type { NumericFeature, StatsFilter } from './filters';

/** One bar: its label, its height and which lines it stands for. */
export interface Bucket {
  label: string;
  /** Inclusive range of the feature; no `max` for the open-ended last bar. */
  min: number;
  max?: number;
  count: number;
  filter: StatsFilter;
}

/** Bars of one value each while the values span at most this many; ranges beyond. */
const MAX_SINGLE_BARS = 40;
const TARGET_BARS = 24;

function bucket(feature: NumericFeature, min: number, max: number | undefined, count: number): Bucket {
  const label = max === undefined ? `> ${min - 1}` : min === max ? String(min) : `${min}–${max}`;
  const filter: StatsFilter = max === undefined ? { kind: feature, min } : { kind: feature, min, max };
  return { label, min, ...(max === undefined ? {} : { max }), count, filter };
}

/** 1, 2, 5, 10, 20, 50… the smallest not below `x`. */
export function niceWidth(x: number): number {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * Bars over small integers (tools, calls, turns): one per value from the smallest to the largest seen
 * (gaps shown as empty bars, so the axis is even), or equal ranges when the values spread wide.
 */
export function integerBuckets(feature: NumericFeature, counts: IntCounts): Bucket[] {
  const lo = counts.min();
  const hi = counts.max();
  if (lo === undefined || hi === undefined) return [];
  const width = hi - lo + 1 <= MAX_SINGLE_BARS ? 1 : niceWidth((hi - lo + 1) / TARGET_BARS);
  const sums = new Map<number, number>();
  for (const [v, c] of counts.entries()) {
    const b = Math.floor(v / width);
    sums.set(b, (sums.get(b) ?? 0) + c);
  }
  const out: Bucket[] = [];
  for (let b = Math.floor(lo / width); b <= Math.floor(hi / width); b++) {
    out.push(bucket(feature, b * width, b * width + width - 1, sums.get(b) ?? 0));
  }
  return out;
}

/** Divisors of n, so a bar edge can fall exactly on `max_length`. */
function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) out.push(d, n / d);
  }
  return out;
}

function tokenWidth(maxLength: number, span: number): number {
  const target = Math.max(1, span / TARGET_BARS);
  let best: number | undefined;
  for (const d of divisors(maxLength)) {
    if (d < target / 2 || d > target * 2) continue;
    if (best === undefined || Math.abs(Math.log(d / target)) < Math.abs(Math.log(best / target))) best = d;
  }
  return best ?? niceWidth(target);
}

export interface TokenBuckets {
  buckets: Bucket[];
  /**
   * Index of the last bar that lies wholly at or below `max_length`: draw the line after it. It is the
   * last bar when no record comes near the limit (the bars then stop at the data, not at the line).
   */
  lineAfter: number;
}

/**
 * Bars of tokens per record with an edge exactly at `max_length` (bars up to it end on it, bars beyond
 * start right after), so the bars right of the line hold exactly the records over the limit. Bars run
 * to the 99th percentile or 4 × max_length, whichever is further, and one open bar holds the rest.
 */
export function tokenBuckets(counts: IntCounts, maxLength: number): TokenBuckets {
  const lo = counts.min();
  const hi = counts.max();
  if (lo === undefined || hi === undefined) return { buckets: [], lineAfter: -1 };
  const ranges: [number, number][] = [];
  let lineAfter: number;
  if (hi * 2 < maxLength) {
    // Far below the limit: bars over the data, or they would all crowd into the first one.
    const width = niceWidth((hi + 1) / TARGET_BARS);
    for (let start = 0; start <= hi; start += width) ranges.push([start, start + width - 1]);
    lineAfter = ranges.length - 1;
  } else {
    const p99 = counts.nth(Math.floor((counts.size - 1) * 0.99)) ?? hi;
    const cap = Math.max(maxLength, Math.min(hi, Math.max(4 * maxLength, p99)));
    const width = tokenWidth(maxLength, cap);
    for (let end = width; ; end += width) {
      const last = Math.min(end, maxLength);
      ranges.push([ranges.length === 0 ? 0 : ranges[ranges.length - 1][1] + 1, last]);
      if (last === maxLength) break;
    }
    lineAfter = ranges.length - 1;
    for (let start = maxLength + 1; start <= cap; start += width) ranges.push([start, start + width - 1]);
  }
  const buckets = ranges.map(([a, b]) => bucket('tokens', a, b, counts.countIn(a, b)));
  const beyond = ranges[ranges.length - 1][1] + 1;
  if (hi >= beyond) buckets.push(bucket('tokens', beyond, undefined, counts.countIn(beyond)));

  // Empty bars left of the data say nothing; keep the bar that ends on the line in view.
  let first = 0;
  while (first < lineAfter && buckets[first].count === 0) first++;
  return { buckets: buckets.slice(first), lineAfter: lineAfter - first };
}
