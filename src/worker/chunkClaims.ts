import type { Severity } from '../core/diagnostics/types';

/**
 * How the check workers share out the chunks of a file: a shared `Int32Array` that the host sets up and
 * every worker reads and changes with `Atomics`, so no worker waits for the host to be handed work.
 *
 * The chunks are split into one region per worker, in file order. A worker takes its own region's chunks
 * from the front, in order, and once its region is used up takes chunks from the back of the region with
 * the most left. So each worker mostly stays in one contiguous part of the file (the code it runs warms up
 * for what that part holds: a worker that took chunks all over a file whose halves hold different kinds
 * of records had both kinds' code to compile, and the pass got slower), and still none sits idle while
 * another has a long run of lines ahead of it.
 *
 * A region's untaken chunks `[front, back)` sit in one slot (front in the low 16 bits, back in the high),
 * so the owner taking from the front and a thief taking from the back agree through one compare-and-swap.
 */
export const ClaimSlot = {
  /** The next chunk to count tokens of (one counter: counting is the same code for every record). */
  nextCount: 0,
  /**
   * 1 in a severity's slot ({@link ENOUGH_SLOT}) once the chunks merged so far keep the Problems panel's
   * limit of that severity: later chunks need not work out where theirs sit on their lines.
   */
  enough: 1,
  /** Slot `current + w`: the chunk worker `w` is on (-1 before its first), so a crash can name its lines. */
  current: 4,
} as const;

/** The `enough` slot of each severity. */
export const ENOUGH_SLOT: Record<Severity, number> = {
  error: ClaimSlot.enough,
  warning: ClaimSlot.enough + 1,
  info: ClaimSlot.enough + 2,
};

/** Chunks a region can hold: its front and back share a 32-bit slot. */
export const MAX_CHUNKS = 0xffff;

function regionSlot(workers: number, region: number): number {
  return ClaimSlot.current + workers + region;
}

/** The shared claims for `chunks` chunks and `workers` workers (one region each), ready to hand out. */
export function createClaims(chunks: number, workers: number): Int32Array {
  if (chunks > MAX_CHUNKS) throw new RangeError(`at most ${MAX_CHUNKS} chunks, not ${chunks}`);
  const claims = new Int32Array(new SharedArrayBuffer((ClaimSlot.current + 2 * workers) * 4));
  claims.fill(-1, ClaimSlot.current, ClaimSlot.current + workers);
  for (let r = 0; r < workers; r++) {
    const front = Math.floor((r * chunks) / workers);
    const back = Math.floor(((r + 1) * chunks) / workers);
    claims[regionSlot(workers, r)] = front | (back << 16);
  }
  return claims;
}

/** Takes a chunk of `region` from its front or back; -1 when it has none left. */
function take(claims: Int32Array, slot: number, fromBack: boolean): number {
  for (;;) {
    const word = Atomics.load(claims, slot);
    const front = word & 0xffff;
    const back = word >>> 16;
    if (front >= back) return -1;
    const next = fromBack ? front | ((back - 1) << 16) : (front + 1) | (back << 16);
    if (Atomics.compareExchange(claims, slot, word, next) === word) return fromBack ? back - 1 : front;
  }
}

/**
 * The next chunk for worker `w` of `workers` to check: the front of its own region, else the back of the
 * region with the most chunks left; -1 when every chunk is taken. Noted as the worker's current chunk.
 */
export function claimChunk(claims: Int32Array, workers: number, w: number): number {
  let c = take(claims, regionSlot(workers, w), false);
  while (c === -1) {
    let most = 0;
    let region = -1;
    for (let r = 0; r < workers; r++) {
      const word = Atomics.load(claims, regionSlot(workers, r));
      const left = (word >>> 16) - (word & 0xffff);
      if (left > most) {
        most = left;
        region = r;
      }
    }
    if (region === -1) return -1;
    c = take(claims, regionSlot(workers, region), true);
  }
  Atomics.store(claims, ClaimSlot.current + w, c);
  return c;
}

/** The next chunk to count tokens of, for any worker; -1 when every chunk is taken. */
export function claimCountChunk(claims: Int32Array, chunks: number, w: number): number {
  const c = Atomics.add(claims, ClaimSlot.nextCount, 1);
  if (c >= chunks) return -1;
  Atomics.store(claims, ClaimSlot.current + w, c);
  return c;
}

/** The chunk worker `w` was last on, or -1. */
export function currentChunk(claims: Int32Array, w: number): number {
  return Atomics.load(claims, ClaimSlot.current + w);
}

/** Tells the workers that no more diagnostics of `severity` need placing. */
export function markEnough(claims: Int32Array, severity: Severity): void {
  Atomics.store(claims, ENOUGH_SLOT[severity], 1);
}

/** Whether diagnostics of `severity` still need placing (see {@link ClaimSlot.enough}). */
export function needsMore(claims: Int32Array, severity: Severity): boolean {
  return Atomics.load(claims, ENOUGH_SLOT[severity]) === 0;
}
