import { addTally } from '../core/diagnostics/codeCounter';
import { SEVERITY_RANK, severityOf, toDiagnostic } from '../core/diagnostics/registry';
import type { Diagnostic, Severity } from '../core/diagnostics/types';
import { CrossLineState } from '../core/pipeline/fileAnalyzer';
import { addDuplicateToFeatures, type LineFeatures } from '../core/stats/features';
import {
  CodeListWriter,
  lineCodesOf,
  type PassResult,
  type PassTotals,
  type SummaryBatch,
} from '../editor/model/checkPass';
import { PROBLEM_LIMIT, type RangeBatch, type RangeOutcome } from './rangePass';

/**
 * Joins the batches of ranges checked apart (in file order) into exactly what the sequential pass
 * reports: it keeps the state that spans lines (duplicate ids, CRLF, BOM), adds each J09 where the
 * sequential pass puts it (first on its line), and tallies the totals in file order.
 */
export class PassMerger {
  private readonly state = new CrossLineState();
  private readonly totals: PassTotals;
  private total = 0;
  /** The first `limit` J09 diagnostics of each severity, to merge with the ranges' kept diagnostics. */
  private readonly duplicates: Record<Severity, Diagnostic[]> = { error: [], warning: [], info: [] };
  /** The ranges' kept diagnostics so far, in file order, each severity's list cut at the limit. */
  private readonly fromRanges: Record<Severity, Diagnostic[]> = { error: [], warning: [], info: [] };

  constructor(
    lines: number,
    hasBom: boolean,
    private readonly problemLimit = PROBLEM_LIMIT,
  ) {
    if (hasBom) this.state.noteBom();
    this.totals = { lines, records: 0, counts: { error: 0, warning: 0, info: 0 }, byCode: {} };
  }

  /** The batch as the sequential pass reports it (changed in place), with the totals so far. */
  merge(part: RangeBatch): { batch: SummaryBatch; totals: PassTotals } {
    const { batch, ids, idLines, tally } = part;
    this.totals.records += part.records;
    let duplicates = 0;
    let firstDuplicateLine = 0;
    for (let k = 0; k < ids.length; k++) {
      const i = idLines[k];
      const finding = this.state.noteId(ids[k], i + 1);
      if (!finding) continue;
      if (duplicates++ === 0) firstDuplicateLine = i;
      const d = toDiagnostic(finding, i + 1);
      this.addDuplicate(batch, i, d, part.features?.[i - batch.start]);
      batch.context.push([i, [finding]]);
      const kept = this.duplicates[d.severity];
      if (kept.length < this.problemLimit) kept.push(d);
    }
    addTally(tally, duplicates, firstDuplicateLine, (code, n) => this.tally(code, n));
    return { batch, totals: this.totals };
  }

  /** A range's end, once its last batch is merged (ranges in file order). */
  mergeOutcome(outcome: RangeOutcome): void {
    this.state.noteCrlf(outcome.firstCrlfLine, outcome.crlfLines);
    for (const severity of ['error', 'warning', 'info'] as const) {
      const list = this.fromRanges[severity];
      for (const d of outcome.kept[severity]) {
        if (list.length >= this.problemLimit) break;
        list.push(d);
      }
    }
  }

  /** The end of the pass, once every range's outcome is merged: the file-level diagnostics and the result. */
  finish(): { fileDiagnostics: Diagnostic[]; result: PassResult } {
    const fileDiagnostics = this.state.finish();
    for (const d of fileDiagnostics) this.tally(d.code);
    const kept: Diagnostic[] = [];
    for (const severity of ['error', 'warning', 'info'] as const) {
      const merged = mergeByLine(this.duplicates[severity], this.fromRanges[severity]).slice(
        0,
        this.problemLimit,
      );
      for (const d of fileDiagnostics)
        if (d.severity === severity && merged.length < this.problemLimit) merged.push(d);
      kept.push(...merged);
    }
    const published = kept
      .slice(0, this.problemLimit)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
    return { fileDiagnostics, result: { ...this.totals, published, total: this.total } };
  }

  private tally(code: string, n = 1): void {
    this.total += n;
    this.totals.counts[severityOf(code)] += n;
    this.totals.byCode[code] = (this.totals.byCode[code] ?? 0) + n;
  }

  /** J09 on line `i` as the sequential pass has it: first of the line's diagnostics. */
  private addDuplicate(
    batch: SummaryBatch,
    i: number,
    d: Diagnostic,
    features: LineFeatures | undefined,
  ): void {
    const k = i - batch.start;
    const counts =
      d.severity === 'error' ? batch.errors : d.severity === 'warning' ? batch.warnings : batch.infos;
    counts[k] = Math.min(counts[k] + 1, 0xffff);
    const rank = SEVERITY_RANK[d.severity];
    const codes = lineCodesOf(batch, k);
    let j = 0;
    while (j < codes.length && SEVERITY_RANK[severityOf(codes[j])] < rank) j++;
    codes.splice(j, 0, d.code);
    new CodeListWriter(batch).set(k, codes);
    if (features) addDuplicateToFeatures(features, d);
  }
}

/** Two line-ordered lists as one, `first` ahead on the same line (J09 comes first on its line). */
function mergeByLine(first: readonly Diagnostic[], second: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let a = 0;
  let b = 0;
  while (a < first.length || b < second.length) {
    if (b >= second.length || (a < first.length && first[a].line <= second[b].line)) out.push(first[a++]);
    else out.push(second[b++]);
  }
  return out;
}
