import { toDiagnostic } from '../../core/diagnostics/registry';
import { buildLineIndex, type LineIndex } from '../../core/jsonl/lineIndex';
import type { RawLine } from '../../core/pipeline/fileAnalyzer';
import { decodeLine, type LineResult, readRecordText } from '../../core/pipeline/readRecord';
import type { FileError, FileInfo, Language, RowSummary } from '../protocol';
import { BLANK_CANDIDATE_BYTES, isBlankLine } from './blankLine';
import { rawLineAt } from './checkPass';
import { classifyFile, type FileKind } from './fileKind';
import { LineSummaries } from './lineSummaries';

/** Parsed lines kept for paging back and forth; a page is 200 rows, so this is a few screens. */
const PARSE_CACHE_SIZE = 1000;

/**
 * The curator's document, free of `vscode`: the file's bytes, a line index over them, the list of rows
 * (every line that is not blank), and what the check pass found. Records are parsed only when a page of
 * rows or a record is asked for, so opening a 1 GB file costs one indexing pass and no parsing.
 *
 * This is the file as it is on disk; unsaved review state and edits live in the document's session
 * (`session.ts`), which shows them on the rows through {@link decorateRow}.
 */
export class CuratorModel {
  readonly index: LineIndex;
  readonly fileKind: FileKind;
  /** 0-based line of each row, in file order. */
  readonly rows: Int32Array;
  readonly summaries: LineSummaries;
  private readonly parsed = new Map<number, LineResult & { text?: string }>();

  /** Puts the unsaved state of a line (review, edits) on its row; set by the document's session. */
  decorateRow: ((row: RowSummary, i: number) => void) | undefined;

  /**
   * `summaries` carries the check pass's findings over from the model this one replaces, when the lines
   * are the same ones (after a save that rewrote some of them).
   */
  constructor(
    readonly fileName: string,
    readonly bytes: Buffer,
    summaries?: LineSummaries,
    index?: LineIndex,
  ) {
    this.index = index ?? buildLineIndex(bytes);
    this.fileKind = classifyFile(bytes, this.index);
    // A file that is not UTF-8 text has no rows to show, only its message (and its Problems entries).
    this.rows = this.fileKind.kind === 'text' ? this.buildRows() : new Int32Array(0);
    this.summaries =
      summaries && summaries.lineCount === this.index.count ? summaries : new LineSummaries(this.index.count);
  }

  /** The model of a file as read, with the index its reader built (see `readFileShared`). */
  static ofRead(fileName: string, read: { bytes: Buffer; index: LineIndex }): CuratorModel {
    return new CuratorModel(fileName, read.bytes, undefined, read.index);
  }

  get lineCount(): number {
    return this.index.count;
  }

  get rowCount(): number {
    return this.rows.length;
  }

  private buildRows(): Int32Array {
    const rows = new Int32Array(this.index.count);
    let n = 0;
    for (let i = 0; i < this.index.count; i++) {
      // Only short lines can be blank; long ones are rows without looking at their bytes.
      const short = this.index.end(i) - this.index.start(i) < BLANK_CANDIDATE_BYTES;
      if (!short || !isBlankLine(this.bytesOfLine(i))) rows[n++] = i;
    }
    return rows.slice(0, n);
  }

  /** The bytes of line `i` (0-based), without its line end. */
  bytesOfLine(i: number): Buffer {
    return this.bytes.subarray(this.index.start(i), this.index.end(i));
  }

  rawLine(i: number): RawLine {
    return rawLineAt(this.bytes, this.index, i);
  }

  /** The decoded text of line `i`, or undefined when it is not valid UTF-8. */
  lineText(i: number): string | undefined {
    const decoded = decodeLine(this.bytesOfLine(i));
    return decoded.ok ? decoded.text : undefined;
  }

  /** Reads line `i` as a record (no checks), cached. */
  readLine(i: number): LineResult & { text?: string } {
    const hit = this.parsed.get(i);
    if (hit) {
      // Refresh its place so the cache evicts the least recently used line.
      this.parsed.delete(i);
      this.parsed.set(i, hit);
      return hit;
    }
    const raw = this.rawLine(i);
    const decoded = decodeLine(raw.bytes);
    const result: LineResult & { text?: string } = decoded.ok
      ? { ...readRecordText(decoded.text, i + 1, raw.unterminated), text: decoded.text }
      : { line: i + 1, kind: 'invalid', findings: [decoded.finding] };
    this.parsed.set(i, result);
    if (this.parsed.size > PARSE_CACHE_SIZE) {
      const oldest = this.parsed.keys().next().value;
      if (oldest !== undefined) this.parsed.delete(oldest);
    }
    return result;
  }

  /** The row showing line `i` (0-based), or the row of the nearest following line; -1 past the end. */
  rowOfLine(i: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.rows.length ? lo : -1;
  }

  rowsPage(start: number, count: number, language: Language): RowSummary[] {
    const out: RowSummary[] = [];
    const end = Math.min(this.rows.length, start + count);
    for (let r = start; r < end; r++) out.push(this.rowSummary(this.rows[r], language));
    return out;
  }

  rowSummary(i: number, language: Language): RowSummary {
    const read = this.readLine(i);
    const row: RowSummary = { line: i + 1, kind: read.record ? 'record' : 'invalid', review: 'unreviewed' };
    if (read.record) {
      if (read.record.id !== undefined) row.id = read.record.id;
      row.format = read.record.format;
    } else if (read.findings[0]) {
      const d = toDiagnostic(read.findings[0], i + 1);
      row.message = language === 'zh' ? d.messageZh : d.message;
    }
    if (i < this.summaries.checkedUpTo) {
      const s = this.summaries.get(i);
      row.counts = s.counts;
      row.codes = [...s.codes];
    }
    this.decorateRow?.(row, i);
    return row;
  }

  fileInfo(language: Language): FileInfo {
    const info: FileInfo = {
      fileName: this.fileName,
      byteLength: this.bytes.length,
      lineCount: this.index.count,
      rowCount: this.rows.length,
    };
    const error = fileError(this.fileKind, language);
    if (error) info.error = error;
    return info;
  }
}

/** The message shown instead of rows for a file that is not UTF-8 text. */
export function fileError(kind: FileKind, language: Language): FileError | undefined {
  const zh = language === 'zh';
  switch (kind.kind) {
    case 'text':
      return undefined;
    case 'binary': {
      const d = toDiagnostic({ code: 'J07', params: { byteOffset: kind.byteOffset } }, 1);
      return {
        kind: 'binary',
        message: zh ? d.messageZh : d.message,
        detail: zh
          ? '数据集应为每行一个 JSON 对象的 UTF-8 文本。请确认打开的是正确的文件（而不是压缩包或二进制导出）。'
          : 'A dataset is UTF-8 text with one JSON object per line. Check that this is the right file (not an archive or a binary export).',
      };
    }
    case 'utf16':
      return {
        kind: 'utf16',
        message: zh ? '该文件是 UTF-16 编码，而不是 UTF-8。' : 'This file is encoded as UTF-16, not UTF-8.',
        detail: zh
          ? '请将其重新保存为 UTF-8（例如 `iconv -f UTF-16 -t UTF-8`），然后重新打开。'
          : 'Save it again as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`) and reopen it.',
      };
    case 'not-utf8':
      return {
        kind: 'not-utf8',
        message: zh
          ? `该文件不是 UTF-8 编码：抽查的 ${kind.sampled} 行全部无法解码。`
          : `This file is not UTF-8: none of the ${kind.sampled} lines sampled decode as UTF-8.`,
        detail: zh
          ? '它可能是 GBK 等其他编码。请先转换为 UTF-8（例如 `iconv -f GBK -t UTF-8`）。每一行的问题仍列在"问题"面板中。'
          : 'It is probably in another encoding such as GBK. Convert it to UTF-8 first (e.g. `iconv -f GBK -t UTF-8`). Each line is still listed in the Problems panel.',
      };
  }
}
