import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic, Finding } from '../diagnostics/types';
import type { DetailFor } from '../seed/artefacts';
import type { RecordParts } from '../types';
import { checkRecord } from './checkRecord';
import { locateTurns, spanToColumns, type TurnLiterals } from './locate';
import { decodeLine, type LineKind, type LineResult, type ParsedRecord, readRecordText } from './readRecord';

/** One physical line as a reader hands it over: from a stream (CLI) or from a line index (editor). */
export interface RawLine {
  /** 1-based physical line number. */
  line: number;
  bytes: Buffer;
  crlf: boolean;
  /** True for the file's last line when it has no newline: the sign of a half-written file. */
  unterminated: boolean;
}

export interface AnalyzedLine extends LineResult {
  text?: string;
  diagnostics: Diagnostic[];
  /** What the checks parsed of the record (only when it was checked). */
  parts?: RecordParts;
}

/** A line read and checked on its own, before the findings that depend on other lines are added. */
export interface LineFindings {
  line: number;
  kind: LineKind;
  record?: ParsedRecord;
  /** The decoded text; undefined when the bytes are not UTF-8. */
  text?: string;
  findings: Finding[];
  /** What the checks parsed of the record (only when it was checked). */
  parts?: RecordParts;
}

/**
 * Everything about one line that needs no other line: decoding, parsing and (with `check`) the record
 * checks. Worker threads run this on their share of a file; {@link FileAnalyzer} adds the rest.
 */
export function readLineFindings(raw: RawLine, check: boolean, detailFor?: DetailFor): LineFindings {
  const decoded = decodeLine(raw.bytes);
  if (!decoded.ok) return { line: raw.line, kind: 'invalid', findings: [decoded.finding] };
  const result = readRecordText(decoded.text, raw.line, raw.unterminated);
  const record = result.record;
  if (!record) return { line: raw.line, kind: result.kind, text: decoded.text, findings: result.findings };
  if (!check)
    return { line: raw.line, kind: 'record', record, text: decoded.text, findings: result.findings };
  // A record's reading findings are always empty, so its checks can be the findings array itself.
  const parts: RecordParts = { tools: [], actions: [] };
  const findings = checkRecord(record, parts, detailFor);
  return { line: raw.line, kind: 'record', record, text: decoded.text, findings, parts };
}

/** The findings as diagnostics on the line, with column ranges for the ones that point into a turn. */
export function placeFindings(lf: LineFindings): Diagnostic[] {
  const findings = lf.findings;
  const diagnostics: Diagnostic[] = new Array(findings.length);
  for (let i = 0; i < findings.length; i++) diagnostics[i] = toDiagnostic(findings[i], lf.line);
  if (lf.record && lf.text !== undefined) placeSpans(diagnostics, lf.record, lf.text);
  return diagnostics;
}

/**
 * The little state that spans lines (duplicate ids, CRLF counts, the BOM), kept apart from the per-line
 * work so a parallel reader can keep it on one thread and still report exactly what a sequential one does.
 */
export class CrossLineState {
  private readonly firstLineOfId = new Map<string, number>();
  private crlfCount = 0;
  private firstCrlfLine = 0;
  private bomSeen = false;

  noteBom(): void {
    this.bomSeen = true;
  }

  /** Counts `count` CRLF lines, the first of them on `firstLine`. */
  noteCrlf(firstLine: number, count = 1): void {
    if (count === 0) return;
    if (this.crlfCount === 0) this.firstCrlfLine = firstLine;
    this.crlfCount += count;
  }

  /** Remembers a record's id; returns the J09 finding when an earlier line had the same id. */
  noteId(id: string, line: number): Finding | undefined {
    const first = this.firstLineOfId.get(id);
    if (first === undefined) {
      this.firstLineOfId.set(id, line);
      return undefined;
    }
    return { code: 'J09', params: { id, firstLine: first } };
  }

  /** File-level findings, reported on the line where each first showed. */
  finish(): Diagnostic[] {
    const out: Diagnostic[] = [];
    if (this.bomSeen) out.push(toDiagnostic({ code: 'J04' }, 1));
    if (this.crlfCount > 0)
      out.push(toDiagnostic({ code: 'J05', params: { count: this.crlfCount } }, this.firstCrlfLine));
    return out;
  }
}

/**
 * Reads a file line by line, keeping the little state that spans lines (duplicate ids, CRLF counts), and
 * turns every line into a record or a reported problem. Used identically by `afcurate`, the editor's
 * worker pass and export, so the same file always yields the same diagnostics.
 */
export class FileAnalyzer {
  private readonly state = new CrossLineState();

  constructor(private readonly options: { check: boolean } = { check: true }) {}

  /** Call once when the file starts with a UTF-8 BOM. */
  noteBom(): void {
    this.state.noteBom();
  }

  line(raw: RawLine): AnalyzedLine {
    if (raw.crlf) this.state.noteCrlf(raw.line);
    const lf = readLineFindings(raw, this.options.check);
    const record = lf.record;
    // The duplicate-id finding comes first on a record's line (its reading findings are always empty).
    const duplicate = record?.id !== undefined ? this.state.noteId(record.id, raw.line) : undefined;
    if (duplicate) lf.findings = [duplicate, ...lf.findings];
    const diagnostics = placeFindings(lf);
    if (lf.text === undefined) return { line: raw.line, kind: lf.kind, findings: lf.findings, diagnostics };
    if (!record) return { line: raw.line, kind: lf.kind, findings: lf.findings, text: lf.text, diagnostics };
    const analyzed: AnalyzedLine = {
      line: raw.line,
      kind: lf.kind,
      record,
      findings: lf.findings,
      text: lf.text,
      diagnostics,
    };
    if (lf.parts) analyzed.parts = lf.parts;
    return analyzed;
  }

  /** File-level findings, reported on the line where each first showed. */
  finish(): Diagnostic[] {
    return this.state.finish();
  }
}

/** Gives diagnostics that point into a turn a column range on the line, so editors can underline them. */
function placeSpans(diagnostics: Diagnostic[], record: ParsedRecord, rawLine: string): void {
  let literals: TurnLiterals | undefined;
  for (const d of diagnostics) {
    if (!d.span || d.column !== undefined) continue;
    literals ??= locateTurns(record, rawLine);
    const literal = literals[d.span.turn];
    if (!literal) continue;
    const at = spanToColumns(rawLine, literal, d.span);
    d.column = at.column;
    d.length = at.length;
  }
}
