import type { StatsFilter } from '../core/stats/filters';

/**
 * "Show only these lines": the record list narrowed to the lines a chart bar stands for. The list keeps
 * asking for rows by position; the host answers from this line set instead of every row. Kept apart
 * from the list's own text and status filters (issue 4), so the two can be combined later by
 * intersecting their line sets.
 */
export class FilteredRows {
  private constructor(
    /** 0-based lines, ascending: the rows of the narrowed list. */
    readonly lines: Int32Array,
    readonly filter: StatsFilter,
  ) {}

  /**
   * The lines of `matching` that are rows of the list (blank lines never are), both in file order.
   * `rows` is the document's 0-based line of each row.
   */
  static of(filter: StatsFilter, matching: Int32Array, rows: Int32Array): FilteredRows {
    const out = new Int32Array(Math.min(matching.length, rows.length));
    let n = 0;
    let r = 0;
    for (let m = 0; m < matching.length && r < rows.length; m++) {
      const line = matching[m];
      while (r < rows.length && rows[r] < line) r++;
      if (r < rows.length && rows[r] === line) out[n++] = line;
    }
    return new FilteredRows(out.slice(0, n), filter);
  }

  get rowCount(): number {
    return this.lines.length;
  }

  /** The 0-based lines of rows [start, start + count). */
  page(start: number, count: number): Int32Array {
    return this.lines.subarray(
      Math.min(start, this.lines.length),
      Math.min(start + count, this.lines.length),
    );
  }

  /** The row showing 0-based line `line`; -1 when the line is not in the narrowed list. */
  rowOfLine(line: number): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid] < line) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.lines.length && this.lines[lo] === line ? lo : -1;
  }
}
