import type { Finding } from '../../core/diagnostics/types';
import type { Format } from '../../core/types';
import { FORMATS, LINE_KIND, type SummaryBatch } from './checkPass';

export interface LineSummary {
  kind: 'unknown' | 'record' | 'blank' | 'invalid';
  format?: Format;
  counts?: { error: number; warning: number; info: number };
  codes: readonly string[];
}

const KIND_NAMES = ['unknown', 'record', 'blank', 'invalid'] as const;
const NO_CODES: readonly string[] = [];

/**
 * What the check pass learnt about each line, in typed arrays (a few bytes a line, so 330,000 records
 * cost a few megabytes). Filled batch by batch as the worker reports; `checkedUpTo` tells how far it got.
 */
export class LineSummaries {
  private readonly kinds: Uint8Array;
  private readonly formats: Uint8Array;
  private readonly errors: Uint16Array;
  private readonly warnings: Uint16Array;
  private readonly infos: Uint16Array;
  private readonly codes = new Map<number, readonly string[]>();
  /** Identical code lists share one array: most records of a file have the same few codes. */
  private readonly codeLists = new Map<string, readonly string[]>();
  private readonly context = new Map<number, Finding[]>();
  checkedUpTo = 0;

  constructor(readonly lineCount: number) {
    this.kinds = new Uint8Array(lineCount);
    this.formats = new Uint8Array(lineCount);
    this.errors = new Uint16Array(lineCount);
    this.warnings = new Uint16Array(lineCount);
    this.infos = new Uint16Array(lineCount);
  }

  apply(batch: SummaryBatch): void {
    const n = batch.kinds.length;
    if (batch.start + n > this.lineCount)
      throw new RangeError('check pass batch beyond the end of the document');
    this.kinds.set(batch.kinds, batch.start);
    this.formats.set(batch.formats, batch.start);
    this.errors.set(batch.errors, batch.start);
    this.warnings.set(batch.warnings, batch.start);
    this.infos.set(batch.infos, batch.start);
    for (let k = 0; k < n; k++) {
      const ref = batch.codeRefs[k];
      if (ref === 0) continue;
      const key = batch.codeLists[ref - 1];
      let shared = this.codeLists.get(key);
      if (!shared) {
        shared = key.split(',');
        this.codeLists.set(key, shared);
      }
      this.codes.set(batch.start + k, shared);
    }
    for (const [i, findings] of batch.context) this.context.set(i, findings);
    this.checkedUpTo = Math.max(this.checkedUpTo, batch.start + n);
  }

  /**
   * Replaces what the pass found on line `i` with what checking the line again found (after an edit).
   * A line the pass has not reached yet is left to the pass.
   */
  setLine(
    i: number,
    summary: { kind: LineSummary['kind']; format?: Format; counts: LineSummary['counts']; codes: string[] },
  ): void {
    if (i < 0 || i >= this.checkedUpTo) return;
    this.kinds[i] = LINE_KIND[summary.kind];
    this.formats[i] = summary.format ? FORMATS.indexOf(summary.format) + 1 : 0;
    const counts = summary.counts ?? { error: 0, warning: 0, info: 0 };
    this.errors[i] = Math.min(counts.error, 0xffff);
    this.warnings[i] = Math.min(counts.warning, 0xffff);
    this.infos[i] = Math.min(counts.info, 0xffff);
    if (summary.codes.length > 0) this.codes.set(i, summary.codes);
    else this.codes.delete(i);
  }

  /** Summary of line `i` (0-based). */
  get(i: number): LineSummary {
    if (i >= this.checkedUpTo) return { kind: 'unknown', codes: NO_CODES };
    const f = this.formats[i];
    return {
      kind: KIND_NAMES[this.kinds[i]] ?? 'unknown',
      format: f > 0 ? FORMATS[f - 1] : undefined,
      counts: { error: this.errors[i], warning: this.warnings[i], info: this.infos[i] },
      codes: this.codes.get(i) ?? NO_CODES,
    };
  }

  isChecked(i: number): boolean {
    return i < this.checkedUpTo && this.kinds[i] !== LINE_KIND.unknown;
  }

  /** Findings of line `i` that need the rest of the file (duplicate ids). */
  contextFindings(i: number): Finding[] {
    return this.context.get(i) ?? [];
  }
}
