import type { Diagnostic, Severity } from '../diagnostics/types';
import { SEED_CODES } from '../seed/codes';
import { IntCounts, NameCounts } from './counts';
import type { LineFeatures } from './features';
import type { NumericFeature } from './filters';

const SEED_CODE_SET: ReadonlySet<string> = new Set(SEED_CODES.map((c) => c.code));

/**
 * The running totals behind the overview. `add` a line's features when the check pass reaches it,
 * `remove` the same features (as they were added) before adding the new ones when the line is edited or
 * reviewed: the totals then equal a fresh computation over the current lines, without a recount.
 * {@link summarize} turns the totals into the figures the overview and `afcurate stats` show.
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

  add(f: LineFeatures): void {
    this.apply(f, 1);
  }

  remove(f: LineFeatures): void {
    this.apply(f, -1);
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

  private apply(f: LineFeatures, sign: 1 | -1): void {
    this.lines[f.kind] += sign;
    let seedCodes = false;
    for (const [code, n] of f.problems) {
      this.bump(this.diagnosticsByCode, code, sign, n);
      this.bump(this.linesByCode, code, sign);
      if (SEED_CODE_SET.has(code)) seedCodes = true;
    }
    for (const severity of ['error', 'warning', 'info'] as const) {
      const n = f.severities[severity];
      if (n === 0) continue;
      this.bump(this.diagnosticsBySeverity, severity, sign, n);
      this.bump(this.linesBySeverity, severity, sign);
    }
    const r = f.record;
    if (!r) return;
    for (const key of ['tokens', 'tools', 'calls', 'turns', 'rounds'] as const) {
      const v = r[key];
      // Tokens not counted yet are left out until they are.
      if (v === undefined) continue;
      if (sign > 0) this.numeric[key].add(v);
      else this.numeric[key].remove(v);
    }
    this.bump(this.formats, r.format, sign);
    if (seedCodes) this.seed.recordsAffected += sign;
    if (r.seedLost.tools + r.seedLost.params > 0) this.seed.recordsLosing += sign;
    this.seed.toolsLost += sign * r.seedLost.tools;
    this.seed.paramsLost += sign * r.seedLost.params;
    for (const [name, n] of r.calledTools) {
      this.bump(this.callsByTool, name, sign, n);
      this.bump(this.recordsByCalledTool, name, sign);
    }
    for (const name of new Set(r.toolNames)) this.bump(this.recordsByDeclaredTool, name, sign);
    this.bump(this.reviewByStatus, r.status, sign);
    for (const tag of new Set(r.tags)) this.bump(this.reviewByTag, tag, sign);
  }
}
