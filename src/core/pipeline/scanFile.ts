import { severityOf, toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic, Severity } from '../diagnostics/types';
import { readLines } from '../jsonl/readLines';
import { type AnalyzedLine, FileAnalyzer } from './fileAnalyzer';

export class ScanCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

export interface ScanOptions {
  /** Run the record checks (spec §4, §5, ms_agent parsing) or only read. */
  check: boolean;
  signal?: AbortSignal;
  /** Called every 1024 lines and at the end with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Counts of what a scan reported, kept as it goes so nothing has to be held in memory. */
export class ProblemTally {
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  readonly byCode: Record<string, number> = {};

  add(d: Diagnostic): void {
    this.bySeverity[d.severity]++;
    this.byCode[d.code] = (this.byCode[d.code] ?? 0) + 1;
  }

  /** Counts `n` diagnostics of one code at once (a batch's count). */
  count(code: string, n: number): void {
    this.bySeverity[severityOf(code)] += n;
    this.byCode[code] = (this.byCode[code] ?? 0) + n;
  }
}

export interface ScanResult {
  lines: number;
  records: number;
  /** True when the file is binary: one J07 diagnostic and no lines. */
  binary: boolean;
}

/**
 * Streams a file through a {@link FileAnalyzer}: `onLine` sees every physical line once, in order, and
 * `onFileDiagnostic` the file-level findings (binary file, BOM, CRLF) at the end.
 */
export async function scanFile(
  path: string,
  opts: ScanOptions,
  onLine: (line: AnalyzedLine) => Promise<void> | void,
  onFileDiagnostic: (d: Diagnostic) => Promise<void> | void,
): Promise<ScanResult> {
  const analyzer = new FileAnalyzer({ check: opts.check });
  const result: ScanResult = { lines: 0, records: 0, binary: false };
  let bytes = 0;
  for await (const ev of readLines(path)) {
    if (ev.type === 'bom') {
      analyzer.noteBom();
      continue;
    }
    if (ev.type === 'binary') {
      result.binary = true;
      await onFileDiagnostic(toDiagnostic({ code: 'J07', params: { byteOffset: ev.byteOffset } }, 1));
      return result;
    }
    if (opts.signal?.aborted) throw new ScanCancelled();
    result.lines = ev.line;
    bytes += ev.bytes.length + (ev.crlf ? 2 : 1);
    if ((ev.line & 1023) === 0) opts.onProgress?.(bytes);
    const analyzed = analyzer.line(ev);
    if (analyzed.record) result.records++;
    await onLine(analyzed);
  }
  for (const d of analyzer.finish()) await onFileDiagnostic(d);
  opts.onProgress?.(bytes);
  return result;
}
