import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic, Finding } from '../diagnostics/types';
import { checkRecord } from './checkRecord';
import { locateTurns, spanToColumns, type TurnLiterals } from './locate';
import { decodeLine, type LineResult, type ParsedRecord, readRecordText } from './readRecord';

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
}

/**
 * Reads a file line by line, keeping the little state that spans lines (duplicate ids, CRLF counts), and
 * turns every line into a record or a reported problem. Used identically by `afcurate`, the editor's
 * worker pass and export, so the same file always yields the same diagnostics.
 */
export class FileAnalyzer {
  private readonly firstLineOfId = new Map<string, number>();
  private crlfCount = 0;
  private firstCrlfLine = 0;
  private bomSeen = false;

  constructor(private readonly options: { check: boolean } = { check: true }) {}

  /** Call once when the file starts with a UTF-8 BOM. */
  noteBom(): void {
    this.bomSeen = true;
  }

  line(raw: RawLine): AnalyzedLine {
    if (raw.crlf) {
      if (this.crlfCount === 0) this.firstCrlfLine = raw.line;
      this.crlfCount++;
    }
    const decoded = decodeLine(raw.bytes);
    if (!decoded.ok) {
      return {
        line: raw.line,
        kind: 'invalid',
        findings: [decoded.finding],
        diagnostics: [toDiagnostic(decoded.finding, raw.line)],
      };
    }
    const result = readRecordText(decoded.text, raw.line, raw.unterminated);
    const findings: Finding[] = [...result.findings];
    const record = result.record;
    if (record) {
      if (record.id !== undefined) {
        const first = this.firstLineOfId.get(record.id);
        if (first === undefined) this.firstLineOfId.set(record.id, raw.line);
        else findings.push({ code: 'J09', params: { id: record.id, firstLine: first } });
      }
      if (this.options.check) findings.push(...checkRecord(record));
    }
    const diagnostics = findings.map((f) => toDiagnostic(f, raw.line));
    if (record) placeSpans(diagnostics, record, decoded.text);
    return { ...result, text: decoded.text, findings, diagnostics };
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
