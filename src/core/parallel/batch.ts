import { CodeCounter } from '../diagnostics/codeCounter';
import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic, Finding } from '../diagnostics/types';
import { convertRecord } from '../pipeline/convertRecord';
import { placeFindings, readLineFindings } from '../pipeline/fileAnalyzer';
import type { ParsedRecord } from '../pipeline/readRecord';
import { serializeRecord } from '../pipeline/writeRecord';
import { BRIEFLY, diagnoseSeed } from '../seed/artefacts';
import type { ConvertOptions } from '../types';
import {
  type ExportBatchSettings,
  type ExportFacts,
  preparedExportCounter,
  processExportBatch,
} from './exportBatch';

/** What every batch of one run does: set once per worker. */
export interface BatchSettings {
  /** Run the record checks (spec §4, §5, ms_agent parsing) or only read. */
  check: boolean;
  /** Convert each record too, and serialise the converted ones. */
  convert?: ConvertOptions;
  /**
   * Leave `span` and `data` out of the diagnostics: a caller that only prints positions and messages
   * saves building and copying them (the structured detail is most of a diagnostic's size).
   */
  bare?: boolean;
  /** Do export's per-record work instead (`exportBatch.ts`); the other settings are then ignored. */
  export?: ExportBatchSettings;
}

/** A run of whole lines of a file, in the order they come. */
export interface BatchTask {
  seq: number;
  /** The lines' bytes: every line ends with `\n`, except the file's last line when `unterminated`. */
  bytes: Uint8Array;
  /** 1-based physical line number of the first line. */
  firstLine: number;
  /** True when the batch ends with the file's last line and that line has no newline. */
  unterminated: boolean;
  /** Render every diagnostic (messages, columns) or only count them (nobody will read them). */
  detail: boolean;
}

/** The diagnostics of one line, in the order a sequential run reports them. */
export interface LineProblems {
  line: number;
  /** The record's id, when the line is a record that has one. */
  id?: string;
  diagnostics: Diagnostic[];
}

/** What a batch produced. Findings that depend on other lines (J09, J05, J04) are not in it yet. */
export interface BatchOutcome {
  seq: number;
  lines: number;
  records: number;
  crlfLines: number;
  /** Line of the batch's first CRLF line; 0 when it has none. */
  firstCrlfLine: number;
  /** Every record id of the batch, in line order, with `idLines[i]` the line of `ids[i]`. */
  ids: string[];
  idLines: number[];
  /** Lines with diagnostics, in line order; empty unless the task asked for `detail`. */
  problems: LineProblems[];
  /** Diagnostic counts by code, codes in the order they first occur, with the line where each first does. */
  codes: string[];
  codeCounts: number[];
  codeFirstLines: number[];
  /** Converted records as UTF-8, one JSON line each with its `\n` (convert only). */
  output: Uint8Array;
  converted: number;
  /** Export runs only: what happened to each line; `output` then holds the kept entries' lines. */
  exportFacts?: ExportFacts;
}

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);

/**
 * Holds the last record read until the next one. V8 forgets the hidden classes of parsed records when
 * none is alive at a full GC, and then discards the optimised code of every function that read them (a
 * "weak objects" deopt) only to compile it again: measured, a dozen recompiles per thread per file.
 */
const hiddenClassAnchor: { record?: ParsedRecord } = {};

/**
 * Converted lines encoded straight into one growing buffer: a worker hands the bytes over without
 * copying, and nobody flattens or re-encodes a megabyte-long concatenated string.
 */
class Utf8Lines {
  private buf: Buffer;
  private used = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  push(line: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    const need = this.used + line.length * 3 + 1;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 0x0a;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }
}

/** The diagnostic without `span` and `data`. */
function bareDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    messageZh: d.messageZh,
    line: d.line,
  };
  if (d.column !== undefined) {
    out.column = d.column;
    out.length = d.length;
  }
  return out;
}

/**
 * Reads, checks and (with `settings.convert`) converts every line of a batch, exactly as the sequential
 * pipeline does line by line. Pure: worker threads and the in-thread fallback run the same function.
 */
/** One physical line cut off a batch buffer at `pos`, and where the next one starts. */
export function sliceLine(
  buf: Buffer,
  pos: number,
  lastUnterminated: boolean,
): { bytes: Buffer; crlf: boolean; unterminated: boolean; next: number } {
  const nl = buf.indexOf(LF, pos);
  // Only the file's last line can lack its newline; like the stream reader, it keeps a trailing \r.
  if (nl === -1)
    return { bytes: buf.subarray(pos), crlf: false, unterminated: lastUnterminated, next: buf.length };
  const crlf = nl > pos && buf[nl - 1] === CR;
  return { bytes: buf.subarray(pos, crlf ? nl - 1 : nl), crlf, unterminated: false, next: nl + 1 };
}

export function processBatch(task: BatchTask, settings: BatchSettings): BatchOutcome {
  if (settings.export)
    return processExportBatch(task, settings.export, preparedExportCounter(settings.export));
  const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const convert = settings.convert;
  const counter = new CodeCounter();
  const out: BatchOutcome = {
    seq: task.seq,
    lines: 0,
    records: 0,
    crlfLines: 0,
    firstCrlfLine: 0,
    ids: [],
    idLines: [],
    problems: [],
    codes: counter.codes,
    codeCounts: counter.counts,
    codeFirstLines: counter.firstLines,
    output: EMPTY,
    converted: 0,
  };
  const output = convert
    ? new Utf8Lines(Math.max(1024, task.bytes.byteLength + (task.bytes.byteLength >> 2)))
    : undefined;
  let line = task.firstLine;
  let pos = 0;
  while (pos < buf.length) {
    const { bytes, crlf, unterminated, next } = sliceLine(buf, pos, task.unterminated);
    pos = next;
    if (crlf) {
      if (out.crlfLines === 0) out.firstCrlfLine = line;
      out.crlfLines++;
    }
    // Findings that are only counted need no texts (see DetailFor).
    const detailFor = task.detail ? undefined : BRIEFLY;
    const lf = readLineFindings({ line, bytes, crlf, unterminated }, settings.check, detailFor);
    const record = lf.record;
    if (record) {
      hiddenClassAnchor.record = record;
      out.records++;
      if (record.id !== undefined) {
        out.ids.push(record.id);
        out.idLines.push(line);
      }
    }
    let findings = lf.findings;
    const diagnostics = task.detail && findings.length > 0 ? placeFindings(lf) : [];
    if (convert && record) {
      // After the reading problems: what the seed does to the record, then the conversion's own findings.
      const extra: Finding[] = [];
      if (convert.profile === 'seed' && record.format === 'ms_agent')
        extra.push(...diagnoseSeed(record.turns, undefined, detailFor));
      const converted = convertRecord(record, convert);
      extra.push(...converted.findings);
      if (extra.length > 0) {
        findings = findings.concat(extra);
        if (task.detail) for (const f of extra) diagnostics.push(toDiagnostic(f, line));
      }
      if (converted.ok) {
        out.converted++;
        output?.push(serializeRecord(record, converted.turns, lf.text ?? ''));
      }
    }
    for (const f of findings) counter.add(f.code, line);
    if (diagnostics.length > 0) {
      if (settings.bare)
        for (let i = 0; i < diagnostics.length; i++) diagnostics[i] = bareDiagnostic(diagnostics[i]);
      const problem: LineProblems = { line, diagnostics };
      if (record?.id !== undefined) problem.id = record.id;
      out.problems.push(problem);
    }
    out.lines++;
    line++;
  }
  if (output) out.output = output.bytes();
  return out;
}
