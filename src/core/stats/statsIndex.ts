import type { Diagnostic } from '../diagnostics/types';
import { StatsAggregator } from './aggregate';
import type { LineFeatures } from './features';
import type { StatsFilter } from './filters';
import { type StatsSummary, type SummaryOptions, summarize } from './summary';
import { FeatureTable } from './table';

/**
 * What the editor host keeps for the overview: every line's features and the running totals, kept in
 * step. `set` a line when the check pass reports it and again after an edit or a review (the old
 * features are taken out of the totals first); `summary` for the charts; `matching` for the record list
 * when a bar is clicked.
 */
export class StatsIndex {
  private aggregator = new StatsAggregator();
  private table: FeatureTable;

  constructor(lineCount = 1024) {
    this.table = new FeatureTable(lineCount);
  }

  /** Sets (or replaces) the features of 0-based line `index`. */
  set(index: number, features: LineFeatures): void {
    const old = this.table.get(index);
    if (old) this.aggregator.remove(old);
    this.table.set(index, features);
    this.aggregator.add(features);
  }

  /** Gives record line `index` its token count (the check pass's second sweep); other lines are left. */
  setTokens(index: number, tokens: number): void {
    // Only the tokens column and histogram change: rebuilding the line's features to take them out and
    // put them back cost the host most of a second per 30,000 records during the token sweep.
    if (!this.table.isRecord(index)) return;
    this.aggregator.replaceTokens(this.table.tokensAt(index), tokens);
    this.table.setTokens(index, tokens);
  }

  delete(index: number): void {
    const old = this.table.get(index);
    if (!old) return;
    this.aggregator.remove(old);
    this.table.delete(index);
  }

  get(index: number): LineFeatures | undefined {
    return this.table.get(index);
  }

  setFileDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.aggregator.setFileDiagnostics(diagnostics);
  }

  /** Forgets everything, e.g. before a new check pass over a changed file. */
  clear(lineCount = 1024): void {
    this.aggregator = new StatsAggregator();
    this.table = new FeatureTable(lineCount);
  }

  get size(): number {
    return this.table.size;
  }

  summary(opts: SummaryOptions): StatsSummary {
    return summarize(this.aggregator, opts);
  }

  /** 0-based lines a chart bar stands for, in file order. */
  matching(filter: StatsFilter): Int32Array {
    return this.table.matching(filter);
  }
}
