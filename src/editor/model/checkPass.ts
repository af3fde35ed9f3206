import { SEVERITY_RANK, toDiagnostic } from '../../core/diagnostics/registry';
import type { Diagnostic, DiagnosticFacts, Finding, Severity } from '../../core/diagnostics/types';
import type { LineIndex } from '../../core/jsonl/lineIndex';
import { type AnalyzedLine, FileAnalyzer, type RawLine } from '../../core/pipeline/fileAnalyzer';
import { locateTurns, spanToColumns, type TurnLiterals } from '../../core/pipeline/locate';
import { REVIEW_KEY, type ReviewState, readReview, UNREVIEWED } from '../../core/review/state';
import type { Format } from '../../core/types';

/**
 * The full check pass over a document's bytes, as the worker thread runs it. Pure and synchronous so it
 * can be unit-tested without a worker. It keeps nothing per finding: each line is boiled down to a small
 * summary (kind, format, counts, distinct codes) that the host stores in typed arrays, and only a bounded
 * list of diagnostics (the first of each severity) is kept for the Problems panel. A record's full
 * problems are recomputed on demand when it is shown.
 */

export const LINE_KIND = { unknown: 0, record: 1, blank: 2, invalid: 3 } as const;
export const FORMATS: readonly Format[] = ['ms_agent', 'agentfabric', 'agentfabric-seed', 'chat'];

/** Findings that depend on other lines (duplicate ids), which a record checked alone cannot reproduce. */
export const CONTEXT_CODES: ReadonlySet<string> = new Set(['J09']);

export interface SummaryBatch {
  /** 0-based index of the first line in the batch. */
  start: number;
  kinds: Uint8Array;
  /** Index into {@link FORMATS} + 1; 0 for lines that are not records. */
  formats: Uint8Array;
  errors: Uint16Array;
  warnings: Uint16Array;
  infos: Uint16Array;
  /**
   * The distinct codes of each line with findings, most severe first. `codeLists` holds each different
   * list once, joined with ','; `codeRefs[k]` is 1 + the index of the batch's k-th line's list, or 0. A
   * file's lines share a few lists, so a batch crosses threads as a few strings and one typed array.
   */
  codeLists: string[];
  codeRefs: Uint32Array;
  /** [0-based line, findings] for findings in {@link CONTEXT_CODES}. */
  context: [number, Finding[]][];
  /** [0-based line, review state] for records the file holds a review state for (`_review`). */
  reviews?: [number, ReviewState][];
}

export interface PassTotals {
  lines: number;
  records: number;
  counts: Record<Severity, number>;
  byCode: Record<string, number>;
}

export interface PassResult extends PassTotals {
  /** The diagnostics for the Problems panel: at most `problemLimit`, errors first, then by line. */
  published: Diagnostic[];
  /** How many diagnostics the pass found in all. */
  total: number;
}

export interface PassOptions {
  batchLines?: number;
  problemLimit?: number;
  onBatch(batch: SummaryBatch, totals: PassTotals): void;
  /** Every analysed line, before the batch it belongs to is reported (the overview's features). */
  onLine?(analyzed: AnalyzedLine): void;
  /** The file-level diagnostics (BOM, CRLF), once at the end. */
  onFileDiagnostics?(diagnostics: Diagnostic[]): void;
}

/** Keeps the first `limit` diagnostics of each severity; lines arrive in order, so these are the lowest. */
class ProblemCollector {
  private readonly kept: Record<Severity, Diagnostic[]> = { error: [], warning: [], info: [] };

  constructor(private readonly limit: number) {}

  wants(severity: Severity): boolean {
    return this.kept[severity].length < this.limit;
  }

  add(d: Diagnostic): void {
    this.kept[d.severity].push(d);
  }

  result(): Diagnostic[] {
    return [...this.kept.error, ...this.kept.warning, ...this.kept.info].slice(0, this.limit);
  }
}

export function rawLineAt(buf: Buffer, index: LineIndex, i: number): RawLine {
  return {
    line: i + 1,
    bytes: buf.subarray(index.start(i), index.end(i)),
    crlf: index.hasCrlf(i),
    unterminated: index.lastLineUnterminated && i === index.count - 1,
  };
}

/** Gives a diagnostic that points into a turn its column on the physical line (for the Problems panel). */
export function placeOnLine(
  d: Diagnostic,
  analyzed: Pick<AnalyzedLine, 'record' | 'text'>,
  literals: () => TurnLiterals,
): Diagnostic {
  if (d.column !== undefined || !d.span || !analyzed.record || analyzed.text === undefined) return d;
  const literal = literals()[d.span.turn];
  if (!literal) return d;
  const { column, length } = spanToColumns(analyzed.text, literal, d.span);
  return { ...d, column, length };
}

export function runCheckPass(buf: Buffer, index: LineIndex, opts: PassOptions): PassResult {
  const batchLines = opts.batchLines ?? 2000;
  const collector = new ProblemCollector(opts.problemLimit ?? 1000);
  const analyzer = new FileAnalyzer({ check: true });
  if (index.hasBom) analyzer.noteBom();
  const totals: PassTotals = {
    lines: index.count,
    records: 0,
    counts: { error: 0, warning: 0, info: 0 },
    byCode: {},
  };
  let total = 0;
  const tally = (d: Diagnostic) => {
    total++;
    totals.counts[d.severity]++;
    totals.byCode[d.code] = (totals.byCode[d.code] ?? 0) + 1;
  };

  for (let start = 0; start < index.count; start += batchLines) {
    const n = Math.min(batchLines, index.count - start);
    const batch = emptySummaryBatch(start, n);
    const codes = new CodeListWriter(batch);
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const analyzed = analyzer.line(rawLineAt(buf, index, i));
      opts.onLine?.(analyzed);
      batch.kinds[k] = LINE_KIND[analyzed.kind];
      if (analyzed.record) {
        totals.records++;
        batch.formats[k] = FORMATS.indexOf(analyzed.record.format) + 1;
        if (REVIEW_KEY in analyzed.record.value) {
          const review = readReview(analyzed.record.value);
          if (review !== UNREVIEWED) batch.reviews?.push([i, review]);
        }
      }
      if (analyzed.diagnostics.length === 0) continue;
      let literals: TurnLiterals | undefined;
      const lazyLiterals = () => {
        if (!literals)
          literals = analyzed.record && analyzed.text ? locateTurns(analyzed.record, analyzed.text) : [];
        return literals;
      };
      const counts = { error: 0, warning: 0, info: 0 };
      for (const d of analyzed.diagnostics) {
        counts[d.severity]++;
        tally(d);
        if (collector.wants(d.severity)) collector.add(placeOnLine(d, analyzed, lazyLiterals));
      }
      batch.errors[k] = Math.min(counts.error, 0xffff);
      batch.warnings[k] = Math.min(counts.warning, 0xffff);
      batch.infos[k] = Math.min(counts.info, 0xffff);
      codes.set(k, distinctCodes(analyzed.diagnostics));
      const context = analyzed.findings.filter((f) => CONTEXT_CODES.has(f.code));
      if (context.length > 0) batch.context.push([i, context]);
    }
    opts.onBatch(batch, totals);
  }
  const fileDiagnostics = analyzer.finish();
  opts.onFileDiagnostics?.(fileDiagnostics);
  for (const d of fileDiagnostics) {
    tally(d);
    if (collector.wants(d.severity)) collector.add(d);
  }
  const published = collector
    .result()
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
  return { ...totals, published, total };
}

/** A binary file is one J07 error on line 1 and nothing else. */
export function binaryFileResult(byteOffset: number): PassResult {
  const d = toDiagnostic({ code: 'J07', params: { byteOffset } }, 1);
  return {
    lines: 0,
    records: 0,
    counts: { error: 1, warning: 0, info: 0 },
    byCode: { J07: 1 },
    published: [d],
    total: 1,
  };
}

export function distinctCodes(diagnostics: readonly DiagnosticFacts[]): string[] {
  const codes: string[] = [];
  for (const severity of SEVERITIES) {
    for (const d of diagnostics) if (d.severity === severity && !codes.includes(d.code)) codes.push(d.code);
  }
  return codes;
}

/** Most severe first. */
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Sets the code lists of a batch's lines, each different list stored once. */
export class CodeListWriter {
  private readonly index = new Map<string, number>();

  constructor(private readonly batch: SummaryBatch) {
    for (let i = 0; i < batch.codeLists.length; i++) this.index.set(batch.codeLists[i], i);
  }

  /** The codes of the batch's `k`-th line (an empty list for none). */
  set(k: number, codes: readonly string[]): void {
    if (codes.length === 0) {
      this.batch.codeRefs[k] = 0;
      return;
    }
    const key = codes.join(',');
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.batch.codeLists.length;
      this.batch.codeLists.push(key);
      this.index.set(key, at);
    }
    this.batch.codeRefs[k] = at + 1;
  }
}

/** The codes of a batch's `k`-th line, most severe first (empty for a line without findings). */
export function lineCodesOf(batch: SummaryBatch, k: number): string[] {
  const ref = batch.codeRefs[k];
  return ref === 0 ? [] : batch.codeLists[ref - 1].split(',');
}

/** [0-based line, codes] for each line of the batch with findings, in line order. */
export function batchCodes(batch: SummaryBatch): [number, string[]][] {
  const out: [number, string[]][] = [];
  for (let k = 0; k < batch.codeRefs.length; k++)
    if (batch.codeRefs[k] !== 0) out.push([batch.start + k, lineCodesOf(batch, k)]);
  return out;
}

/** A batch of `n` line summaries starting at line `start`, all zero, to be filled in. */
export function emptySummaryBatch(start: number, n: number): SummaryBatch {
  return {
    start,
    kinds: new Uint8Array(n),
    formats: new Uint8Array(n),
    errors: new Uint16Array(n),
    warnings: new Uint16Array(n),
    infos: new Uint16Array(n),
    codeLists: [],
    codeRefs: new Uint32Array(n),
    context: [],
    reviews: [],
  };
}
