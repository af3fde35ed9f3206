import type { SourceWeight } from './types';

export interface Take {
  /** What the weight asks for. */
  requested: number;
  /** What is taken: the request, capped at the records available (nothing is repeated). */
  take: number;
}

/**
 * How many records each source contributes, given its weight and the records that passed every
 * filter (`eligible`):
 * - no weight: all of them; `#N`: N of them (all when fewer are available);
 * - a ratio r: round(r × base) records, where base is the number taken from the sources without a
 *   ratio (so `general.jsonl:2.0` next to `agent.jsonl` is twice as many general records as agent
 *   records, like ms-swift's `--train_dataset_mix_ratio`);
 * - when every source has a ratio, the ratios are relative shares and base is the largest that every
 *   source can supply: min(eligible / r) over the sources with r > 0.
 * Rounding is half up. A request larger than what is available takes everything and reports the
 * shortfall; records are never repeated (a repeat could land in both train and val).
 */
export function planTakes(weights: readonly SourceWeight[], eligible: readonly number[]): Take[] {
  const out: Take[] = weights.map(() => ({ requested: 0, take: 0 }));
  let base = 0;
  let anyFixed = false;
  weights.forEach((w, i) => {
    if (w.kind === 'ratio') return;
    anyFixed = true;
    const requested = w.kind === 'all' ? eligible[i] : w.count;
    out[i] = { requested, take: Math.min(requested, eligible[i]) };
    base += out[i].take;
  });
  if (!anyFixed) {
    let shares = Number.POSITIVE_INFINITY;
    weights.forEach((w, i) => {
      if (w.kind === 'ratio' && w.ratio > 0) shares = Math.min(shares, eligible[i] / w.ratio);
    });
    base = Number.isFinite(shares) ? shares : 0;
  }
  weights.forEach((w, i) => {
    if (w.kind !== 'ratio') return;
    const requested = Math.round(w.ratio * base);
    out[i] = { requested, take: Math.min(requested, eligible[i]) };
  });
  return out;
}

/**
 * Records that go to val.jsonl out of `total`: ceil(total × ratio), as Hugging Face's
 * `train_test_split` sizes a test set, but never all of them: train keeps at least one record.
 */
export function valCount(total: number, ratio: number): number {
  if (ratio <= 0 || total < 2) return 0;
  // The small tolerance keeps 0.07 × 100 (7.000000000000001 in binary) at 7.
  return Math.min(total - 1, Math.ceil(total * ratio - 1e-9));
}
