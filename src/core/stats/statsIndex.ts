import type { Diagnostic } from '../diagnostics/types';
import { StatsAggregator } from './aggregate';
import type { LineFeatures } from './features';
import type { StatsFilter } from './filters';
import { type StatsSummary, type SummaryOptions, summarize } from './summary';
import { emptyFeatureRow, FeatureTable, type FeatureTableData, hasEncodedRow } from './table';

/**
 * What the editor host keeps for the overview: every line's features and the running totals, kept in
 * step. `set` a line when the check pass reports it and again after an edit or a review (the old
 * features are taken out of the totals first); `summary` for the charts; `matching` for the record list
 * when a bar is clicked.
 */
export class StatsIndex {
  private aggregator = new StatsAggregator();
  private table: FeatureTable;
  /** Per source of encoded batches (a check worker's range), its name ids → the table's. */
  private sourceIds = new Map<number, number[]>();
  private readonly row = emptyFeatureRow();

  constructor(lineCount = 1024) {
    this.table = new FeatureTable(lineCount);
  }

  /** Sets (or replaces) the features of 0-based line `index`. */
  set(index: number, features: LineFeatures): void {
    this.takeOut(index);
    this.table.set(index, features);
    this.putIn(index);
  }

  /**
   * Sets (or replaces) the features of lines `start`… from a batch another table encoded, row by row
   * without building feature objects: a check worker's batch, `source` naming the worker's range, whose
   * batches must come in the order they were encoded (each brings only the names the ones before did not).
   */
  setEncoded(source: number, start: number, data: FeatureTableData): void {
    let ids = this.sourceIds.get(source);
    if (!ids) {
      ids = [];
      this.sourceIds.set(source, ids);
    }
    if (ids.length !== data.firstName)
      throw new Error(`StatsIndex: batch names from ${data.firstName}, but ${ids.length} came before`);
    for (const name of data.names) ids.push(this.table.nameId(name));
    for (let k = 0; k < data.lines; k++) {
      if (!hasEncodedRow(data, k)) continue;
      this.takeOut(start + k);
      this.table.copyRow(start + k, data, k, ids);
      this.putIn(start + k);
    }
  }

  private takeOut(index: number): void {
    if (this.table.row(index, this.row)) this.aggregator.applyRow(this.row, -1);
  }

  private putIn(index: number): void {
    if (this.table.row(index, this.row)) this.aggregator.applyRow(this.row, 1);
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
    this.takeOut(index);
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
    this.sourceIds = new Map();
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
