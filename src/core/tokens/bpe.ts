/**
 * Byte-pair merging over a tiktoken rank table, as tiktoken does it: start from single bytes and
 * repeatedly merge the adjacent pair whose concatenation has the lowest rank (the leftmost on a tie)
 * until no pair has a rank. Only the number of resulting tokens is needed.
 *
 * Ranks are keyed by the token's bytes as a latin1 string (one character per byte): a native Map
 * lookup, where js-tiktoken joins byte arrays into "1,2,3" keys; that made it ~20× slower on the
 * unique Chinese pieces real datasets are full of.
 */
export type RankTable = Map<string, number>;

const NONE = Number.MAX_SAFE_INTEGER;

/** Above this many bytes the quadratic merge gives way to the heap (a base64 blob is one long piece). */
const LONG_PIECE = 256;

/** Tokens of one pre-tokenized piece (its UTF-8 bytes as a latin1 string). */
export function countBytePairs(bytes: string, ranks: RankTable): number {
  const n = bytes.length;
  if (n <= 1 || ranks.has(bytes)) return n === 0 ? 0 : 1;
  return n > LONG_PIECE ? countBytePairsHeap(bytes, ranks) : countBytePairsQuadratic(bytes, ranks);
}

/** tiktoken's own loop: rescan all pairs after each merge. Fastest for the short pieces of real text. */
export function countBytePairsQuadratic(bytes: string, ranks: RankTable): number {
  const n = bytes.length;
  // starts[k] is where part k begins; pairRank[k] the rank of parts k and k+1 merged.
  const starts: number[] = new Array(n + 1);
  const pairRank: number[] = new Array(n + 1);
  for (let i = 0; i <= n; i++) starts[i] = i;
  for (let i = 0; i < n - 1; i++) pairRank[i] = ranks.get(bytes.slice(i, i + 2)) ?? NONE;
  pairRank[n - 1] = NONE;
  pairRank[n] = NONE;
  let parts = n;
  for (;;) {
    let best = NONE;
    let at = -1;
    for (let k = 0; k < parts - 1; k++) {
      if (pairRank[k] < best) {
        best = pairRank[k];
        at = k;
      }
    }
    if (at < 0) return parts;
    // Merge parts at and at+1, then re-rank the pairs that now touch the merged part.
    starts.splice(at + 1, 1);
    pairRank.splice(at + 1, 1);
    parts--;
    pairRank[at] = rankOf(bytes, starts, at, parts, ranks);
    if (at > 0) pairRank[at - 1] = rankOf(bytes, starts, at - 1, parts, ranks);
  }
}

/** Rank of parts k and k+1 joined, or NONE. */
function rankOf(bytes: string, starts: number[], k: number, parts: number, ranks: RankTable): number {
  if (k + 1 >= parts) return NONE;
  return ranks.get(bytes.slice(starts[k], starts[k + 2])) ?? NONE;
}

/**
 * The same merges in O(n log n): parts form a linked list by start offset, and candidate pairs sit in
 * a min-heap keyed by (rank, start), so the lowest rank wins and, on a tie, the leftmost, exactly as
 * in the rescanning loop. Entries made stale by a merge are skipped when popped.
 */
export function countBytePairsHeap(bytes: string, ranks: RankTable): number {
  const n = bytes.length;
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const pairRank = new Float64Array(n).fill(NONE);
  const alive = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const heap = new MinHeap();
  // Key = rank × 2^32 + start: exact in a double while ranks stay below 2^21.
  const rankPair = (i: number) => {
    const j = next[i];
    const r = j < n ? (ranks.get(bytes.slice(i, next[j])) ?? NONE) : NONE;
    pairRank[i] = r;
    if (r !== NONE) heap.push(r * 0x100000000 + i);
  };
  for (let i = 0; i < n - 1; i++) rankPair(i);
  let parts = n;
  while (heap.size > 0) {
    const key = heap.pop();
    const i = key % 0x100000000;
    const r = (key - i) / 0x100000000;
    if (!alive[i] || pairRank[i] !== r) continue;
    const j = next[i];
    alive[j] = 0;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    parts--;
    rankPair(i);
    if (prev[i] >= 0) rankPair(prev[i]);
  }
  return parts;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const a = this.items;
    let i = a.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= x) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Reads js-tiktoken's packed rank format (lines of `<ignored> <first rank> <base64 token> …`, ranks
 * consecutive within a line), which is how its bundled encodings ship.
 */
export function ranksFromPacked(packed: string): RankTable {
  const ranks: RankTable = new Map();
  for (const line of packed.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1], 10);
    for (let i = 2; i < fields.length; i++) {
      // atob gives the latin1 string directly: a third of the time of a Buffer per token, and each
      // worker thread that counts builds this table before its first batch.
      ranks.set(atob(fields[i]), first + i - 2);
    }
  }
  return ranks;
}
