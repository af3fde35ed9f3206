import { CodeCounter, type CodeTally } from '../core/diagnostics/codeCounter';
import { toDiagnostic, toDiagnosticFacts } from '../core/diagnostics/registry';
import type { Diagnostic, DiagnosticFacts, Severity } from '../core/diagnostics/types';
import type { LineIndex } from '../core/jsonl/lineIndex';
import { readLineFindings } from '../core/pipeline/fileAnalyzer';
import { locateTurns, type TurnLiterals } from '../core/pipeline/locate';
import type { ParsedRecord } from '../core/pipeline/readRecord';
import { REVIEW_KEY, readReview, UNREVIEWED } from '../core/review/state';
import type { FeatureSource, LineFeatures } from '../core/stats/features';
import { FeatureTable, type FeatureTableData, NameIds } from '../core/stats/table';
import {
  CodeListWriter,
  distinctCodes,
  emptySummaryBatch,
  FORMATS,
  LINE_KIND,
  placeOnLine,
  rawLineAt,
  type SummaryBatch,
} from '../editor/model/checkPass';

/**
 * One batch of a range of lines, checked without the findings that depend on lines outside it: the
 * duplicate ids (J09) are added by {@link PassMerger}, which sees every range in file order.
 */
export interface RangeBatch {
  /** The summaries without J09 (`context` is empty). */
  batch: SummaryBatch;
  records: number;
  /**
   * The id of every record that has one, in line order, and its 0-based line at the same index: two flat
   * lists cross threads faster than a pair per record.
   */
  ids: string[];
  idLines: number[];
  /** The batch's codes with their counts and first lines (0-based): the file's tally is merged from these. */
  tally: CodeTally;
  /** The overview's features of every line of the batch (without J09), when asked for. */
  features?: LineFeatures[];
  /**
   * The same encoded in a {@link FeatureTable} (line k of the batch at row k), which is how a worker sends
   * them: a few typed arrays cross threads for a fraction of the cost of cloning, or of JSON for, thousands
   * of small objects. A range's batches share their name ids, so each name crosses once. The merger
   * leaves them alone; the host takes them in as they arrive (`StatsIndex.setEncoded`) and adds J09 once
   * the batch is merged, from its `context`.
   */
  featureData?: FeatureTableData;
}

/** What a range leaves for the end of the pass. */
export interface RangeOutcome {
  /** The first `problemLimit` diagnostics of each severity in the range, placed on their lines. */
  kept: Record<Severity, Diagnostic[]>;
  crlfLines: number;
  /** 1-based line of the range's first CRLF line; 0 when it has none. */
  firstCrlfLine: number;
}

export interface RangeOptions {
  batchLines?: number;
  problemLimit?: number;
  features?(analyzed: FeatureSource): LineFeatures;
  /**
   * Hand the features out encoded ({@link RangeBatch.featureData}, for another thread), each line's
   * encoded as soon as it is computed, so no batch of feature objects (which point into the records'
   * texts) is kept alive until the batch ends.
   */
  encodeFeatures?: boolean;
  /**
   * Whether diagnostics of this severity are still kept (placed on their lines) for the Problems panel;
   * always, when absent. A worker says no once earlier ranges have found the limit of them (`PlacementGate`).
   */
  keeps?(severity: Severity): boolean;
  onBatch(batch: RangeBatch): void;
}

/**
 * Lines a batch reports together. Small: what a batch gathers (every line's features, codes, ids) lives
 * until it is sent, and with 2,000 lines a batch it outlived the young generation's collections, was
 * promoted and had to be collected again with the old one. With two range workers that GC work took
 * the pass from about 3.2 s to 4.2 s on the 2-core bench machine; 50–250 lines all measured alike.
 */
const BATCH_LINES = 250;

/** Diagnostics of each severity kept for the Problems panel, the first in file order. */
export const PROBLEM_LIMIT = 1000;

/**
 * Keeps the last record read alive: V8 drops the hidden classes of parsed records when none is alive at
 * a full GC, and with them the optimised code that read them (see docs/parallel.md).
 */
const hiddenClassAnchor: { record?: ParsedRecord } = {};

/**
 * Checks lines `[from, to)` as the sequential pass does, except for J09. Columns are only worked out for
 * the diagnostics kept for the Problems panel, and the seed findings' texts only for the severities still
 * kept (see DetailFor): nothing else reads them, and locating every turn in every line was a tenth of the
 * pass.
 */
export function runCheckRange(
  buf: Buffer,
  index: LineIndex,
  from: number,
  to: number,
  opts: RangeOptions,
): RangeOutcome {
  const batchLines = opts.batchLines ?? BATCH_LINES;
  const limit = opts.problemLimit ?? PROBLEM_LIMIT;
  const kept: Record<Severity, Diagnostic[]> = { error: [], warning: [], info: [] };
  /** Whether diagnostics of a severity are still placed: the range's own limit, and what `keeps` says. */
  const places = (severity: Severity) => kept[severity].length < limit && (opts.keeps?.(severity) ?? true);
  let crlfLines = 0;
  let firstCrlfLine = 0;
  const names = new NameIds();
  for (let start = from; start < to; start += batchLines) {
    const n = Math.min(batchLines, to - start);
    const batch = emptySummaryBatch(start, n);
    const counter = new CodeCounter();
    const codeLists = new CodeListWriter(batch);
    const out: RangeBatch = { batch, records: 0, ids: [], idLines: [], tally: counter };
    const features: LineFeatures[] | undefined = opts.features && !opts.encodeFeatures ? [] : undefined;
    const encoded = opts.features && opts.encodeFeatures ? new FeatureTable(n, names) : undefined;
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const raw = rawLineAt(buf, index, i);
      if (raw.crlf) {
        if (crlfLines === 0) firstCrlfLine = raw.line;
        crlfLines++;
      }
      // Findings of a severity no longer placed need no texts: nothing else in the pass reads them.
      const lf = readLineFindings(raw, true, places);
      const findings = lf.findings;
      // Messages are rendered only for the diagnostics kept for the Problems panel.
      const diagnostics: DiagnosticFacts[] = new Array(findings.length);
      for (let f = 0; f < findings.length; f++) diagnostics[f] = toDiagnosticFacts(findings[f]);
      const analyzed: FeatureSource = { line: raw.line, kind: lf.kind, findings, diagnostics };
      if (lf.text !== undefined) analyzed.text = lf.text;
      const record = lf.record;
      if (record) analyzed.record = record;
      if (lf.parts) analyzed.parts = lf.parts;
      if (opts.features) {
        const f = opts.features(analyzed);
        if (encoded) encoded.set(k, f);
        else features?.push(f);
      }
      batch.kinds[k] = LINE_KIND[lf.kind];
      if (record) {
        hiddenClassAnchor.record = record;
        out.records++;
        if (record.id !== undefined) {
          out.ids.push(record.id);
          out.idLines.push(i);
        }
        batch.formats[k] = FORMATS.indexOf(record.format) + 1;
        if (REVIEW_KEY in record.value) {
          const review = readReview(record.value);
          if (review !== UNREVIEWED) batch.reviews?.push([i, review]);
        }
      }
      if (diagnostics.length === 0) continue;
      let literals: TurnLiterals | undefined;
      const lazyLiterals = () => {
        if (!literals) literals = record && lf.text !== undefined ? locateTurns(record, lf.text) : [];
        return literals;
      };
      let errors = 0;
      let warnings = 0;
      let infos = 0;
      for (let j = 0; j < diagnostics.length; j++) {
        const d = diagnostics[j];
        counter.add(d.code, i);
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
        else infos++;
        if (places(d.severity))
          kept[d.severity].push(placeOnLine(toDiagnostic(findings[j], raw.line), analyzed, lazyLiterals));
      }
      batch.errors[k] = Math.min(errors, 0xffff);
      batch.warnings[k] = Math.min(warnings, 0xffff);
      batch.infos[k] = Math.min(infos, 0xffff);
      codeLists.set(k, distinctCodes(diagnostics));
    }
    if (features) out.features = features;
    if (encoded) out.featureData = encoded.data();
    // The counter itself would cross threads with its index map: only its arrays are sent.
    out.tally = { codes: counter.codes, counts: counter.counts, firstLines: counter.firstLines };
    opts.onBatch(out);
  }
  return { kept, crlfLines, firstCrlfLine };
}
