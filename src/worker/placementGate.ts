import { SEVERITY_RANK } from '../core/diagnostics/registry';
import type { Severity } from '../core/diagnostics/types';
import type { SummaryBatch } from '../editor/model/checkPass';

/** Shared counts for `ranges` ranges: three per range, the diagnostics of each severity found so far. */
export function createFoundCounts(ranges: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, ranges) * 3 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Decides, in a check worker, whether its range still needs to place its diagnostics of a severity on
 * their lines (their columns, for the Problems panel, which shows the first 1,000 of each severity in
 * file order). It does not once the ranges before it have found that many: every worker adds what each
 * batch found to its range's shared count, and reads the counts of the ranges before it. A count of a
 * range still being checked only grows, so the sum is a lower bound and a range never skips one of the
 * first 1,000. Without it the second worker placed its own first 1,000 of each severity (reading each
 * line again to find its turns) though the first worker's had long filled the panel.
 */
export class PlacementGate {
  private readonly enough = [false, false, false];
  /** The batch at which each severity's sum was last read (read at most once a batch). */
  private readonly readAt = [-1, -1, -1];
  private batch = 0;

  constructor(
    private readonly found: Int32Array,
    private readonly range: number,
    private readonly limit: number,
  ) {}

  /** Whether the range's diagnostics of `severity` still need placing. */
  keeps(severity: Severity): boolean {
    const s = SEVERITY_RANK[severity];
    if (this.enough[s]) return false;
    if (this.readAt[s] === this.batch) return true;
    this.readAt[s] = this.batch;
    let before = 0;
    for (let r = 0; r < this.range && before < this.limit; r++) before += Atomics.load(this.found, 3 * r + s);
    this.enough[s] = before >= this.limit;
    return !this.enough[s];
  }

  /** Adds what a batch of the range found (its lines' counts of each severity). */
  addBatch(batch: Pick<SummaryBatch, 'errors' | 'warnings' | 'infos'>): void {
    this.add(sum(batch.errors), sum(batch.warnings), sum(batch.infos));
  }

  /** Adds these many diagnostics of each severity found in the range. */
  add(errors: number, warnings: number, infos: number): void {
    const at = 3 * this.range;
    if (errors > 0) Atomics.add(this.found, at + SEVERITY_RANK.error, errors);
    if (warnings > 0) Atomics.add(this.found, at + SEVERITY_RANK.warning, warnings);
    if (infos > 0) Atomics.add(this.found, at + SEVERITY_RANK.info, infos);
    this.batch++;
  }
}

function sum(counts: Uint16Array): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  return n;
}
