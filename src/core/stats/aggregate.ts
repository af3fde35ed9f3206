import { SEVERITY_RANK, severityOf } from '../diagnostics/registry';
import type { Diagnostic, Severity } from '../diagnostics/types';
import { SEED_CODES } from '../seed/codes';
import { IntCounts, NameCounts } from './counts';
import type { LineFeatures } from './features';
import type { NumericFeature } from './filters';
import { emptyFeatureRow, type FeatureRow, FeatureTable } from './table';

const SEED_CODE_SET: ReadonlySet<string> = new Set(SEED_CODES.map((c) => c.code));
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The running totals behind the overview. `add` a line's features when the check pass reaches it,
 * `remove` the same features (as they were added) before adding the new ones when the line is edited or
 * reviewed: the totals then equal a fresh computation over the current lines, without a recount.
 * {@link summarize} turns the totals into the figures the overview and `afcurate stats` show.
 *
 * The totals are taken from a line's row in a {@link FeatureTable} ({@link applyRow}), which is how the
 * editor keeps them; features given as objects are encoded in a one-line table first, so both ways
 * count with the same code.
 */
export class StatsAggregator {
  readonly lines = { record: 0, invalid: 0, blank: 0 };
  readonly numeric: Record<NumericFeature, IntCounts> = {
    tokens: new IntCounts(),
    tools: new IntCounts(),
    calls: new IntCounts(),
    turns: new IntCounts(),
    rounds: new IntCounts(),
  };
  readonly formats = new NameCounts();
  /** Diagnostics by code and by severity, file-level ones included. */
  readonly diagnosticsByCode = new NameCounts();
  readonly diagnosticsBySeverity = new NameCounts();
  /** Lines that carry at least one diagnostic of the code / severity. */
  readonly linesByCode = new NameCounts();
  readonly linesBySeverity = new NameCounts();
  readonly seed = { recordsAffected: 0, recordsLosing: 0, toolsLost: 0, paramsLost: 0 };
  readonly callsByTool = new NameCounts();
  readonly recordsByCalledTool = new NameCounts();
  readonly recordsByDeclaredTool = new NameCounts();
  readonly reviewByStatus = new NameCounts();
  readonly reviewByTag = new NameCounts();
  private fileDiagnostics: Diagnostic[] = [];
  /** The one-line table and row that features given as objects are read through. */
  private scratch: FeatureTable | undefined;
  private readonly scratchRow = emptyFeatureRow();
  /** Per severity, the diagnostics of the line being applied (see applyRow). */
  private readonly lineSeverities = [0, 0, 0];

  add(f: LineFeatures): void {
    this.applyFeatures(f, 1);
  }

  remove(f: LineFeatures): void {
    this.applyFeatures(f, -1);
  }

  private applyFeatures(f: LineFeatures, sign: 1 | -1): void {
    this.scratch ??= new FeatureTable(1);
    this.scratch.set(0, f);
    this.scratch.row(0, this.scratchRow);
    this.applyRow(this.scratchRow, sign);
  }

  /** A record's token count changed from `old` (undefined: not counted yet) to `tokens`: nothing else did. */
  replaceTokens(old: number | undefined, tokens: number): void {
    if (old !== undefined) this.numeric.tokens.remove(old);
    this.numeric.tokens.add(tokens);
  }

  /**
   * The file-level diagnostics (BOM, CRLF, binary file), which belong to no line: they count in the
   * problem totals and replace the previous set, since a re-scan reports them again.
   */
  setFileDiagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const d of this.fileDiagnostics) this.countDiagnostic(d.code, d.severity, -1);
    this.fileDiagnostics = [...diagnostics];
    for (const d of this.fileDiagnostics) this.countDiagnostic(d.code, d.severity, 1);
  }

  private countDiagnostic(code: string, severity: Severity, sign: 1 | -1): void {
    this.bump(this.diagnosticsByCode, code, sign);
    this.bump(this.diagnosticsBySeverity, severity, sign);
  }

  private bump(counts: NameCounts, name: string, sign: 1 | -1, times = 1): void {
    if (sign > 0) counts.add(name, times);
    else counts.remove(name, times);
  }

  /** Adds (`sign` 1) or takes out (-1) one line's features, as {@link FeatureTable.row} reads them. */
  applyRow(r: FeatureRow, sign: 1 | -1): void {
    this.lines[r.kind] += sign;
    const { pool, names } = r;
    const severities = this.lineSeverities;
    severities.fill(0);
    let seedCodes = false;
    for (let p = r.problems + 1, end = p + 2 * pool[r.problems]; p < end; p += 2) {
      const code = names[pool[p]];
      const n = pool[p + 1];
      this.bump(this.diagnosticsByCode, code, sign, n);
      this.bump(this.linesByCode, code, sign);
      if (SEED_CODE_SET.has(code)) seedCodes = true;
      severities[SEVERITY_RANK[severityOf(code)]] += n;
    }
    for (let s = 0; s < SEVERITIES.length; s++) {
      const n = severities[s];
      if (n === 0) continue;
      this.bump(this.diagnosticsBySeverity, SEVERITIES[s], sign, n);
      this.bump(this.linesBySeverity, SEVERITIES[s], sign);
    }
    if (r.format === undefined) return;
    // Tokens not counted yet are left out until they are.
    if (r.tokens !== undefined) this.count(this.numeric.tokens, r.tokens, sign);
    this.count(this.numeric.tools, r.tools, sign);
    this.count(this.numeric.calls, r.calls, sign);
    this.count(this.numeric.turns, r.turns, sign);
    this.count(this.numeric.rounds, r.rounds, sign);
    this.bump(this.formats, r.format, sign);
    if (seedCodes) this.seed.recordsAffected += sign;
    if (r.seedTools + r.seedParams > 0) this.seed.recordsLosing += sign;
    this.seed.toolsLost += sign * r.seedTools;
    this.seed.paramsLost += sign * r.seedParams;
    for (let p = r.calledTools + 1, end = p + 2 * pool[r.calledTools]; p < end; p += 2) {
      const name = names[pool[p]];
      this.bump(this.callsByTool, name, sign, pool[p + 1]);
      this.bump(this.recordsByCalledTool, name, sign);
    }
    this.bumpDistinct(this.recordsByDeclaredTool, r, r.toolNames, sign);
    this.bump(this.reviewByStatus, r.status, sign);
    this.bumpDistinct(this.reviewByTag, r, r.tags, sign);
  }

  private count(counts: IntCounts, value: number, sign: 1 | -1): void {
    if (sign > 0) counts.add(value);
    else counts.remove(value);
  }

  /** Counts each distinct name of the list at `at` once, in first-seen order (ids name one name each). */
  private bumpDistinct(counts: NameCounts, r: FeatureRow, at: number, sign: 1 | -1): void {
    const { pool, names } = r;
    const first = at + 1;
    const end = first + pool[at];
    if (end - first > 64) {
      for (const id of new Set(pool.subarray(first, end))) this.bump(counts, names[id], sign);
      return;
    }
    for (let p = first; p < end; p++) {
      let seen = false;
      for (let q = first; q < p && !seen; q++) seen = pool[q] === pool[p];
      if (!seen) this.bump(counts, names[pool[p]], sign);
    }
  }
}
